#include "core/glob.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace faaslint {
namespace {

bool GlobMatch(std::string_view pattern, std::string_view path) { return Glob(pattern).Matches(path); }

TEST(Glob, StarStaysInOneSegment) {
  EXPECT_TRUE(GlobMatch("api/*.py", "api/index.py"));
  EXPECT_FALSE(GlobMatch("api/*.py", "api/v1/index.py"));
  EXPECT_FALSE(GlobMatch("*.py", "api/index.py"));
}

TEST(Glob, DoubleStarSpansFoldersIncludingNone) {
  EXPECT_TRUE(GlobMatch("api/**/*.py", "api/index.py"));
  EXPECT_TRUE(GlobMatch("api/**/*.py", "api/v1/users/index.py"));
  EXPECT_TRUE(GlobMatch("tests/**", "tests/a/b.py"));
  EXPECT_TRUE(GlobMatch("**/test_*.py", "test_x.py"));
  EXPECT_FALSE(GlobMatch("api/**/*.py", "lib/index.py"));
}

TEST(Glob, ClassesBracesAndQuestionMark) {
  EXPECT_TRUE(GlobMatch("api/[a-c].py", "api/b.py"));
  EXPECT_FALSE(GlobMatch("api/[!a-c].py", "api/b.py"));
  EXPECT_TRUE(GlobMatch("api/*.{py,js}", "api/x.js"));
  EXPECT_FALSE(GlobMatch("api/*.{py,js}", "api/x.ts"));
  EXPECT_TRUE(GlobMatch("a?.py", "ab.py"));
  EXPECT_FALSE(GlobMatch("a?.py", "a/.py"));
  EXPECT_TRUE(GlobMatch("./api/x.py", "api/x.py"));
}

TEST(Glob, NestedBracesEmptyAlternativesAndLiteralBraces) {
  EXPECT_TRUE(GlobMatch("api/{v1/{a,b},v2}.py", "api/v1/b.py"));
  EXPECT_TRUE(GlobMatch("api/{v1/{a,b},v2}.py", "api/v2.py"));
  EXPECT_FALSE(GlobMatch("api/{v1/{a,b},v2}.py", "api/v1.py"));
  EXPECT_TRUE(GlobMatch("api/index{,_v2}.py", "api/index.py"));
  EXPECT_TRUE(GlobMatch("api/index{,_v2}.py", "api/index_v2.py"));
  EXPECT_TRUE(GlobMatch("api/{x.py", "api/{x.py"));  // unbalanced: literal
  EXPECT_TRUE(GlobMatch("api/x}.py", "api/x}.py"));
  EXPECT_TRUE(GlobMatch("a,b.py", "a,b.py"));  // a comma outside braces is literal
}

TEST(Glob, EscapesAndClassEdges) {
  EXPECT_TRUE(GlobMatch("api/\\*.py", "api/*.py"));
  EXPECT_FALSE(GlobMatch("api/\\*.py", "api/x.py"));
  EXPECT_TRUE(GlobMatch("api/\\{a,b}.py", "api/{a,b}.py"));
  EXPECT_TRUE(GlobMatch("[]a].py", "].py"));
  EXPECT_TRUE(GlobMatch("api/[.py", "api/[.py"));  // no closing bracket: literal
  EXPECT_FALSE(GlobMatch("api[!a]x.py", "api/x.py"));  // a class never matches '/'
  EXPECT_TRUE(GlobMatch("a/**/b.py", "a/b.py"));
  EXPECT_TRUE(GlobMatch("a/**/b.py", "a/x/y/b.py"));
  EXPECT_FALSE(GlobMatch("a/**/b.py", "a/xb.py"));
}

TEST(Glob, APatternWithoutWildcardsMatchesOnlyItself) {
  EXPECT_TRUE(GlobMatch("api/index.py", "api/index.py"));
  EXPECT_FALSE(GlobMatch("api/index.py", "api/index.pyc"));
  EXPECT_FALSE(GlobMatch("api/index.py", "x/api/index.py"));
  EXPECT_TRUE(GlobMatch("a,b}.py", "a,b}.py"));
}

TEST(Glob, OneCompiledPatternMatchesManyPaths) {
  const Glob glob("api/**/*.py");
  EXPECT_TRUE(glob.Matches("api/index.py"));
  EXPECT_TRUE(glob.Matches("api/a/b.py"));
  EXPECT_FALSE(glob.Matches("lib/a.py"));
  EXPECT_FALSE(glob.Matches(""));
}

// Patterns come from untrusted vercel.json keys. A backtracking matcher took 11 s on
// the fuzzer's 40-star key (fuzz/regressions/vercel/function_pattern_many_stars) and
// 2^n tries for n brace groups; these finish only because matching is linear.
TEST(Glob, AdversarialPatternsAreAnsweredCorrectly) {
  const std::string many_stars = "a" + std::string(40, '*') + "pi/" + std::string(200, 'S') + "**/*.py";
  EXPECT_FALSE(GlobMatch(many_stars, "api/handlers/index_of_the_app.py"));
  EXPECT_TRUE(GlobMatch(many_stars, "api/" + std::string(200, 'S') + "/x.py"));

  std::string groups;
  for (int i = 0; i < 200; ++i) groups += "{a,b}";
  EXPECT_TRUE(GlobMatch(groups, std::string(199, 'a') + "b"));
  EXPECT_FALSE(GlobMatch(groups, std::string(199, 'a') + "c"));

  const std::string nested = std::string(100000, '{') + "x" + std::string(100000, '}');
  EXPECT_TRUE(GlobMatch(nested, "x"));
  EXPECT_FALSE(GlobMatch(nested, "y"));

  // Each unclosed '[' is a literal; finding that scanned to the end of the pattern for
  // each one, and 100,000 of them took 23 s (a million: most of an hour).
  const std::string brackets = "api/" + std::string(1000000, '[') + ".py";
  EXPECT_TRUE(GlobMatch(brackets, brackets));
  EXPECT_FALSE(GlobMatch(brackets, "api/[.py"));
  EXPECT_TRUE(GlobMatch(std::string(100000, '[') + "x]", "x")) << "one class: the '['s and x";
  EXPECT_TRUE(GlobMatch("]" + std::string(100000, '['), "]" + std::string(100000, '[')));
}

// Every path a glob matches lies in the run of a sorted list that CandidatePaths gives,
// whatever the pattern: wildcards first, escapes, classes, braces, a leading "./".
TEST(Glob, CandidatePathsHoldEveryMatch) {
  std::vector<std::string> paths = {"api", "api/a.py", "api/b/c.py", "api/h1.py", "api/h10.py", "api/h1x.py",
                                    "api/h2.py", "api/x*y.py", "api0.py", "app.py", "b.py", "src/api/a.py"};
  std::sort(paths.begin(), paths.end());
  for (const char* pattern : {"api/h1*.py", "api/*.py", "api/**", "**/*.py", "*", "api/h?.py", "api/[hx]*.py",
                              "api/{h1,b/c}.py", "./api/a.py", "api/x\\*y.py", "app.py", "nothing", ""}) {
    const Glob glob(pattern);
    std::vector<std::string> everywhere, in_run;
    std::copy_if(paths.begin(), paths.end(), std::back_inserter(everywhere),
                 [&](const std::string& path) { return glob.Matches(path); });
    auto [first, last] = CandidatePaths(glob, paths);
    std::copy_if(first, last, std::back_inserter(in_run), [&](const std::string& path) { return glob.Matches(path); });
    EXPECT_EQ(in_run, everywhere) << pattern;
  }
  auto [first, last] = CandidatePaths(Glob("api/h1*.py"), paths);
  EXPECT_EQ(std::distance(first, last), 3);  // h1.py, h10.py, h1x.py: not the whole list
}

}  // namespace
}  // namespace faaslint
