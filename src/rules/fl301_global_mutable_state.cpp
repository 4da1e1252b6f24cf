#include <fmt/format.h>

#include <map>
#include <set>

#include "python/module.h"
#include "python/request_path.h"
#include "python/values.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

using python::Expr;

constexpr RuleInfo kInfo{
    "FL301", "global-mutable-state", Severity::kWarning,
    "module-level state is changed while serving a request",
    R"(## What it does
Finds module-level dicts, lists and sets (and names declared `global`) that are changed
while a request is served — in a route handler, a class-based view's method, a
per-request hook or middleware, a FastAPI dependency, a decorator's wrapper around a
handler, or a function of the module they call: `cache[key] = value`, `sessions.pop(token)`, `events.append(e)`,
`global counter; counter += 1`. Also finds `os.environ` changed in a request
(`os.environ["X"] = ...`, `os.environ.update(...)`, `os.putenv`). Changes made at import
time, module-level data that handlers only read, locals that shadow a global name, and
`@functools.lru_cache` are not reported.

## Why it fails on serverless
Each function instance is its own process with its own copy of every global. Requests
are spread over many instances, started and recycled as traffic comes and goes, so a
visit counter counts only the visits one instance happened to serve, a session stored in
a dict is missing on the next request, and everything is gone after a few idle minutes.
`os.environ` is process-wide: a value set for one request leaks into the next requests
served by that instance.

## Example
```python
visits = {}

@app.get("/visit/<page>")
def visit(page):
    visits[page] = visits.get(page, 0) + 1
    return str(visits[page])
```

## Instead
Keep state that must be shared or must last in an external store — Redis (Upstash,
Vercel KV), a database — and pass per-request values as arguments instead of through
`os.environ`. A cache that is only a per-instance speed-up is fine; make that explicit
with `functools.lru_cache` or a TTL cache.)"};

constexpr std::string_view kContainerTypes[] = {
    "dict", "list", "set", "collections.defaultdict", "collections.OrderedDict", "collections.Counter",
    "collections.deque", "bytearray",
};
constexpr std::string_view kMutators[] = {
    "append", "extend", "insert", "update", "setdefault", "add", "pop", "popitem", "clear", "remove",
    "discard", "appendleft", "extendleft", "popleft", "__setitem__", "__delitem__",
};
constexpr std::string_view kEnvironMutators[] = {
    "os.environ.update", "os.environ.setdefault", "os.environ.pop", "os.environ.popitem",
    "os.environ.clear",  "os.environ.__setitem__", "os.putenv", "os.unsetenv",
};

constexpr std::string_view kHelp =
    "keep shared or lasting state in an external store (Redis, a database); for a per-instance cache use "
    "functools.lru_cache";
constexpr std::string_view kEnvironHelp =
    "pass per-request values as arguments; set environment variables in the platform's project settings";

// What kind of container a module-level value is ("dict"), or "" when not one.
std::string ContainerType(const python::Module& module, const Expr& value) {
  switch (value.kind) {
    case Expr::Kind::kDict: return "dict";
    case Expr::Kind::kList: return "list";
    case Expr::Kind::kSet: return "set";
    case Expr::Kind::kCall: {
      const python::Call* call = python::CallOf(module, value);
      if (!call) return "";
      const std::string& callee = call->callee;
      if (!OneOf(callee, kContainerTypes)) return "";
      return callee.substr(callee.rfind('.') + 1);
    }
    case Expr::Kind::kOther:  // comprehensions
      if (value.text.starts_with("{")) return "dict";
      if (value.text.starts_with("[")) return "list";
      return "";
    default: return "";
  }
}

// `cache[a][b]` -> the name `cache`; null when the chain does not start at a plain name.
const Expr* RootName(const Expr& expr) {
  const Expr* current = &expr;
  while (current->kind == Expr::Kind::kSubscript && !current->items.empty()) current = &current->items[0];
  return current->kind == Expr::Kind::kName ? current : nullptr;
}

class Checker {
 public:
  Checker(const PyContext& cx, Sink& out)
      : module_(cx.module), values_(cx.module), on_path_(RequestPath(cx)), out_(out) {
    const python::Module& module = cx.module;
    for (const python::Assignment& assignment : module.assignments()) {
      if (assignment.function != -1 || assignment.guarded || assignment.target.kind != Expr::Kind::kName) continue;
      if (values_.InClassBody(assignment)) continue;
      std::string type = ContainerType(module, assignment.value);
      if (!type.empty()) containers_[std::string(assignment.target.text)] = type;
    }
    // `clients["s3"] = boto3.client("s3")`: found once, not per store (that was quadratic
    // on a module of 16,000 handlers each storing into a cache).
    for (const python::Assignment& assignment : module.assignments()) {
      if (assignment.target.kind != Expr::Kind::kSubscript) continue;
      const python::Call* value = python::CallOf(module, assignment.value);
      if (value && IsNetworkClient(value->callee)) client_stores_.insert(assignment.target.range);
    }
  }

  void Run() {
    for (const python::SubscriptAccess& access : module_.subscripts()) {
      if (!access.store || !OnPath(access.function, access.guarded)) continue;
      if (access.object.qualified == "os.environ") {
        ReportEnviron(access.range, access.function);
        continue;
      }
      if (StoresClient(access)) continue;  // clients["s3"] = boto3.client("s3"): lazy initialisation
      if (const std::string* type = Container(access.object, access.function)) {
        ReportContainer(access.range, *RootName(access.object), *type, access.function);
      }
    }
    for (const python::Call& call : module_.calls()) {
      if (!OnPath(call.function, call.guarded)) continue;
      if (OneOf(call.callee, kEnvironMutators)) {
        ReportEnviron(call.callee_range, call.function);
        continue;
      }
      if (call.method.empty() || !OneOf(call.method, kMutators)) continue;
      if (const std::string* type = Container(call.receiver, call.function)) {
        ReportContainer(call.callee_range, *RootName(call.receiver), *type, call.function);
      }
    }
    for (const python::Assignment& assignment : module_.assignments()) {
      if (!OnPath(assignment.function, assignment.guarded)) continue;
      const Expr& target = assignment.target;
      if (target.kind != Expr::Kind::kName) continue;
      const std::vector<std::string>& globals = module_.functions()[assignment.function].globals;
      if (std::find(globals.begin(), globals.end(), target.text) == globals.end()) continue;
      // `counter += 1`, `total = total + n`, `last_user = user`: per-request data. A value
      // that depends on neither the old value nor the request (`client = make_client()`,
      // `nobody = lookup("nobody")`) is lazy initialisation, done once per instance.
      if (assignment.op == "=" && !Mentions(assignment.value.text, target.text) &&
          !UsesRequestData(assignment.value.text, assignment.function)) {
        continue;
      }
      out_.Report(target.range,
                  fmt::format("global `{}` is updated while serving a request in `{}()`: every function instance "
                              "keeps its own value, which is lost when the instance is recycled",
                              target.text, FunctionName(assignment.function)),
                  std::string(kHelp));
    }
  }

 private:
  bool OnPath(int function, bool guarded) const { return function >= 0 && !guarded && on_path_[function]; }

  // The container type when `expr` (or the root of `expr[...]`) is a module-level container.
  const std::string* Container(const Expr& expr, int function) const {
    const Expr* root = RootName(expr);
    if (!root) return nullptr;
    auto it = containers_.find(root->text);
    if (it == containers_.end()) return nullptr;
    if (values_.ScopeOf(root->text, function) != -1) return nullptr;  // a local of the same name
    return &it->second;
  }

  bool StoresClient(const python::SubscriptAccess& access) const {
    return client_stores_.count(access.range) > 0;
  }

  // The value mentions a parameter of the function (or of an enclosing one) or `request`.
  bool UsesRequestData(std::string_view text, int function) const {
    if (Mentions(text, "request")) return true;
    for (int f = function; f >= 0; f = module_.functions()[f].parent) {
      for (const std::string& param : module_.functions()[f].params) {
        if (param != "self" && param != "cls" && Mentions(text, param)) return true;
      }
    }
    return false;
  }

  static bool Mentions(std::string_view text, std::string_view name) {
    // A word of its own, not an attribute (`x.name`) and not inside a string ('name').
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    auto quote = [](char c) { return c == '\'' || c == '"'; };
    if (name.empty()) return false;
    for (size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
      char before = at == 0 ? ' ' : text[at - 1];
      char after = at + name.size() == text.size() ? ' ' : text[at + name.size()];
      if (!word(before) && before != '.' && !quote(before) && !word(after) && !quote(after)) return true;
    }
    return false;
  }

  std::string FunctionName(int function) const { return module_.functions()[function].qualified_name; }

  void ReportContainer(const Range& range, const Expr& name, const std::string& type, int function) {
    out_.Report(range,
                fmt::format("module-level {} `{}` is changed while serving a request in `{}()`: every function "
                            "instance has its own copy, so other instances never see the change and it is lost "
                            "when the instance is recycled",
                            type, name.text, FunctionName(function)),
                std::string(kHelp));
  }

  void ReportEnviron(const Range& range, int function) {
    out_.Report(range,
                fmt::format("`os.environ` is changed while serving a request in `{}()`: the environment is "
                            "process-wide, so the value leaks into later requests on this instance and never "
                            "reaches the others",
                            FunctionName(function)),
                std::string(kEnvironHelp));
  }

  const python::Module& module_;
  python::Values values_;
  std::vector<bool> on_path_;
  std::map<std::string, std::string, std::less<>> containers_;
  std::set<Range> client_stores_;  // subscripts assigned a network client
  Sink& out_;
};

void Check(const PyContext& cx, Sink& out) { Checker(cx, out).Run(); }

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
