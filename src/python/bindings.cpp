#include "python/bindings.h"

#include <algorithm>
#include <limits>
#include <span>

namespace faaslint::python {

Bindings::Bindings(const Module& module) : module_(module) {
  // Functions are numbered in preorder (Module::functions): those nested in `f` are the
  // ones right after it, up to nest_end_[f].
  const std::vector<Function>& functions = module.functions();
  nest_end_.resize(functions.size());
  for (int f = static_cast<int>(functions.size()) - 1; f >= 0; --f) {
    nest_end_[f] = std::max(nest_end_[f], f + 1);
    int parent = functions[f].parent;
    if (parent >= 0) nest_end_[parent] = std::max(nest_end_[parent], nest_end_[f]);
  }

  const std::vector<Call>& calls = module.calls();
  for (size_t i = 0; i < calls.size(); ++i) {
    const Call& call = calls[i];
    int index = static_cast<int>(i);
    int klass = ClassOf(call.function);
    if ((call.use == ResultUse::kAssigned || call.use == ResultUse::kWithItem) && !call.assigned_to.empty()) {
      assigned_.Add({call.function, call.assigned_to}, index);
      if (klass >= 0 && call.assigned_to.starts_with("self.")) {
        assigned_in_class_.Add({klass, call.assigned_to, call.function}, index);
      }
    }
    if (!call.method.empty() && call.receiver.kind != Expr::Kind::kOther && call.receiver.kind != Expr::Kind::kCall) {
      methods_.Add({call.receiver.text, call.function}, index);
      if (klass >= 0 && call.receiver.text.starts_with("self.")) methods_in_class_.Add({klass, call.receiver.text}, index);
    }
  }
  assigned_.Seal();
  assigned_in_class_.Seal();
  methods_.Seal();
  methods_in_class_.Seal();
}

std::pair<int, int> Bindings::Nest(int function) const {
  if (function < 0) return {-1, static_cast<int>(nest_end_.size())};
  return {function, nest_end_[function]};
}

void Bindings::IndexLoads() const {
  if (loads_) return;
  loads_.emplace();
  for (const NameLoad& load : module_.name_loads()) {
    loads_->Add({load.name, load.function}, &load);
  }
  loads_->Seal();
}

const Call* Bindings::Source(const Expr& receiver, int function, const std::function<bool(const Call&)>& accept) const {
  const std::vector<Call>& calls = module_.calls();
  if (receiver.kind == Expr::Kind::kCall) {
    return receiver.call >= 0 && accept(calls[receiver.call]) ? &calls[receiver.call] : nullptr;
  }
  if (receiver.kind != Expr::Kind::kName && receiver.kind != Expr::Kind::kAttribute) return nullptr;
  auto first_accepted = [&](std::span<const int> candidates) -> const Call* {
    for (int index : candidates) {
      if (accept(calls[index])) return &calls[index];
    }
    return nullptr;
  };
  if (receiver.text.starts_with("self.")) {
    if (function < 0) return nullptr;
    int klass = ClassOf(function);
    if (klass < 0) return first_accepted(assigned_.Find({function, receiver.text}));
    // The class's methods in module order, each one's assignments in module order.
    return first_accepted(assigned_in_class_.FindRange({klass, receiver.text, std::numeric_limits<int>::min()},
                                                       {klass, receiver.text, std::numeric_limits<int>::max()}));
  }
  // Python scoping: the function's own binding, else an enclosing one, else the module's.
  for (int scope = function;; scope = module_.functions()[scope].parent) {
    std::span<const int> bound = assigned_.Find({scope, receiver.text});
    if (!bound.empty()) return first_accepted(bound);
    if (scope < 0) return nullptr;
  }
}

bool Bindings::MethodCalled(std::string_view text, int function, std::initializer_list<std::string_view> methods) const {
  auto any_called = [&](std::span<const int> calls) {
    return std::any_of(calls.begin(), calls.end(), [&](int index) {
      return std::find(methods.begin(), methods.end(), module_.calls()[index].method) != methods.end();
    });
  };
  auto [first, last] = Nest(function);
  if (any_called(methods_.FindRange({text, first}, {text, last}))) return true;
  int klass = ClassOf(function);
  return klass >= 0 && text.starts_with("self.") && any_called(methods_in_class_.Find({klass, text}));
}

bool Bindings::Read(std::string_view name, int function) const {
  IndexLoads();
  auto [first, last] = Nest(function);
  return !loads_->FindRange({name, first}, {name, last}).empty();
}

bool Bindings::Escapes(std::string_view name, int function) const {
  IndexLoads();
  auto [first, last] = Nest(function);
  std::span<const NameLoad* const> loads = loads_->FindRange({name, first}, {name, last});
  return std::any_of(loads.begin(), loads.end(), [](const NameLoad* load) {
    return load->use == ResultUse::kArgument || load->use == ResultUse::kReturned ||
           load->use == ResultUse::kAssigned || load->use == ResultUse::kAwaited || load->use == ResultUse::kWithItem;
  });
}

}  // namespace faaslint::python
