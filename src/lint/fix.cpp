#include "lint/fix.h"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>

#include "core/atomic_file.h"
#include "core/text_edit.h"

namespace faaslint::lint {
namespace {

bool ReadDisk(const std::string& path, std::string* content) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *content = buffer.str();
  return !in.bad();
}

}  // namespace

std::vector<FileFix> PlanFixes(const std::vector<Finding>& findings, const Snapshot& snapshot,
                               std::vector<Problem>* problems) {
  std::map<std::string, std::vector<const Finding*>> by_file;
  for (const Finding& finding : findings) {
    if (!finding.fix.empty()) by_file[finding.location.path].push_back(&finding);
  }
  std::vector<FileFix> plans;
  for (auto& [path, fixable] : by_file) {
    FileFix plan;
    plan.path = path;
    std::string error;
    if (!snapshot.Read(path, &plan.before, &error)) {
      problems->push_back({path, fmt::format("cannot read to fix: {}", error), true});
      continue;
    }
    std::vector<const std::vector<Edit>*> fixes;
    for (const Finding* finding : fixable) fixes.push_back(&finding->fix);
    EditResult result = ApplyFixes(plan.before, fixes);
    for (size_t index : result.applied) plan.fixed.push_back(fixable[index]);
    for (size_t index : result.skipped) plan.skipped.push_back(fixable[index]);
    plan.after = std::move(result.text);
    plans.push_back(std::move(plan));
  }
  return plans;
}

bool WriteFixes(const std::vector<FileFix>& fixes, const std::string& root, bool staged, std::string* error) {
  for (const FileFix& fix : fixes) {
    std::string on_disk;
    if (!ReadDisk(root + "/" + fix.path, &on_disk)) {
      *error = fmt::format("{}: cannot read the file to fix it; nothing was changed", fix.path);
      return false;
    }
    if (on_disk == fix.before) continue;
    *error = staged ? fmt::format("{}: has unstaged changes; --fix writes the working tree and would mix them with "
                                  "the fix: stage or stash them first (nothing was changed)",
                                  fix.path)
                    : fmt::format("{}: changed while faaslint was checking it; run again (nothing was changed)",
                                  fix.path);
    return false;
  }
  for (size_t i = 0; i < fixes.size(); ++i) {
    if (fixes[i].after == fixes[i].before) continue;
    if (!ReplaceFileAtomically(root + "/" + fixes[i].path, fixes[i].after, error)) {
      if (i > 0) *error += fmt::format(" (the {} files before it were fixed)", i);
      return false;
    }
  }
  return true;
}

}  // namespace faaslint::lint
