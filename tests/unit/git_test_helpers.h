// Helpers for the git/ tests: run ComputeChanges and describe its result compactly, so
// an expectation reads like `{"app.py", "2-3,7"}`.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/change_set.h"
#include "git/changes.h"

namespace faaslint::testing {

// "all", or the changed ranges as "2-3,7".
inline std::string DescribeLines(const LineSet& lines) {
  if (lines.all()) return "all";
  std::string text;
  for (const auto& [first, last] : lines.ranges()) {
    if (!text.empty()) text += ",";
    text += std::to_string(first);
    if (last != first) text += "-" + std::to_string(last);
  }
  return text;
}

inline std::map<std::string, std::string> Describe(const ChangeSet& changes) {
  std::map<std::string, std::string> described;
  for (const auto& [path, lines] : changes.changed) described[path] = DescribeLines(lines);
  return described;
}

inline ChangeSet Changes(const std::string& dir, git::DiffMode mode, const std::string& base = "") {
  ChangeSet changes;
  std::string error;
  EXPECT_TRUE(git::ComputeChanges({dir, mode, base}, &changes, &error)) << error;
  return changes;
}

inline std::string ChangesError(const std::string& dir, git::DiffMode mode, const std::string& base = "") {
  ChangeSet changes;
  std::string error;
  EXPECT_FALSE(git::ComputeChanges({dir, mode, base}, &changes, &error));
  EXPECT_EQ(error.find('\n'), std::string::npos) << "error must be one line: " << error;
  return error;
}

inline std::string ReadFromSnapshot(const ChangeSet& changes, const std::string& path) {
  std::string content, error;
  EXPECT_TRUE(changes.snapshot->Read(path, &content, &error)) << path << ": " << error;
  return content;
}

// Lines as git counts them: a last line without a newline counts.
inline uint32_t CountLines(const std::string& text) {
  uint32_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines + (!text.empty() && text.back() != '\n');
}

// Changed lines per file, for comparing with git's own diff.
using LineMap = std::map<std::string, std::set<uint32_t>>;

// New-side lines of `git diff -U0` output: the "+c,d" of each hunk under "+++ b/PATH";
// with `removed_after`, the "c" of each "+c,0" hunk (lines removed after new line c).
inline LineMap ParseUnifiedDiff(const std::string& diff, LineMap* removed_after = nullptr) {
  LineMap lines;
  std::istringstream in(diff);
  std::string line, path;
  while (std::getline(in, line)) {
    if (line.rfind("+++ ", 0) == 0) {
      path = line == "+++ /dev/null" ? "" : line.substr(6);
    } else if (line.rfind("@@ ", 0) == 0 && !path.empty()) {
      size_t plus = line.find(" +");
      uint32_t start = std::stoul(line.substr(plus + 2));
      size_t comma = line.find(',', plus);
      size_t space = line.find(' ', plus + 2);
      uint32_t count = comma != std::string::npos && comma < space ? std::stoul(line.substr(comma + 1)) : 1;
      for (uint32_t n = 0; n < count; ++n) lines[path].insert(start + n);
      if (count == 0 && removed_after != nullptr) (*removed_after)[path].insert(start);
    }
  }
  return lines;
}

inline std::vector<std::string> SplitNul(const std::string& text) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, '\0')) parts.push_back(part);
  return parts;
}

// The lines a ChangeSet calls changed, per file, as ParseUnifiedDiff gives git's.
inline LineMap LinesOf(const ChangeSet& changes) {
  LineMap lines;
  for (const auto& [path, set] : changes.changed) {
    if (set.all()) {
      std::string content = ReadFromSnapshot(changes, path);
      for (uint32_t n = 1; n <= CountLines(content); ++n) lines[path].insert(n);
    } else {
      for (const auto& [first, last] : set.ranges()) {
        for (uint32_t n = first; n <= last; ++n) lines[path].insert(n);
      }
    }
  }
  std::erase_if(lines, [](const auto& entry) { return entry.second.empty(); });
  return lines;
}

// ChangeSet::removed_after as ParseUnifiedDiff gives git's.
inline LineMap RemovalsOf(const ChangeSet& changes) {
  LineMap removals;
  for (const auto& [path, set] : changes.removed_after) {
    for (const auto& [first, last] : set.ranges()) {
      for (uint32_t n = first; n <= last; ++n) removals[path].insert(n);
    }
  }
  return removals;
}

inline std::string Show(const LineMap& map) {
  std::string text;
  for (const auto& [path, lines] : map) {
    text += path + ":";
    for (uint32_t line : lines) text += " " + std::to_string(line);
    text += "\n";
  }
  return text;
}

// Sets (or unsets, with nullopt) an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      setenv(name, value->c_str(), 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace faaslint::testing
