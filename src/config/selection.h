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
#include "core/glob.h"

namespace faaslint::config {

// Code prefixes from the command line, already normalised (ParseSelectorList).
struct CliSelection {
  std::optional<std::vector<std::string>> select;  // set: replaces the config's select
  std::vector<std::string> ignore;                 // added to the config's ignore
};

// A config path pattern, compiled once. It matches a path when it matches the path
// itself or one of its folders ("scripts/**", "scripts" and "scripts/" all cover
// scripts/a/b.py); a pattern without '/' also matches a file or folder name at any
// depth ("conftest.py", "migrations"), as in .gitignore. Paths are root-relative with
// '/' separators.
class PathPattern {
 public:
  explicit PathPattern(std::string_view pattern);
  bool Matches(std::string_view path) const;

 private:
  static std::string_view Normalize(std::string_view pattern);

  bool empty_;
  bool anchored_;  // has a '/': matched from the root only
  Glob glob_;
};

class Selection {
 public:
  Selection(const Config& config, const CliSelection& cli);

  // The longest select or ignore prefix that matches `code` decides; on a tie ignore
  // wins. So `select: [FL1]` + `ignore: [FL101]` runs FL102..FL106, and
  // `select: [FL101]` + `ignore: [FL1]` runs FL101. No select = every rule.
  bool IsEnabled(std::string_view code) const;

  // Whether an `exclude` pattern (PathPattern) matches `path`.
  bool IsExcluded(std::string_view path) const;
  // Whether a per-file-ignores entry whose pattern matches `path` names a prefix of `code`.
  bool IsIgnoredForPath(std::string_view code, std::string_view path) const;

 private:
  std::vector<std::string> select_;
  std::vector<std::string> ignore_;
  std::vector<PathPattern> exclude_;
  std::vector<std::pair<PathPattern, std::vector<std::string>>> per_file_ignores_;
};

}  // namespace faaslint::config
