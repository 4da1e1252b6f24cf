// The project's own Python modules, seen from an importing file: `import tasks`,
// `from pkg.jobs import start`, `from .jobs import start`, and the sys.path shim of
// api/index.py that imports `app` from the repository root all resolve to a file of the
// snapshot. Modules are parsed on first use (with the index's own parser) and only a
// summary is kept — which of their functions start background work — not their trees.
// Safe to share between lint workers: one lock guards the parser and the cache.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/change_set.h"
#include "python/background.h"

namespace faaslint::python { class Parser; }

namespace faaslint::project {

class ModuleIndex {
 public:
  explicit ModuleIndex(const Snapshot& snapshot);
  ~ModuleIndex();
  ModuleIndex(const ModuleIndex&) = delete;
  ModuleIndex& operator=(const ModuleIndex&) = delete;

  // The snapshot path of module `dotted` ("tasks", "pkg.jobs", ".jobs", "..") imported
  // from `importer` ("api/index.py"), or nullopt when it is not a file of the project
  // (the standard library, a third-party package).
  std::optional<std::string> Resolve(std::string_view importer, std::string_view dotted) const;

  // The background work started by what a call of `importer` resolves to
  // ("tasks.start_background_checker", "jobs.Checker().start"), when that is a function
  // of a local module that starts a thread, process or scheduler (directly or through
  // its own calls, across modules); nullopt otherwise.
  std::optional<python::BackgroundWork> BackgroundWorkOf(std::string_view importer, std::string_view callee) const;

 private:
  using Summary = std::map<std::string, python::BackgroundWork, std::less<>>;
  bool IsFile(const std::string& path) const;
  const Summary* SummaryOf(const std::string& path) const;  // with mutex_ held

  const Snapshot& snapshot_;
  mutable std::recursive_mutex mutex_;  // recursive: a summary looks up the modules it imports
  mutable std::unique_ptr<python::Parser> parser_;
  mutable std::map<std::string, std::unique_ptr<const Summary>, std::less<>> summaries_;
  mutable std::set<std::string, std::less<>> in_progress_;  // import cycles stop here
};

}  // namespace faaslint::project
