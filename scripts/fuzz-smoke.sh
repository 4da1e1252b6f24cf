#!/usr/bin/env bash
# CI: every fuzz target for a short bounded time (FUZZ_SECONDS each, default 20), from
# the committed seeds. Needs clang and libFuzzer (install-deps.sh --test installs them);
# without them it says so and passes, so a gcc-only machine still runs the test suite.
# A crash fails the run; the input is saved under build-fuzz/crashes/TARGET/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-20}

if ! command -v clang++ >/dev/null 2>&1 ||
   ! compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a" >/dev/null; then
  echo "faaslint: fuzz smoke run skipped: clang with libFuzzer (libclang-rt-*-dev) is not installed" >&2
  exit 0
fi

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFAASLINT_FUZZ=ON -DFAASLINT_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)"
for fuzzer in "$build"/fuzz/*_fuzzer; do
  target=$(basename "$fuzzer" _fuzzer)
  echo "faaslint: fuzzing $target for ${seconds}s" >&2
  FUZZ_BUILD_DIR=$build FUZZ_REBUILD=0 "$root/fuzz/run.sh" "$target" "$seconds" 2>"$build/fuzz-$target.log" ||
    { tail -n 60 "$build/fuzz-$target.log" >&2; exit 1; }
  grep -E "^(stat::number_of_executed_units|Done)" "$build/fuzz-$target.log" >&2 || true
done
