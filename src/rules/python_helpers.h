// Small queries over python::Module that several rules share.
#pragma once

#include <algorithm>
#include <string_view>

#include "python/module.h"

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

}  // namespace faaslint::rules
