#!/usr/bin/env bash
# Compares a --staged ComputeChanges with `git diff --cached` on a repository made from
# a CPython standard library (default /usr/lib/python3.11; __pycache__ left out), with a
# few staged edits, and on its first commit (every file new).
# Usage: bench/git_staged.sh [STDLIB_DIR]   (after ./scripts/build.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench=${BUILD_DIR:-$root/build}/bench/faaslint_git_bench
stdlib=${1:-/usr/lib/python3.11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git() { command git -c user.name=bench -c user.email=bench@example.com -c commit.gpgsign=false "$@"; }

cp -a "$stdlib" "$work/repo"
cd "$work/repo"
find . -name __pycache__ -prune -exec rm -rf {} +
git init -q . && git add -A
echo "$(git ls-files | wc -l) files, $(du -sh --exclude=.git . | cut -f1)"

# Best of 20 wall-clock runs of a command, in ms.
best_of() {
  local best=999999 t0 t1 ms
  for _ in $(seq 20); do
    t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000 )); (( ms < best )) && best=$ms
  done
  printf '%d.%03d ms' $((best / 1000)) $((best % 1000))
}

echo "== first commit, everything staged is new"
echo "git diff --cached:        $(best_of git diff --cached)"
"$bench" . staged "" 20

git commit -qm base
for f in json/__init__.py os.py threading.py; do printf '\n# edited\n' >> "$f"; done
sed -i '10s/$/  # changed/' argparse.py
git add -A
echo "== a few staged edits"
echo "git diff --cached:        $(best_of git diff --cached)"
echo "git diff --cached -U0:    $(best_of git diff --cached -U0)"
"$bench" . staged "" 20
echo "whole process, 1 check:   $(best_of "$bench" . staged "" 1)   (start, libgit2 init, check)"
echo "== the same, default mode (HEAD vs work tree) for comparison"
echo "git diff HEAD:            $(best_of git diff HEAD)"
"$bench" . worktree "" 20
