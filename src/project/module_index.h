// The project's own Python modules, seen from an importing file: `import tasks`,
// `from pkg.jobs import start`, `from .jobs import start`, and the sys.path shim of
// api/index.py that imports `app` from the repository root all resolve to a file of the
// snapshot. Modules are parsed on first use (with the index's own parser) and only a
// summary is kept — which of their functions start background work, which imported
// functions the others reach, which module-level containers they keep — not their
// trees; imports are followed only when asked.
// Safe to share between lint workers: a lock guards the caches; parsing happens outside
// it, each with a parser of its own (creating one costs microseconds).
//
// The linter parses most of these modules anyway. It publishes each file it parses, and
// before the index parses a module itself it offers the module to the linter's
// `check_now`, which checks a file of its own that no worker has started yet right then
// (publishing it), or waits for the worker that is parsing it: in `--all` every module
// is then parsed once, whatever the order.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/change_set.h"
#include "python/background.h"
#include "python/call_graph.h"
#include "python/containers.h"

namespace faaslint::project {

class ModuleIndex {
 public:
  // Called with a module's path before the index parses it; may Publish it.
  using CheckNow = std::function<void(const std::string& path)>;
  explicit ModuleIndex(const Snapshot& snapshot, CheckNow check_now = {});
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

  // A module-level function of `path` is a Django view named in one of the project's
  // urls.py files (`path("checks/", views.check)`): it serves requests although its own
  // module does not say so. The urls.py files are read once, on the first question.
  bool IsDjangoView(std::string_view path, std::string_view function) const;

  // The container a name of `importer` ("state.CACHE" for `from state import CACHE`,
  // ".state.CACHE") is at module level of a local module, and the file it is in; nullopt
  // when it is none (python/containers.h says what counts). A package that re-exports it
  // (`from .cache import CACHE` in its __init__.py) leads to the module that makes it.
  struct ImportedContainer {
    std::string path;
    python::Container container;
    bool class_attribute = false;  // `Store.items` of `class Store: items = {}`
  };
  std::optional<ImportedContainer> ContainerOf(std::string_view importer, std::string_view name) const;

  // The module-level containers of local module `path`, by name: what ContainerOf answers
  // for the modules that import it.
  const std::map<std::string, python::Container, std::less<>>& ContainersIn(const std::string& path) const {
    return SummaryOf(path).containers;
  }

  // `name` ("stats.count" for `import stats`) is a module-level name of a local module.
  bool IsModuleGlobal(std::string_view importer, std::string_view name) const;

  // The local module a dotted name of `importer` begins with ("lib.worker.main" ->
  // {"lib/worker.py", "main"}), the longest one; nullopt when none.
  std::optional<std::pair<std::string, std::string>> LocalModuleOf(std::string_view importer,
                                                                    std::string_view dotted) const;

  // Who runs the top-level functions of local module `path` as far as it shows, and its
  // calls into the others (python/call_graph.h); empty unless KeepCallGraphs() was called
  // before the first module was published.
  void KeepCallGraphs() { keeps_call_graphs_ = true; }
  const python::CallGraph& CallGraphOf(const std::string& path) const { return SummaryOf(path).calls; }

  // What the index would parse `module` for, from the module the linter built: its
  // exported background work and its sys.path shim. The first entry stored wins.
  void Publish(const python::Module& module, const python::ModuleBackground& background) const;

 private:
  struct Summary {
    std::map<std::string, python::FunctionWork, std::less<>> functions;  // by the name others call
    // Module-level, by name, and class attributes of module-level classes ("Store.items").
    std::map<std::string, python::Container, std::less<>> containers;
    std::map<std::string, std::string, std::less<>> reexports;  // from-imported names: "CACHE" -> ".cache.CACHE"
    python::CallGraph calls;  // when keeps_call_graphs_
  };
  std::optional<ImportedContainer> ContainerOf(std::string_view importer, std::string_view name, int depth) const;
  bool IsFile(const std::string& path) const;
  const Summary& SummaryOf(const std::string& path) const;
  // SummaryOf when the module spells the first part of `name` (Mentions), else an empty one.
  const Summary& SummaryIfMentioned(const std::string& path, std::string_view name) const;
  // Splits `dotted` ("pkg.jobs.start", ".jobs.start", "jobs.Checker().start") into a local
  // module and the rest, the longest module first, until `find(path, rest)` says found.
  bool FindInModules(std::string_view importer, std::string_view dotted,
                     const std::function<bool(const std::string& path, const std::string& rest)>& find) const;
  // Whether `path` may export `name`: every name a summary exports (a function, a class, a
  // module-level instance) is spelled in the module's text, so a module that does not
  // spell it needs no parse to answer "no".
  bool Mentions(const std::string& path, std::string_view name) const;
  // A function of a local module that a call resolves to.
  struct Target {
    std::string path;
    int id;                               // one per "path:function" (ids_)
    const python::FunctionWork* summary;  // owned by summaries_, immutable once stored
  };
  std::optional<Target> ResolveCallee(std::string_view importer, std::string_view callee) const;
  // Where the imported calls of `from` resolve, worked out on first use.
  struct Edge {
    const python::ImportedCall* call;
    Target target;
  };
  const std::vector<Edge>& EdgesOf(const Target& from) const;

  void CollectDjangoViews() const;
  // The folders `importer` adds to sys.path itself (api/index.py shims), read once per file.
  std::vector<std::string> SysPathOf(std::string_view importer) const;

  const Snapshot& snapshot_;
  CheckNow check_now_;
  bool keeps_call_graphs_ = false;
  mutable std::once_flag views_collected_;
  mutable std::set<std::string, std::less<>> django_views_;  // "path:function"
  mutable std::mutex mutex_;  // guards the caches; entries are immutable once stored
  mutable std::map<std::string, std::vector<std::string>, std::less<>> sys_paths_;
  mutable std::map<std::string, std::unique_ptr<const Summary>, std::less<>> summaries_;
  // By Target::id: the answers to questions, the functions from which no background
  // work is reachable, and where each function's imported calls resolve.
  mutable std::map<std::string, int, std::less<>> ids_;  // "path:function" -> id
  mutable std::map<int, std::optional<python::BackgroundWork>> answers_;
  mutable std::vector<bool> nothing_reachable_;
  mutable std::map<int, std::vector<Edge>> edges_;
};

}  // namespace faaslint::project
