// Small queries over python::Module that several rules share.
#pragma once

#include <algorithm>
#include <optional>
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

// True when `inner` lies within `outer` (ranges are [start, end)).
inline bool Encloses(const Range& outer, const Range& inner) {
  return outer.start <= inner.start && inner.end <= outer.end;
}

// The value a numeric expression always has: a literal, + - * / of such values, or a
// module-level name assigned exactly once from one (`POLL_SECONDS = 30`). nullopt when
// unknown — a rule then stays silent.
inline std::optional<double> ConstantNumber(const python::Module& module, const python::Expr& expr, int depth = 0) {
  using Kind = python::Expr::Kind;
  if (depth > 8) return std::nullopt;
  switch (expr.kind) {
    case Kind::kNumber: return expr.number;
    case Kind::kBinary: {
      if (expr.items.size() != 2) return std::nullopt;
      std::optional<double> a = ConstantNumber(module, expr.items[0], depth + 1);
      std::optional<double> b = ConstantNumber(module, expr.items[1], depth + 1);
      if (!a || !b) return std::nullopt;
      if (expr.str == "+") return *a + *b;
      if (expr.str == "-") return *a - *b;
      if (expr.str == "*") return *a * *b;
      if (expr.str == "/" && *b != 0) return *a / *b;
      return std::nullopt;
    }
    case Kind::kName: {
      const python::Assignment* only = nullptr;
      for (const python::Assignment& assignment : module.assignments()) {
        if (assignment.target.kind != Kind::kName || assignment.target.text != expr.text) continue;
        if (assignment.function != -1 || only != nullptr) return std::nullopt;  // rebound: unknown
        only = &assignment;
      }
      if (only == nullptr || only->op != "=") return std::nullopt;
      return ConstantNumber(module, only->value, depth + 1);
    }
    default: return std::nullopt;
  }
}

}  // namespace faaslint::rules
