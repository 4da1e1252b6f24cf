#!/usr/bin/env bash
# Runs one fuzz target for a bounded time: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]
# TARGET is python, config, emit, cron, vercel or index (fuzz/harness.h). Builds the fuzz build on
# first use (clang, ASan + UBSan) into ${FUZZ_BUILD_DIR:-build-fuzz}. The committed seeds in
# fuzz/corpus/TARGET (and the files fuzz/shared-seeds/TARGET.txt names) are read, never written: new inputs go to the build folder's corpus,
# and a crash is saved under its crashes/TARGET/ (to keep: copy it to
# fuzz/regressions/TARGET/, which the regression test replays).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]}
shift 2
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}

if [[ ! -x "$build/fuzz/${target}_fuzzer" ]] || [[ "${FUZZ_REBUILD:-1}" == 1 ]]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DFAASLINT_FUZZ=ON -DFAASLINT_TESTS=OFF >/dev/null
  cmake --build "$build" --target "${target}_fuzzer" >/dev/null
fi

# A dictionary of the target's tokens, when there is one (fuzz/TARGET.dict).
dict=()
[[ -f "$root/fuzz/$target.dict" ]] && dict=(-dict="$root/fuzz/$target.dict")
corpus="$build/corpus/$target"
crashes="$build/crashes/$target"
mkdir -p "$corpus" "$crashes"
# Seeds kept elsewhere in the repository (fuzz/shared-seeds/TARGET.txt, one path a line).
if [[ -f "$root/fuzz/shared-seeds/$target.txt" ]]; then
  while read -r seed; do
    if [[ -n $seed && $seed != \#* ]]; then cp "$root/$seed" "$corpus/shared-${seed//\//_}"; fi
  done <"$root/fuzz/shared-seeds/$target.txt"
fi
# -timeout: one input may take this long (the pipeline's own parse limit is longer, but
# fuzz inputs are at most -max_len bytes); -rss_limit_mb: a leak or blow-up is a crash;
# -reload=0: one process writes each corpus folder, so there is nothing to pick up from
# it, and listing it every second (the default) took 8% of a run with 19,000 inputs.
exec "$build/fuzz/${target}_fuzzer" "$corpus" "$root/fuzz/corpus/$target" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 -reload=0 \
  -artifact_prefix="$crashes/" -print_final_stats=1 "${dict[@]}" "$@"
