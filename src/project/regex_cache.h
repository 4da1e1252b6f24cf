// Route patterns compiled once per run. Every cron path is matched against each legacy
// route, rewrite, function file and app route, and three rules resolve each cron:
// compiling the pattern for each match made a vercel.json of 200 crons and 8,000
// rewrites take 11 s, and the 1 MiB a vercel.json may hold fits 10,000 of each.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <string_view>

namespace faaslint::project {

// The literal text every whole-text match of an ECMAScript `pattern` starts with: its
// leading plain and escaped characters, up to the first operator (a character that a
// quantifier follows is left out). Empty when the pattern has a `|` anywhere: an
// alternative could change how a match starts.
std::string LiteralPrefix(std::string_view pattern);

// A compiled pattern. A text that does not start with the pattern's literal prefix is
// rejected by a comparison: most paths fail most patterns on their first segment.
class CompiledRegex {
 public:
  // Null when std::regex cannot compile the pattern, or it is too long to compile safely.
  static std::shared_ptr<const CompiledRegex> Compile(const std::string& pattern);
  bool Matches(std::string_view text) const;  // all of `text`

 private:
  CompiledRegex(std::regex regex, std::string prefix) : regex_(std::move(regex)), prefix_(std::move(prefix)) {}
  std::regex regex_;
  std::string prefix_;
};

class RegexCache {
 public:
  // Compiled once per pattern; null when the pattern is unknown (CompiledRegex::Compile).
  std::shared_ptr<const CompiledRegex> Get(const std::string& pattern) const;
  // Whether all of `text` matches `pattern` (ECMAScript); nullopt when it is unknown.
  std::optional<bool> Matches(const std::string& pattern, std::string_view text) const {
    std::shared_ptr<const CompiledRegex> regex = Get(pattern);
    if (!regex) return std::nullopt;
    return regex->Matches(text);
  }

 private:
  mutable std::mutex mutex_;
  // Null for a pattern that does not compile. Shared: a compiled regex is only read.
  mutable std::map<std::string, std::shared_ptr<const CompiledRegex>, std::less<>> compiled_;
};

}  // namespace faaslint::project
