#include "cli/project_folder.h"

#include <algorithm>

namespace faaslint::cli {
namespace {

bool HasFile(const Snapshot& snapshot, const std::string& path) {
  return std::binary_search(snapshot.files().begin(), snapshot.files().end(), path);
}

std::string NearestProject(const std::string& path, const Snapshot& snapshot) {
  // A checked file starts the search in its folder; a folder in itself.
  std::string folder = HasFile(snapshot, path) ? path.substr(0, path.rfind('/') == std::string::npos ? 0 : path.rfind('/'))
                                               : path;
  while (!folder.empty()) {
    if (HasFile(snapshot, folder + "/vercel.json")) return folder + "/";
    size_t slash = folder.rfind('/');
    folder = slash == std::string::npos ? "" : folder.substr(0, slash);
  }
  return "";
}

}  // namespace

std::string ProjectFolder(const std::vector<std::string>& checked_paths, const Snapshot& snapshot) {
  if (checked_paths.empty() || HasFile(snapshot, "vercel.json")) return "";
  std::string folder = NearestProject(checked_paths.front(), snapshot);
  for (const std::string& path : checked_paths) {
    if (NearestProject(path, snapshot) != folder) return "";
  }
  return folder;
}

void EnterProjectFolder(const std::string& folder, ChangeSet* changes, std::vector<std::string>* checked_paths) {
  *changes = ChangeSetBelow(std::move(*changes), folder);
  for (std::string& path : *checked_paths) {
    path = path.size() <= folder.size() ? "" : path.substr(folder.size());
  }
}

void LeaveProjectFolder(const std::string& folder, lint::LintResult* result) {
  for (Finding& finding : result->findings) {
    finding.location.path.insert(0, folder);
    for (Location& related : finding.related) related.path.insert(0, folder);
  }
  for (lint::Problem& problem : result->problems) problem.path.insert(0, folder);
}

}  // namespace faaslint::cli
