#!/usr/bin/env bash
# Builds the krew archive of kubectl-booster and writes its sha256 (and version and URL) into the krew manifest,
# whose one platform block serves linux and darwin on amd64 and arm64 (the archive is platform-independent).
#   release/build.sh [OUT_DIR [MANIFEST]]     (defaults: dist/ and krew-manifest.yaml)
# The archive holds the launcher `kubectl-booster`, `kubectl-booster.jar` exported by JBang with its `lib/`, and
# LICENSE. RELEASE_BASE_URL is where the archive will be published (the manifest's `uri`).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)"
manifest="${2:-$root/krew-manifest.yaml}"
version="v$(sed -n 's/.*String VERSION = "\(.*\)";.*/\1/p' "$root/lib/booster/cli/BoosterCommand.java")"
base_url="${RELEASE_BASE_URL:-https://github.com/kubectl-booster/kubectl-booster/releases/download}"
archive="kubectl-booster-$version.tar.gz"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
(cd "$root" && ./jbang export portable --force -O "$stage/kubectl-booster.jar" kubectl-booster.java) >&2
sed "s/@VERSION@/$version/" "$root/release/kubectl-booster" >"$stage/kubectl-booster"
chmod 755 "$stage/kubectl-booster"
cp "$root/LICENSE" "$stage/LICENSE"
# Sorted names, fixed owners and times: the same inputs give the same archive listing.
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime='@0' \
  -czf "$out/$archive" kubectl-booster kubectl-booster.jar lib LICENSE

sha="$(sha256sum "$out/$archive" | cut -d' ' -f1)"
sed -i -e "s|^\(  version: \).*|\1$version|" \
  -e "s|^\(    uri: \).*|\1$base_url/$version/$archive|" \
  -e "s|^\(    sha256: \).*|\1$sha|" "$manifest"
echo "$out/$archive"
