#include "python/bindings.h"

#include <algorithm>
#include <limits>
#include <span>

namespace faaslint::python {

Bindings::Bindings(const Module& module) : module_(module) {
  const std::vector<Function>& functions = module.functions();
  int count = static_cast<int>(functions.size());
  // Number the functions in preorder (children in module order), iteratively: nesting
  // can be as deep as the source allows.
  std::vector<std::vector<int>> children(count + 1);  // [count]: the module's own
  for (int f = 0; f < count; ++f) children[functions[f].parent < 0 ? count : functions[f].parent].push_back(f);
  preorder_.assign(count, 0);
  nest_end_.assign(count, 0);
  std::vector<std::pair<int, size_t>> stack{{count, 0}};  // (function, next child)
  int next = 0;
  while (!stack.empty()) {
    auto& [function, child] = stack.back();
    if (child == children[function].size()) {
      if (function < count) nest_end_[function] = next;
      stack.pop_back();
      continue;
    }
    int nested = children[function][child++];
    preorder_[nested] = next++;
    stack.push_back({nested, 0});
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
      methods_.Add({call.receiver.text, call.function < 0 ? -1 : preorder_[call.function]}, index);
      if (klass >= 0 && call.receiver.text.starts_with("self.")) methods_in_class_.Add({klass, call.receiver.text}, index);
    }
  }
  assigned_.Seal();
  assigned_in_class_.Seal();
  methods_.Seal();
  methods_in_class_.Seal();
}

std::pair<int, int> Bindings::Nest(int function) const {
  if (function < 0) return {-1, static_cast<int>(preorder_.size())};
  return {preorder_[function], nest_end_[function]};
}

void Bindings::IndexLoads() const {
  if (loads_) return;
  loads_.emplace();
  for (const NameLoad& load : module_.name_loads()) {
    loads_->Add({load.name, load.function < 0 ? -1 : preorder_[load.function]}, &load);
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
