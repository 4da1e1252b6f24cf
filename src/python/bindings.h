// Lifecycle questions about the values of a module ("was this Popen waited for?",
// "is this task used again?"), answered from indexes built once per module.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "core/flat_multimap.h"
#include "python/module.h"

namespace faaslint::python {

// Names bound to call results and the methods called on names, per function, indexed
// once so lifecycle questions ("was this Popen waited for?") cost a lookup.
class Bindings {
 public:
  explicit Bindings(const Module& module);

  // The call whose result `receiver` holds where `function` uses it, when `accept`s:
  // the receiver call itself (`Thread(...).start()`), a name assigned in the function
  // (else at module level), or `self.x` assigned in a method of the same class.
  const Call* Source(const Expr& receiver, int function, const std::function<bool(const Call&)>& accept) const;
  // One of `methods` is called on `text` ("p", "self.proc") in `function`, or in a
  // method of the same class for `self.` attributes.
  bool MethodCalled(std::string_view text, int function, std::initializer_list<std::string_view> methods) const;
  // `name` is handed on in `function` (or a function nested in it; anywhere for
  // module-level names): passed to a call, returned, assigned or awaited — not just read
  // in place (`name.attr`, `name == 0`).
  bool Escapes(std::string_view name, int function) const;
  // `name` is read at all in `function` (or nested functions; anywhere at module level).
  bool Read(std::string_view name, int function) const;

 private:
  // The functions whose uses count for `function`: it and the functions nested in it, as
  // one range of function numbers (module level: every function and the module itself).
  std::pair<int, int> Nest(int function) const;
  int ClassOf(int function) const { return function < 0 ? -1 : module_.functions()[function].class_index; }
  void IndexLoads() const;

  const Module& module_;
  // Function -> one past the last function nested in it: "in `f` or nested in it" is
  // the range [f, nest_end_[f]) of function numbers, one lookup.
  std::vector<int> nest_end_;
  // Names are views into the module; each index answers with call indexes in module order.
  // (function, name) -> the calls whose result is assigned to it (`p = Popen(...)`).
  FlatMultimap<std::pair<int, std::string_view>, int> assigned_;
  // (class, "self.x", function) -> the calls assigned to `self.x` in the class's methods.
  FlatMultimap<std::tuple<int, std::string_view, int>, int> assigned_in_class_;
  // (receiver, function) -> the method calls on it (`p.wait()`).
  FlatMultimap<std::pair<std::string_view, int>, int> methods_;
  // (class, "self.x") -> the method calls on `self.x` in the class's methods.
  FlatMultimap<std::pair<int, std::string_view>, int> methods_in_class_;
  // (name, function) -> the loads of the name. Built on the first
  // question: most modules are never asked.
  mutable std::optional<FlatMultimap<std::pair<std::string_view, int>, const NameLoad*>> loads_;
};

}  // namespace faaslint::python
