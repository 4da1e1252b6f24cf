// Small queries over python::Module that several rules share.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "project/module_index.h"
#include "python/module.h"
#include "rules/registry.h"

namespace faaslint::rules {

template <size_t N>
bool OneOf(std::string_view value, const std::string_view (&candidates)[N]) {
  return std::find(std::begin(candidates), std::end(candidates), value) != std::end(candidates);
}

// The constructor a module-level name was assigned from (`app = Flask(__name__)` ->
// "flask.Flask"), or "" when unknown.
inline std::string_view ModuleLevelConstructor(const python::Module& module, std::string_view name) {
  std::string_view found;
  for (const python::Assignment& assignment : module.assignments()) {
    if (assignment.function != -1 || assignment.target.kind != python::Expr::Kind::kName) continue;
    if (assignment.target.text != name || assignment.value.kind != python::Expr::Kind::kCall) continue;
    found = module.calls()[assignment.value.call].callee;
  }
  return found;
}

// `function` (or a function enclosing it) serves requests: a handler by its own module's
// account (routes, do_GET, add_url_rule, same-module urlpatterns), or a Django view that
// another module's urls.py names (`path("checks/", views.check)`).
inline bool ServesRequests(const PyContext& cx, int function) {
  if (cx.module.IsInHandler(function)) return true;
  if (cx.modules == nullptr || function < 0) return false;
  while (cx.module.functions()[function].parent >= 0) function = cx.module.functions()[function].parent;
  const python::Function& top = cx.module.functions()[function];
  return top.class_index < 0 && cx.modules->IsDjangoView(cx.module.path(), top.name);
}

// `inner` lies within `outer` (a call inside a loop's body).
inline bool Encloses(const Range& outer, const Range& inner) {
  return outer.start <= inner.start && inner.end <= outer.end;
}

// A module-level function that this module calls only under a guard (`if __name__ ==
// "__main__": main()`, the seed's `if not IS_VERCEL: start_background_checker()`), or only
// from functions that are themselves called only under a guard; never handed on as a
// value (`Thread(target=f)`), never a handler or startup hook. Its body does not run on the
// platform when this module is imported. (Other modules may still call it: FL103 asks them.)
inline bool OnlyCalledUnderGuard(const python::Module& module, int function, int depth = 0) {
  if (function < 0 || depth > 8) return false;
  const python::Function& def = module.functions()[function];
  if (def.parent != -1 || def.class_index != -1 || def.is_handler || def.is_cold_start) return false;
  bool called = false;
  for (const python::Call& call : module.calls()) {
    if (call.target != function) continue;
    called = true;
    if (call.guarded || call.function == function) continue;  // recursion adds nothing
    if (!OnlyCalledUnderGuard(module, call.function, depth + 1)) return false;
  }
  if (!called) return false;
  return std::none_of(module.name_loads().begin(), module.name_loads().end(), [&](const python::NameLoad& load) {
    return load.name == def.name && load.use != python::ResultUse::kOther && load.use != python::ResultUse::kDiscarded;
  });
}

// The source text of a one-line range as written (`sbc`, `tasks.start`), or `fallback`
// when the range spans lines or its line is not ASCII (columns count code points).
inline std::string SourceText(const python::Module& module, const Range& range, std::string_view fallback) {
  std::string_view line = module.Line(range.start.line);
  bool ascii = std::all_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (range.start.line != range.end.line || !ascii || range.end.column > line.size() + 1 ||
      range.end.column <= range.start.column) {
    return std::string(fallback);
  }
  return std::string(line.substr(range.start.column - 1, range.end.column - range.start.column));
}

}  // namespace faaslint::rules
