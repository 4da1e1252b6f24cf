// The guard in front of tree-sitter for unclosed-bracket floods (python/bracket_depth.h).
#include "python/bracket_depth.h"

#include <gtest/gtest.h>

#include <string>

namespace faaslint::python {
namespace {

TEST(BracketDepth, CountsNestingAndNamesTheLine) {
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("f(a[1], {2: (3)})\n", 3), 0u);
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("f(a[1], {2: ((3))})\n", 3), 1u);
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("x = 1\ny = (\n  (\n    (\n", 2), 4u);
  EXPECT_EQ(LineWhereBracketsNestDeeperThan(std::string(1000, '(') + std::string(1000, ')') + "(", 1000), 0u);
  // As many openers as the limit, all nested: at the limit, not over it (the count that
  // skips the scan must not be off by one); one more is over.
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("x = " + std::string(1000, '['), 1000), 0u);
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("x = " + std::string(1001, '['), 1000), 1u);
}

TEST(BracketDepth, ClosersInStringsAndCommentsCloseNothing) {
  // The parser sees three open brackets here, whatever the strings hold.
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("x = (')', (\")\", (  # )))\n", 2), 1u);
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("x = ('''\n)))\n''', (\"\"\" ) \\\"\"\" ) \"\"\", (\n", 2), 3u);
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("x = ('\\')' + (\n", 1), 1u);  // \\' does not end the string
  // Real closers after a string end do close.
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("f('x', g(')'))\nh(((1)))\n", 3), 0u);
}

TEST(BracketDepth, OpenersAnywhereCountSoTheGuardNeverUndercounts) {
  // f-string braces open in the parser; counting every opener keeps the bound safe.
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("x = f'{(((' # ((\n", 5), 1u);
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("x = 'abc'\n", 0), 0u);
}

TEST(BracketDepth, AStringOrCommentClosesOnlyWhatItOpened) {
  // 12,500 lines of f-strings hold 50,000 braces but nest one level: not skipped.
  std::string fstrings;
  for (int i = 0; i < 12500; ++i) fstrings += "print(f'{x} {y!r} {z:>{w}}')  # (see above)\n";
  EXPECT_EQ(LineWhereBracketsNestDeeperThan(fstrings), 0u);
  // Closers in a string never close the code's openers...
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("x = ((('))))'\n(", 3), 2u);
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("x = ((( # ))))\n(", 3), 2u);
  // ... nor those an earlier string or comment left open, which stay counted.
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("x = ('{' + '}' + (\n", 2), 1u);
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("# (\n# )\nx = ((\n", 2), 3u);
  // A triple-quoted string pairs across its lines.
  EXPECT_EQ(LineWhereBracketsNestDeeperThan("x = ('''(\n)''', (\n", 2), 0u);
}

}  // namespace
}  // namespace faaslint::python
