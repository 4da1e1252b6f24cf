#include "project/module_callers.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <utility>

#include "python/import_scan.h"
#include "python/parser.h"
#include "python/text_check.h"

namespace faaslint::project {
namespace {

// Larger files are not scanned for imports (the linter does not parse them either).
constexpr size_t kMaxScannedBytes = 16u << 20;
// The calls a Verdict::via lists at most: generated code chains thousands of functions.
constexpr size_t kMaxVia = 64;

}  // namespace

ModuleCallers::ModuleCallers(const Snapshot& snapshot, const ModuleIndex& modules, DeployedFiles deployed,
                             unsigned jobs, ImportsRead imports_read)
    : snapshot_(snapshot),
      modules_(modules),
      deployed_(std::move(deployed)),
      jobs_(std::max(1u, jobs)),
      imports_read_(std::move(imports_read)) {}

bool ModuleCallers::Deployed(const std::string& path) const { return !deployed_ || deployed_(path); }

int ModuleCallers::ModuleId(const std::string& path) const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto known = module_ids_.find(path); known != module_ids_.end()) return known->second;
  }
  const python::CallGraph* graph = &modules_.CallGraphOf(path);
  std::map<std::string, std::vector<const python::CallGraph::ImportedReach*>, std::less<>> imports;
  for (const python::CallGraph::ImportedReach& reach : graph->imported) imports[reach.path].push_back(&reach);
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto known = module_ids_.find(path); known != module_ids_.end()) return known->second;
  const int id = static_cast<int>(module_table_.size());
  Module& module = module_table_.emplace_back();
  module.path = path;
  module.graph = graph;
  module.imports = std::move(imports);
  module.first_node = static_cast<int>(node_module_.size());
  for (size_t i = 0; i < graph->functions.size(); ++i) {
    const python::CallGraph::Function& function = graph->functions[i];
    if (function.module_level) module.module_level[function.name].push_back(module.first_node + static_cast<int>(i));
  }
  node_module_.insert(node_module_.end(), graph->functions.size(), id);
  module_ids_.emplace(path, id);
  return id;
}

// Asked only of a module with a call that is not guarded: whether the module runs on the
// platform costs the whole deployment graph in a diff run.
bool ModuleCallers::ModuleDeployed(int id) const {
  std::string path;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const Module& module = module_table_[id];
    if (module.deployed >= 0) return module.deployed == 1;
    path = module.path;
  }
  const bool deployed = Deployed(path);
  std::lock_guard<std::mutex> lock(mutex_);
  module_table_[id].deployed = deployed ? 1 : 0;
  return deployed;
}

const ModuleCallers::Module& ModuleCallers::ModuleAt(int id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return module_table_[id];
}

int ModuleCallers::ModuleOfNode(int node) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return node_module_[node];
}

// Every Python file of the snapshot, read for its imports once (by tokens, as the
// deployment graph reads them): who may call a module's functions is who imports it. An
// absolute import counts for every file that ends in its path (`import lib.worker`: any
// lib/worker.py), whatever the folders on sys.path: more importers than Python would find
// cost a look at their calls, which then resolve exactly, while fewer would miss callers.
// Imports under `if __name__ == "__main__":` are not read, so a script that imports the
// module only there counts as no caller.
void ModuleCallers::BuildImporters() const {
  const std::vector<std::string>& files = snapshot_.files();
  std::vector<const std::string*> python_files;
  std::map<std::string_view, std::vector<const std::string*>> by_suffix;  // "worker.py" -> lib/worker.py, ...
  for (const std::string& file : files) {
    if (!file.ends_with(".py")) continue;
    python_files.push_back(&file);
    for (size_t at = 0;;) {
      by_suffix[std::string_view(file).substr(at)].push_back(&file);
      const size_t slash = file.find('/', at);
      if (slash == std::string::npos) break;
      at = slash + 1;
    }
  }
  auto exists = [&](const std::string& path) { return std::binary_search(files.begin(), files.end(), path); };
  // The local modules `file` imports, sorted. A file the deployment graph read is not read
  // again: it read it as here (the same limit, the same scan).
  auto imports_of = [&](python::Parser& parser, const std::string& file) {
    std::set<std::string> imported;
    const std::vector<python::ImportRef>* refs = imports_read_ ? imports_read_(file) : nullptr;
    std::vector<python::ImportRef> scanned;
    if (!refs) {
      std::string content, error;
      if (!snapshot_.Read(file, &content, &error) || content.size() > kMaxScannedBytes ||
          !python::PythonReadsAsSource(content)) {
        return imported;
      }
      scanned = python::ScanImports(parser, content).imports;
      refs = &scanned;
    }
    auto add = [&](const std::string& path) {
      if (path != file) imported.insert(path);
    };
    // `dotted` ("lib.worker"), absolute or, with `level` leading dots, relative to `file`.
    auto resolve = [&](int level, const std::string& dotted) {
      std::string rest = dotted;
      std::replace(rest.begin(), rest.end(), '.', '/');
      if (level == 0) {
        if (rest.empty()) return;
        for (const std::string& suffix : {rest + ".py", rest + "/__init__.py"}) {
          if (auto found = by_suffix.find(suffix); found != by_suffix.end()) {
            for (const std::string* path : found->second) add(*path);
          }
        }
        return;
      }
      size_t slash = file.rfind('/');
      std::string base = slash == std::string::npos ? std::string() : file.substr(0, slash);
      for (int up = 1; up < level; ++up) {
        if (base.empty()) return;  // above the project root
        slash = base.rfind('/');
        base = slash == std::string::npos ? std::string() : base.substr(0, slash);
      }
      const std::string prefix = base.empty() ? std::string() : base + "/";
      const std::vector<std::string> candidates =
          rest.empty() ? std::vector<std::string>{prefix + "__init__.py"}
                       : std::vector<std::string>{prefix + rest + ".py", prefix + rest + "/__init__.py"};
      for (const std::string& candidate : candidates) {
        if (exists(candidate)) add(candidate);
      }
    };
    for (const python::ImportRef& ref : *refs) {
      resolve(ref.level, ref.module);
      for (const std::string& name : ref.names) {  // `from lib import worker`: maybe a submodule
        if (name != "*") resolve(ref.level, ref.module.empty() ? name : ref.module + "." + name);
      }
    }
    return imported;
  };
  // Each file on its own: read and scanned on the run's threads, each with a parser of its
  // own (a parser is not thread-safe), then joined in file order.
  std::vector<std::set<std::string>> imported(python_files.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    python::Parser parser;
    for (size_t i = next++; i < python_files.size(); i = next++) imported[i] = imports_of(parser, *python_files[i]);
  };
  std::vector<std::thread> threads;
  for (size_t i = 1; i < std::min<size_t>(jobs_, python_files.size()); ++i) threads.emplace_back(work);
  work();
  for (std::thread& thread : threads) thread.join();
  for (size_t i = 0; i < python_files.size(); ++i) {
    for (const std::string& path : imported[i]) importers_[path].push_back(*python_files[i]);  // sorted
  }
}

const std::vector<std::string>& ModuleCallers::ImportersOf(const std::string& path) const {
  std::call_once(importers_built_, [this] { BuildImporters(); });
  static const std::vector<std::string> kNone;
  auto found = importers_.find(path);
  return found == importers_.end() ? kNone : found->second;
}

void ModuleCallers::LoadIncoming(int module_id) const {
  std::string path;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (module_table_[module_id].incoming_known) return;
    path = module_table_[module_id].path;
  }
  std::vector<int> importers;
  for (const std::string& importer : ImportersOf(path)) importers.push_back(ModuleId(importer));
  std::lock_guard<std::mutex> lock(mutex_);
  Module& module = module_table_[module_id];
  if (module.incoming_known) return;
  for (int importer : importers) {
    auto reaches = module_table_[importer].imports.find(path);
    if (reaches == module_table_[importer].imports.end()) continue;
    for (const python::CallGraph::ImportedReach* reach : reaches->second) {
      module.incoming[reach->name].emplace_back(importer, reach);
    }
  }
  module.incoming_known = true;
}

std::vector<int> ModuleCallers::NodesNamed(int module_id, std::string_view name) const {
  const Module& module = ModuleAt(module_id);
  auto found = module.module_level.find(name);
  return found == module.module_level.end() ? std::vector<int>() : found->second;
}

// The places that run `node`'s function or hand it on: its module's, in module order, then
// the importers', by path. Empty for a function whose verdict no caller changes.
std::vector<ModuleCallers::Reach> ModuleCallers::ReachesOf(int node) const {
  const int module_id = ModuleOfNode(node);
  const Module& module = ModuleAt(module_id);
  const python::CallGraph::Function& function = module.graph->functions[node - module.first_node];
  std::vector<Reach> reaches;
  if (!function.by_callers) return reaches;
  auto add = [&](const python::Reach& reach, int in_id, bool external) {
    const Module& in = ModuleAt(in_id);
    Reach& added = reaches.emplace_back();
    added.kind = reach.guarded || !ModuleDeployed(in_id) ? Reach::kOff : reach.from < 0 ? Reach::kOn : Reach::kFrom;
    added.from = reach.from < 0 ? -1 : in.first_node + reach.from;
    added.external = external;
    added.spawns = reach.spawns;
    added.site = Location{in.path, reach.range};
  };
  for (const python::Reach& reach : function.reaches) add(reach, module_id, false);
  if (!function.module_level) return reaches;
  LoadIncoming(module_id);
  auto incoming = module.incoming.find(function.name);  // complete and unchanging once loaded
  if (incoming == module.incoming.end()) return reaches;
  for (const auto& [importer, reach] : incoming->second) add(reach->reach, importer, true);
  return reaches;
}

// Solves `start` with every function that may run it, across modules, which are not solved
// yet (those solved stand for themselves): a function whose callers include another
// module's, or a function solved so, is off the platform when it is reached and every
// reach is off (a least fixed point: a cycle of functions only calling each other counts
// as running, as in the module's own verdict); any other keeps its module's verdict.
const ModuleCallers::Solved& ModuleCallers::Solve(int start) const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto known = solved_.find(start); known != solved_.end()) return known->second;
  }
  std::vector<int> nodes{start};
  std::map<int, size_t> position{{start, 0}};
  std::vector<std::vector<Reach>> reaches;
  for (size_t i = 0; i < nodes.size(); ++i) {
    reaches.push_back(ReachesOf(nodes[i]));
    for (const Reach& reach : reaches.back()) {
      if (reach.kind != Reach::kFrom || position.count(reach.from)) continue;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (solved_.count(reach.from)) continue;
      }
      position.emplace(reach.from, nodes.size());
      nodes.push_back(reach.from);
    }
  }

  std::lock_guard<std::mutex> lock(mutex_);
  const size_t count = nodes.size();
  auto solved_before = [&](int node) -> const Solved* {
    if (position.count(node)) return nullptr;
    return &solved_.at(node);
  };
  // Who each gathered node reaches (one entry per reach), and which gathered nodes other
  // modules' calls reach, directly or through the functions that call them.
  std::vector<std::vector<size_t>> reached_by(count);
  std::vector<bool> external(count, false);
  std::vector<size_t> queue;
  for (size_t i = 0; i < count; ++i) {
    for (const Reach& reach : reaches[i]) {
      if (reach.external) external[i] = true;
      if (reach.kind != Reach::kFrom) continue;
      if (const Solved* before = solved_before(reach.from)) {
        if (before->external) external[i] = true;
      } else {
        reached_by[position.at(reach.from)].push_back(i);
      }
    }
    if (external[i]) queue.push_back(i);
  }
  for (size_t next = 0; next < queue.size(); ++next) {
    for (size_t i : reached_by[queue[next]]) {
      if (!external[i]) {
        external[i] = true;
        queue.push_back(i);
      }
    }
  }
  // The verdicts: the module's own, or for a function other modules' calls reach, off once
  // every reach is (the least fixed point, from the reaches known to be off).
  enum State : uint8_t { kUndecided, kOff, kOn };
  std::vector<State> state(count, kUndecided);
  std::vector<size_t> pending(count, 0);
  std::vector<size_t> off_queue;
  auto module_of = [&](size_t i) -> const Module& { return module_table_[node_module_[nodes[i]]]; };
  auto function_of = [&](size_t i) -> const python::CallGraph::Function& {
    const Module& module = module_of(i);
    return module.graph->functions[nodes[i] - module.first_node];
  };
  for (size_t i = 0; i < count; ++i) {
    const python::CallGraph::Function& function = function_of(i);
    if (!external[i] || !function.by_callers) {
      state[i] = function.off_platform ? kOff : kOn;
      continue;
    }
  }
  for (size_t i = 0; i < count; ++i) {
    if (state[i] != kUndecided) continue;
    bool on = reaches[i].empty();  // reached by nothing: it runs, as its module says
    for (const Reach& reach : reaches[i]) {
      if (reach.kind == Reach::kOn) on = true;
      if (reach.kind != Reach::kFrom) continue;
      if (const Solved* before = solved_before(reach.from)) {
        on = on || !before->off;
      } else if (const State from = state[position.at(reach.from)]; from != kUndecided) {
        on = on || from == kOn;
      } else {
        ++pending[i];
      }
    }
    if (on) {
      state[i] = kOn;
    } else if (pending[i] == 0) {
      state[i] = kOff;
      off_queue.push_back(i);
    }
  }
  // An undecided node waits only for undecided ones: each that turns off counts down.
  for (size_t next = 0; next < off_queue.size(); ++next) {
    for (size_t i : reached_by[off_queue[next]]) {
      if (state[i] != kUndecided || --pending[i] != 0) continue;
      state[i] = kOff;
      off_queue.push_back(i);
    }
  }
  for (State& each : state) {
    if (each == kUndecided) each = kOn;  // waits on a cycle: runs
  }
  auto is_off = [&](int node) {
    if (const Solved* before = solved_before(node)) return before->off;
    return state[position.at(node)] == kOff;
  };
  for (size_t i = 0; i < count; ++i) {
    Solved solved;
    solved.off = state[i] == kOff;
    solved.external = external[i];
    bool every_run_spawns = !solved.off;
    size_t runs = 0;
    for (const Reach& reach : reaches[i]) {
      const bool runs_it = reach.kind == Reach::kOn || (reach.kind == Reach::kFrom && !is_off(reach.from));
      if (!runs_it) continue;
      ++runs;
      every_run_spawns = every_run_spawns && reach.external && reach.spawns;
      if (!solved.witness && !solved.off) solved.witness = Witness{reach.from, reach.external, reach.site};
    }
    solved.spawned = runs > 0 && every_run_spawns;
    solved_.emplace(nodes[i], std::move(solved));  // another thread's answer for it is the same
  }
  return solved_.at(start);
}

ModuleCallers::Verdict ModuleCallers::Of(const python::Module& module, int function) const {
  Verdict verdict;
  const bool own = function >= 0 && static_cast<size_t>(function) < module.functions().size() &&
                   module.functions()[function].off_platform;
  const Module& entry = ModuleAt(ModuleId(module.path()));
  const int top = entry.graph->TopOf(module, function);
  if (top < 0) {  // not summarised (a module too large), or not in a function: as the module says
    verdict.off_platform = own;
    return verdict;
  }
  // Run first by its module's own code (an import-time call, a request handler): the
  // module alone shows it runs, as Solve would find without reading who imports it.
  const python::CallGraph::Function& node = entry.graph->functions[top];
  if (node.by_callers && !node.reaches.empty()) {
    const python::Reach& first = node.reaches.front();
    const bool fixed_on = first.from >= 0 && !entry.graph->functions[first.from].by_callers &&
                          !entry.graph->functions[first.from].off_platform;
    if (!first.guarded && (first.from < 0 || fixed_on)) return verdict;
  }
  const int start = entry.first_node + top;
  const Solved& solved = Solve(start);
  verdict.off_platform = solved.off;
  verdict.spawned = solved.spawned;
  if (solved.off || !solved.external) return verdict;
  std::vector<Location> via;
  bool through_another_module = false;
  std::set<int> seen{start};
  const Solved* current = &solved;
  while (current->witness && via.size() < kMaxVia) {
    const Witness& witness = *current->witness;
    via.push_back(witness.site);
    through_another_module = through_another_module || witness.external;
    if (witness.from < 0 || !seen.insert(witness.from).second) break;
    std::lock_guard<std::mutex> lock(mutex_);
    current = &solved_.at(witness.from);  // solved with, or before, the node it reaches
  }
  if (!through_another_module) return verdict;
  for (const Location& call : via) {
    if (call.path != module.path()) {
      verdict.called_from = call;
      break;
    }
  }
  verdict.via = std::move(via);
  return verdict;
}

std::vector<int> ModuleCallers::RunElsewhere(const python::Module& module) const {
  std::vector<int> found;
  const std::vector<python::Function>& functions = module.functions();
  for (size_t i = 0; i < functions.size(); ++i) {
    const python::Function& function = functions[i];
    if (function.parent != -1 || !function.off_platform || !function.off_platform_by_callers) continue;
    if (!Of(module, static_cast<int>(i)).off_platform) found.push_back(static_cast<int>(i));
  }
  return found;
}

void ModuleCallers::LoadOutgoing(int module_id) const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (module_table_[module_id].outgoing_known) return;
  }
  const Module& module = ModuleAt(module_id);
  std::map<int, std::vector<std::pair<int, Location>>> outgoing;
  for (size_t i = 0; i < module.graph->functions.size(); ++i) {
    for (const python::Reach& reach : module.graph->functions[i].reaches) {
      if (reach.from < 0) continue;
      outgoing[module.first_node + reach.from].emplace_back(module.first_node + static_cast<int>(i),
                                                            Location{module.path, reach.range});
    }
  }
  for (const python::CallGraph::ImportedReach& reach : module.graph->imported) {
    if (reach.reach.from < 0) continue;
    for (int node : NodesNamed(ModuleId(reach.path), reach.name)) {
      outgoing[module.first_node + reach.reach.from].emplace_back(node, Location{module.path, reach.reach.range});
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  Module& stored = module_table_[module_id];
  if (stored.outgoing_known) return;
  stored.outgoing = std::move(outgoing);
  stored.outgoing_known = true;
}

// Forward from each touched call to what it reaches, as long as the call is the one a
// function's verdict rests on (its witness): a verdict that rests on another call does not
// depend on this one, nor do those of the functions it runs.
std::vector<std::string> ModuleCallers::FilesWhoseCallersChanged(const ChangeSet& changes) const {
  std::vector<std::pair<int, Location>> queue;
  auto touched = [&](const Location& call) {
    return changes.Touches(call.path, call.range.start.line, std::max(call.range.start.line, call.range.end.line));
  };
  for (const std::string& path : changes.FilesWithEditedLines()) {
    if (!path.ends_with(".py") || !Deployed(path)) continue;
    const Module& module = ModuleAt(ModuleId(path));
    for (size_t i = 0; i < module.graph->functions.size(); ++i) {
      for (const python::Reach& reach : module.graph->functions[i].reaches) {
        Location call{path, reach.range};
        if (touched(call)) queue.emplace_back(module.first_node + static_cast<int>(i), std::move(call));
      }
    }
    for (const python::CallGraph::ImportedReach& reach : module.graph->imported) {
      Location call{path, reach.reach.range};
      if (!touched(call)) continue;
      for (int node : NodesNamed(ModuleId(reach.path), reach.name)) queue.emplace_back(node, call);
    }
  }
  std::set<int> visited;
  std::set<std::string> files;
  for (size_t next = 0; next < queue.size(); ++next) {
    const int node = queue[next].first;
    const Solved& solved = Solve(node);
    if (!solved.witness || solved.witness->site != queue[next].second || !visited.insert(node).second) continue;
    const int module_id = ModuleOfNode(node);
    const Module& module = ModuleAt(module_id);
    if (solved.external) files.insert(module.path);
    LoadOutgoing(module_id);
    auto outgoing = module.outgoing.find(node);
    if (outgoing == module.outgoing.end()) continue;
    for (const auto& [reached, call] : outgoing->second) queue.emplace_back(reached, call);
  }
  return {files.begin(), files.end()};
}

}  // namespace faaslint::project
