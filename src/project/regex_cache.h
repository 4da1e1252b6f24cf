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

namespace faaslint::project {

class RegexCache {
 public:
  // Whether all of `text` matches `pattern` (ECMAScript); nullopt when the pattern is
  // unknown: std::regex cannot compile it, or it is too long to compile safely.
  std::optional<bool> Matches(const std::string& pattern, const std::string& text) const;

 private:
  mutable std::mutex mutex_;
  // Null for a pattern that does not compile. Shared: a compiled regex is only read.
  mutable std::map<std::string, std::shared_ptr<const std::regex>, std::less<>> compiled_;
};

}  // namespace faaslint::project
