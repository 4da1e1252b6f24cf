// A file tree-sitter cannot parse within the limit is skipped with a note; the other
// files are still checked (python/parser.h: kParseTimeLimit).
#include <gtest/gtest.h>

#include <random>

#include "lint/lint.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

lint::LintResult LintFolder(const std::string& root, std::chrono::microseconds limit) {
  ChangeSet changes;
  std::string error;
  changes.snapshot = MakeFolderSnapshot(root, &error);
  EXPECT_TRUE(changes.snapshot) << error;
  for (const std::string& file : changes.snapshot->files()) changes.changed.emplace(file, LineSet::All());
  lint::LintOptions options;
  options.parse_time_limit = limit;
  return lint::Lint(changes, options, rules::Registry::Get());
}

TEST(ParseTimeLimit, AFileOverTheLimitIsSkippedWithANoteAndTheRestIsChecked) {
  testing::TempDir dir;
  // Bracket soup: tree-sitter's error recovery takes seconds on it.
  std::mt19937 random(7);
  const std::string kAlphabet = "([{)]}:\n \"'\\#=,.ifdef";
  std::string soup;
  for (int i = 0; i < 400000; ++i) soup += kAlphabet[random() % kAlphabet.size()];
  dir.Write("soup.py", soup);
  dir.Write("app.py", "import threading\nthreading.Thread(target=print).start()\n");
  // Parsed after soup.py by the same parser: tree-sitter resumes a parse its time limit
  // stopped unless told otherwise, and this file came out as the rest of the soup.
  dir.Write("worker.py", "import threading\n\n\nthreading.Thread(target=print).start()\n");

  lint::LintResult limited = LintFolder(dir.path(), std::chrono::milliseconds(20));
  ASSERT_EQ(limited.problems.size(), 1u);
  EXPECT_EQ(limited.problems[0].path, "soup.py");
  EXPECT_EQ(limited.problems[0].message, "skipped: parsing took longer than the 0.02 s limit for a file");
  EXPECT_FALSE(limited.problems[0].fatal);
  EXPECT_EQ(limited.files_checked, 2u);
  ASSERT_EQ(limited.findings.size(), 2u);
  EXPECT_EQ(limited.findings[0].location.path, "app.py");
  EXPECT_EQ(limited.findings[1].location.path, "worker.py");
  EXPECT_EQ(limited.findings[1].location.range.start.line, 4u);
}

TEST(ParseTimeLimit, TheDefaultLimitLeavesOrdinaryFilesAlone) {
  testing::TempDir dir;
  std::string big;
  while (big.size() < (2u << 20)) big += "def handler(request):\n    return {'ok': True}\n";
  dir.Write("big.py", big);
  lint::LintResult result = LintFolder(dir.path(), python::kParseTimeLimit);
  EXPECT_TRUE(result.problems.empty());
  EXPECT_EQ(result.files_checked, 1u);
}

}  // namespace
}  // namespace faaslint
