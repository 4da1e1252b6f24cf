// Who runs each top-level function of a module, as far as the module itself shows: the
// places in it that call the function or hand it on, and the module's calls and hand-ons
// of other local modules' functions. project/module_callers.h joins these graphs across a
// project, so that "only called under a guard" also counts callers in other modules.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/finding.h"
#include "python/background.h"
#include "python/module.h"

namespace faaslint::python {

// A place that runs a function, or hands it on to what may run it (`Thread(target=f)`,
// `handlers = [f]`).
struct Reach {
  int from = -1;         // the top-level function it is in (index into CallGraph::functions); -1: module level
  bool guarded = false;  // a guard of its own keeps it off the platform (not Call::guarded_by_callers)
  bool spawns = false;   // runs it as a thread, process or task (BackgroundTargetArgument)
  Range range;           // the callee of the call, or the name handed on
};

struct CallGraph {
  struct Function {
    int index = -1;                // into Module::functions
    std::string name;              // Function::qualified_name: "main", "Bot.run"
    bool module_level = false;     // a def at module level, not a method: other modules can call it by name
    bool by_callers = false;       // Function::off_platform_by_callers
    bool off_platform = false;     // Function::off_platform: the module's own verdict
    // In this module, in module order, but the function's own calls of itself; kept only
    // when by_callers (otherwise nothing any caller does changes the verdict).
    std::vector<Reach> reaches;
  };
  // A call or hand-on in this module of a module-level name of another local module.
  struct ImportedReach {
    std::string path;  // the module's file ("lib/worker.py")
    std::string name;  // the name there ("main")
    Reach reach;
  };
  std::vector<Function> functions;     // the top-level ones (no enclosing function), in module order
  std::vector<ImportedReach> imported;  // in module order

  // The position in `functions` of Module function `index`, or of the top-level function
  // it is nested in; -1 for none.
  int TopOf(const Module& module, int index) const;
};

// Splits a dotted name the module uses ("lib.worker.main", ".jobs.run") into a local
// module's file and the name in it, or nullopt when no local module begins it.
using LocalModuleOf = std::function<std::optional<std::pair<std::string, std::string>>(std::string_view dotted)>;

CallGraph BuildCallGraph(const Module& module, const ImportedNames& imported_names, const LocalModuleOf& local);

}  // namespace faaslint::python
