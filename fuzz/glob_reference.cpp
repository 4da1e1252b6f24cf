#include "glob_reference.h"

#include <string>
#include <vector>

namespace faaslint::fuzz {
namespace {

constexpr size_t kMaxAlternatives = 16;

// Braces are modelled only when every '{' closes and no `\` or `[` could hide one.
bool BracesAreSimple(std::string_view pattern) {
  if (pattern.find_first_of("{}") == std::string_view::npos) return true;
  if (pattern.find_first_of("\\[") != std::string_view::npos) return false;
  int depth = 0;
  for (char c : pattern) {
    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth == 0;
}

// Whether text expansion keeps the meaning of a group boundary. Glob reads a group as
// a unit, so `*{,*}` is `*` then `*` (or nothing), and `**{/,}` has no `**/`; pasted
// as text they would become `**` and `**/`.
bool SafeJoin(std::string_view left, std::string_view right) {
  return !(left.ends_with('*') && (right.starts_with('*') || right.starts_with('/')));
}

// "a{b,c{d,e}}" -> "ab", "acd", "ace"; false past kMaxAlternatives, or when a joint
// would change meaning (SafeJoin).
bool Expand(const std::string& pattern, std::vector<std::string>* out) {
  size_t open = pattern.find('{');
  if (open == std::string::npos) {
    out->push_back(pattern);
    return out->size() <= kMaxAlternatives;
  }
  size_t close = open;
  for (int depth = 0; close < pattern.size(); ++close) {
    depth += pattern[close] == '{' ? 1 : pattern[close] == '}' ? -1 : 0;
    if (depth == 0) break;
  }
  const std::string body = pattern.substr(open + 1, close - open - 1);
  size_t start = 0;
  int depth = 0;
  for (size_t i = 0; i <= body.size(); ++i) {
    if (i < body.size()) depth += body[i] == '{' ? 1 : body[i] == '}' ? -1 : 0;
    if (i == body.size() || (body[i] == ',' && depth == 0)) {
      const std::string prefix = pattern.substr(0, open), text = body.substr(start, i - start);
      const std::string suffix = pattern.substr(close + 1);
      if (!SafeJoin(prefix, text + suffix) || !SafeJoin(prefix + text, suffix)) return false;
      if (!Expand(prefix + text + suffix, out)) return false;
      start = i + 1;
    }
  }
  return true;
}

class Backtracker {
 public:
  Backtracker(std::string_view pattern, std::string_view path)
      : pattern_(pattern), path_(path), failed_((pattern.size() + 1) * (path.size() + 1), false) {}

  bool Match(size_t p, size_t s) {
    if (failed_[p * (path_.size() + 1) + s]) return false;
    bool matched = MatchUncached(p, s);
    if (!matched) failed_[p * (path_.size() + 1) + s] = true;
    return matched;
  }

 private:
  bool MatchUncached(size_t p, size_t s) {
    if (p == pattern_.size()) return s == path_.size();
    const char c = pattern_[p];
    if (c == '*' && p + 1 < pattern_.size() && pattern_[p + 1] == '*') {
      if (p + 2 < pattern_.size() && pattern_[p + 2] == '/' && Match(p + 3, s)) return true;
      for (size_t k = s; k <= path_.size(); ++k) {
        if (Match(p + 2, k)) return true;
      }
      return false;
    }
    if (c == '*') {
      for (size_t k = s; k <= path_.size(); ++k) {
        if (Match(p + 1, k)) return true;
        if (k < path_.size() && path_[k] == '/') return false;
      }
      return false;
    }
    if (s == path_.size()) return false;
    if (c == '?') return path_[s] != '/' && Match(p + 1, s + 1);
    if (c == '[') {
      if (size_t end = ClassEnd(p); end != 0) return InClass(p, end, path_[s]) && Match(end, s + 1);
    }
    if (c == '\\' && p + 1 < pattern_.size()) return pattern_[p + 1] == path_[s] && Match(p + 2, s + 1);
    return c == path_[s] && Match(p + 1, s + 1);
  }

  // Past the ']' of the class at `open`, or 0 when it does not close.
  size_t ClassEnd(size_t open) const {
    size_t i = open + 1;
    if (i < pattern_.size() && (pattern_[i] == '!' || pattern_[i] == '^')) ++i;
    if (i < pattern_.size()) ++i;  // a leading ']' is a member
    size_t close = pattern_.find(']', i);
    return close == std::string_view::npos ? 0 : close + 1;
  }

  bool InClass(size_t open, size_t end, char c) const {
    if (c == '/') return false;
    size_t i = open + 1;
    const bool negate = pattern_[i] == '!' || pattern_[i] == '^';
    if (negate) ++i;
    bool member = false;
    for (; i < end - 1; ++i) {
      const bool range = i + 2 < end - 1 && pattern_[i + 1] == '-';
      const auto at = [&](size_t k) { return static_cast<unsigned char>(pattern_[k]); };
      if (range) {
        member |= at(i) <= static_cast<unsigned char>(c) && static_cast<unsigned char>(c) <= at(i + 2);
        i += 2;
      } else {
        member |= pattern_[i] == c;
      }
    }
    return member != negate;
  }

  std::string_view pattern_, path_;
  std::vector<bool> failed_;
};

}  // namespace

std::optional<bool> ReferenceGlobMatch(std::string_view pattern, std::string_view path) {
  if (pattern.starts_with("./")) pattern.remove_prefix(2);
  if (!BracesAreSimple(pattern)) return std::nullopt;
  std::vector<std::string> alternatives;
  if (!Expand(std::string(pattern), &alternatives)) return std::nullopt;
  for (const std::string& alternative : alternatives) {
    if (Backtracker(alternative, path).Match(0, 0)) return true;
  }
  return false;
}

}  // namespace faaslint::fuzz
