// A module marked again for functions another module runs (python::RemarkedCopy) must read
// exactly as a second parse with them taken to run: the linter checks the copy instead of
// parsing again (lint.cpp, RecheckRunElsewhere), and every rule reads these marks.
#include "python/off_platform.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "harness.h"
#include "python/parser.h"
#include "support/test_support.h"

namespace faaslint::python {
namespace {

namespace fs = std::filesystem;

const char* const kGuardedMain =
    "import threading, json\n"
    "cache = {}\n"
    "def save_report(data):\n"
    "    with open('report.json', 'w') as f:\n"
    "        json.dump(data, f)\n"
    "    cache['last'] = data\n"
    "    import sqlite3\n"
    "    while True:\n"
    "        pass\n"
    "def helper():\n"
    "    save_report({})\n"
    "    def inner():\n"
    "        threading.Thread(target=helper).start()\n"
    "class Job:\n"
    "    def run(self):\n"
    "        save_report(1)\n"
    "def main():\n"
    "    helper()\n"
    "    Job().run()\n"
    "if __name__ == '__main__':\n"
    "    main()\n"
    "    if True:\n"
    "        save_report(2)\n";

TEST(RemarkedCopy, RunningAGuardedMainUnmarksWhatOnlyItReaches) {
  Parser parser;
  std::unique_ptr<const Module> module = ParseModule(parser, "report.py", kGuardedMain);
  const int main = module->FindFunction("main"), save = module->FindFunction("save_report");
  ASSERT_GE(main, 0);
  ASSERT_TRUE(module->functions()[save].off_platform);
  std::unique_ptr<const Module> copy = RemarkedCopy(*module, {main});
  EXPECT_FALSE(copy->functions()[main].off_platform);
  EXPECT_FALSE(copy->functions()[save].off_platform);  // main() runs helper(), which runs it
  for (const Call& call : copy->calls()) {
    if (call.callee == "open") EXPECT_FALSE(call.guarded);  // in save_report, which runs now
    if (call.callee == "main") EXPECT_TRUE(call.guarded);  // under the guard: its own
  }
  // The module keeps its marks; the copy reads the same text.
  EXPECT_TRUE(module->functions()[save].off_platform);
  EXPECT_EQ(copy->source(), module->source());
  EXPECT_EQ(fuzz::CheckRemarkedCopy(kGuardedMain, /*each_alone=*/true), "");
}

// Every Python fixture of the rule tests, with every function the linter could be asked to
// run (top-level and off the platform) together and each alone.
TEST(RemarkedCopy, MarksAsASecondParseDoesOnEveryRuleFixture) {
  size_t files = 0, with_functions_off = 0;
  Parser parser;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(FAASLINT_SOURCE_DIR) / "tests/fixtures")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".py") continue;
    ++files;
    const std::string source = testing::ReadFile(entry.path().string());
    EXPECT_EQ(fuzz::CheckRemarkedCopy(source, /*each_alone=*/true), "") << entry.path();
    std::unique_ptr<const Module> module = ParseModule(parser, "app.py", source);
    with_functions_off += std::any_of(module->functions().begin(), module->functions().end(),
                                      [](const Function& function) { return function.off_platform; });
  }
  EXPECT_GT(files, 200u);
  EXPECT_GT(with_functions_off, 10u);  // enough guarded mains and commands to mean something
}

}  // namespace
}  // namespace faaslint::python
