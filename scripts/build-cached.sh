#!/usr/bin/env bash
# Builds faaslint once per source version and system, into a cache folder, and prints
# the path of the binary. Used by the pre-commit hook (hooks/faaslint-hook) and the
# GitHub Action, which run from a plain checkout of this repository.
#
#   build-cached.sh          build if needed, print the binary's path
#   build-cached.sh --key    print the cache key only (the Action's actions/cache key)
#   build-cached.sh --install-deps   run scripts/install-deps.sh first when a build is needed
#
# Cache folder: $FAASLINT_CACHE_DIR, else ${XDG_CACHE_HOME:-$HOME/.cache}/faaslint.
# Needs the system packages of scripts/install-deps.sh; the first build also needs
# the npm client to fetch the grammars (then cached in <cache>/grammars).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${FAASLINT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/faaslint}

# What the binary depends on: the sources that go into it, and the system it links
# against (a binary built on Debian 12 does not run on another libgit2).
source_key() {
  local system
  system=$(uname -sm)
  if [[ -r /etc/os-release ]]; then
    system+=" $(. /etc/os-release && echo "${ID:-}-${VERSION_ID:-}")"
  fi
  {
    echo "$system"
    cd "$root"
    find CMakeLists.txt cmake src -type f | LC_ALL=C sort | xargs sha256sum
  } | sha256sum | cut -c1-16
}

key=$(source_key)
case "${1:-}" in
  --key) echo "$key"; exit 0 ;;
  --install-deps | "") ;;
  *) echo "usage: build-cached.sh [--key | --install-deps]" >&2; exit 2 ;;
esac

bin="$cache/bin-$key/faaslint"
if [[ -x "$bin" ]]; then
  echo "$bin"
  exit 0
fi

[[ "${1:-}" == "--install-deps" ]] && "$root/scripts/install-deps.sh" >&2
# First use: build in a private folder, then move the binary into place, so that two
# hooks starting at once never see a half-written binary.
mkdir -p "$cache"
work=$(mktemp -d "$cache/build-XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "faaslint: first use of this version: building it into $cache (about a minute)" >&2
# A git hook exports GIT_DIR/GIT_INDEX_FILE; the build must not see them.
for name in $(env | sed -n 's/^\(GIT_[A-Za-z_]*\)=.*/\1/p'); do unset "$name"; done
if ! cmake -S "$root" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFAASLINT_TESTS=OFF \
      "-DFAASLINT_GRAMMAR_CACHE=$cache/grammars" >"$work/log" 2>&1 ||
   ! cmake --build "$work/build" --target faaslint >>"$work/log" 2>&1; then
  tail -n 30 "$work/log" >&2
  echo "faaslint: the build failed (log above); the system packages it needs are installed by" \
       "$root/scripts/install-deps.sh" >&2
  exit 2
fi
mkdir -p "$work/bin-$key"
cp "$work/build/faaslint" "$work/bin-$key/faaslint"
# rename(2) of a folder fails if another build won the race; theirs is as good.
mv -T "$work/bin-$key" "$cache/bin-$key" 2>/dev/null || true
if [[ ! -x "$bin" ]]; then
  echo "faaslint: could not install the built binary into $cache/bin-$key" >&2
  exit 2
fi
echo "$bin"
