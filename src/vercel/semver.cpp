#include "vercel/semver.h"

#include <cctype>

namespace faaslint::vercel {
namespace {

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-'; }

// A numeric identifier: `0` or digits without a leading zero.
bool Numeric(std::string_view s) {
  if (s.empty() || s.size() > 16) return false;  // node-semver caps at MAX_SAFE_INTEGER
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return s.size() == 1 || s[0] != '0';
}

// Dot-separated identifiers; `numeric_rules` applies the no-leading-zero rule to
// all-digit identifiers (prerelease), build metadata has no such rule.
bool Identifiers(std::string_view s, bool numeric_rules) {
  if (s.empty()) return false;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    std::string_view part = s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
    if (part.empty()) return false;
    bool digits = true;
    for (char c : part) {
      if (!IsIdentChar(c)) return false;
      digits = digits && IsDigit(c);
    }
    if (numeric_rules && digits && !Numeric(part)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

}  // namespace

bool IsSemver(std::string_view tag) {
  if (tag.size() > 256) return false;
  while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
  while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
  while (!tag.empty() && (tag.front() == 'v' || tag.front() == '=' || tag.front() == ' ')) tag.remove_prefix(1);
  size_t plus = tag.find('+');
  if (plus != std::string_view::npos) {
    if (!Identifiers(tag.substr(plus + 1), false)) return false;
    tag = tag.substr(0, plus);
  }
  size_t dash = tag.find('-');
  if (dash != std::string_view::npos) {
    if (!Identifiers(tag.substr(dash + 1), true)) return false;
    tag = tag.substr(0, dash);
  }
  size_t first = tag.find('.');
  if (first == std::string_view::npos) return false;
  size_t second = tag.find('.', first + 1);
  if (second == std::string_view::npos) return false;
  return Numeric(tag.substr(0, first)) && Numeric(tag.substr(first + 1, second - first - 1)) &&
         Numeric(tag.substr(second + 1));
}

}  // namespace faaslint::vercel
