// Who runs a function, across the modules of a project. A module decides alone that a
// function of its own runs off the platform when every call of it is under a guard such
// as `if __name__ == "__main__":` or in a function that is (python::Function::off_platform);
// here the calls and hand-ons of the other local modules count as well:
//   - a function whose callers, in whatever module, are all under a guard, in functions
//     that run off the platform, or in a module no function deploys (main.py run by hand,
//     a script, a test), runs off the platform: `asyncio.create_task(worker.poll())` in
//     the `main()` of a main.py that only `if __name__ == "__main__":` runs;
//   - a function that code on the platform calls in any deployed module runs there, however
//     its own module calls it: `main()` of lib/worker.py, guarded there, called from a
//     request handler of api/cron.py.
// A function nobody calls keeps its module's verdict (it runs: something may call it that
// no module spells). So do handlers, startup hooks, decorated functions and the rest that
// Function::off_platform_by_callers leaves out.
//
// Every Python rule counts these callers: FL104, FL106 and FL402 ask Of() themselves, and
// for the others the linter checks a copy of a module marked with RunElsewhere()'s functions
// on the platform, when it has any (lint.cpp). Their findings there name the other
// module's call (Verdict::called_from) and depend on Verdict::via.
//
// The call graphs come from the module index (python/call_graph.h), the modules that may
// call a function from an index of who imports whom, built once per run on the first
// question. Each answer is exact for the snapshot (it does not depend on the order the
// workers ask in) and kept: every function is solved once.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/change_set.h"
#include "core/finding.h"
#include "project/deployment_graph.h"
#include "project/module_index.h"
#include "python/call_graph.h"
#include "python/import_scan.h"
#include "python/module.h"

namespace faaslint::project {

class ModuleCallers {
 public:
  // Whether a file runs inside a function (DeploymentGraph::IsFunctionCode of the whole
  // graph, not of a walk stopped early; every file where no Vercel project decides).
  using DeployedFiles = std::function<bool(const std::string& path)>;
  // The imports of a file that something read already (DeploymentGraph::imports_read), or
  // null: the index of who imports whom reads only the files it does not know.
  using ImportsRead = std::function<const std::vector<python::ImportRef>*(const std::string& path)>;
  // `modules` must keep call graphs (ModuleIndex::KeepCallGraphs). `jobs` threads read the
  // files for their imports.
  ModuleCallers(const Snapshot& snapshot, const ModuleIndex& modules, DeployedFiles deployed, unsigned jobs = 1,
                ImportsRead imports_read = nullptr);
  ModuleCallers(const ModuleCallers&) = delete;
  ModuleCallers& operator=(const ModuleCallers&) = delete;

  struct Verdict {
    bool off_platform = false;
    // A call of another module runs it as a thread, process or task (`Thread(target=worker.poll)`,
    // `asyncio.create_task(worker.poll())`): it does not run in the calling request itself.
    bool spawned = false;
    // When it runs on the platform because of a call in another module: the calls that lead
    // there, nearest first, up to where the platform starts (a request handler, module-level
    // code, a function nobody calls); empty when the module alone shows that it runs.
    std::vector<Location> via;
    // The first of `via` in another file: the call a finding names as related.
    std::optional<Location> called_from;
  };
  // The verdict on function `function` of `module` (a local module of the project, or one
  // published to the module index), or on the top-level function it is nested in.
  Verdict Of(const python::Module& module, int function) const;

  // The functions of `module` (indices into its functions(), ascending) that the module alone
  // takes to run off the platform (python::Function::off_platform, from its callers only) but
  // that platform code in another module runs: Of(module, f).off_platform is false. Asks only
  // of those functions, so a module without one costs nothing here.
  std::vector<int> RunElsewhere(const python::Module& module) const;

  // For diff runs: the files with a function whose Verdict::via reaches a call the change
  // touches (adding `main()` to the handler of api/cron.py concerns lib/worker.py), sorted.
  std::vector<std::string> FilesWhoseCallersChanged(const ChangeSet& changes) const;

 private:
  struct Reach {
    enum Kind : uint8_t { kOff, kOn, kFrom } kind = kOff;  // kFrom: as the function `from` is
    int from = -1;
    bool external = false;  // in another module
    bool spawns = false;
    Location site;
  };
  struct Witness {
    int from = -1;  // the node the call is in; -1 when the call itself runs (module-level code)
    bool external = false;
    Location site;
  };
  struct Solved {
    bool off = false;
    bool external = false;  // another module's call reaches it, or a function that reaches it
    bool spawned = false;
    std::optional<Witness> witness;  // the first of its calls that runs on the platform
  };
  struct Module {
    std::string path;
    const python::CallGraph* graph = nullptr;
    int8_t deployed = -1;  // runs on the platform: 1, 0, or -1 until asked (ModuleDeployed)
    int first_node = 0;  // node of graph->functions[i] is first_node + i
    std::map<std::string_view, std::vector<int>> module_level;  // nodes of its module-level defs, by name
    // Its reaches of other modules' functions, by the module's path.
    std::map<std::string, std::vector<const python::CallGraph::ImportedReach*>, std::less<>> imports;
    // Reaches of its module-level functions from other modules, by name; built on first need.
    bool incoming_known = false;
    std::map<std::string, std::vector<std::pair<int, const python::CallGraph::ImportedReach*>>, std::less<>> incoming;
    // Outgoing reaches by the function they are in, for FilesWhoseCallersChanged.
    bool outgoing_known = false;
    std::map<int, std::vector<std::pair<int, Location>>> outgoing;  // from -> (node reached, where)
  };

  int ModuleId(const std::string& path) const;  // loads the call graph (outside the lock)
  // A module's entry: its path, graph and first node never change, nor its incoming and
  // outgoing reaches once known.
  const Module& ModuleAt(int id) const;
  bool ModuleDeployed(int id) const;
  int ModuleOfNode(int node) const;
  bool Deployed(const std::string& path) const;
  const std::vector<std::string>& ImportersOf(const std::string& path) const;
  void BuildImporters() const;
  void LoadIncoming(int module) const;
  std::vector<Reach> ReachesOf(int node) const;
  const Solved& Solve(int node) const;
  std::vector<int> NodesNamed(int module, std::string_view name) const;
  void LoadOutgoing(int module) const;

  const Snapshot& snapshot_;
  const ModuleIndex& modules_;
  DeployedFiles deployed_;
  const unsigned jobs_;
  ImportsRead imports_read_;
  mutable std::once_flag importers_built_;
  mutable std::map<std::string, std::vector<std::string>, std::less<>> importers_;  // module -> its importers, sorted
  // Guards what follows; never held while the module index is asked (a question may
  // check a module now, whose rules ask here in turn).
  mutable std::mutex mutex_;
  mutable std::deque<Module> module_table_;  // stable addresses
  mutable std::map<std::string, int, std::less<>> module_ids_;
  mutable std::vector<int> node_module_;  // by node
  mutable std::map<int, Solved> solved_;
};

}  // namespace faaslint::project
