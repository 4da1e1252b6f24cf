#include "python/containers.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace faaslint::python {
namespace {

constexpr std::string_view kContainerTypes[] = {
    "dict", "list", "set", "collections.defaultdict", "collections.OrderedDict", "collections.Counter",
    "collections.deque", "bytearray",
};

// Classes defined at module level outside any other class, in source order.
std::vector<const Class*> TopLevelClasses(const Module& module) {
  std::vector<const Class*> classes;
  for (const Class& klass : module.classes()) {
    if (klass.function == -1 && (classes.empty() || !Encloses(classes.back()->range, klass.range))) {
      classes.push_back(&klass);
    }
  }
  return classes;
}

}  // namespace

std::string ContainerKind(const Module& module, const Expr& value) {
  switch (value.kind) {
    case Expr::Kind::kDict: return "dict";
    case Expr::Kind::kList: return "list";
    case Expr::Kind::kSet: return "set";
    case Expr::Kind::kCall: {
      if (value.call < 0) return "";
      const std::string& callee = module.calls()[value.call].callee;
      if (std::find(std::begin(kContainerTypes), std::end(kContainerTypes), callee) == std::end(kContainerTypes)) {
        return "";
      }
      return callee.substr(callee.rfind('.') + 1);
    }
    case Expr::Kind::kOther:  // comprehensions
      if (value.text.starts_with("{")) return "dict";
      if (value.text.starts_with("[")) return "list";
      return "";
    default: return "";
  }
}

Containers FindContainers(const Module& module) {
  Containers found;
  const std::vector<const Class*> top_level = TopLevelClasses(module);
  const std::vector<Class>& all = module.classes();
  for (const Assignment& assignment : module.assignments()) {
    if (assignment.function != -1 || assignment.guarded || assignment.target.kind != Expr::Kind::kName) continue;
    // `__all__`, `__path__`: what Python reads of the module, not state a request keeps.
    if (assignment.target.text.starts_with("__") && assignment.target.text.ends_with("__")) continue;
    std::string kind = ContainerKind(module, assignment.value);
    if (kind.empty()) continue;
    std::string name(assignment.target.text);
    Container container{std::move(kind), assignment.range.start.line,
                        std::max(assignment.range.start.line, assignment.value.range.start.line)};
    // The last top-level class starting before the assignment: its body holds it, or none does.
    auto after = std::upper_bound(top_level.begin(), top_level.end(), assignment.range.start,
                                  [](const Position& at, const Class* klass) { return at < klass->range.start; });
    const Class* klass = after == top_level.begin() ? nullptr : *std::prev(after);
    if (klass == nullptr || !Encloses(klass->range, assignment.range)) {
      found.globals[name] = std::move(container);
      continue;
    }
    // Classes are in preorder: those nested in `klass` follow it. An attribute of a
    // nested class is left out.
    bool nested = false;
    for (size_t i = klass - all.data() + 1; i < all.size() && all[i].range.start < klass->range.end && !nested; ++i) {
      nested = Encloses(all[i].range, assignment.range);
    }
    if (!nested) found.class_attributes[{klass->name, name}] = std::move(container);
  }
  return found;
}

}  // namespace faaslint::python
