#!/usr/bin/env bash
# faaslint against its peers and against its own floor (tree-sitter parse only), on the
# CPython standard library and a synthetic 10x copy, then the diff mode (--staged) on
# repositories made from both. Prints markdown tables (also written to $OUT).
#
# Usage: bench/run.sh [STDLIB_DIR]        (after ./scripts/build.sh)
#   RUNS=5        timed runs per command, after one warm-up; the median is reported
#   PEER_RUNS=$RUNS   runs for flake8, bandit and pylint (minutes each on a busy machine)
#   PEERS=ruff,flake8,bandit,pylint   which peers to run ("" for none)
#   TIMEOUT=900   seconds before a run is stopped (reported as a timeout)
#   X10=1         also the 10x corpus (0 skips it: minutes of CPU on a busy machine)
#   OUT=build/bench-results.md
# Peers: ruff via @astral-sh/ruff-wasm-nodejs (npm, installed into a scratch folder),
# flake8, bandit and pylint from Debian (apt-get install flake8 bandit pylint).
# Skipped with a note when missing. Needs GNU time (/usr/bin/time, Debian package `time`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
faaslint=$build/faaslint
parse_bench=$build/bench/faaslint_parse_bench
stdlib=${1:-/usr/lib/python3.11}
RUNS=${RUNS:-5}
PEER_RUNS=${PEER_RUNS:-$RUNS}
PEERS=${PEERS-ruff,flake8,bandit,pylint}
TIMEOUT=${TIMEOUT:-900}
OUT=${OUT:-$build/bench-results.md}
X10=${X10:-1}
cores=$(nproc)

for tool in "$faaslint" "$parse_bench" /usr/bin/time; do
  [[ -x $tool ]] || { echo "bench: $tool is missing (./scripts/build.sh; apt-get install time)" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git() { command git -c user.name=bench -c user.email=bench@example.com -c commit.gpgsign=false "$@"; }

# ---- corpora: the .py/.pyi files of the stdlib (no caches, no installed packages) ----
corpus=$work/stdlib
mkdir -p "$corpus"
(cd "$stdlib" && find . \( -name __pycache__ -o -name site-packages -o -name dist-packages \) -prune -o \
  \( -name '*.py' -o -name '*.pyi' \) -print0 | tar --null -T - -cf - | tar -xf - -C "$corpus")
corpus10=$work/stdlib10
if ((X10)); then
  for i in $(seq 0 9); do mkdir -p "$corpus10/copy$i" && cp -a "$corpus/." "$corpus10/copy$i/"; done
fi
describe() { echo "$(find "$1" -type f | wc -l) files, $(du -sb "$1" | awk '{printf "%.1f MB", $1/1e6}')"; }

# ---- measurement --------------------------------------------------------------------
# Commands that are compared are timed in rounds: one warm-up of each, then RUNS rounds
# that run each command once. A slow minute of a shared machine (host steal moved a
# single-thread parse by 20% from one run to the next here) then falls on every row
# alike instead of on the one being timed in a block.
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# time_once FILE CMD...: one run under GNU time; appends "wall cpu(user+sys) rss_MB" to
# FILE (a timed-out run counts as TIMEOUT seconds).
time_once() {
  local file=$1 status=0 e u s m; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" timeout "$TIMEOUT" "$@" >/dev/null 2>&1 || status=$?
  if ((status == 124)); then
    echo "$TIMEOUT $TIMEOUT 0 timeout" >>"$file"
    return
  fi
  read -r e u s m < <(tail -1 "$work/time")
  echo "$e $(echo "$u + $s" | bc) $(echo "scale=1; $m / 1024" | bc)" >>"$file"
}
# ms_once FILE CMD...: the wall clock of a fast command in ms, appended to FILE (date,
# not time(1), which rounds to 10 ms).
# Bash's own microsecond clock: `$(date +%s%N)` after the command added a fork and an exec
# of date to every run (11 ms on the benchmark machine, as much as a git diff). What is
# left is bash's fork for the command itself, the same for every command timed.
ms_once() {
  local file=$1 t0 t1; shift
  t0=$EPOCHREALTIME; "$@" >/dev/null 2>&1 || true; t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f\n", (b - a) * 1000}' >>"$file"
}
# in_rounds TIMER RUNS CMD_1 ... CMD_N: each CMD is one string of shell words (printf %q);
# the runs of command i go to $work/runs-i.
in_rounds() {
  local timer=$1 runs=$2 i r; shift 2
  local commands=("$@")
  for i in "${!commands[@]}"; do
    : >"$work/runs-$i"
    eval "timeout $TIMEOUT ${commands[i]}" >/dev/null 2>&1 || true  # warm-up
  done
  for ((r = 0; r < runs; r++)); do
    for i in "${!commands[@]}"; do eval "$timer $(printf %q "$work/runs-$i") ${commands[i]}"; done
  done
}
words() { printf '%q ' "$@"; }
# medians FILE: sets wall, cpu, rss to the medians of FILE's columns, timed_out to 1 when
# a run timed out.
medians() {
  wall=$(cut -d' ' -f1 "$1" | median)
  cpu=$(cut -d' ' -f2 "$1" | median)
  rss=$(cut -d' ' -f3 "$1" | median)
  timed_out=0
  if grep -q timeout "$1"; then timed_out=1; fi
}

rows=()
faaslint_wall=0 faaslint_cpu=0 floor_wall=0 floor_cpu=0
row() {  # row NAME RUNS, from the medians
  local name=$1 runs=$2
  local note=""; ((timed_out)) && note=" (timeout ${TIMEOUT}s)"
  # Ratios are to the first row (faaslint on all cores); the floor row feeds the target line.
  if ((${#rows[@]} == 0)); then faaslint_wall=$wall faaslint_cpu=$cpu; fi
  if [[ $name == "parse only, 1 thread (floor)" ]]; then floor_wall=$wall floor_cpu=$cpu; fi
  local ratio_wall ratio_cpu
  ratio_wall=$(ratio "$wall" "$faaslint_wall")
  ratio_cpu=$(ratio "$cpu" "$faaslint_cpu")
  rows+=("| $name$note | $runs | $wall | $cpu | $rss | ${ratio_wall}x | ${ratio_cpu}x |")
  echo "  $name: wall $wall s, cpu $cpu s, rss $rss MB" >&2
}
# A peer is far slower than faaslint: its runs go in a block of their own.
peer_row() {  # peer_row NAME RUNS CMD...
  local name=$1 runs=$2; shift 2
  in_rounds time_once "$runs" "$(words "$@")"
  medians "$work/runs-0"
  row "$name" "$runs"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
has_peer() { [[ ",$PEERS," == *",$1,"* ]]; }

ruff_dir=${RUFF_WASM_DIR:-$root/build/_bench_node}
if has_peer ruff && [[ ! -d $ruff_dir/node_modules/@astral-sh/ruff-wasm-nodejs ]]; then
  echo "bench: installing @astral-sh/ruff-wasm-nodejs into $ruff_dir" >&2
  mkdir -p "$ruff_dir" && (cd "$ruff_dir" && npm install --no-save --silent @astral-sh/ruff-wasm-nodejs >&2) || true
fi

table() {  # table TITLE DIR [peers]
  local title=$1 dir=$2 peers=${3:-}
  rows=()
  echo "== $title ($(describe "$dir"))" >&2
  cd "$dir"
  local names=("faaslint check --all (--jobs $cores)" "faaslint check --all --jobs 1" "parse only, 1 thread (floor)"
    "parse only, $cores threads (floor)" "parse + module model, 1 thread")
  in_rounds time_once "$RUNS" "$(words "$faaslint" check --all)" "$(words "$faaslint" check --all --jobs 1)" \
    "$(words "$parse_bench" . 1)" "$(words "$parse_bench" . "$cores")" "$(words "$parse_bench" . 1 model)"
  local i
  for i in "${!names[@]}"; do
    medians "$work/runs-$i"
    row "${names[i]}" "$RUNS"
  done
  if [[ -n $peers ]]; then
    if has_peer ruff && [[ -d $ruff_dir/node_modules/@astral-sh/ruff-wasm-nodejs ]]; then
      peer_row "ruff (ruff-wasm-nodejs, 1 thread)" "$RUNS" env NODE_PATH="$ruff_dir/node_modules" node "$root/bench/ruff_wasm_lint.js" .
    fi
    if has_peer flake8 && command -v flake8 >/dev/null; then peer_row "flake8 -j2" "$PEER_RUNS" flake8 -j2 .; fi
    if has_peer bandit && command -v bandit >/dev/null; then peer_row "bandit -r" "$PEER_RUNS" bandit -q -r .; fi
    if has_peer pylint && command -v pylint >/dev/null; then
      peer_row "pylint -j2 --recursive=y" "$PEER_RUNS" pylint -j2 --recursive=y .
    fi
  fi
  cd - >/dev/null
  {
    echo "### $title: $(describe "$dir")"
    echo
    echo "| command | runs | wall s | CPU s (user+sys) | peak RSS MB | wall / faaslint | CPU / faaslint |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    # Issue 7's target: --all wall <= 1.3x the single-core parse time divided by the cores.
    echo "faaslint --all wall / (parse-only 1-thread wall / $cores cores): $(ratio "$(echo "$faaslint_wall * $cores" | bc)" "$floor_wall")x (target <= 1.3x);" \
      "CPU over the parse floor: $(ratio "$faaslint_cpu" "$floor_cpu")x"
    echo
  } >>"$OUT"
}

# staged_table TITLE DIR [CHANGE [FILES]]: the FILES (default: 3 stdlib files) edited and
# staged, or with CHANGE "script", a new script that no module imports (in a deployed app,
# a file outside the function code).
staged_table() {
  local title=$1 dir=$2 change=${3:-edit} files=${4:-argparse.py json/__init__.py threading.py}
  echo "== $title: repository" >&2
  (cd "$dir" && git init -q . && git add -A && git commit -qm base)
  if [[ $change == script ]]; then
    mkdir -p "$dir/scripts"
    printf 'import threading\n\ndef main():\n    threading.Thread(target=print).start()\n' >"$dir/scripts/tool.py"
    (cd "$dir" && git add scripts/tool.py)
  fi
  local f
  for f in $files; do
    [[ $change == edit ]] || break
    local path
    path=$(cd "$dir" && find . -path "*/$f" | head -1)
    printf '\ndef edited():\n    return 1\n' >>"$dir/$path"
    (cd "$dir" && git add "$path")
  done
  # The floor of a staged check: tree-sitter parsing the edited files, nothing else.
  local edited=$work/edited-$RANDOM
  mkdir -p "$edited"
  (cd "$dir" && git diff --cached --name-only -z | xargs -0 -I{} cp {} "$edited/")
  cd "$dir"
  local staged name_only all floor
  in_rounds ms_once "$RUNS" "$(words "$faaslint" check --staged)" "$(words git diff --cached --name-only)" \
    "$(words "$parse_bench" "$edited" 1)" "$(words "$faaslint" check --all)"
  staged=$(median <"$work/runs-0")
  name_only=$(median <"$work/runs-1")
  floor=$(median <"$work/runs-2")
  all=$(median <"$work/runs-3")
  cd - >/dev/null
  echo "  staged $staged ms, git diff --cached $name_only ms, parse of the edited files $floor ms, all $all ms" >&2
  staged_rows+=("| $title | $(git -C "$dir" ls-files | wc -l) | $staged | $name_only | $(ratio "$staged" "$name_only")x | $floor | $(ratio "$staged" "$floor")x | $all |")
}

{
  echo "## Results"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Machine: $cores cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GB memory"
  echo "- faaslint $("$faaslint" --version 2>/dev/null | head -1), commit $(command git -C "$root" rev-parse --short HEAD)"
  echo "- Command: \`RUNS=$RUNS PEER_RUNS=$PEER_RUNS PEERS=$PEERS bench/run.sh $stdlib\`; medians of $RUNS runs after a warm-up, the compared commands in rounds"
  echo
} >"$OUT"

table "stdlib" "$corpus" peers
if ((X10)); then table "stdlib x10" "$corpus10"; fi

# The same code deployed: api/index.py imports every top-level module and package, so all
# of it is function code and the deployment graph follows every import.
vercel_app() {  # vercel_app SOURCE DEST
  cp -a "$1" "$2"
  mkdir -p "$2/api"
  {
    echo "from flask import Flask"
    (cd "$1" && for entry in *; do
      if [[ -f $entry/__init__.py ]]; then echo "import $entry"; elif [[ $entry == *.py ]]; then echo "import ${entry%.py}"; fi
    done)
    echo "app = Flask(__name__)"
  } >"$2/api/index.py"
}

# A small Flask app as most users have it: an entry and three modules of 60 routes each
# (about 5 KB). Here a run's fixed cost (start, repository, index) is most of it.
small_app() {  # small_app DEST
  mkdir -p "$1/api" "$1/app"
  printf 'from flask import Flask\nfrom app.views import bp\napp = Flask(__name__)\napp.register_blueprint(bp)\n' >"$1/api/index.py"
  : >"$1/app/__init__.py"
  local module i
  for module in views models util; do
    {
      printf 'import os\nfrom flask import Blueprint\n\nbp = Blueprint("%s", __name__)\n' "$module"
      for ((i = 0; i < 60; i++)); do
        printf '\n@bp.route("/r%d")\ndef r%d():\n    return {"v": os.environ.get("K%d")}\n' "$i" "$i" "$i"
      done
    } >"$1/app/$module.py"
  done
  printf '{"crons": [{"path": "/api/r1", "schedule": "0 5 * * *"}]}\n' >"$1/vercel.json"
}

staged_rows=()
small_app "$work/small-app"
staged_table "a small Flask app" "$work/small-app" edit "app/views.py app/models.py app/util.py"
vercel_app "$corpus" "$work/stdlib-app"  # before staged_table commits and edits the corpus
vercel_app "$corpus" "$work/stdlib-app-script"
staged_table "stdlib" "$corpus"
if ((X10)); then staged_table "stdlib x10" "$corpus10"; fi
staged_table "stdlib as a Vercel app" "$work/stdlib-app"
staged_table "stdlib as a Vercel app, a new script staged" "$work/stdlib-app-script" script
{
  echo "### Diff mode: 3 files edited and staged, or (last row) one new script (wall ms, median of $RUNS)"
  echo
  echo "| repository | files | faaslint check --staged | git diff --cached --name-only | ratio | parse only, the staged files | ratio | faaslint check --all |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${staged_rows[@]}"
  echo
} >>"$OUT"

cat "$OUT"
