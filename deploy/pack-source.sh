#!/usr/bin/env bash
# Packs the operator's sources into deploy/operator-source.tar.gz, which deploy/kustomization.yaml turns into the
# ConfigMap the pods unpack and run: operator.java and lib/**.java, except lib/booster/cli (the plugin's
# commands; nothing the operator compiles uses them). Run it after changing those files and commit the archive;
# booster.operator.DeployManifestsTest fails while the archive differs from the files.
# kustomize reads files only below deploy/, so the sources cannot be read from the checkout at apply time.
# Same files in, same bytes out (GNU tar and gzip): sorted names, no owners, fixed modes and times.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=deploy/operator-source.tar.gz
{
  echo operator.java
  find lib -name '*.java' -not -path 'lib/booster/cli/*' | LC_ALL=C sort
} | tar --create --format=ustar --no-recursion --files-from=- --owner=0 --group=0 --numeric-owner \
  --mode='u=rw,go=r' --mtime='@0' | gzip -9 -n >"$out.tmp"
mv -f "$out.tmp" "$out"
echo "$out: $(tar -tzf "$out" | wc -l) files, $(wc -c <"$out") bytes"
