#!/usr/bin/env bash
# The GitHub Action's setup step: the faaslint-path input when given, else a build of
# this checkout (restored from actions/cache when the sources did not change).
# Writes `bin=<path>` to $GITHUB_OUTPUT.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ -n "${FAASLINT_PATH:-}" ]]; then
  if [[ ! -x "$FAASLINT_PATH" ]] || ! "$FAASLINT_PATH" --version >/dev/null 2>&1; then
    echo "::error title=faaslint::faaslint-path $FAASLINT_PATH is not a faaslint binary that runs here"
    exit 2
  fi
  bin=$FAASLINT_PATH
else
  # The same folder the action.yml cache step restores and saves.
  export FAASLINT_CACHE_DIR=${FAASLINT_CACHE_DIR:-$HOME/.cache/faaslint}
  bin=$("$root/scripts/build-cached.sh" --install-deps)
fi
echo "faaslint: using $bin ($("$bin" --version))"
echo "bin=$bin" >>"${GITHUB_OUTPUT:-/dev/null}"
