#include "cli/project_folder.h"

#include <algorithm>
#include <optional>
#include <set>

namespace faaslint::cli {
namespace {

constexpr std::string_view kVercelJson = "vercel.json";

// Folders ('/'-terminated) below the root that hold a vercel.json.
std::vector<std::string> NestedProjectFolders(const Snapshot& snapshot) {
  std::vector<std::string> folders;
  for (const std::string& file : snapshot.files()) {
    if (file.size() > kVercelJson.size() && file.ends_with(kVercelJson) &&
        file[file.size() - kVercelJson.size() - 1] == '/') {
      folders.push_back(file.substr(0, file.size() - kVercelJson.size()));
    }
  }
  return folders;
}

// The deepest project folder holding `path`; "" for none (the root's run).
std::string ProjectOf(std::string_view path, const std::vector<std::string>& folders) {
  std::string nearest;
  for (const std::string& folder : folders) {
    if (path.starts_with(folder) && folder.size() > nearest.size()) nearest = folder;
  }
  return nearest;
}

// The run's PATH arguments, relative to `folder`: a path that holds the whole project
// becomes "" (everything); nullopt when no path reaches into it.
std::optional<std::vector<std::string>> PathsInProject(const std::vector<std::string>& paths,
                                                       const std::string& folder) {
  if (paths.empty()) return paths;  // no narrowing
  std::vector<std::string> inside;
  for (const std::string& path : paths) {
    bool holds_project =
        path.empty() || (folder.starts_with(path) && (path.back() == '/' || folder[path.size()] == '/'));
    if (holds_project) {
      inside.push_back("");
    } else if (path.starts_with(folder)) {
      inside.push_back(path.substr(folder.size()));
    }
  }
  if (inside.empty()) return std::nullopt;
  return inside;
}

// Puts the project folder back on what a run below the root reported.
void PrefixPaths(const std::string& folder, lint::LintResult* result) {
  for (Finding& finding : result->findings) {
    finding.location.path.insert(0, folder);
    for (Location& related : finding.related) related.path.insert(0, folder);
    for (Dependency& dependency : finding.depends_on) dependency.path.insert(0, folder);
  }
  for (lint::Problem& problem : result->problems) problem.path.insert(0, folder);
}

void Merge(lint::LintResult part, lint::LintResult* into) {
  std::move(part.findings.begin(), part.findings.end(), std::back_inserter(into->findings));
  std::move(part.problems.begin(), part.problems.end(), std::back_inserter(into->problems));
  into->files_checked += part.files_checked;
}

}  // namespace

lint::LintResult LintEachProject(const ChangeSet& changes, const lint::LintOptions& options,
                                 const rules::Registry& registry) {
  const Snapshot& snapshot = *changes.snapshot;
  std::vector<std::string> folders;
  if (!std::binary_search(snapshot.files().begin(), snapshot.files().end(), kVercelJson)) {
    folders = NestedProjectFolders(snapshot);
  }
  // The projects the change touches; "" for files outside all of them.
  std::set<std::string> touched_projects;
  for (const std::string& path : changes.touched) touched_projects.insert(ProjectOf(path, folders));
  if (touched_projects.empty() || (touched_projects.size() == 1 && touched_projects.count(""))) {
    return lint::Lint(changes, options, registry);
  }

  lint::LintResult result;
  for (const std::string& folder : touched_projects) {
    lint::LintOptions part_options = options;
    auto inside_a_project = [&](const std::string& path) {
      return !path.empty() && !ProjectOf(path + "/", folders).empty();
    };
    if (folder.empty() && !options.paths.empty() &&
        std::all_of(options.paths.begin(), options.paths.end(), inside_a_project)) {
      continue;  // every PATH lies inside a project: nothing is left for the root's run
    }
    if (!folder.empty()) {
      std::optional<std::vector<std::string>> paths = PathsInProject(options.paths, folder);
      if (!paths) continue;
      part_options.paths = std::move(*paths);
      // `exclude` and `per-file-ignores` are globs over paths from the repository root.
      part_options.filter.excluded = [excluded = options.filter.excluded, folder](std::string_view path) {
        return excluded(folder + std::string(path));
      };
      part_options.filter.ignored_for_path = [ignored = options.filter.ignored_for_path, folder](
                                                 std::string_view code, std::string_view path) {
        return ignored(code, folder + std::string(path));
      };
    }
    ChangeSet part = ChangeSetBelow(changes, folder);
    // A file is checked by its own project's run: the root's run leaves out every project
    // below it, a project's run the projects nested in it.
    auto elsewhere = [&](const std::string& relative) { return ProjectOf(folder + relative, folders) != folder; };
    std::erase_if(part.changed, [&](const auto& entry) { return elsewhere(entry.first); });
    std::erase_if(part.removed_after, [&](const auto& entry) { return elsewhere(entry.first); });
    std::erase_if(part.touched, elsewhere);
    lint::LintResult part_result = lint::Lint(part, part_options, registry);
    PrefixPaths(folder, &part_result);
    Merge(std::move(part_result), &result);
  }
  std::sort(result.findings.begin(), result.findings.end(), FindingLess);
  return result;
}

}  // namespace faaslint::cli
