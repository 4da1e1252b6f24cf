// Every input committed under fuzz/corpus/<target>/ (the seeds) and
// fuzz/regressions/<target>/ (inputs that once crashed or broke an invariant) goes
// through the fuzz target's own check (fuzz/harness.h), in the normal build and in the
// sanitized one. A fixed crash stays fixed without a fuzzer in the loop.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

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

// The seeds fuzz/shared-seeds/<target>.txt names (files kept elsewhere in the repository).
size_t ReplayShared(const fuzz::Target& target, const fs::path& fuzz_dir) {
  const fs::path list = fuzz_dir / "shared-seeds" / (std::string(target.name) + ".txt");
  if (!fs::exists(list)) return 0;
  size_t replayed = 0;
  std::istringstream lines(testing::ReadFile(list.string()));
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    const fs::path seed = fuzz_dir.parent_path() / line;
    EXPECT_TRUE(fs::is_regular_file(seed)) << list << " names a missing file: " << line;
    EXPECT_EQ(target.check(testing::ReadFile(seed.string())), "") << target.name << ": " << seed;
    ++replayed;
  }
  return replayed;
}

TEST(FuzzRegression, EverySeedAndCrashInputPassesItsCheck) {
  for (const fuzz::Target& target : fuzz::Targets()) {
    const fs::path root = FAASLINT_FUZZ_DIR;
    size_t seeds = ReplayFolder(target, root / "corpus" / std::string(target.name)) + ReplayShared(target, root);
    ReplayFolder(target, root / "regressions" / std::string(target.name));
    EXPECT_GT(seeds, 0u) << "fuzz/corpus/" << target.name << " has no seeds";
  }
}

}  // namespace
}  // namespace faaslint
