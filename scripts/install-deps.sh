#!/usr/bin/env bash
# Installs what faaslint needs on Debian 12 (DESIGN §4). Idempotent: skips apt when
# every package is already there. Pass --test to add what the test suite uses.
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config git
  libgit2-dev libtree-sitter-dev libyaml-cpp-dev libfmt-dev nlohmann-json3-dev
  libtomlplusplus-dev libcli11-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(libgtest-dev libgmock-dev pre-commit python3)
  # The fuzz smoke run (scripts/fuzz-smoke.sh): clang and its libFuzzer runtime.
  packages+=(clang libclang-rt-14-dev)
fi

# npm may come with a Node.js that is not Debian's (it then owns the npm command).
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "faaslint: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
