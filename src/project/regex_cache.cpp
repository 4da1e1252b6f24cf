#include "project/regex_cache.h"

namespace faaslint::project {
namespace {

// Longer patterns are "unknown": libstdc++ compiles a regex recursively, one level per
// term, so a 500 KB route `src` overflowed the stack. Real routes are far shorter.
constexpr size_t kMaxRegexBytes = 1000;

// std::regex throws on patterns it cannot compile (lookbehind, ...): that is "unknown".
// `__polynomial` (libstdc++) matches breadth-first, in time linear in the text: the
// default backtracking took 34 s to match `/api/(a+)+x` against a 32-byte cron path,
// and doubled with every byte more. Such a pattern also has no back-references, which
// that mode refuses (a regex_error: unknown as well).
std::shared_ptr<const std::regex> Compile(const std::string& pattern) {
  try {
    return std::make_shared<const std::regex>(pattern, std::regex::ECMAScript | std::regex_constants::__polynomial);
  } catch (const std::regex_error&) {
    return nullptr;
  }
}

}  // namespace

std::optional<bool> RegexCache::Matches(const std::string& pattern, const std::string& text) const {
  if (pattern.size() > kMaxRegexBytes) return std::nullopt;
  std::shared_ptr<const std::regex> regex;
  bool known;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = compiled_.find(pattern);
    known = found != compiled_.end();
    if (known) regex = found->second;
  }
  if (!known) {
    regex = Compile(pattern);  // outside the lock: workers compile other patterns meanwhile
    std::lock_guard<std::mutex> lock(mutex_);
    regex = compiled_.emplace(pattern, std::move(regex)).first->second;  // the first stored wins
  }
  if (!regex) return std::nullopt;
  return std::regex_match(text, *regex);
}

}  // namespace faaslint::project
