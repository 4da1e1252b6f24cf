// The Python packages a project declares for Vercel to install: requirements.txt (at
// the root or in api/, following `-r` includes), pyproject.toml ([project].dependencies
// and [tool.poetry.dependencies]) and Pipfile ([packages]) — the files the Vercel Python
// runtime installs from (https://vercel.com/docs/functions/runtimes/python).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/change_set.h"

namespace faaslint::project {

struct DeclaredPackages {
  std::vector<std::string> sources;  // the files read, root-relative
  std::set<std::string> names;       // PEP 503-normalised distribution names
  // The extras asked for, normalised, by package: `fastapi[standard]` -> {"fastapi", "standard"}.
  std::set<std::pair<std::string, std::string>> extras;
  // A pyproject.toml there for its tools' settings only: no dependency table.
  std::vector<std::string> without_dependencies;
  // A source exists that could not be read completely (a TOML file without TOML
  // support, an include that is not in the project): missing packages are then unknown.
  bool incomplete = false;
  bool Declares(const std::string& normalised) const { return names.count(normalised) > 0; }
};

// Where Vercel's Python runtime reads the packages from, in the order they are read.
inline constexpr std::string_view kDeclarationFiles[] = {"requirements.txt", "api/requirements.txt",
                                                         "pyproject.toml", "Pipfile"};

DeclaredPackages ReadDeclaredPackages(const Snapshot& snapshot);

// The requirements.txt that Vercel's Python builder reads for a function in `path`'s
// folder before the root's: the nearest one in that folder or a folder above it, short of
// the root and api/ (ReadDeclaredPackages reads those). Empty when there is none.
// (@vercel/python: "found local requirements.txt" in the entrypoint's directory.)
std::string NearestFolderRequirements(const Snapshot& snapshot, std::string_view path);

// Adds what requirements file `path` (and its `-r` includes) declares to `out`.
void AddRequirementsFile(const Snapshot& snapshot, const std::string& path, DeclaredPackages* out);

// Every file whose change may change what `declared` says: the places of
// kDeclarationFiles, present or not (a change may have just deleted one), and every file
// read (a `-r` include).
std::vector<std::string> DeclarationFiles(const DeclaredPackages& declared);

// The extras of one requirement, as written ("uvicorn[standard,  watch]>=0.30" ->
// {"standard", "watch"}); empty when it asks for none.
std::vector<std::string> RequirementExtras(std::string_view requirement);

// The distribution name at the start of one requirement (PEP 508: "Flask[async]>=3; python_version>'3'"
// -> "Flask"); empty when the line names none.
std::string RequirementName(std::string_view requirement);

}  // namespace faaslint::project
