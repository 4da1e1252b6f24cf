#!/usr/bin/env bash
# fetch-base-files.sh BASE: in a partial clone (git clone --filter=blob:none;
# actions/checkout's `filter: blob:none`; GitLab's GIT_FETCH_EXTRA_FLAGS), fetches the
# files of merge-base(BASE, HEAD) that `faaslint check --base BASE` compares with. git
# fetches a partial clone's missing files when it needs them; libgit2, which faaslint
# reads the repository with, cannot (docs/git.md, "Partial clones"). Elsewhere it does
# nothing. It never fails the job: if the fetch fails, faaslint names what is missing.
set -uo pipefail
base=${1:?usage: fetch-base-files.sh BASE}

partial=$(git config --get extensions.partialclone 2>/dev/null)
[[ -z "$partial" ]] && partial=$(git config --get-regexp '^remote\..*\.promisor$' 2>/dev/null | grep -iE ' (true|yes|on|1)$')
[[ -n "$partial" ]] || exit 0
merge_base=$(git merge-base "$base" HEAD 2>/dev/null) || exit 0
echo "faaslint: a partial clone: fetching the files of $merge_base that the comparison needs"
# A diff that prints patches needs the old side of each changed file; git fetches those
# in one batch. (`git diff --quiet` would stop at the first difference, fetching nothing.)
git diff "$merge_base" >/dev/null 2>&1 || echo "faaslint: git could not fetch them; faaslint will name what is missing"
exit 0
