// Every input committed under fuzz/corpus/<target>/ (the seeds) and
// fuzz/regressions/<target>/ (inputs that once crashed or broke an invariant) goes
// through the fuzz target's own check (fuzz/harness.h), in the normal build and in the
// sanitized one. A fixed crash stays fixed without a fuzzer in the loop.
#include <gtest/gtest.h>

#include <filesystem>

#include "harness.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

namespace fs = std::filesystem;

size_t ReplayFolder(const fuzz::Target& target, const fs::path& folder) {
  size_t replayed = 0;
  if (!fs::is_directory(folder)) return 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    std::string broken = target.check(testing::ReadFile(entry.path().string()));
    EXPECT_EQ(broken, "") << target.name << ": " << entry.path();
    ++replayed;
  }
  return replayed;
}

TEST(FuzzRegression, EverySeedAndCrashInputPassesItsCheck) {
  for (const fuzz::Target& target : fuzz::Targets()) {
    const fs::path root = FAASLINT_FUZZ_DIR;
    size_t seeds = ReplayFolder(target, root / "corpus" / std::string(target.name));
    ReplayFolder(target, root / "regressions" / std::string(target.name));
    EXPECT_GT(seeds, 0u) << "fuzz/corpus/" << target.name << " has no seeds";
  }
}

}  // namespace
}  // namespace faaslint
