// Which rules run, and where: the config's select/ignore/exclude/per-file-ignores with
// the command line's --select/--ignore on top (as in ruff: --select replaces the
// config's `select`, --ignore adds to its `ignore`).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"

namespace faaslint::config {

// Code prefixes from the command line, already normalised (ParseSelectorList).
struct CliSelection {
  std::optional<std::vector<std::string>> select;  // set: replaces the config's select
  std::vector<std::string> ignore;                 // added to the config's ignore
};

class Selection {
 public:
  Selection(const Config& config, const CliSelection& cli);

  // The longest select or ignore prefix that matches `code` decides; on a tie ignore
  // wins. So `select: [FL1]` + `ignore: [FL101]` runs FL102..FL106, and
  // `select: [FL101]` + `ignore: [FL1]` runs FL101. No select = every rule.
  bool IsEnabled(std::string_view code) const;

  // `path` is root-relative with '/' separators. A pattern matches a path when it
  // matches the path itself or one of its folders ("scripts/**", "scripts" and
  // "scripts/" all cover scripts/a/b.py); a pattern without '/' also matches a file or
  // folder name at any depth ("conftest.py", "migrations"), as in .gitignore.
  bool IsExcluded(std::string_view path) const;
  // Whether a per-file-ignores entry whose pattern matches `path` names a prefix of `code`.
  bool IsIgnoredForPath(std::string_view code, std::string_view path) const;

 private:
  std::vector<std::string> select_;
  std::vector<std::string> ignore_;
  std::vector<std::string> exclude_;
  std::vector<std::pair<std::string, std::vector<std::string>>> per_file_ignores_;
};

// The path-matching rule of Selection, for callers with their own pattern lists.
bool PathMatchesPattern(std::string_view pattern, std::string_view path);

}  // namespace faaslint::config
