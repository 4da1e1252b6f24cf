#include "core/glob.h"

#include <string>

namespace faaslint {
namespace {

// Matches a `[...]` class at pattern[p] against c; sets *end past the class.
bool MatchClass(std::string_view pattern, size_t p, char c, size_t* end) {
  size_t i = p + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  bool matched = false;
  bool first = true;
  for (; i < pattern.size() && (first || pattern[i] != ']'); ++i, first = false) {
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      if (pattern[i] <= c && c <= pattern[i + 2]) matched = true;
      i += 2;
    } else if (pattern[i] == c) {
      matched = true;
    }
  }
  if (i >= pattern.size()) {  // no closing bracket: a literal '['
    *end = p + 1;
    return c == '[';
  }
  *end = i + 1;
  return matched != negate && c != '/';
}

bool Match(std::string_view pattern, std::string_view path) {
  size_t p = 0, s = 0;
  while (p < pattern.size()) {
    char pc = pattern[p];
    if (pc == '*') {
      bool double_star = p + 1 < pattern.size() && pattern[p + 1] == '*';
      if (double_star) {
        size_t rest = p + 2;
        // `**/` also matches zero folders.
        if (rest < pattern.size() && pattern[rest] == '/') {
          if (Match(pattern.substr(rest + 1), path.substr(s))) return true;
        }
        for (size_t k = s; k <= path.size(); ++k) {
          if (Match(pattern.substr(rest), path.substr(k))) return true;
        }
        return false;
      }
      for (size_t k = s; k <= path.size(); ++k) {
        if (Match(pattern.substr(p + 1), path.substr(k))) return true;
        if (k < path.size() && path[k] == '/') break;
      }
      return false;
    }
    if (s >= path.size()) return false;
    if (pc == '?') {
      if (path[s] == '/') return false;
      ++p, ++s;
    } else if (pc == '[') {
      size_t end;
      if (!MatchClass(pattern, p, path[s], &end)) return false;
      p = end, ++s;
    } else {
      if (pc == '\\' && p + 1 < pattern.size()) pc = pattern[++p];
      if (pc != path[s]) return false;
      ++p, ++s;
    }
  }
  return s == path.size();
}

// Expands the first {a,b} group, then matches each alternative.
bool MatchBraces(std::string_view pattern, std::string_view path) {
  size_t open = pattern.find('{');
  if (open == std::string_view::npos) return Match(pattern, path);
  int depth = 0;
  size_t start = open + 1;
  for (size_t i = open; i < pattern.size(); ++i) {
    if (pattern[i] == '{') ++depth;
    if (pattern[i] == '}' && --depth == 0) {
      std::string_view prefix = pattern.substr(0, open), suffix = pattern.substr(i + 1);
      std::string_view body = pattern.substr(open + 1, i - open - 1);
      int inner = 0;
      start = 0;
      for (size_t j = 0; j <= body.size(); ++j) {
        if (j < body.size() && body[j] == '{') ++inner;
        if (j < body.size() && body[j] == '}') --inner;
        if (j == body.size() || (body[j] == ',' && inner == 0)) {
          std::string candidate = std::string(prefix);
          candidate += body.substr(start, j - start);
          candidate += suffix;
          if (MatchBraces(candidate, path)) return true;
          start = j + 1;
        }
      }
      return false;
    }
  }
  return Match(pattern, path);  // unbalanced: braces are literal
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view path) {
  if (pattern.size() >= 2 && pattern.substr(0, 2) == "./") pattern.remove_prefix(2);
  return MatchBraces(pattern, path);
}

}  // namespace faaslint
