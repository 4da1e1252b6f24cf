#!/usr/bin/env bash
# The GitHub Action's check step (action/action.yml): one faaslint run that prints text
# to the log, annotations for the pull request, SARIF for code scanning, a markdown
# summary for the run page and a JSON report to count the findings.
#
# Everything comes in through the environment, as action.yml passes it (never through
# ${{ }} in a script): FAASLINT_BIN and INPUT_BASE, INPUT_ALL, INPUT_CONFIG,
# INPUT_FAIL_ON, INPUT_WORKING_DIRECTORY, INPUT_SARIF_FILE, INPUT_ANNOTATIONS,
# INPUT_CATEGORY, plus what the runner sets: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH,
# GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE.
#
# Exit status is faaslint's: 0 clean, 1 findings at or above fail-on, 2 error.
set -uo pipefail

bin=${FAASLINT_BIN:?FAASLINT_BIN is not set}

# Workflow command values: the runner decodes %25, %0D and %0A in the message.
# (docs.github.com, "Workflow commands for GitHub Actions": toCommandValue in
# actions/toolkit escapes exactly these three.)
escape_message() {
  local text=$1
  text=${text//'%'/%25}
  text=${text//$'\r'/%0D}
  text=${text//$'\n'/%0A}
  printf '%s' "$text"
}

fail() {
  echo "::error title=faaslint::$(escape_message "$1")"
  exit 2
}

# One string field of the event payload (JSON), or nothing.
event_field() {
  local filter=$1 path=${GITHUB_EVENT_PATH:-}
  [[ -n "$path" && -r "$path" ]] || return 0
  if command -v jq >/dev/null 2>&1; then
    jq -r "$filter // empty" "$path"
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c '
import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2].lstrip(".").split("."):
    value = value.get(key) if isinstance(value, dict) else None
print(value if isinstance(value, str) else "")' "$path" "$filter"
  else
    fail "reading the event payload needs jq or python3 on the runner; or set the action's base input"
  fi
}

is_true() { [[ "${1,,}" == "true" ]]; }

# The code scanning category of the SARIF upload: the category input, else one per folder
# checked, `faaslint` for the workspace and `faaslint-apps-a` for apps/a. GitHub keeps one
# analysis per category and commit, so two projects of a monorepo uploading as
# `faaslint` would replace each other's alerts ("When you upload multiple SARIF files for
# a commit, you must indicate a 'category' for each analysis":
# https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
# `./apps/a/` and `apps/a` are one folder and get one category.
sarif_category() {
  local root=$1 folder=$2 relative
  if [[ -n "${INPUT_CATEGORY:-}" ]]; then
    printf '%s' "${INPUT_CATEGORY//[$'\r\n']/}"  # one line of $GITHUB_OUTPUT
    return
  fi
  if [[ "$folder" == "$root" ]]; then
    printf 'faaslint'
    return
  fi
  if [[ "$folder" == "$root"/* ]]; then
    relative=${folder#"$root"/}
  else
    relative=$INPUT_WORKING_DIRECTORY  # outside the workspace: as written
  fi
  printf 'faaslint-%s' "${relative//[^A-Za-z0-9._-]/-}"
}

workspace=${GITHUB_WORKSPACE:-$PWD}
cd "$workspace" || fail "GITHUB_WORKSPACE $workspace: not a folder"
workspace_folder=$(pwd -P)
cd "${INPUT_WORKING_DIRECTORY:-.}" || fail "working-directory ${INPUT_WORKING_DIRECTORY}: not a folder under $workspace"
category=$(sarif_category "$workspace_folder" "$(pwd -P)")

# Which lines count: the base input, else the pull request's base commit, else the
# commit before the push; a new branch (before = all zeros) is compared with the
# default branch; anything else (schedule, workflow_dispatch) checks everything.
mode=()
if is_true "${INPUT_ALL:-false}"; then
  mode=(--all)
elif [[ -n "${INPUT_BASE:-}" ]]; then
  mode=(--base "$INPUT_BASE")
else
  base=""
  case "${GITHUB_EVENT_NAME:-}" in
    pull_request | pull_request_target | pull_request_review | pull_request_review_comment)
      base=$(event_field .pull_request.base.sha) ;;
    merge_group)
      base=$(event_field .merge_group.base_sha) ;;
    push)
      base=$(event_field .before)
      if [[ "$base" =~ ^0+$ ]]; then
        base=""
        default_branch=$(event_field .repository.default_branch)
        if [[ -n "$default_branch" && "${GITHUB_REF:-}" != "refs/heads/$default_branch" ]] &&
           git rev-parse --verify -q "origin/$default_branch^{commit}" >/dev/null; then
          base="origin/$default_branch"
        fi
      fi ;;
  esac
  if [[ -n "$base" ]]; then
    mode=(--base "$base")
  else
    echo "faaslint: no base commit for a ${GITHUB_EVENT_NAME:-local} run: checking every line (--all)"
    mode=(--all)
  fi
fi

[[ "${mode[0]}" == --base ]] && "$(dirname "$0")/fetch-base-files.sh" "${mode[1]}"

sarif=${INPUT_SARIF_FILE:-faaslint.sarif}
[[ "$sarif" == /* ]] || sarif="$PWD/$sarif"
reports=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/faaslint-XXXXXX")
trap 'rm -rf "$reports"' EXIT
rm -f "$sarif"
mkdir -p "$(dirname "$sarif")" || fail "cannot create the folder of sarif-file $sarif"

args=(check "${mode[@]}" --format text --format "sarif:$sarif"
      --format "markdown:$reports/summary.md" --format "json:$reports/report.json")
is_true "${INPUT_ANNOTATIONS:-true}" && args+=(--format github)
[[ -n "${INPUT_CONFIG:-}" ]] && args+=(--config "$INPUT_CONFIG")
[[ -n "${INPUT_FAIL_ON:-}" ]] && args+=(--fail-on "$INPUT_FAIL_ON")

echo "faaslint ${args[*]}"
"$bin" "${args[@]}" 2>"$reports/stderr"
status=$?
cat "$reports/stderr" >&2

if ((status == 2)); then
  # The CLI's one-line cause (e.g. a checkout too shallow for the merge-base, with
  # the fetch-depth: 0 hint), as an error annotation on the run.
  message=$(grep -v '^$' "$reports/stderr" | tail -n 1)
  echo "::error title=faaslint::$(escape_message "${message:-faaslint failed (exit 2)}")"
  exit 2
fi

# The JSON report's summary.findings (docs/formats: the json schema).
findings=$(grep -o -m 1 '"findings"[[:space:]]*:[[:space:]]*[0-9][0-9]*' "$reports/report.json" | grep -o '[0-9]*$')
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  {
    echo "findings=${findings:-0}"
    echo "category=$category"
    [[ -f "$sarif" ]] && echo "sarif-file=$sarif"
  } >>"$GITHUB_OUTPUT"
fi
if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  cat "$reports/summary.md" >>"$GITHUB_STEP_SUMMARY"
fi
exit "$status"
