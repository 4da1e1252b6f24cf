// Where the deployed project starts: a repository may hold the Vercel project in a
// subfolder (Vercel's "Root Directory"), recognised by its vercel.json.
#pragma once

#include <string>
#include <vector>

#include "core/change_set.h"
#include "lint/lint.h"

namespace faaslint::cli {

// The folder ('/'-terminated, root-relative) of the nearest vercel.json at or above
// every checked path, when that is below the root; "" when it is the root, when there
// is none, or when the paths belong to different projects.
std::string ProjectFolder(const std::vector<std::string>& checked_paths, const Snapshot& snapshot);

// Re-roots the run on `folder` (paths drop the prefix) ...
void EnterProjectFolder(const std::string& folder, ChangeSet* changes, std::vector<std::string>* checked_paths);
// ... and puts the prefix back on what it reported, so reports stay root-relative.
void LeaveProjectFolder(const std::string& folder, lint::LintResult* result);

}  // namespace faaslint::cli
