#include "project/regex_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace faaslint::project {
namespace {

TEST(RegexCache, MatchesWholeTextsAndAnswersAgainFromTheCompiledPattern) {
  const RegexCache cache;
  EXPECT_EQ(cache.Matches("/api/(.*)", "/api/cron"), true);
  EXPECT_EQ(cache.Matches("/api/(.*)", "/other/api/cron"), false);  // all of the text
  EXPECT_EQ(cache.Matches("/api/(.*)", "/api/x"), true);              // compiled before
  EXPECT_EQ(cache.Matches("/api/[^/]+", "/api/a/b"), false);
}

TEST(RegexCache, PatternsItCannotCompileAreUnknownEveryTime) {
  const RegexCache cache;
  EXPECT_EQ(cache.Matches("/api/(", "/api/"), std::nullopt);
  EXPECT_EQ(cache.Matches("/api/(", "/api/("), std::nullopt);
  EXPECT_EQ(cache.Matches("(?<=a)b", "ab"), std::nullopt);  // lookbehind: not ECMAScript in libstdc++
  EXPECT_EQ(cache.Matches("/" + std::string(2000, 'a'), "/a"), std::nullopt);  // too long to compile safely
  // Catastrophic backtracking for a backtracking matcher; linear here.
  EXPECT_EQ(cache.Matches("/api/(a+)+x", "/api/" + std::string(40, 'a')), false);
}

}  // namespace
}  // namespace faaslint::project
