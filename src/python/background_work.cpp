// Following calls from a function to where its background work starts: through the
// module's own functions at once, through imported modules on demand.
#include <algorithm>

#include "python/background.h"

namespace faaslint::python {
namespace {

std::string CallDisplay(std::string_view callee) {
  std::string name(callee.substr(std::min(callee.find_first_not_of('.'), callee.size())));  // .workers.spawn
  if (name.ends_with("()")) name.resize(name.size() - 2);
  return name + "()";
}

}  // namespace

void ElideVia(std::vector<std::string>& via) {
  if (via.size() <= kMaxVia) return;
  via[kMaxVia - 2] = kElidedVia;
  via.erase(via.begin() + (kMaxVia - 1), via.end() - 1);
}

void PrependVia(std::vector<std::string>& via, std::string step) {
  via.insert(via.begin(), std::move(step));
  ElideVia(via);
}

ImportedNames::ImportedNames(const Module& module) {
  for (const Import& import : module.imports()) {
    if (!import.wildcard) {
      roots_.insert(std::string_view(import.module).substr(0, import.module.find('.')));
    } else if (!import.guarded && wildcards_.size() < kMaxWildcards) {
      wildcards_.push_back(&import);
    }
  }
}

std::vector<std::string> ImportedNames::Of(const Call& call) const {
  if (call.target >= 0) return {};
  return Of(call.callee);
}

std::vector<std::string> ImportedNames::Of(std::string_view name) const {
  std::vector<std::string> names;
  if (name.find('.') == std::string_view::npos) {
    // `from tasks import *` then `start()`: tasks.start, for each wildcard import.
    for (const Import* import : wildcards_) {
      names.push_back(import->module.ends_with(".") ? import->module + std::string(name)
                                                   : import->module + "." + std::string(name));
    }
    return names;
  }
  std::string_view head = name.substr(0, name.find('.'));
  if (name.starts_with(".") || roots_.contains(head)) names.emplace_back(name);
  return names;
}

std::vector<FunctionWork> SummariseBackgroundWork(const Module& module, const std::vector<BackgroundStart>& starts,
                                                  const ImportedNames& imported_names) {
  const std::vector<Function>& functions = module.functions();
  const std::vector<Call>& calls = module.calls();
  std::vector<FunctionWork> summary(functions.size());
  for (const BackgroundStart& start : starts) {
    if (start.function < 0 || summary[start.function].work) continue;
    summary[start.function].work =
        BackgroundWork{start.kind, start.what, {module.path(), calls[start.call].callee_range}, {}};
  }
  // Propagate to callers, one layer of calls at a time from the starts, so each function
  // gets the shortest chain (ties: its first such call). Linear: each function is
  // reached once through each call that invokes it.
  std::vector<int> layer;
  for (size_t f = 0; f < functions.size(); ++f) {
    if (summary[f].work) layer.push_back(static_cast<int>(f));
  }
  std::vector<bool> queued(functions.size(), false);
  while (!layer.empty()) {
    std::vector<int> callers;
    for (int target : layer) {
      for (int index : functions[target].callers) {
        const int caller = calls[index].function;
        if (caller < 0 || caller == target || calls[index].guarded || summary[caller].work || queued[caller]) continue;
        queued[caller] = true;
        callers.push_back(caller);
      }
    }
    std::sort(callers.begin(), callers.end());
    for (int caller : callers) {
      for (int index : functions[caller].calls) {
        const Call& call = calls[index];
        if (call.guarded || call.target < 0 || call.target == caller || !summary[call.target].work) continue;
        // Only a function of an earlier layer: one of this layer is not its callee's
        // shortest way to the start.
        if (queued[call.target]) continue;
        BackgroundWork inherited = *summary[call.target].work;
        PrependVia(inherited.via, functions[call.target].qualified_name + "()");
        summary[caller].work = std::move(inherited);
        break;
      }
    }
    for (int caller : callers) queued[caller] = false;
    // The next layer: the callers that got work (each did, through the call that found
    // it; kept explicit so that the loop ends whatever the call lists hold).
    std::erase_if(callers, [&](int caller) { return !summary[caller].work; });
    layer = std::move(callers);
  }
  // For the rest: the imported calls they reach through the module's own functions,
  // breadth first so the shortest chain comes first. Bounded: a summary, not a proof.
  // Each step keeps its parent, and the chain of names is spelled out only for a step that
  // reaches an imported call: most functions of most modules reach none.
  constexpr size_t kMaxImportedCalls = 32;
  // And at most this many functions visited per search: in generated code where each of
  // thousands of functions calls the next, unbounded searches were quadratic (16,000
  // functions: 4 s).
  constexpr size_t kMaxSearchSteps = 512;
  struct Step {
    int function;
    int parent;  // index into steps; -1 for the function the search starts from
  };
  std::vector<Step> steps;
  std::vector<size_t> reached_by(functions.size(), 0);  // 1 + the start of the search that reached it
  // The searches from different functions meet the same calls again: name each call once.
  std::vector<std::optional<std::vector<std::string>>> names_of(calls.size());
  auto via_of = [&](int step) {
    std::vector<std::string> via;
    for (; steps[step].parent >= 0; step = steps[step].parent) {
      via.push_back(functions[steps[step].function].qualified_name + "()");
    }
    std::reverse(via.begin(), via.end());
    ElideVia(via);
    return via;
  };
  for (size_t f = 0; f < functions.size(); ++f) {
    if (summary[f].work || functions[f].calls.empty()) continue;
    steps.assign(1, Step{static_cast<int>(f), -1});
    reached_by[f] = f + 1;
    for (size_t next = 0; next < steps.size() && summary[f].imported.size() < kMaxImportedCalls; ++next) {
      std::shared_ptr<const std::vector<std::string>> via;  // spelled out when first needed
      for (int index : functions[steps[next].function].calls) {
        const Call& call = calls[index];
        if (call.guarded) continue;
        if (call.target >= 0) {
          if (reached_by[call.target] != f + 1 && steps.size() < kMaxSearchSteps) {
            reached_by[call.target] = f + 1;
            steps.push_back({call.target, static_cast<int>(next)});
          }
          continue;
        }
        if (!names_of[index]) names_of[index] = imported_names.Of(call);
        if (names_of[index]->empty()) continue;
        if (!via) via = std::make_shared<const std::vector<std::string>>(via_of(static_cast<int>(next)));
        for (const std::string& name : *names_of[index]) summary[f].imported.push_back({name, via});
      }
    }
  }
  return summary;
}

BackgroundWork JoinVia(const ImportedCall& call, BackgroundWork found) {
  std::vector<std::string> via = call.via ? *call.via : std::vector<std::string>{};
  via.push_back(CallDisplay(call.callee));
  via.insert(via.end(), found.via.begin(), found.via.end());
  ElideVia(via);
  found.via = std::move(via);
  return found;
}

std::optional<BackgroundWork> ResolveWork(const FunctionWork& function, const ExternalWork& external) {
  if (function.work || !external) return function.work;
  for (const ImportedCall& call : function.imported) {
    if (std::optional<BackgroundWork> found = external(call.callee)) return JoinVia(call, std::move(*found));
  }
  return std::nullopt;
}

std::map<std::string, FunctionWork, std::less<>> ExportBackgroundWork(const Module& module,
                                                                      std::vector<FunctionWork> work) {
  std::map<std::string, FunctionWork, std::less<>> exported;
  const std::vector<Function>& functions = module.functions();
  // checker = Checker() at module level: checker.start()
  std::multimap<std::string, std::string, std::less<>> instances;  // class -> instance names
  for (const Assignment& assignment : module.assignments()) {
    if (assignment.function != -1 || assignment.target.kind != Expr::Kind::kName) continue;
    if (assignment.value.kind != Expr::Kind::kCall || assignment.value.call < 0) continue;
    instances.emplace(module.calls()[assignment.value.call].callee, assignment.target.text);
  }
  for (size_t f = 0; f < functions.size(); ++f) {
    if ((!work[f].work && work[f].imported.empty()) || functions[f].parent != -1) continue;
    int klass = functions[f].class_index;
    if (klass < 0) {
      exported.emplace(functions[f].name, std::move(work[f]));
      continue;
    }
    const Class& owner = module.classes()[klass];
    if (owner.function != -1) continue;
    if (functions[f].name == "__init__") exported.emplace(owner.name, work[f]);
    auto [first, last] = instances.equal_range(owner.name);
    for (auto it = first; it != last; ++it) exported.emplace(it->second + "." + functions[f].name, work[f]);
    exported.emplace(owner.name + "." + functions[f].name, std::move(work[f]));
  }
  return exported;
}

}  // namespace faaslint::python
