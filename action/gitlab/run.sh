#!/usr/bin/env bash
# The GitLab CI job's script (action/gitlab/faaslint.gitlab-ci.yml): picks the base
# commit from the pipeline's variables, fetches it into a shallow clone, runs faaslint
# once with text for the job log and the Code Quality report for the merge request.
#
# Variables (GitLab's predefined ones, plus the template's FAASLINT_*):
#   CI_PROJECT_DIR, CI_MERGE_REQUEST_DIFF_BASE_SHA, CI_COMMIT_BEFORE_SHA,
#   CI_COMMIT_BRANCH, CI_DEFAULT_BRANCH
#   FAASLINT_BIN          a faaslint binary; empty: build this checkout (cached)
#   FAASLINT_ALL          true: check every line
#   FAASLINT_FAIL_ON      error | warning | note (default from the configuration)
#   FAASLINT_CONFIG       configuration file
#   FAASLINT_REPORT       Code Quality report path (default gl-code-quality-report.json)
#   FAASLINT_FETCH_DEPTH  commits fetched per step when the clone is too shallow (default 50)
#
# Exit status is faaslint's: 0 clean, 1 findings at or above fail-on, 2 error.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

die() {
  echo "faaslint: $*" >&2
  exit 2
}

cd "${CI_PROJECT_DIR:-.}" || die "CI_PROJECT_DIR ${CI_PROJECT_DIR}: not a folder"
report=${FAASLINT_REPORT:-gl-code-quality-report.json}
depth=${FAASLINT_FETCH_DEPTH:-50}
[[ "$depth" =~ ^[1-9][0-9]*$ ]] || die "FAASLINT_FETCH_DEPTH must be a positive number, not '$depth'"

# The job's own files (the build cache, the report) are not part of the change: keep
# them out of faaslint's view of the working tree.
if git_dir=$(git rev-parse --git-dir 2>/dev/null); then
  mkdir -p "$git_dir/info"
  for pattern in /.faaslint-cache/ "/$report"; do
    grep -qxF "$pattern" "$git_dir/info/exclude" 2>/dev/null || echo "$pattern" >>"$git_dir/info/exclude"
  done
fi

bin=${FAASLINT_BIN:-}
if [[ -z "$bin" ]]; then
  export FAASLINT_CACHE_DIR=${FAASLINT_CACHE_DIR:-$PWD/.faaslint-cache}
  bin=$("$root/scripts/build-cached.sh" --install-deps) || exit 2
fi

zero_sha='^0+$'
base="" base_from=""
if [[ "${FAASLINT_ALL:-false}" != "true" ]]; then
  if [[ -n "${CI_MERGE_REQUEST_DIFF_BASE_SHA:-}" ]]; then
    base=$CI_MERGE_REQUEST_DIFF_BASE_SHA base_from=merge-request
  elif [[ -n "${CI_COMMIT_BEFORE_SHA:-}" && ! "$CI_COMMIT_BEFORE_SHA" =~ $zero_sha ]]; then
    base=$CI_COMMIT_BEFORE_SHA base_from=push
  elif [[ -n "${CI_DEFAULT_BRANCH:-}" && "${CI_COMMIT_BRANCH:-}" != "$CI_DEFAULT_BRANCH" ]]; then
    # A new branch (before = all zeros) or a pipeline run by hand: the default branch.
    if git fetch --quiet --depth="$depth" origin "$CI_DEFAULT_BRANCH"; then
      base=$(git rev-parse FETCH_HEAD)
    else
      die "cannot fetch the default branch $CI_DEFAULT_BRANCH from origin"
    fi
  fi
fi

mode=(--all)
if [[ -n "$base" ]]; then
  mode=(--base "$base")
  # GitLab clones GIT_DEPTH (20) commits: fetch the base commit, then deepen both sides
  # until their merge-base is in the clone. Past that, faaslint itself fails with the
  # GIT_DEPTH: 0 hint rather than reporting nothing.
  if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
    echo "faaslint: fetching the base commit $base"
    if ! git fetch --quiet --depth="$depth" origin "$base"; then
      # A force push leaves CI_COMMIT_BEFORE_SHA unreachable: check everything instead.
      [[ "$base_from" == push ]] || die "cannot fetch the base commit $base from origin; set GIT_DEPTH: 0 in the job's variables"
      echo "faaslint: the commit before the push ($base) is gone (force push?): checking every line"
      base="" mode=(--all)
    fi
  fi
fi
if [[ -n "$base" ]]; then
  head=$(git rev-parse HEAD) || die "no HEAD commit in $PWD"
  step=$depth
  for _ in 1 2 3 4 5 6; do
    git merge-base "$base" "$head" >/dev/null 2>&1 && break
    [[ "$(git rev-parse --is-shallow-repository)" == "true" ]] || break
    echo "faaslint: the clone is too shallow for the merge-base: fetching $step more commits"
    git fetch --quiet --deepen="$step" origin "$head" "$base" || break
    step=$((step * 2))
  done
fi

[[ -n "$base" ]] && "$root/action/fetch-base-files.sh" "$base"

args=(check "${mode[@]}" --format text --format "gitlab:$report")
[[ -n "${FAASLINT_CONFIG:-}" ]] && args+=(--config "$FAASLINT_CONFIG")
[[ -n "${FAASLINT_FAIL_ON:-}" ]] && args+=(--fail-on "$FAASLINT_FAIL_ON")
echo "faaslint ${args[*]}"
exec "$bin" "${args[@]}"
