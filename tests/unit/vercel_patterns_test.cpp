#include <gtest/gtest.h>

#include "vercel/js_regex.h"
#include "vercel/path_pattern.h"

namespace faaslint::vercel {
namespace {

std::string RegexError(std::string_view pattern) {
  std::optional<JsRegexError> error = CheckJsRegex(pattern);
  return error ? Describe(*error) : "ok";
}

TEST(JsRegex, AcceptsWhatV8AcceptsInAnnexB) {
  for (const char* ok : {"^/api/(.*)$", "a{", "a{1", "]", "}", "[a-z]", "[^]", "[]", "(?:a|b)+?", "(?=a)*",
                         "(?<year>\\d{4})-\\k<year>", "\\k<x>", "a{2,}", "\\1(a)", "[\\w-a]", "\\c", "x*?",
                         "/(?!general).*", "\\/", "[a-]"}) {
    EXPECT_EQ(RegexError(ok), "ok") << ok;
  }
}

// 256 levels of groups are checked; the 257th is refused rather than recursed into
// (2,000 levels once overflowed the checker's stack).
TEST(JsRegex, GroupsNestedDeeperThan256LevelsAreRefused) {
  EXPECT_EQ(RegexError(std::string(256, '(') + std::string(256, ')')), "ok");
  EXPECT_EQ(RegexError("a" + std::string(257, '(') + std::string(257, ')')),
            "groups nested deeper than 256 levels (at character 258)");
  EXPECT_EQ(RegexError(std::string(100000, '(')), "groups nested deeper than 256 levels (at character 257)");
  std::string side_by_side;
  for (int i = 0; i < 1000; ++i) side_by_side += "(?:a|(b))";
  EXPECT_EQ(RegexError(side_by_side), "ok");
}

TEST(JsRegex, RejectsWithV8sReasonAndOffset) {
  EXPECT_EQ(RegexError("/api/(.*"), "Unterminated group (at character 6)");
  EXPECT_EQ(RegexError("a)"), "Unmatched ')' (at character 2)");
  EXPECT_EQ(RegexError("/**"), "Nothing to repeat (at character 3)");
  EXPECT_EQ(RegexError("*a"), "Nothing to repeat (at character 1)");
  EXPECT_EQ(RegexError("{1}"), "Nothing to repeat (at character 1)");
  EXPECT_EQ(RegexError("^*"), "Nothing to repeat (at character 2)");
  EXPECT_EQ(RegexError("(?<=a)+"), "Invalid quantifier (at character 7)");
  EXPECT_EQ(RegexError("x{1}{2}"), "Nothing to repeat (at character 5)");
  EXPECT_EQ(RegexError("x???"), "Nothing to repeat (at character 4)");
  EXPECT_EQ(RegexError("\\b+"), "Nothing to repeat (at character 3)");
  EXPECT_EQ(RegexError("a{2,1}"), "numbers out of order in {} quantifier (at character 2)");
  EXPECT_EQ(RegexError("[z-a]"), "Range out of order in character class (at character 2)");
  EXPECT_EQ(RegexError("[abc"), "Unterminated character class (at character 1)");
  EXPECT_EQ(RegexError("(?i:a)"), "Invalid group (at character 3)");
  EXPECT_EQ(RegexError("abc\\"), "\\ at end of pattern (at character 4)");
  EXPECT_EQ(RegexError("(?<a>x)(?<a>y)"), "Duplicate capture group name (at character 12)");
  EXPECT_EQ(RegexError("(?<a>x)\\k<b>"), "Invalid named capture referenced (at character 8)");
}

std::string Pattern(std::string_view source) {
  std::vector<std::string> segments;
  if (std::optional<std::string> error = ParsePathPattern(source, &segments)) return *error;
  std::string out;
  for (const std::string& s : segments) out += "[" + s + "]";
  return out;
}

TEST(PathPattern, ParametersGroupsAndModifiers) {
  EXPECT_EQ(Pattern("/blog/:slug"), "[slug]");
  EXPECT_EQ(Pattern("/:path*"), "[path]");
  EXPECT_EQ(Pattern("/api/(.*)"), "[(unnamed group)]");
  EXPECT_EQ(Pattern("/a{/:b}?/:c(\\d+)"), "[b][c]");
  EXPECT_EQ(Pattern("/plain/path.html"), "");
}

TEST(PathPattern, ErrorsAsPathToRegexp6Words) {
  EXPECT_EQ(Pattern("/*"), "Unexpected MODIFIER at 1, expected END");
  EXPECT_EQ(Pattern("/:"), "Missing parameter name at 1");
  EXPECT_EQ(Pattern("/(?!x)"), "Pattern cannot start with \"?\" at 2");
  EXPECT_EQ(Pattern("/((a))"), "Capturing groups are not allowed at 2");
  EXPECT_EQ(Pattern("/(a"), "Unbalanced pattern at 1");
  EXPECT_EQ(Pattern("/()"), "Missing pattern at 1");
  EXPECT_EQ(Pattern("/a}"), "Unexpected CLOSE at 2, expected END");
  EXPECT_EQ(Pattern("/{a"), "Unexpected END at 3, expected CLOSE");
}

TEST(PathPattern, DestinationSegmentsFromHostPathAndQuery) {
  EXPECT_EQ(DestinationSegments("https://:sub.example.com:8080/:a/x?q=:b&r=1#frag"),
            (std::vector<std::string>{"sub", "a", "b"}));
  EXPECT_EQ(DestinationSegments("/api/index.py"), std::vector<std::string>{});
}

}  // namespace
}  // namespace faaslint::vercel

namespace faaslint::vercel {
namespace {

// Expected strings printed by path-to-regexp 6.1.0 itself
// (pathToRegexp(p, [], {strict: true, sensitive: true, delimiter: "/"}).source).
TEST(PathPattern, CompilesToThePathToRegexpRegex) {
  EXPECT_EQ(PathPatternRegex("/:path*").value_or("?"), R"(^(?:\/((?:[^\/]+?)(?:\/(?:[^\/]+?))*))?$)");
  EXPECT_EQ(PathPatternRegex("/api/(.*)").value_or("?"), R"(^\/api(?:\/(.*))$)");
  EXPECT_EQ(PathPatternRegex("/a{/:b}?/:c(\\d+)").value_or("?"), R"(^\/a(?:\/([^\/]+?))?(?:\/(\d+))$)");
  EXPECT_EQ(PathPatternRegex("/blog/:slug").value_or("?"), R"(^\/blog(?:\/([^\/]+?))$)");
  EXPECT_EQ(PathPatternRegex("/x.:ext?").value_or("?"), R"(^\/x(?:\.([^\/]+?))?$)");
  EXPECT_EQ(PathPatternRegex("/:a+").value_or("?"), R"(^(?:\/((?:[^\/]+?)(?:\/(?:[^\/]+?))*))$)");
  EXPECT_EQ(PathPatternRegex("/{x}").value_or("?"), R"(^\/(?:x)$)");
  EXPECT_FALSE(PathPatternRegex("/*"));
}

}  // namespace
}  // namespace faaslint::vercel
