#!/usr/bin/env bash
# Regenerates the native image's reachability metadata (release/native-image/META-INF/native-image/...) from
# class-load traces of the differential suite (tests/booster/cli/CliCases.java) run on the JVM plugin, as
# tests/booster/cli/ReachabilityMetadata.java describes. Run it when the plugin loads new classes: KrewInstallTest
# fails until the committed files cover them. Takes a minute or two.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/release/lib.sh"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
export_plugin "$stage"
cd "$root"
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" booster.cli.ReachabilityMetadata \
  "$stage/kubectl-booster.jar"
