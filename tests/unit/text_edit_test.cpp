// Applying fixes as groups of edits, and the unified diff --diff prints.
#include "core/text_edit.h"

#include <gtest/gtest.h>

namespace faaslint {
namespace {

TEST(ApplyFixes, NonOverlappingFixesAllApplyInByteOrder) {
  std::vector<Edit> late{{8, 9, "Z"}}, early{{0, 0, ">"}, {4, 5, "E"}};
  EditResult result = ApplyFixes("abcdefghij", {&late, &early});
  EXPECT_EQ(result.text, ">abcdEfghZj");
  EXPECT_EQ(result.applied, (std::vector<size_t>{0, 1}));
  EXPECT_TRUE(result.skipped.empty());
}

TEST(ApplyFixes, OverlappingFixIsSkippedWholeAndTheFirstWins) {
  std::vector<Edit> first{{2, 5, "X"}}, second{{4, 6, "Y"}, {7, 7, "!"}};
  EditResult result = ApplyFixes("abcdefgh", {&first, &second});
  EXPECT_EQ(result.text, "abXfgh") << "no part of the skipped fix is applied";
  EXPECT_EQ(result.applied, (std::vector<size_t>{0}));
  EXPECT_EQ(result.skipped, (std::vector<size_t>{1}));
}

TEST(ApplyFixes, SameEditInTwoFixesCountsOnceAndDifferentInsertionsAtOnePlaceClash) {
  std::vector<Edit> a{{0, 0, "import os\n"}, {4, 4, "A"}}, b{{0, 0, "import os\n"}, {6, 6, "B"}};
  EditResult shared = ApplyFixes("line\nmore\n", {&a, &b});
  EXPECT_EQ(shared.text, "import os\nlineA\nmBore\n");
  EXPECT_EQ(shared.applied.size(), 2u);
  std::vector<Edit> c{{0, 0, "x"}}, d{{0, 0, "y"}};
  EXPECT_EQ(ApplyFixes("abc", {&c, &d}).skipped, (std::vector<size_t>{1}));
}

TEST(ApplyFixes, EditsOutOfRangeAreSkippedNotApplied) {
  std::vector<Edit> bad{{2, 50, "x"}}, empty;
  EditResult result = ApplyFixes("abc", {&bad, &empty});
  EXPECT_EQ(result.text, "abc");
  EXPECT_EQ(result.skipped.size(), 2u);
}

TEST(UnifiedDiff, OneHunkWithThreeLinesOfContext) {
  std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
  EXPECT_EQ(UnifiedDiff(before, after, "app.py"),
            "--- a/app.py\n+++ b/app.py\n"
            "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST(UnifiedDiff, DistantChangesMakeSeparateHunksAndInsertionsCountRight) {
  std::string before, after;
  for (int i = 1; i <= 20; ++i) {
    before += std::to_string(i) + "\n";
    if (i == 2) after += "new\n";
    after += std::to_string(i) + "\n";
  }
  after.replace(after.find("\n18\n"), 4, "\n18!\n");
  EXPECT_EQ(UnifiedDiff(before, after, "a.py"),
            "--- a/a.py\n+++ b/a.py\n"
            "@@ -1,4 +1,5 @@\n 1\n+new\n 2\n 3\n 4\n"
            "@@ -15,6 +16,6 @@\n 15\n 16\n 17\n-18\n+18!\n 19\n 20\n");
}

TEST(UnifiedDiff, KeepsCrLfAndMarksAMissingFinalNewline) {
  EXPECT_EQ(UnifiedDiff("a\r\nb", "a\r\nc", "w.py"),
            "--- a/w.py\n+++ b/w.py\n@@ -1,2 +1,2 @@\n a\r\n-b\n\\ No newline at end of file\n+c\n"
            "\\ No newline at end of file\n");
  EXPECT_EQ(UnifiedDiff("same\n", "same\n", "w.py"), "");
  EXPECT_EQ(UnifiedDiff("", "new\n", "n.py"), "--- a/n.py\n+++ b/n.py\n@@ -0,0 +1,1 @@\n+new\n");
}

}  // namespace
}  // namespace faaslint
