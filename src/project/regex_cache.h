// Route patterns compiled once per run. Every cron path is matched against each legacy
// route, rewrite, function file and app route, and three rules resolve each cron:
// compiling the pattern for each match made a vercel.json of 200 crons and 8,000
// rewrites take 11 s, and the 1 MiB a vercel.json may hold fits 10,000 of each.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace faaslint::project {

// The literal text every whole-text match of an ECMAScript `pattern` starts with: its
// leading plain and escaped characters, up to the first operator (a character that a
// quantifier follows is left out). Empty when the pattern has a `|` anywhere: an
// alternative could change how a match starts.
std::string LiteralPrefix(std::string_view pattern);
// Texts every whole-text match contains, in this order and without overlapping: the runs
// of plain and escaped characters outside any group or class that no quantifier follows.
// Empty when the pattern has an alternative outside groups. A path-to-regexp source that
// starts with a parameter (`/:lang/blog/:slug`) has no literal prefix but such a run.
std::vector<std::string> RequiredLiterals(std::string_view pattern);

// An upper bound on the states of the automaton libstdc++ builds for an ECMAScript
// `pattern`, read from its text: one per character, class and group, one more per
// quantifier, and a counted repetition's operand once per count (`(ab){3}` is 3 copies).
// A breadth-first match steps through at most this many states per character of the
// text, and compiling is about as much work.
uint64_t EstimatedStates(std::string_view pattern);

// A compiled pattern; matched through its RegexCache, which charges for the work. A text
// that does not start with the pattern's literal prefix is rejected by a comparison, for
// free: most paths fail most patterns on their first segment. One that lacks a required
// literal is rejected by a search, before the regex runs.
class CompiledRegex {
 private:
  friend class RegexCache;
  // Null when std::regex cannot compile the pattern.
  static std::shared_ptr<const CompiledRegex> Compile(const std::string& pattern, uint64_t states);
  CompiledRegex(std::regex regex, std::string prefix, std::vector<std::string> required, uint64_t states)
      : regex_(std::move(regex)), prefix_(std::move(prefix)), required_(std::move(required)), states_(states) {
    for (const std::string& run : required_) required_bytes_ += run.size();
  }
  std::regex regex_;
  std::string prefix_;
  std::vector<std::string> required_;  // RequiredLiterals
  uint64_t required_bytes_ = 0;
  uint64_t states_;  // EstimatedStates
};

// How much one run may compile and match. Each pattern is linear to match, but
// vercel.json may hold thousands of routes and crons, and each cron path is tried against
// each route: 1,000 routes like `/(a?){3000}b` and 100 crons of 500 characters took more
// than 100 s and 877 MB. A compiled state holds about 100 bytes and takes up to 1 us to
// build; a step of a match (a state times a character of the text, EstimatedStates)
// takes up to about 15 ns. So a run spends at most about 50 MB and 3 s here, and a real
// vercel.json a small part of it: Vercel's limits, 2,048 rewrites that each start with a
// parameter (`/:lang/blog-N/:slug*`, no literal prefix) tried against each of 100 crons,
// are 87,000 states and 25 M steps (112 M before RequiredLiterals).
struct RegexBudget {
  uint64_t states = 500'000;
  uint64_t steps = 200'000'000;
};

class RegexCache {
 public:
  explicit RegexCache(RegexBudget budget = {}) : budget_(budget) {}
  // Compiled once per pattern; null when the pattern is unknown: std::regex cannot
  // compile it, it is too long or too large to compile safely, or the budget is spent.
  std::shared_ptr<const CompiledRegex> Get(const std::string& pattern) const;
  // Whether all of `text` matches (ECMAScript); nullopt when that is unknown: the
  // pattern is, or the budget is spent. The budget is spent in the order of the calls;
  // the project rules, its only users, run one after another, so a vercel.json spends
  // it the same way in every run.
  std::optional<bool> Matches(const CompiledRegex& regex, std::string_view text) const;
  std::optional<bool> Matches(const std::string& pattern, std::string_view text) const;
  // Whether some answer was unknown for want of budget (the run notes that).
  bool exhausted() const {
    return states_.load(std::memory_order_relaxed) > budget_.states ||
           steps_.load(std::memory_order_relaxed) > budget_.steps;
  }

 private:
  // Each false once its budget is spent, and from then on.
  static bool Spend(std::atomic<uint64_t>& spent, uint64_t cost, uint64_t budget) {
    return spent.fetch_add(cost, std::memory_order_relaxed) + cost <= budget;
  }

  const RegexBudget budget_;
  mutable std::atomic<uint64_t> states_{0};
  mutable std::atomic<uint64_t> steps_{0};
  mutable std::mutex mutex_;
  // Null for a pattern that does not compile. Shared: a compiled regex is only read.
  mutable std::map<std::string, std::shared_ptr<const CompiledRegex>, std::less<>> compiled_;
};

}  // namespace faaslint::project
