#!/usr/bin/env bash
# Builds the krew archives of kubectl-booster into OUT_DIR (default dist/, ignored by git) and writes the krew
# manifest for exactly what was built there, with real checksums: OUT_DIR/krew-manifest.yaml. The tracked
# krew-manifest.yaml is only its template (description, caveats) and is never modified.
#   release/build.sh [OUT_DIR]
# - kubectl-booster-VERSION.tar.gz: the JVM archive (launcher `kubectl-booster`, `kubectl-booster.jar` exported by
#   JBang with its `lib/`, LICENSE, and `kubectl_complete-booster`, through which kubectl 1.26+ completes
#   `kubectl booster ...`). It serves every platform without a native archive.
# - kubectl-booster-VERSION-OS-ARCH.tar.gz: native archives from release/build-native.sh. One is listed only when
#   its stamp (.verified, written once the differential suite passed) matches the archive and these sources.
# RELEASE_BASE_URL is where the archives will be published (the manifest's `uri`s).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/release/lib.sh"
out="$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)"
version=$(plugin_version)
base_url="${RELEASE_BASE_URL:-https://github.com/kubectl-booster/kubectl-booster/releases/download}/$version"
archive="kubectl-booster-$version.tar.gz"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
export_plugin "$stage"
sed "s/@VERSION@/$version/" "$root/release/kubectl-booster" >"$stage/kubectl-booster"
chmod 755 "$stage/kubectl-booster"
cp "$root/LICENSE" "$stage/LICENSE"
cp "$root/release/kubectl_complete-booster" "$stage/kubectl_complete-booster"
# Sorted names, fixed owners and times: the same inputs give the same archive listing.
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime='@0' \
  -czf "$out/$archive" kubectl-booster kubectl_complete-booster kubectl-booster.jar lib LICENSE

sha() { sha256sum "$1" | cut -d' ' -f1; }

# One platform block. $1: archive file name, $2: os, $3: space-separated archs, $4...: its files (krew globs).
platform() {
  local name=$1 os=$2 archs=$3
  shift 3
  cat <<EOF
  - selector:
      matchExpressions:
      - {key: os, operator: In, values: [$os]}
      - {key: arch, operator: In, values: [${archs// /, }]}
    uri: $base_url/$name
    sha256: $(sha "$out/$name")
    files:
EOF
  for file in "$@"; do
    local to=.
    [[ $file == lib/* ]] && to=lib
    printf '    - from: "%s"\n      to: %s\n' "$file" "$to"
  done
  echo "    bin: kubectl-booster"
}

# Native archives that were verified on these sources; each takes its platform away from the JVM archive, so the
# selectors never overlap.
declare -A native=()
digest=$(source_digest)
for candidate in "$out"/kubectl-booster-"$version"-*-*.tar.gz; do
  [[ -f $candidate ]] || continue
  name=$(basename "$candidate")
  target=${name#kubectl-booster-$version-}
  target=${target%.tar.gz}
  if [[ "$(cat "$candidate.verified" 2>/dev/null)" == "sha256 $(sha "$candidate") source $digest" ]]; then
    native[$target]=$name
  else
    echo "release/build.sh: leaving out $name: not verified on these sources (run release/build-native.sh)" >&2
  fi
done

{
  echo "# Written by release/build.sh for the archives beside it."
  sed -n "/^apiVersion:/,/^  platforms:/p" "$root/krew-manifest.yaml" | sed "s|^\(  version: \).*|\1$version|"
  for target in $(printf '%s\n' "${!native[@]}" | sort); do
    name=${native[$target]}
    listing=$(tar -tzf "$out/$name")
    mapfile -t files < <(grep -v -e '/$' -e '\.so$' <<<"$listing" | sort)
    # The verification toolchain's binary needs its shared libraries beside it; a GraalVM binary has none.
    if grep -q '\.so$' <<<"$listing"; then
      files+=('*.so')
    fi
    platform "$name" "${target%-*}" "${target#*-}" "${files[@]}"
  done
  for os in linux darwin; do
    archs=""
    for arch in amd64 arm64; do
      [[ -n ${native[$os-$arch]:-} ]] || archs="${archs:+$archs }$arch"
    done
    if [[ -n $archs ]]; then
      platform "$archive" "$os" "$archs" kubectl-booster kubectl_complete-booster kubectl-booster.jar 'lib/*' LICENSE
    fi
  done
} >"$out/krew-manifest.yaml"
echo "$out/$archive"
