#!/usr/bin/env bash
# Builds the native kubectl-booster for this machine's platform from the exported plugin jar and the committed
# reachability metadata (release/native-image/), runs the differential suite against it (mvn -Pnative test: every
# case must print and exit exactly as the JVM plugin), and only then packs OUT_DIR/kubectl-booster-VERSION-OS-ARCH
# .tar.gz with its stamp (.verified), which release/build.sh checks before listing the archive in the manifest.
#   release/build-native.sh [OUT_DIR]     (default dist/; the build itself is left in OUT_DIR/native/)
# The builder: $GRAALVM_HOME/bin/native-image when GRAALVM_HOME is set, which is how a release is made. Otherwise
# the verification toolchain that ../shared/tools/native-image/ assembles from Maven Central jars on machines
# without GraalVM (set up in NI_HOME, default ~/.cache/ni-home, on first use): unsupported, it is there to verify
# the metadata and the binary. A build takes 5-8 minutes and about 8 GB of memory; run one at a time.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/release/lib.sh"
out="$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)"
version=$(plugin_version)
toolchain="$root/../shared/tools/native-image"
if [[ -z ${GRAALVM_HOME:-} && ! -f $toolchain/ni-build.sh ]]; then
  echo "release/build-native.sh: no native-image builder: set GRAALVM_HOME to a GraalVM 25 (with native-image)," \
    "or provide the verification toolchain in $toolchain" >&2
  exit 1
fi
os=$(uname -s | tr '[:upper:]' '[:lower:]')
case "$(uname -m)" in
  x86_64 | amd64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) arch=$(uname -m) ;;
esac
jvm="$out/native/jvm"
bin="$out/native/$os-$arch"
rm -rf "$jvm" "$bin"
mkdir -p "$jvm" "$bin"
export_plugin "$jvm"
classpath="$jvm/kubectl-booster.jar:$(ls "$jvm"/lib/*.jar | paste -sd:)"
metadata="$root/release/native-image/META-INF/native-image/dev.kthena.booster/kubectl-booster"
# Every charset (snakeyaml-engine probes UTF-32 reading a kubeconfig) and both API server schemes.
options=(-H:ConfigurationFileDirectories="$metadata" -H:+AddAllCharsets -H:EnableURLProtocols=http,https)

if [[ -n ${GRAALVM_HOME:-} ]]; then
  "$GRAALVM_HOME/bin/native-image" --no-fallback -cp "$classpath" -o "$bin/kubectl-booster" "${options[@]}" \
    KubectlBooster
else
  echo "release/build-native.sh: GRAALVM_HOME is not set; building with the verification toolchain" \
    "in $toolchain (not for releases)" >&2
  export NI_HOME="${NI_HOME:-$HOME/.cache/ni-home}"
  [[ -x $NI_HOME/jdk/bin/java ]] || bash "$toolchain/ni-setup.sh"
  NI_XMX="${NI_XMX:-10g}" bash "$toolchain/ni-build.sh" "$classpath" KubectlBooster kubectl-booster "$bin" \
    "${options[@]}"
fi

(cd "$root" && mvn -B -Pnative test -Dbooster.native="$bin/kubectl-booster" \
  -Dbooster.native.jar="$jvm/kubectl-booster.jar")

archive="$out/kubectl-booster-$version-$os-$arch.tar.gz"
cp "$root/LICENSE" "$bin/LICENSE"
cp "$root/release/kubectl_complete-booster" "$bin/kubectl_complete-booster"
tar -C "$bin" --sort=name --owner=0 --group=0 --numeric-owner --mtime='@0' -czf "$archive" \
  $(cd "$bin" && ls)
echo "sha256 $(sha256sum "$archive" | cut -d' ' -f1) source $(source_digest)" >"$archive.verified"
echo "$archive"
