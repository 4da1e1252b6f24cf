// Which Python files run inside a Vercel function: the entry files Vercel deploys
// (vercel.json `builds`/`functions`, api/**/*.py, or a zero-config app entry) and the
// local modules they import, transitively. A separate worker script that no entry
// imports (the seed's hybrid option) is not function code. Only the entries and the
// files they reach are read, and those only for their imports.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/change_set.h"
#include "python/import_scan.h"

namespace faaslint {
namespace project {

struct DeploymentGraph {
  bool detected = false;
  std::string detected_by;  // what showed the project: "vercel.json", "api/", "app.py"
  std::set<std::string, std::less<>> entries;
  std::set<std::string, std::less<>> function_code;  // entries and what they import
  // Django loads its modules by name from settings (ROOT_URLCONF, INSTALLED_APPS), which
  // an import scan cannot follow: then every Python file counts as function code.
  bool loads_by_name = false;
  // False when the walk stopped early, once every file it was asked about was found
  // (BuildDeploymentGraph's `wanted`): function_code then holds those, not all.
  bool complete = true;
  // The imports of every file the walk read for them (ImportScan::imports), by path: who
  // imports whom across all the files (project/module_callers.h) reads only the others.
  std::map<std::string, std::vector<python::ImportRef>, std::less<>> imports_read;

  // The imports the walk read in `path`, or null when it did not read the file.
  const std::vector<python::ImportRef>* ImportsReadIn(std::string_view path) const {
    auto found = imports_read.find(path);
    return found == imports_read.end() ? nullptr : &found->second;
  }

  // True when `path` runs inside a function; every file does when no project was found.
  bool IsFunctionCode(std::string_view path) const {
    if (loads_by_name) return !IsDjangoCommand(path);
    return !detected || function_code.count(path) > 0;
  }

  // A Django management command (`app/management/commands/seed.py`): `manage.py seed` runs
  // it in a terminal; Django never loads it to serve a request
  // (https://docs.djangoproject.com/en/stable/howto/custom-management-commands/).
  static bool IsDjangoCommand(std::string_view path) {
    constexpr std::string_view kCommands = "management/commands/";
    size_t at = path.find(kCommands);
    return at != std::string_view::npos && (at == 0 || path[at - 1] == '/');
  }
};

// Finds the Vercel project in `snapshot` and follows its entries' imports. Never
// fails: unreadable or broken files contribute nothing.
// With `wanted` (the files a run checks), the walk stops as soon as all of them are
// function code: a change near the entries does not read the rest of the app.
// `jobs` threads read and scan the queued files (the walk's result does not depend on it).
DeploymentGraph BuildDeploymentGraph(const Snapshot& snapshot, python::Parser& parser,
                                     const std::set<std::string, std::less<>>* wanted = nullptr,
                                     unsigned jobs = 1);

}  // namespace project
}  // namespace faaslint
