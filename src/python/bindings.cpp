#include "python/bindings.h"

#include <algorithm>

namespace faaslint::python {

Bindings::Bindings(const Module& module) : module_(module) {
  const std::vector<Call>& calls = module.calls();
  for (size_t i = 0; i < calls.size(); ++i) {
    const Call& call = calls[i];
    int index = static_cast<int>(i);
    if ((call.use == ResultUse::kAssigned || call.use == ResultUse::kWithItem) && !call.assigned_to.empty()) {
      assigned_.Add({call.function, call.assigned_to}, index);
    }
    if (!call.method.empty() && call.receiver.kind != Expr::Kind::kOther && call.receiver.kind != Expr::Kind::kCall) {
      methods_.Add({call.function, call.receiver.text}, index);
    }
  }
  assigned_.Seal();
  methods_.Seal();
}

bool Bindings::SameClass(int a, int b) const {
  if (a < 0 || b < 0) return false;
  int klass = module_.functions()[a].class_index;
  return klass >= 0 && klass == module_.functions()[b].class_index;
}

bool Bindings::Within(int inner, int outer) const {
  if (outer < 0) return true;
  for (; inner >= 0; inner = module_.functions()[inner].parent) {
    if (inner == outer) return true;
  }
  return false;
}

const Call* Bindings::Source(const Expr& receiver, int function, const std::function<bool(const Call&)>& accept) const {
  const std::vector<Call>& calls = module_.calls();
  if (receiver.kind == Expr::Kind::kCall) {
    return receiver.call >= 0 && accept(calls[receiver.call]) ? &calls[receiver.call] : nullptr;
  }
  if (receiver.kind != Expr::Kind::kName && receiver.kind != Expr::Kind::kAttribute) return nullptr;
  auto find = [&](int scope) -> const Call* {
    for (int index : assigned_.Find({scope, receiver.text})) {
      if (accept(calls[index])) return &calls[index];
    }
    return nullptr;
  };
  if (receiver.text.starts_with("self.")) {
    for (size_t f = 0; f < module_.functions().size(); ++f) {
      int other = static_cast<int>(f);
      if (other != function && !SameClass(other, function)) continue;
      if (const Call* found = find(other)) return found;
    }
    return nullptr;
  }
  // Python scoping: the function's own binding, else an enclosing one, else the module's.
  for (int scope = function;; scope = module_.functions()[scope].parent) {
    if (!assigned_.Find({scope, receiver.text}).empty()) return find(scope);
    if (scope < 0) return nullptr;
  }
}

bool Bindings::MethodCalled(std::string_view text, int function, std::initializer_list<std::string_view> methods) const {
  auto called_in = [&](int scope) {
    std::span<const int> calls = methods_.Find({scope, text});
    return std::any_of(calls.begin(), calls.end(), [&](int index) {
      return std::find(methods.begin(), methods.end(), module_.calls()[index].method) != methods.end();
    });
  };
  if (called_in(function)) return true;
  for (size_t f = 0; f < module_.functions().size(); ++f) {
    int other = static_cast<int>(f);
    if (other == function) continue;
    bool related = Within(other, function) || (text.starts_with("self.") && SameClass(other, function));
    if (related && called_in(other)) return true;
  }
  return false;
}

bool Bindings::Read(std::string_view name, int function) const {
  return std::any_of(module_.name_loads().begin(), module_.name_loads().end(), [&](const NameLoad& load) {
    return load.name == name && (function < 0 || Within(load.function, function));
  });
}

bool Bindings::Escapes(std::string_view name, int function) const {
  return std::any_of(module_.name_loads().begin(), module_.name_loads().end(), [&](const NameLoad& load) {
    if (load.name != name || (function >= 0 && !Within(load.function, function))) return false;
    return load.use == ResultUse::kArgument || load.use == ResultUse::kReturned ||
           load.use == ResultUse::kAssigned || load.use == ResultUse::kAwaited || load.use == ResultUse::kWithItem;
  });
}

}  // namespace faaslint::python
