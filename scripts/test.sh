#!/usr/bin/env bash
# README command 2: install, build, fetch the test-only npm tools, run every test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh" --test
"$root/scripts/build.sh"
"$root/scripts/install-test-tools.sh" "$build/_tools"
cd "$build"
ctest --output-on-failure -j"$(nproc)" --timeout 600
# A short bounded run of every fuzz target (skipped without clang/libFuzzer).
"$root/scripts/fuzz-smoke.sh"
