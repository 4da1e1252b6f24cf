#include "project/regex_cache.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "vercel/path_pattern.h"

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
  // Counts libstdc++ would read past a long (undefined behaviour; the vercel fuzz target).
  EXPECT_EQ(cache.Matches("/(a)\\" + std::string(25, '2'), "/a"), std::nullopt);
  EXPECT_EQ(cache.Matches("/a{" + std::string(25, '2') + "}", "/a"), std::nullopt);
  EXPECT_EQ(cache.Matches("/a{1," + std::string(25, '2') + "}", "/a"), std::nullopt);
  EXPECT_EQ(cache.Matches("/a{2,3}/\\d{4}", "/aa/2026"), true) << "short counts compile";
  EXPECT_EQ(cache.Matches("/v1/20261130", "/v1/20261130"), true) << "long literal numbers compile";
  // Catastrophic backtracking for a backtracking matcher; linear here.
  EXPECT_EQ(cache.Matches("/api/(a+)+x", "/api/" + std::string(40, 'a')), false);
}

TEST(EstimatedStates, CountsCharactersGroupsQuantifiersAndCopiesOfCountedOperands) {
  EXPECT_EQ(EstimatedStates("/api/cron"), 9u);
  EXPECT_EQ(EstimatedStates("/api/(.*)"), 8u);        // 5 characters, `.`, `*`, the group
  EXPECT_EQ(EstimatedStates("[^/]+"), 2u);            // a class is one state
  EXPECT_EQ(EstimatedStates("\\d{4}"), 5u);           // 4 copies and the repeat
  EXPECT_EQ(EstimatedStates("(ab){3}"), 10u);         // (a, b, the group) 3 times, the repeat
  EXPECT_EQ(EstimatedStates("(a{99}){99}"), 10'000u);  // nested counts multiply
  EXPECT_EQ(EstimatedStates("a{2,}"), 4u);            // open-ended: n + 1 copies
  EXPECT_EQ(EstimatedStates("a{x}"), 4u);             // no count: plain characters
  EXPECT_GT(EstimatedStates("((((a{9999}){9999}){9999}){9999}){9999}"), uint64_t{1} << 39) << "saturates";
}

// libstdc++ copies a counted operand once per count: `(a?){3000}` took 12 ms to compile
// and 0.35 s a match. Past 2,000 estimated states a pattern is unknown; below, it works.
TEST(RegexCache, PatternsWithTooManyStatesAreUnknown) {
  const RegexCache cache;
  EXPECT_EQ(cache.Matches("/(a?){600}b", "/aab"), true);   // 1,803 states
  EXPECT_EQ(cache.Matches("/(a?){700}b", "/aab"), std::nullopt);  // 2,103
  EXPECT_EQ(cache.Matches("/(a{99}){99}", "/a"), std::nullopt);
  EXPECT_FALSE(cache.exhausted()) << "a pattern refused for its size spends nothing";
}

// What one run may compile and match is bounded: past it every answer is unknown, and
// the cache says so (the run notes it). A text the literal prefix rejects costs nothing.
TEST(RegexCache, AnswersAreUnknownOnceTheBudgetIsSpent) {
  const RegexCache steps({.states = 1'000, .steps = 100});
  EXPECT_EQ(steps.Matches("/api/(.*)", "/other/path/that/is/long"), false) << "rejected by the prefix, free";
  EXPECT_EQ(steps.Matches("/api/(.*)", "/api/x"), true);  // 8 states x 7 = 56 steps
  EXPECT_FALSE(steps.exhausted());
  EXPECT_EQ(steps.Matches("/api/(.*)", "/api/y"), std::nullopt);  // 56 more: over 100
  EXPECT_TRUE(steps.exhausted());
  EXPECT_EQ(steps.Matches("/api/(.*)", "/api/"), std::nullopt) << "a cheaper match after it is unknown too";
  EXPECT_EQ(steps.Matches("/api/(.*)", "/other"), false) << "what the prefix rejects is still known";

  const RegexCache states({.states = 20, .steps = 1'000'000});
  EXPECT_EQ(states.Matches("/api/(.*)", "/api/x"), true);  // 8 states compiled
  EXPECT_EQ(states.Matches("/api/(.*)", "/api/z"), true) << "compiled once, not charged again";
  EXPECT_EQ(states.Matches("/cron/(.*)", "/cron/x"), true);  // 9 more: 17
  EXPECT_FALSE(states.exhausted());
  EXPECT_EQ(states.Get("/jobs/(.*)"), nullptr);  // 9 more: over 20
  EXPECT_TRUE(states.exhausted());
}

TEST(LiteralPrefix, StopsAtTheFirstOperatorAndLeavesOutQuantifiedCharacters) {
  EXPECT_EQ(LiteralPrefix("^\\/api\\/cron(?:\\/)?$"), "/api/cron");
  EXPECT_EQ(LiteralPrefix("/api/(.*)"), "/api/");
  EXPECT_EQ(LiteralPrefix("/apis?/x"), "/api");     // the s is optional
  EXPECT_EQ(LiteralPrefix("/ab{2}"), "/a");
  EXPECT_EQ(LiteralPrefix("/a\\d+"), "/a");        // a class escape ends it
  EXPECT_EQ(LiteralPrefix("\\.well-known/x"), ".well-known/x");
  EXPECT_EQ(LiteralPrefix("^/a|^/b"), "");           // an alternative may start elsewhere
  EXPECT_EQ(LiteralPrefix("/(a|b)/c"), "");
  EXPECT_EQ(LiteralPrefix("[/]api"), "");
  EXPECT_EQ(LiteralPrefix("/x\\"), "/x");          // a trailing backslash
}

TEST(RequiredLiterals, AreThePlainRunsOutsideGroupsAndQuantifiers) {
  using Runs = std::vector<std::string>;
  EXPECT_EQ(RequiredLiterals("^(?:/([^/]+?))/blog-17(?:/(.*))?[/#?]?$"), (Runs{"/blog-17"}));
  EXPECT_EQ(RequiredLiterals("/api/(.*)"), (Runs{"/api/"}));
  EXPECT_EQ(RequiredLiterals("/a\\.b\\d+c/x?y"), (Runs{"/a.b", "c/", "y"}));  // \d: none; x is optional
  EXPECT_EQ(RequiredLiterals("/v\\u0041b{2}c"), (Runs{"/v", "c"}));  // a code, then a counted b
  EXPECT_EQ(RequiredLiterals("/(a|b)/c[x)]d"), (Runs{"/", "/c", "d"}));  // `)` in a class closes nothing
  EXPECT_EQ(RequiredLiterals("/a|/b"), Runs{}) << "an alternative of the whole pattern";
  EXPECT_EQ(RequiredLiterals("/a\\|b"), (Runs{"/a|b"})) << "an escaped bar is a character";
  EXPECT_EQ(RequiredLiterals("(unclosed/x"), Runs{});
}

// A text without a required literal is rejected by a search, not by the regex: it costs
// the search's bound (runs x text), far less than the automaton's.
TEST(RegexCache, ATextWithoutARequiredLiteralIsRejectedBeforeTheRegexRuns) {
  const RegexCache cache({.states = 1'000, .steps = 2'000});
  const std::string pattern = "^(?:/([^/]+?))/blog-17(?:/(.*))?[/#?]?$";  // /:lang/blog-17/:slug*
  ASSERT_GT(EstimatedStates(pattern) * 12 * 10, 2'000u) << "the regex alone would spend more";
  for (int i = 0; i < 10; ++i) EXPECT_EQ(cache.Matches(pattern, "/api/cron-" + std::to_string(i)), false);
  EXPECT_FALSE(cache.exhausted()) << "10 searches of 8 bytes in 11: 960 steps";
  EXPECT_EQ(cache.Matches(pattern, "/en/blog-17/x"), true);
}

// The prefix only ever rejects what the regex rejects: every pattern kind routing uses
// (path-to-regexp sources as Vercel compiles them, legacy `src` regexes), against paths
// that match, nearly match and do not.
TEST(LiteralPrefix, NeverRejectsAMatch) {
  std::vector<std::string> patterns = {"^/api/cron$", "^/api/(.*)$", "^/apis?/x$", "^/a+b$", "^/a|/b$",
                                       "^\\/x\\.y$", "^/(?:v1|v2)/jobs$", "/api/[^/]+/run", "^$", ".*",
                                       "/(?:en|de)/cron", "/[a-z]+/b\\d?/x", "(?=/a)/a/\\x41/b", "/a{2}/cron",
                                       "(?:/api){1,2}/cron", "/\\w+/(?:x|y)z"};
  for (const char* source : {"/api/:path*", "/r1/(.*)", "/:slug", "/blog/:id?", "{/:lang}?/cron", "/api/cron",
                             "/files/:name.json", "/a/:b+"}) {
    std::optional<std::string> regex = vercel::PathPatternRegex(source);
    ASSERT_TRUE(regex) << source;
    patterns.push_back(*regex);
  }
  const std::vector<std::string> paths = {"", "/", "/api", "/api/", "/api/cron", "/api/cron/", "/apis/x", "/api/x",
                                          "/a", "/aab", "/b", "/x.y", "/v1/jobs", "/v3/jobs", "/r1/", "/r1/a/b",
                                          "/blog", "/blog/7", "/en/cron", "/cron", "/files/a.json", "/a/b/c",
                                          "/API/cron", "/api/cron?x=1"};
  const RegexCache cache;
  for (const std::string& pattern : patterns) {
    std::regex plain(pattern, std::regex::ECMAScript);
    for (const std::string& path : paths) {
      EXPECT_EQ(cache.Matches(pattern, path), std::regex_match(path, plain)) << pattern << " on " << path;
    }
  }
}

}  // namespace
}  // namespace faaslint::project
