#include "project/entrypoint.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "project/functions.h"
#include "project/project.h"

namespace faaslint::project {
namespace {

bool IsAppName(std::string_view name) { return name == "app" || name == "application"; }
bool IsHandlerName(std::string_view name) { return name == "handler" || name == "Handler"; }

// Whether a binding at `at` is made by a statement at the top level of the file: not
// inside a module-level if/for/while/try/with/match, nor in a class body.
bool AtTopLevel(const python::Module& module, const Range& at) {
  const std::vector<Range>& blocks = module.module_level_blocks();
  if (std::any_of(blocks.begin(), blocks.end(), [&](const Range& block) { return Encloses(block, at); })) return false;
  return std::none_of(module.classes().begin(), module.classes().end(), [&](const python::Class& cls) {
    return cls.function == -1 && cls.range != at && Encloses(cls.range, at);
  });
}

// Application classes of the WSGI/ASGI frameworks Vercel documents for Python.
constexpr std::string_view kAppClasses[] = {"flask.Flask", "fastapi.FastAPI", "starlette.applications.Starlette",
                                            "quart.Quart", "sanic.Sanic", "litestar.Litestar",
                                            "django.core.wsgi.get_wsgi_application",
                                            "django.core.asgi.get_asgi_application"};

bool IsAppClass(std::string_view callee) {
  return std::find(std::begin(kAppClasses), std::end(kAppClasses), callee) != std::end(kAppClasses);
}

// Mangum, the AWS Lambda adapter for ASGI apps: `Mangum(app)` is an instance ("Creates an
// adapter instance", Kludex/mangum mangum/adapter.py).
bool IsMangum(std::string_view callee) { return callee == "mangum.Mangum" || callee == "mangum.adapter.Mangum"; }

// What an assigned value is when it certainly is no class: empty when it may be one
// (`make_handler()` may return a class).
std::string_view NonClassValue(const python::Module& module, const python::Expr& value) {
  switch (value.kind) {
    case python::Expr::Kind::kLambda: return "a lambda";
    case python::Expr::Kind::kName: return IsAppName(value.text) ? "the application itself" : "";
    case python::Expr::Kind::kCall: {
      if (value.call < 0) return "";
      const std::string& callee = module.calls()[value.call].callee;
      if (IsMangum(callee)) return "a Mangum adapter (AWS Lambda's)";
      return IsAppClass(callee) ? "an application instance" : "";
    }
    default: return "";
  }
}

// Python's builtins (dir(builtins) of CPython 3.12, without the dunders): a base class
// named by one is bound without an import (`class handler(Exception):`).
constexpr std::string_view kBuiltins[] = {
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup",
    "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError",
    "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
    "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning", "EnvironmentError", "Exception",
    "ExceptionGroup", "False", "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning",
    "GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError", "IndexError",
    "InterruptedError", "IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError",
    "ModuleNotFoundError", "NameError", "None", "NotADirectoryError", "NotImplemented", "NotImplementedError",
    "OSError", "OverflowError", "PendingDeprecationWarning", "PermissionError", "ProcessLookupError",
    "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError", "RuntimeWarning",
    "StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit",
    "TabError", "TimeoutError", "True", "TypeError", "UnboundLocalError", "UnicodeDecodeError",
    "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError", "UnicodeWarning", "UserWarning",
    "ValueError", "Warning", "ZeroDivisionError", "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool",
    "breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex", "copyright",
    "credits", "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter", "float",
    "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int",
    "isinstance", "issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview", "min",
    "next", "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed",
    "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type",
    "vars", "zip"};

bool NameIn(const python::Expr& target, std::string_view name) {
  if (target.kind == python::Expr::Kind::kName) return target.text == name;
  if (target.kind != python::Expr::Kind::kTuple && target.kind != python::Expr::Kind::kList) return false;
  return std::any_of(target.items.begin(), target.items.end(), [&](const python::Expr& item) { return NameIn(item, name); });
}

// Whether the module may bind `name` where a module-level class statement sees it, or it
// is a builtin. Generous, since a miss is a false report: an import or a star import
// anywhere (in `try:`, in a function), any module-level assignment, def, class or `for`
// target, a function's `global` of it, or `globals()` / `exec` in use; anything in a
// module the parser summarised only in part.
bool ModuleMayBind(const python::Module& module, std::string_view name) {
  if (module.truncated() || module.parse_abandoned()) return true;  // its tables are incomplete
  if (std::find(std::begin(kBuiltins), std::end(kBuiltins), name) != std::end(kBuiltins)) return true;
  for (const python::Import& import : module.imports()) {
    if (import.wildcard || import.bound == name) return true;
  }
  for (const python::Assignment& assignment : module.assignments()) {
    if (assignment.function == -1 && NameIn(assignment.target, name)) return true;
  }
  for (const python::Loop& loop : module.loops()) {
    if (loop.function == -1 && NameIn(loop.target, name)) return true;
  }
  for (const python::Function& function : module.functions()) {
    if (function.parent == -1 && function.class_index == -1 && function.name == name) return true;
    if (std::find(function.globals.begin(), function.globals.end(), name) != function.globals.end()) return true;
  }
  for (const python::Class& cls : module.classes()) {
    if (cls.function == -1 && cls.name == name) return true;
  }
  return std::any_of(module.calls().begin(), module.calls().end(), [](const python::Call& call) {
    return call.callee == "exec" || call.callee.starts_with("globals()");
  });
}

// Why a module-level class named handler/Handler is no BaseHTTPRequestHandler subclass,
// when it certainly is not: no base, only `object`, or a bare base name the module never
// binds (NameError). A base imported from another module, an attribute
// (`http.server.BaseHTTPRequestHandler`) or a local class is taken on trust.
struct HandlerBaseProblem {
  EntrypointNearMiss::Kind kind;
  std::string_view base;
  Range range;
};
std::optional<HandlerBaseProblem> FindHandlerBaseProblem(const python::Module& module, const python::Class& cls) {
  using Kind = EntrypointNearMiss::Kind;
  if (cls.bases.empty()) return HandlerBaseProblem{Kind::kHandlerWithoutBase, {}, cls.range};
  if (std::all_of(cls.bases.begin(), cls.bases.end(), [](const python::Expr& base) {
        return base.kind == python::Expr::Kind::kName && base.text == "object";
      })) {
    return HandlerBaseProblem{Kind::kHandlerWithoutBase, "object", cls.range};
  }
  for (const python::Expr& base : cls.bases) {
    if (base.kind == python::Expr::Kind::kName && !ModuleMayBind(module, base.text)) {
      return HandlerBaseProblem{Kind::kHandlerBaseUndefined, base.text, base.range};
    }
  }
  return std::nullopt;
}

// A module-scope binding of one of the names the builder looks for.
struct Binding {
  std::string_view name;
  Range range;
  bool top_level = false;  // made by a statement at the top level of the file
  bool taken = false;      // the builder finds it
  EntrypointNearMiss::Kind why_not = EntrypointNearMiss::Kind::kNotAtTopLevel;
  std::string_view not_a_class = {};  // what it is when it certainly is no class ("a function")
  std::string statement = {};         // how it is bound, for the help: "handler = Mangum(app)"
  bool defined = false;               // by a def or class statement
  bool aws_lambda = false;            // `def handler(event, context)`: AWS Lambda's handler
  std::string_view base = {};         // a handler class's: EntrypointNearMiss::base
  std::optional<Range> report_at = {};  // where to point when not `range`
};

// Every binding of app/application/handler/Handler in module scope, and whether the
// builder takes it (entrypoint.h has its rules).
std::vector<Binding> EntryBindings(const python::Module& module) {
  using Kind = EntrypointNearMiss::Kind;
  std::vector<Binding> bindings;
  // `form`: why the statement's form does not count for that name, if it does not.
  auto add = [&](std::string_view name, const Range& range, std::optional<Kind> app_form,
                 std::optional<Kind> handler_form) -> Binding* {
    if (!IsAppName(name) && !IsHandlerName(name)) return nullptr;
    const std::optional<Kind> form = IsAppName(name) ? app_form : handler_form;
    Binding binding{name, range};
    binding.top_level = AtTopLevel(module, range);
    binding.taken = !form && binding.top_level;
    if (form) binding.why_not = *form;
    bindings.push_back(binding);
    return &bindings.back();
  };
  for (const python::Assignment& assignment : module.assignments()) {
    if (assignment.function != -1 || assignment.op != "=") continue;
    const python::Expr& target = assignment.target;
    if (target.kind == python::Expr::Kind::kName) {
      if (Binding* binding = add(target.text, assignment.range, std::nullopt, Kind::kHandlerNotAClass)) {
        binding->not_a_class = NonClassValue(module, assignment.value);
        binding->statement = fmt::format("{} = {}", target.text, assignment.value.text);
      }
    } else if (target.kind == python::Expr::Kind::kTuple || target.kind == python::Expr::Kind::kList) {
      for (const python::Expr& item : target.items) {
        if (item.kind == python::Expr::Kind::kName) add(item.text, assignment.range, Kind::kOtherForm, Kind::kOtherForm);
      }
    }
  }
  for (const python::Import& import : module.imports()) {
    if (import.function != -1) continue;
    // `from main import app` binds it; `import server as app` binds a module.
    add(import.bound, import.range, import.name.empty() ? std::optional(Kind::kOtherForm) : std::nullopt,
        Kind::kHandlerNotAClass);
  }
  for (const python::Function& function : module.functions()) {
    if (function.parent != -1 || function.class_index != -1) continue;
    if (Binding* binding = add(function.name, function.range, std::nullopt, Kind::kHandlerNotAClass)) {
      binding->defined = true;
      binding->not_a_class = "a function";
      binding->statement = fmt::format("def {}(...)", function.name);
      binding->aws_lambda = !function.params.empty() && function.params[0] == "event";
    }
  }
  for (const python::Class& cls : module.classes()) {
    if (cls.function != -1) continue;
    std::optional<HandlerBaseProblem> problem;
    if (IsHandlerName(cls.name)) problem = FindHandlerBaseProblem(module, cls);
    if (Binding* binding = add(cls.name, cls.range, Kind::kOtherForm,
                               problem ? std::optional(problem->kind) : std::nullopt)) {
      binding->defined = true;
      if (problem) {
        binding->base = problem->base;
        if (problem->range != cls.range) binding->report_at = problem->range;
      }
    }
  }
  std::sort(bindings.begin(), bindings.end(), [](const Binding& a, const Binding& b) { return a.range < b.range; });
  return bindings;
}

}  // namespace

bool HasEntrypoint(const python::Module& module) {
  const std::vector<Binding> bindings = EntryBindings(module);
  return std::any_of(bindings.begin(), bindings.end(), [](const Binding& binding) { return binding.taken; });
}

std::optional<EntrypointNearMiss> FindEntrypointNearMiss(const python::Module& module) {
  for (const Binding& binding : EntryBindings(module)) {
    if (!binding.taken) {
      return EntrypointNearMiss{binding.why_not, std::string(binding.name), binding.report_at.value_or(binding.range),
                                std::string(binding.base)};
    }
  }
  for (const python::Import& import : module.imports()) {
    if (import.function == -1 && import.wildcard) {
      return EntrypointNearMiss{EntrypointNearMiss::Kind::kStarImport, import.module, import.range};
    }
  }
  return std::nullopt;
}

std::optional<NonClassHandler> FindNonClassHandler(const python::Module& module) {
  const std::vector<Binding> bindings = EntryBindings(module);
  // The runtime reads the module's names after running it: `handler` when it has one,
  // else `Handler`; the last binding is the value it finds.
  for (std::string_view name : {"handler", "Handler"}) {
    auto last = std::find_if(bindings.rbegin(), bindings.rend(), [&](const Binding& b) { return b.name == name; });
    if (last == bindings.rend()) continue;
    if (!last->top_level || last->not_a_class.empty()) return std::nullopt;
    return NonClassHandler{std::string(name), last->range, std::string(last->not_a_class), last->statement};
  }
  return std::nullopt;
}

bool NamesVercelHandler(const python::Module& module) {
  const std::vector<Binding> bindings = EntryBindings(module);
  return std::any_of(bindings.begin(), bindings.end(), [&](const Binding& binding) {
    return IsHandlerName(binding.name) && binding.top_level && binding.defined && !binding.aws_lambda;
  });
}

std::optional<MisnamedApp> FindMisnamedApp(const python::Module& module) {
  for (const python::Assignment& assignment : module.assignments()) {
    if (assignment.function != -1 || assignment.guarded) continue;
    if (assignment.target.kind != python::Expr::Kind::kName) continue;
    if (assignment.value.kind != python::Expr::Kind::kCall || assignment.value.call < 0) continue;
    const python::Call& call = module.calls()[assignment.value.call];
    if (!IsAppClass(call.callee)) continue;
    return MisnamedApp{std::string(assignment.target.text), assignment.target.range};
  }
  return std::nullopt;
}

std::set<std::string> ImportedByOtherEntries(const Project& project, const std::vector<std::string>& entries) {
  std::set<std::string> imported;
  for (const std::string& entry : entries) {
    const python::Module* module = project.PythonModule(entry);
    if (!module) continue;
    for (const python::Import& import : module->imports()) {
      std::optional<std::string> file = ResolveLocalImport(project.snapshot(), entry, import);
      if (file && *file != entry) imported.insert(std::move(*file));
    }
  }
  return imported;
}

}  // namespace faaslint::project
