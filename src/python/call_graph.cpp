#include "python/call_graph.h"

#include <algorithm>
#include <map>
#include <set>

namespace faaslint::python {
namespace {

using Kind = Expr::Kind;

class Builder {
 public:
  Builder(const Module& module, const ImportedNames& imported_names, const LocalModuleOf& local)
      : m_(module), imported_names_(imported_names), local_(local), top_(module.functions().size(), -1) {}

  CallGraph Build() {
    const std::vector<Function>& functions = m_.functions();
    for (size_t i = 0; i < functions.size(); ++i) {
      const Function& function = functions[i];
      if (function.parent >= 0) {
        top_[i] = top_[function.parent];  // preorder: the enclosing def came first
        continue;
      }
      top_[i] = static_cast<int>(graph_.functions.size());
      CallGraph::Function node;
      node.index = static_cast<int>(i);
      node.name = function.qualified_name;
      node.module_level = function.class_index < 0;
      node.by_callers = function.off_platform_by_callers;
      node.off_platform = function.off_platform;
      graph_.functions.push_back(std::move(node));
    }
    FindSpawns();
    for (CallGraph::Function& node : graph_.functions) {
      if (node.by_callers) AddLocalReaches(node);
    }
    AddImportedReaches();
    return std::move(graph_);
  }

 private:
  int TopOf(int function) const { return function < 0 ? -1 : top_[function]; }

  // A guard of the call's own, not only the callers of its function.
  static bool OwnGuard(const Call& call) { return call.guarded && !call.guarded_by_callers; }

  // What the module runs as a thread, process or task: the calls given as the coroutine
  // (`create_task(poll())`) and the names given as the target (`Thread(target=poll)`).
  void FindSpawns() {
    const std::vector<Call>& calls = m_.calls();
    for (const Call& call : calls) {
      const Argument* argument = BackgroundTargetArgument(call);
      if (argument == nullptr) continue;
      if (argument->value.kind == Kind::kCall) spawned_calls_.insert(argument->value.call);
      else spawned_names_.insert(argument->value.range.start);
    }
  }

  bool Spawned(int call) const { return spawned_calls_.count(call) > 0; }

  void AddLocalReaches(CallGraph::Function& node) {
    const Function& function = m_.functions()[node.index];
    const int self = top_[node.index];
    auto add = [&](int from, bool guarded, const Range& range) {
      from = TopOf(from);
      if (from == self) return;  // calling itself (`Timer(60, tick)` inside tick)
      node.reaches.push_back({from, guarded, false, range});
    };
    for (int index : function.callers) {
      const Call& call = m_.calls()[index];
      add(call.function, OwnGuard(call), call.callee_range);
    }
    for (int index : function.handed_on_by) {
      const NameLoad& load = m_.name_loads()[index];
      add(load.function, load.guarded, load.range);
    }
    std::sort(node.reaches.begin(), node.reaches.end(),
              [](const Reach& a, const Reach& b) { return a.range.start < b.range.start; });
  }

  void AddImportedReaches() {
    const std::vector<Call>& calls = m_.calls();
    for (size_t i = 0; i < calls.size(); ++i) {
      const Call& call = calls[i];
      Reach reach{TopOf(call.function), OwnGuard(call), Spawned(static_cast<int>(i)), call.callee_range};
      if (call.target < 0 && !call.callee.ends_with("()")) AddImported(call.callee, reach);
      // `Thread(target=worker.poll)`, `scheduler.add_job(worker.poll)`: an attribute handed on.
      for (const Argument& argument : call.args) {
        HandedOn(argument.value, {TopOf(call.function), OwnGuard(call), false, {}}, 0);
      }
    }
    for (const NameLoad& load : m_.name_loads()) {
      if (load.use == ResultUse::kOther || load.use == ResultUse::kDiscarded) continue;
      if (m_.FindFunction(load.name) >= 0) continue;  // the module's own function
      // `from worker import poll` ... `Thread(target=poll)`; a bare name after `from worker import *`.
      std::string resolved = m_.Resolve(load.name);
      if (resolved == load.name && !imported_names_.any_wildcard()) continue;  // a local name: most are
      const bool spawns = spawned_names_.count(load.range.start) > 0;
      AddImported(resolved, {TopOf(load.function), load.guarded, spawns, load.range});
    }
    for (const Assignment& assignment : m_.assignments()) {
      const bool by_callers = assignment.function >= 0 && m_.functions()[assignment.function].off_platform;
      HandedOn(assignment.value, {TopOf(assignment.function), assignment.guarded && !by_callers, false, {}}, 0);
    }
    for (const Return& returned : m_.returns()) {
      HandedOn(returned.value, {TopOf(returned.function), false, false, {}}, 0);
    }
    std::stable_sort(graph_.imported.begin(), graph_.imported.end(),
                     [](const CallGraph::ImportedReach& a, const CallGraph::ImportedReach& b) {
                       return a.reach.range.start < b.reach.range.start;
                     });
  }

  // An attribute naming another module's function in a value (`worker.poll`, also inside a
  // list, tuple, set or dict); bare names are the name reads' (AddImportedReaches).
  void HandedOn(const Expr& value, Reach reach, int depth) {
    if (depth > 4) return;
    switch (value.kind) {
      case Kind::kAttribute:
        if (!value.qualified.empty() && !value.qualified.ends_with("()") &&
            value.qualified.find("().") == std::string::npos) {
          reach.range = value.range;
          reach.spawns = spawned_names_.count(value.range.start) > 0;
          AddImported(value.qualified, reach);
        }
        return;
      case Kind::kList:
      case Kind::kTuple:
      case Kind::kSet:
      case Kind::kDict:
        for (const Expr& item : value.items) HandedOn(item, reach, depth + 1);
        return;
      default: return;
    }
  }

  // Only a module-level name counts (`worker.main`, not `worker.Bot.run`): the module is
  // then all of the name but its last part, looked up once for all its names.
  void AddImported(std::string_view callee, const Reach& reach) {
    for (const std::string& name : imported_names_.Of(callee)) {
      if (name.find("()") != std::string::npos) continue;  // an attribute of what a call returns
      const size_t leading_dots = name.find_first_not_of('.');
      const size_t dot = name.rfind('.');
      if (leading_dots == std::string::npos || dot == std::string::npos) continue;
      const std::string_view module_name = std::string_view(name).substr(0, dot < leading_dots ? leading_dots : dot);
      const std::string_view last = std::string_view(name).substr(dot + 1);
      auto known = modules_.find(module_name);
      if (known == modules_.end()) {
        std::optional<std::pair<std::string, std::string>> target = local_(name);
        std::optional<std::string> module;
        if (target && target->second == last) module = std::move(target->first);
        known = modules_.emplace(std::string(module_name), std::move(module)).first;
      }
      if (known->second) graph_.imported.push_back({*known->second, std::string(last), reach});
    }
  }

  const Module& m_;
  const ImportedNames& imported_names_;
  const LocalModuleOf& local_;
  std::vector<int> top_;  // by Module function: its position (or its top-level function's) in graph_.functions
  std::set<int> spawned_calls_;
  std::set<Position> spawned_names_;
  std::map<std::string, std::optional<std::string>, std::less<>> modules_;  // "lib.worker" -> its file, when local
  CallGraph graph_;
};

}  // namespace

int CallGraph::TopOf(const Module& module, int index) const {
  if (index < 0 || static_cast<size_t>(index) >= module.functions().size()) return -1;
  while (module.functions()[index].parent >= 0) index = module.functions()[index].parent;
  auto it = std::lower_bound(functions.begin(), functions.end(), index,
                             [](const Function& function, int wanted) { return function.index < wanted; });
  return it != functions.end() && it->index == index ? static_cast<int>(it - functions.begin()) : -1;
}

CallGraph BuildCallGraph(const Module& module, const ImportedNames& imported_names, const LocalModuleOf& local) {
  return Builder(module, imported_names, local).Build();
}

}  // namespace faaslint::python
