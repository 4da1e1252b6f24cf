#!/usr/bin/env bash
# README command 1: install, build, and run faaslint on the seed's broken Flask app
# and on its fixed version.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
bin=${BUILD_DIR:-$root/build}/faaslint
echo
echo "== faaslint check --all examples/broken-flask-app (the app that failed on Vercel)"
(cd "$root/examples/broken-flask-app" && "$bin" check --all)
echo "   exit status: $? (1 = findings)"
echo
echo "== faaslint check --all examples/fixed-flask-app (the same app, made serverless)"
(cd "$root/examples/fixed-flask-app" && "$bin" check --all)
echo "   exit status: $?"
