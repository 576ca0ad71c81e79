# Shared by release/build.sh and release/build-native.sh (sourced; needs $root, the repository root).

# The plugin's version, as the krew manifest and archive names spell it: v0.1.0.
plugin_version() {
  echo "v$(sed -n 's/.*String VERSION = "\(.*\)";.*/\1/p' "$root/lib/booster/cli/BoosterCommand.java")"
}

# Exports kubectl-booster.jar and its lib/ into DIR with JBang, then drops what the plugin never loads: JBang cannot
# exclude transitive dependencies, so kubernetes-client brings fabric8's Vert.x HTTP client, Vert.x, Netty and the
# Jackson 2 core Vert.x uses, while the plugin talks through the JDK HTTP client. The jar's Class-Path follows.
export_plugin() {
  local dir=$1 drop='/(vertx-|netty-|kubernetes-httpclient-vertx-|jackson-core-2\.)[^/]*\.jar$'
  (cd "$root" && ./jbang export portable --force -O "$dir/kubectl-booster.jar" kubectl-booster.java) >&2
  find "$dir/lib" -name '*.jar' | grep -E "$drop" | xargs rm -f
  local work
  work=$(mktemp -d)
  mkdir "$work/jar"
  (cd "$work/jar" && jar xf "$dir/kubectl-booster.jar")
  mv "$work/jar/META-INF/MANIFEST.MF" "$work/old.mf"
  # Unfold the manifest's 72-byte CRLF lines, keep the Class-Path entries still present, fold again.
  awk '{ sub(/\r$/, "") } /^ / { line = line substr($0, 2); next } { if (line != "") print line; line = $0 }
       END { if (line != "") print line }' "$work/old.mf" |
    awk -v present="$(cd "$dir" && ls lib/*.jar)" '
      BEGIN { split(present, files, "\n"); for (f in files) have[files[f]] = 1 }
      /^Class-Path: / {
        n = split(substr($0, 13), entries, " "); kept = "Class-Path:"
        for (i = 1; i <= n; i++) if (entries[i] in have) kept = kept " " entries[i]
        $0 = kept
      }
      { print }' |
    awk '{ print substr($0, 1, 72); for (i = 73; i <= length($0); i += 71) print " " substr($0, i, 71) }' \
      >"$work/MANIFEST.MF"
  jar --create --file "$dir/kubectl-booster.jar" --manifest "$work/MANIFEST.MF" -C "$work/jar" .
  rm -rf "$work"
}

# A digest of what a native binary is built from (the plugin's sources and its reachability metadata), so a native
# archive built from other sources is never published beside this one.
source_digest() {
  (cd "$root" && find kubectl-booster.java lib $(ls -d release/native-image 2>/dev/null) -type f | LC_ALL=C sort |
    xargs cat | sha256sum | cut -d' ' -f1)
}
