#!/usr/bin/env bash
# Which lines of src/ a fuzz target's corpus reaches: scripts/fuzz-coverage.sh TARGET [SUBFOLDER...]
# Builds TARGET's fuzzer with clang's source-based coverage (besides ASan + UBSan, as in the
# fuzz build) into ${FUZZ_COVERAGE_DIR:-build-fuzz-coverage}, runs every input of the grown
# corpus (build-fuzz/corpus/TARGET), the seeds and the regressions once, and prints
# llvm-cov's report per file of src/ (or of src/SUBFOLDER...). A file the fuzzer never
# reaches is where its harness needs another check or seed (docs/fuzzing.md). Needs the
# Debian package llvm (llvm-profdata, llvm-cov) besides the fuzz build's clang.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:?usage: scripts/fuzz-coverage.sh TARGET [SUBFOLDER...]}
shift
build=${FUZZ_COVERAGE_DIR:-$root/build-fuzz-coverage}
for tool in clang llvm-profdata llvm-cov; do
  command -v "$tool" >/dev/null || { echo "fuzz-coverage: $tool not found (Debian: clang llvm)" >&2; exit 2; }
done

coverage="-fprofile-instr-generate -fcoverage-mapping"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFAASLINT_FUZZ=ON -DFAASLINT_TESTS=OFF -DCMAKE_C_FLAGS="$coverage" -DCMAKE_CXX_FLAGS="$coverage" \
  -DCMAKE_EXE_LINKER_FLAGS=-fprofile-instr-generate >/dev/null
cmake --build "$build" --target "${target}_fuzzer" >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs=()
for folder in "$root/build-fuzz/corpus/$target" "$root/fuzz/corpus/$target" "$root/fuzz/regressions/$target"; do
  if [[ -d $folder ]]; then inputs+=("$folder"); fi
done
# -runs=0: every input once, no mutation. The profile and any slow-unit file go to $work.
if ! (cd "$work" && LLVM_PROFILE_FILE="$work/replay.profraw" ASAN_OPTIONS=detect_leaks=0:malloc_context_size=0 \
      "$build/fuzz/${target}_fuzzer" -runs=0 -artifact_prefix="$work/" "${inputs[@]}" >"$work/replay.log" 2>&1); then
  echo "fuzz-coverage: an input failed its check; the end of the replay:" >&2
  tail -n 30 "$work/replay.log" >&2
  exit 1
fi
llvm-profdata merge -sparse "$work/replay.profraw" -o "$work/replay.profdata"
sources=()
if (($# == 0)); then sources=("$root/src"); fi
for subfolder in "$@"; do sources+=("$root/src/$subfolder"); done
grep -m1 "Done" "$work/replay.log" >&2 || true
llvm-cov report "$build/fuzz/${target}_fuzzer" -instr-profile="$work/replay.profdata" "${sources[@]}"
