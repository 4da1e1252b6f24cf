#include "support/project_fixture.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "lint/lint.h"
#include "project/project.h"
#include "rules/registry.h"

namespace faaslint::testing {

MemorySnapshot::MemorySnapshot(std::map<std::string, std::string> files) {
  for (auto& [path, content] : files) {
    names_.push_back(path);
    files_.emplace(path, std::move(content));
  }
  std::sort(names_.begin(), names_.end());
}

bool MemorySnapshot::Read(std::string_view path, std::string* content, std::string* error) const {
  auto it = files_.find(path);
  if (it == files_.end()) {
    *error = "no such file";
    return false;
  }
  *content = it->second;
  return true;
}

std::vector<Finding> RunProjectRule(const std::string& code, std::map<std::string, std::string> files,
                                    Settings settings) {
  std::vector<Finding> findings;
  const rules::Rule* rule = rules::Registry::Get().Find(code);
  if (!rule) {
    ADD_FAILURE() << code << " is not a registered rule";
    return findings;
  }
  if (rule->python) {  // it checks each Python file of the project: the whole pipeline, every line changed
    ChangeSet changes;
    changes.snapshot = std::make_unique<MemorySnapshot>(std::move(files));
    for (const std::string& file : changes.snapshot->files()) changes.changed.emplace(file, LineSet::All());
    lint::LintOptions options;
    options.settings = settings;
    options.filter.enabled = [&](std::string_view enabled) { return enabled == rule->info->code; };
    return lint::Lint(changes, options, rules::Registry::Get()).findings;
  }
  MemorySnapshot snapshot(std::move(files));
  project::Project project(snapshot);
  rules::RuleOptions options(*rule->info, nullptr);
  rules::Sink sink(*rule->info, "", &findings);
  rule->project(rules::ProjectContext{project, options, settings}, sink);
  std::stable_sort(findings.begin(), findings.end(), FindingLess);
  return findings;
}

std::string Render(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += f.location.path + ":" + std::to_string(f.location.range.start.line) + ":" +
           std::to_string(f.location.range.start.column) + ": " + f.message + "\n";
  }
  return out;
}

std::string RenderWithHelp(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += Render({f});
    if (!f.help.empty()) out += "  help: " + f.help + "\n";
  }
  return out;
}

}  // namespace faaslint::testing
