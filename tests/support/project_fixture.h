// Runs one rule of the project checks over an in-memory project (path -> content) and
// renders its findings as "path:line:col: message" lines, for exact comparisons in tests.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/change_set.h"
#include "core/finding.h"
#include "core/settings.h"

namespace faaslint::testing {

class MemorySnapshot final : public Snapshot {
 public:
  explicit MemorySnapshot(std::map<std::string, std::string> files);
  const std::string& root() const override { return root_; }
  const std::vector<std::string>& files() const override { return names_; }
  bool Read(std::string_view path, std::string* content, std::string* error) const override;

 private:
  std::string root_ = "/memory";
  std::map<std::string, std::string, std::less<>> files_;
  std::vector<std::string> names_;
};

// Runs the rule `code` over the project: a project rule once, a rule that checks each
// Python file (FL607) through the linter, with every line of every file changed.
std::vector<Finding> RunProjectRule(const std::string& code, std::map<std::string, std::string> files,
                                    Settings settings = {});
// One line per finding: "path:line:col: message".
std::string Render(const std::vector<Finding>& findings);
// As Render, each finding followed by "  help: ..." when it has a help.
std::string RenderWithHelp(const std::vector<Finding>& findings);

}  // namespace faaslint::testing
