#include "project/regex_cache.h"

#include <cctype>

namespace faaslint::project {
namespace {

// Longer patterns are "unknown": libstdc++ compiles a regex recursively, one level per
// term, so a 500 KB route `src` overflowed the stack. Real routes are far shorter.
constexpr size_t kMaxRegexBytes = 1000;

// libstdc++ reads the number of a back-reference (`\12`) or a repetition (`{12}`) into
// a long without a bound (regex_compiler.tcc, _M_cur_int_value): 20 digits overflow it,
// undefined behaviour that UBSan reports (found by the `vercel` fuzz target). More than
// four digits there is no route anyone writes, so such a pattern is "unknown".
constexpr size_t kMaxCountDigits = 4;

bool HasLongCount(std::string_view pattern) {
  for (size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (pattern[i] != '\\' && pattern[i] != '{' && pattern[i] != ',') continue;
    size_t digits = 0;
    while (i + 1 + digits < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[i + 1 + digits]))) {
      ++digits;
    }
    if (digits > kMaxCountDigits) return true;
    if (pattern[i] == '\\') ++i;  // the escaped character is not an escape itself
  }
  return false;
}

bool IsOperator(char c) { return std::string_view(".^$|?*+()[]{}").find(c) != std::string_view::npos; }
bool IsQuantifier(char c) { return c == '?' || c == '*' || c == '+' || c == '{'; }

}  // namespace

std::string LiteralPrefix(std::string_view pattern) {
  if (pattern.find('|') != std::string_view::npos) return {};
  std::string prefix;
  size_t i = pattern.starts_with('^') ? 1 : 0;
  while (i < pattern.size()) {
    char literal = pattern[i];
    size_t width = 1;
    if (literal == '\\') {
      // `\/` and `\.` are characters; `\d`, `\b`, `\1`, `\x41`, `\u0041` are classes,
      // assertions, references and codes: the prefix ends there.
      if (i + 1 >= pattern.size() || std::isalnum(static_cast<unsigned char>(pattern[i + 1]))) break;
      literal = pattern[i + 1];
      width = 2;
    } else if (IsOperator(literal)) {
      break;
    }
    if (i + width < pattern.size() && IsQuantifier(pattern[i + width])) break;  // optional or repeated
    prefix += literal;
    i += width;
  }
  return prefix;
}

// std::regex throws on patterns it cannot compile (lookbehind, ...): that is "unknown".
// `__polynomial` (libstdc++) matches breadth-first, in time linear in the text: the
// default backtracking took 34 s to match `/api/(a+)+x` against a 32-byte cron path,
// and doubled with every byte more. Such a pattern also has no back-references, which
// that mode refuses (a regex_error: unknown as well).
std::shared_ptr<const CompiledRegex> CompiledRegex::Compile(const std::string& pattern) {
  if (pattern.size() > kMaxRegexBytes || HasLongCount(pattern)) return nullptr;
  try {
    std::regex regex(pattern, std::regex::ECMAScript | std::regex_constants::__polynomial);
    return std::shared_ptr<const CompiledRegex>(new CompiledRegex(std::move(regex), LiteralPrefix(pattern)));
  } catch (const std::regex_error&) {
    return nullptr;
  }
}

bool CompiledRegex::Matches(std::string_view text) const {
  if (!text.starts_with(prefix_)) return false;
  return std::regex_match(text.begin(), text.end(), regex_);
}

std::shared_ptr<const CompiledRegex> RegexCache::Get(const std::string& pattern) const {
  if (pattern.size() > kMaxRegexBytes) return nullptr;  // not kept either
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = compiled_.find(pattern);
    if (found != compiled_.end()) return found->second;
  }
  std::shared_ptr<const CompiledRegex> regex = CompiledRegex::Compile(pattern);  // outside the lock
  std::lock_guard<std::mutex> lock(mutex_);
  return compiled_.emplace(pattern, std::move(regex)).first->second;  // the first stored wins
}

}  // namespace faaslint::project
