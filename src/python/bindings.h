// Lifecycle questions about the values of a module ("was this Popen waited for?",
// "is this task used again?"), answered from indexes built once per module.
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
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
  bool Within(int inner, int outer) const;
  bool SameClass(int a, int b) const;
  // (function, name as written) -> call indexes, in module order; names are views into
  // the module.
  using Index = FlatMultimap<std::pair<int, std::string_view>, int>;
  const Module& module_;
  Index assigned_;  // the name a call's result is assigned to (`p = Popen(...)`)
  Index methods_;   // the receiver a method is called on (`p.wait()`: "p", the call)
};

}  // namespace faaslint::python
