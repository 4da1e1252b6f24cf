#!/usr/bin/env bash
# Regenerates docs/rules/ from the rules' explanations (after adding or editing a rule).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
FAASLINT_UPDATE_DOCS=1 "$build/tests/faaslint_tests" --gtest_filter='RuleDocs.*' >/dev/null
echo "docs/rules/ regenerated"
