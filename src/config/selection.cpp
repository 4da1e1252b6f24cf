#include "config/selection.h"

#include <algorithm>

namespace faaslint::config {
namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Length of the longest prefix in `prefixes` that `code` starts with, or -1.
int LongestMatch(const std::vector<std::string>& prefixes, std::string_view code) {
  int longest = -1;
  for (const std::string& prefix : prefixes) {
    if (StartsWith(code, prefix)) longest = std::max(longest, static_cast<int>(prefix.size()));
  }
  return longest;
}

bool AnyPrefixOf(const std::vector<std::string>& prefixes, std::string_view code) {
  return LongestMatch(prefixes, code) >= 0;
}

}  // namespace

std::string_view PathPattern::Normalize(std::string_view pattern) {
  while (pattern.size() > 1 && pattern.back() == '/') pattern.remove_suffix(1);
  if (!pattern.empty() && pattern.front() == '/') pattern.remove_prefix(1);  // root-relative anyway
  return pattern;
}

PathPattern::PathPattern(std::string_view pattern)
    : empty_(Normalize(pattern).empty()),
      anchored_(Normalize(pattern).find('/') != std::string_view::npos),
      glob_(Normalize(pattern)) {}

bool PathPattern::Matches(std::string_view path) const {
  if (empty_) return false;
  // The path itself and each folder above it: "a/b/c.py" -> "a", "a/b", "a/b/c.py".
  for (size_t end = path.find('/'); ; end = path.find('/', end + 1)) {
    std::string_view head = path.substr(0, end);
    if (glob_.Matches(head)) return true;
    if (!anchored_) {
      size_t slash = head.rfind('/');
      std::string_view name = slash == std::string_view::npos ? head : head.substr(slash + 1);
      if (glob_.Matches(name)) return true;
    }
    if (end == std::string_view::npos) return false;
  }
}

Selection::Selection(const Config& config, const CliSelection& cli)
    : select_(cli.select ? *cli.select : config.select), ignore_(config.ignore) {
  for (const std::string& pattern : config.exclude) exclude_.emplace_back(pattern);
  for (const auto& [pattern, codes] : config.per_file_ignores) per_file_ignores_.emplace_back(PathPattern(pattern), codes);
  if (!cli.select && select_.empty()) select_.push_back("");  // every code starts with ""
  ignore_.insert(ignore_.end(), cli.ignore.begin(), cli.ignore.end());
}

bool Selection::IsEnabled(std::string_view code) const {
  int selected = LongestMatch(select_, code);
  return selected >= 0 && selected > LongestMatch(ignore_, code);
}

bool Selection::IsExcluded(std::string_view path) const {
  return std::any_of(exclude_.begin(), exclude_.end(),
                     [&](const PathPattern& pattern) { return pattern.Matches(path); });
}

bool Selection::IsIgnoredForPath(std::string_view code, std::string_view path) const {
  return std::any_of(per_file_ignores_.begin(), per_file_ignores_.end(), [&](const auto& entry) {
    return AnyPrefixOf(entry.second, code) && entry.first.Matches(path);
  });
}

}  // namespace faaslint::config
