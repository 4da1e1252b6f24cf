// One libFuzzer entry for every target: CMake compiles it once per target with
// FAASLINT_FUZZ_CHECK naming the check (see harness.h).
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string broken = faaslint::fuzz::FAASLINT_FUZZ_CHECK(
      std::string_view(reinterpret_cast<const char*>(data), size));
  if (!broken.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", broken.c_str());
    std::abort();  // libFuzzer saves the input as a crash
  }
  return 0;
}
