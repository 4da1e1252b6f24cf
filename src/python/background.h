// Work that outlives the call that starts it: threads, child processes and in-process
// schedulers. Found once per module from the call table. FL102 and FL104 report the
// kinds they own; FL103 follows calls from cold-start paths down to functions (of this
// module or of imported local modules) that start any of them.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "python/bindings.h"
#include "python/module.h"

namespace faaslint::python {

enum class BackgroundKind : uint8_t { kThread, kProcess, kScheduler };

struct BackgroundStart {
  BackgroundKind kind = BackgroundKind::kThread;
  int call = -1;     // the call that starts it: where findings point
  std::string what;  // "threading.Thread", "subprocess.Popen", "BackgroundScheduler"
  std::string how;   // completes "`what` ...": "is started and never joined"
  int function = -1;  // the function whose run starts it (a thread's constructor may sit elsewhere)
};

// Every unguarded start of background work in the module, in call order.
std::vector<BackgroundStart> FindBackgroundStarts(const Module& module);
// The starts FindBackgroundStarts leaves out because only the callers of their function keep
// them off the platform (Call::guarded_by_callers): they run when another module's code on
// the platform calls that function (project/module_callers.h). A thread whose constructor
// is elsewhere is not followed.
std::vector<BackgroundStart> FindBackgroundStartsOffPlatform(const Module& module);

// The function body loops (a `while` that is not a bounded count) around a sleep or a
// timed wait: a periodic job.
bool IsPeriodicLoop(const Module& module, int function);

// The function an argument names: `check_events`, `self.poll` (a method of the class of
// `from_function`), or -1.
int ReferencedFunction(const Module& module, const Expr& expr, int from_function);

// The argument by which `call` runs something as a thread, process or task: the target of
// `Thread(target=f)` and `Process(...)`, the function of `Timer(60, f)`, the callable of
// `executor.submit(f)`, `loop.run_in_executor(None, f)` and `_thread.start_new_thread(f, ())`,
// the coroutine of `asyncio.create_task(f())`, `ensure_future(f())` and
// `nursery.start_soon(f)`; null for any other call.
const Argument* BackgroundTargetArgument(const Call& call);

// Where a function's background work starts, directly or through the calls it makes.
struct BackgroundWork {
  BackgroundKind kind = BackgroundKind::kThread;
  std::string what;              // "threading.Thread"
  Location where;                // the starting call (in this or another module)
  std::vector<std::string> via;  // functions called on the way, outermost first: "start_checker()"
};

// A `via` chain keeps at most kMaxVia steps: the outermost ones, kElidedVia for those
// left out, and the innermost (the function with the start). Generated code chains
// thousands of functions; a full chain for each of them took gigabytes.
inline constexpr size_t kMaxVia = 10;
inline constexpr std::string_view kElidedVia = "...";
void ElideVia(std::vector<std::string>& via);
void PrependVia(std::vector<std::string>& via, std::string step);

// Looks up the background work of a function of another local module by the name a
// call resolves to ("tasks.start_background_checker"); nullopt when none or unknown.
using ExternalWork = std::function<std::optional<BackgroundWork>(std::string_view callee)>;

// The names under which a call may reach a function of an imported module, to look up:
// its callee when the first part is bound by an import (or it is relative), and
// `tasks.start` for a bare `start()` after `from tasks import *`. Built once per module:
// scanning the imports for each call was calls x imports (50,000 of each took 5 s).
class ImportedNames {
 public:
  // Past this many `import *`, a bare call is followed through the first ones only: each
  // is a name to look up per call, and 10,000 of them with 10,000 calls took 42 s.
  static constexpr size_t kMaxWildcards = 8;

  explicit ImportedNames(const Module& module);
  // Empty for calls of the module's own functions.
  std::vector<std::string> Of(const Call& call) const;
  // The same for a name as resolved (`Expr::qualified`, a call's callee), which the
  // caller knows is not one of the module's own functions.
  std::vector<std::string> Of(std::string_view name) const;
  bool any_wildcard() const { return !wildcards_.empty(); }

 private:
  std::vector<const Import*> wildcards_;          // unguarded `from m import *`
  std::set<std::string_view, std::less<>> roots_;  // `a` of each other `import a.b` / `from a.b import c`
};

// A call into an imported module that a function reaches, to be looked up on demand.
struct ImportedCall {
  std::string callee;            // as resolved: "tasks.start_background_checker", ".jobs.boot"
  // This module's functions called on the way there; shared by the calls found at one step
  // of the search (a module's summary holds thousands of these).
  std::shared_ptr<const std::vector<std::string>> via;
};

// What is known about one function's background work from its own module.
struct FunctionWork {
  std::optional<BackgroundWork> work;  // started in this module (directly or via its functions)
  std::vector<ImportedCall> imported;  // otherwise: the imported functions it reaches
};

// Per function (indexed like Module::functions): background work found by following calls
// to the module's own functions (Call::target), and the imported calls still to look up.
std::vector<FunctionWork> SummariseBackgroundWork(const Module& module, const std::vector<BackgroundStart>& starts,
                                                  const ImportedNames& imported_names);

// `found`, reached through `call`: the call's own chain and the call itself go in front
// of the found chain (elided, ElideVia).
BackgroundWork JoinVia(const ImportedCall& call, BackgroundWork found);

// The function's work, looking its imported calls up through `external` (when set) in
// order; the chain of `via` steps is joined across modules.
std::optional<BackgroundWork> ResolveWork(const FunctionWork& function, const ExternalWork& external);

// What other modules can call by name: "start_checker", "Checker" (its __init__),
// "Checker.start", "checker.start" for a module-level `checker = Checker()`.
std::map<std::string, FunctionWork, std::less<>> ExportBackgroundWork(const Module& module,
                                                                      std::vector<FunctionWork> work);

// A module's background starts and per-function work, found once per file: FL102, FL103
// and FL104 read them, and the module index keeps the export of a linted file.
struct ModuleBackground {
  explicit ModuleBackground(const Module& module)
      : imported_names(module),
        starts(FindBackgroundStarts(module)),
        work(SummariseBackgroundWork(module, starts, imported_names)) {}
  ImportedNames imported_names;  // views into the module: lives no longer than it
  std::vector<BackgroundStart> starts;
  std::vector<FunctionWork> work;
};

}  // namespace faaslint::python
