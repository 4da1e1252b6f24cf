// Helpers for the git/ tests: run ComputeChanges and describe its result compactly, so
// an expectation reads like `{"app.py", "2-3,7"}`.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <string>

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
