#!/usr/bin/env bash
# Configures and builds faaslint into ${BUILD_DIR:-build}. The grammars are fetched
# by the npm client on the first configure (pinned, checksummed, cached).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
