#include "python/off_platform.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include "core/flat_multimap.h"

namespace faaslint::python {

using Kind = Expr::Kind;

class OffPlatformMarker {
 public:
  OffPlatformMarker(Module& module, const std::vector<int>& run_elsewhere)
      : m_(module), run_elsewhere_(run_elsewhere) {}

  void Mark() {
    std::vector<int8_t> state(m_.functions_.size(), kUnknown);
    // Run from another module: on, whatever their callers here.
    for (int index : run_elsewhere_) {
      if (index >= 0 && static_cast<size_t>(index) < state.size()) state[index] = kOn;
    }
    std::vector<bool> off(m_.functions_.size(), false);
    for (size_t i = 0; i < m_.functions_.size(); ++i) {
      const Function& function = m_.functions_[i];
      off[i] = function.parent >= 0 ? off[function.parent] : RunsOffPlatform(static_cast<int>(i), state);
    }
    // Each item also says when the function's callers alone keep it off (guarded_by_callers),
    // so that RemarkedCopy can take the mark away again.
    auto mark = [&](auto& items) {
      for (auto& item : items) {
        item.guarded_by_callers = !item.guarded && item.function >= 0 && off[item.function];
        item.guarded = item.guarded || item.guarded_by_callers;
      }
    };
    mark(m_.calls_);
    mark(m_.imports_);
    mark(m_.assignments_);
    mark(m_.subscripts_);
    mark(m_.loops_);
    for (size_t i = 0; i < m_.functions_.size(); ++i) {
      Function& function = m_.functions_[i];
      function.off_platform = off[i];
      function.guarded_by_callers = !function.guarded && function.parent >= 0 && off[function.parent];
      function.guarded = function.guarded || function.guarded_by_callers;
      function.off_platform_by_callers = OffPlatformByCallers(function);
    }
  }

 private:
  // Function::off_platform_by_callers: what RunsOffPlatform decides from the known callers
  // and hand-ons alone. A method also needs no unresolved call and no attribute read of its
  // name (those count as reaches there); it is asked only of a method with known callers,
  // the only kind other modules' calls can change (through those callers).
  bool OffPlatformByCallers(const Function& function) {
    const bool method = function.class_index >= 0;
    if (function.parent != -1 || function.is_handler || function.is_cold_start || !function.decorators.empty() ||
        (method && !PlainMethod(function))) {
      return false;
    }
    if (!method) return true;
    if (function.callers.empty() && function.handed_on_by.empty()) return false;
    if (!unresolved_method_calls_) IndexUnresolvedMethodCalls();
    if (!unresolved_method_calls_->Find(function.name).empty()) return false;
    if (!attributes_read_) IndexAttributesRead();
    return !std::binary_search(attributes_read_->begin(), attributes_read_->end(), function.name);
  }

  static constexpr int8_t kUnknown = 0, kVisiting = 1, kOff = 2, kOn = 3;
  static constexpr int kMaxCallerDepth = 64;

  // A module-level function or plain method (PlainMethod) whose every call and hand-on is
  // guarded or made by such a function (a cycle counts as on, and so does a chain of callers
  // deeper than the limit: generated code chains thousands of functions, and the stack is not
  // theirs to take), or a command-line command.
  bool RunsOffPlatform(int index, std::vector<int8_t>& state, int depth = 0) {
    if (state[index] == kVisiting || depth > kMaxCallerDepth) return false;
    if (state[index] != kUnknown) return state[index] == kOff;
    const Function& function = m_.functions_[index];
    const bool method = function.class_index >= 0;
    bool off = false;
    if (function.parent == -1 && (!method || PlainMethod(function)) && !function.is_handler &&
        !function.is_cold_start) {
      state[index] = kVisiting;
      // Where the function is called or handed on from, itself aside (`Timer(60, tick)`
      // inside tick): whether such a place exists, and whether each runs only off the platform.
      bool reached = false, reached_only_off = true;
      auto reach = [&](bool guarded, int from, bool known = true) {
        while (from >= 0 && m_.functions_[from].parent >= 0) from = m_.functions_[from].parent;
        if (from == index) return;
        reached = reached || known;
        reached_only_off = reached_only_off && (guarded || (from >= 0 && RunsOffPlatform(from, state, depth + 1)));
      };
      for (int caller : function.callers) reach(m_.calls_[caller].guarded, m_.calls_[caller].function);
      for (int load : function.handed_on_by) reach(m_.name_loads_[load].guarded, m_.name_loads_[load].function);
      if (method && reached && reached_only_off) {
        // `x.run()` on something the module cannot tell (a parameter, `self.bot`, a subclass's
        // instance) may be this method: it must run off the platform too, though it proves
        // nothing. `subprocess.run()` is not: its receiver is an import.
        if (!unresolved_method_calls_) IndexUnresolvedMethodCalls();
        for (int call : unresolved_method_calls_->Find(function.name)) {
          reach(m_.calls_[call].guarded, m_.calls_[call].function, /*known=*/false);
        }
        // `Thread(target=bot.run)`, `handlers = [bot.run]`: handed on, it may run anywhere.
        if (!attributes_read_) IndexAttributesRead();
        reached_only_off = reached_only_off &&
                           !std::binary_search(attributes_read_->begin(), attributes_read_->end(), function.name);
      }
      // A decorator may register the function where this module cannot see (`@app.errorhandler(500)`,
      // `@receiver(post_save)`): then being called from guarded code proves nothing.
      off = IsCommandLineCommand(function) || (function.decorators.empty() && reached && reached_only_off);
    }
    state[index] = off ? kOff : kOn;
    return off;
  }

  // A method of a module-level class with no base class and no decorator, not a dunder:
  // nothing but the module's own calls runs it. A base class may call it (Thread.start()
  // runs run(), a framework's view dispatches to its methods), a class decorator may hand the
  // class to a framework (`@ray.remote`), and Python calls dunders itself (`__call__`, `__iter__`).
  bool PlainMethod(const Function& function) const {
    const Class& klass = m_.classes_[function.class_index];
    const bool only_object = std::all_of(klass.bases.begin(), klass.bases.end(),
                                         [](const Expr& base) { return base.text == "object"; });
    const bool dunder = function.name.starts_with("__") && function.name.ends_with("__");
    return klass.function == -1 && only_object && klass.decorators.empty() && !dunder;
  }

  // The method calls no function of the module was found for (`x.run()` on a parameter),
  // by method name, but for those on a name an import binds (`subprocess.run()`): they
  // cannot be a method of this module's class.
  void IndexUnresolvedMethodCalls() {
    unresolved_method_calls_.emplace();
    for (size_t i = 0; i < m_.calls_.size(); ++i) {
      const Call& call = m_.calls_[i];
      if (call.target >= 0 || call.method.empty()) continue;
      const Expr* root = &call.receiver;
      while (root->kind == Kind::kAttribute && !root->items.empty()) root = &root->items[0];
      if (root->kind == Kind::kName && m_.aliases_.count(root->text)) continue;
      unresolved_method_calls_->Add(call.method, static_cast<int>(i));
    }
    unresolved_method_calls_->Seal();
  }

  // The names read as an attribute without a call (`.run` of `target=bot.run`), sorted, from
  // the source text in one pass: the model keeps no attribute reads. A comment or a string
  // that mentions `.run` counts as well, which keeps the method checked as it was before.
  void IndexAttributesRead() {
    attributes_read_.emplace();
    const std::string_view source = m_.source_;
    auto identifier = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    auto skip_blanks = [&](size_t at) {
      while (at < source.size() && (source[at] == ' ' || source[at] == '\t')) ++at;
      return at;
    };
    for (size_t dot = source.find('.'); dot != std::string_view::npos; dot = source.find('.', dot + 1)) {
      const size_t start = skip_blanks(dot + 1);
      size_t end = start;
      while (end < source.size() && identifier(source[end])) ++end;
      if (end == start || std::isdigit(static_cast<unsigned char>(source[start]))) continue;
      const size_t next = skip_blanks(end);
      if (next == source.size() || source[next] != '(') attributes_read_->push_back(source.substr(start, end - start));
    }
    std::sort(attributes_read_->begin(), attributes_read_->end());
  }

  // Decorated as a command of Flask's CLI (`@app.cli.command()`, `@bp.cli.command`),
  // click (`@click.command()`, `@click.group()`, `@cli.command()` on a click group of this
  // module) or Typer (`@app.command()` with `app = typer.Typer()`). Slack Bolt's
  // `@app.command("/hello")` serves requests, so a bare `.command` is not enough.
  bool IsCommandLineCommand(const Function& function, int depth = 0) const {
    if (depth > 8) return false;  // `@a.command()` on `def a()` names itself
    for (const Expr& decorator : function.decorators) {
      std::string_view name = decorator.kind == Kind::kCall ? std::string_view(m_.calls_[decorator.call].callee)
                                                            : std::string_view(decorator.qualified);
      size_t dot = name.rfind('.');
      if (dot == std::string_view::npos) continue;
      std::string_view method = name.substr(dot + 1), owner = name.substr(0, dot);
      if (method != "command" && method != "group") continue;
      if (owner == "click" || owner.ends_with(".cli") || owner == "cli") return true;
      if (int group = m_.FindFunction(owner); group >= 0 && IsCommandLineCommand(m_.functions_[group], depth + 1)) {
        return true;
      }
      if (m_.ModuleLevelConstructor(owner).starts_with("typer.")) return true;
    }
    return false;
  }

  // Built for the first plain method called only off the platform (RunsOffPlatform).
  std::optional<FlatMultimap<std::string_view, int>> unresolved_method_calls_;
  std::optional<std::vector<std::string_view>> attributes_read_;
  Module& m_;
  const std::vector<int>& run_elsewhere_;  // functions another module's platform code calls
};

void MarkOffPlatform(Module& module, const std::vector<int>& run_elsewhere) {
  OffPlatformMarker(module, run_elsewhere).Mark();
}

std::unique_ptr<const Module> RemarkedCopy(const Module& module, const std::vector<int>& run_elsewhere) {
  auto copy = std::make_unique<Module>(module);
  auto unmark = [](auto& items) {
    for (auto& item : items) {
      item.guarded = item.guarded && !item.guarded_by_callers;
      item.guarded_by_callers = false;
    }
  };
  unmark(copy->calls_);
  unmark(copy->imports_);
  unmark(copy->assignments_);
  unmark(copy->subscripts_);
  unmark(copy->loops_);
  unmark(copy->functions_);
  for (Function& function : copy->functions_) function.off_platform = function.off_platform_by_callers = false;
  MarkOffPlatform(*copy, run_elsewhere);
  return copy;
}

}  // namespace faaslint::python
