// Where the deployed projects start: a repository may hold a Vercel project in a
// subfolder (Vercel's "Root Directory"), recognised by its vercel.json, or several of
// them (a monorepo: backend/ and admin/, each with its own).
#pragma once

#include "core/change_set.h"
#include "lint/lint.h"
#include "rules/registry.h"

namespace faaslint::cli {

// Lints the change one project at a time: each folder below the root with a vercel.json
// of its own is linted as the project it is (its deployment graph, its requirements,
// its vercel.json), re-rooted there; changed files outside every such folder are linted
// from the root. With a vercel.json at the root the whole repository is one project.
// Reports stay relative to the repository root.
lint::LintResult LintEachProject(const ChangeSet& changes, const lint::LintOptions& options,
                                 const rules::Registry& registry);

}  // namespace faaslint::cli
