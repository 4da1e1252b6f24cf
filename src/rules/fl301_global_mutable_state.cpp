#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "project/module_index.h"
#include "python/bindings.h"
#include "python/containers.h"
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
Finds module-level dicts, lists and sets (also those of another module of the project,
imported: `from state import CACHE`; class attributes: `Cache.store`, `cls.store`, also of a
class imported from another module; and
names declared `global`, or set through their module: `stats.count += 1`) that are changed while a request is served — in a route
handler, a class-based view's method, a bare WSGI `app(environ, start_response)`, a
bot's listener run by its webhook (pyTelegramBotAPI's `@bot.message_handler`, aiogram's
`@router.message()`, Pyrogram's `@app.on_message()`, Slack Bolt's `@app.event(...)`), a
per-request hook or middleware, a FastAPI dependency, a decorator's wrapper around a
handler, or a function of the module they call: `cache[key] = value`, `sessions.pop(token)`, `events.append(e)`,
`global counter; counter += 1`. Also finds `os.environ` changed in a request
(`os.environ["X"] = ...`, `os.environ.update(...)`, `os.putenv`, also through a name bound
to it: `env = os.environ`), unless a `finally`
clause of the same function sets or removes the same variable again (`try: os.environ["TZ"]
= tz ... finally: os.environ.pop("TZ")`, or the change made in the statements before
`try:` that lead to it without a return, break or continue: the next request does not see
it; the clause's own undoing is not reported either), and
`unittest.mock.patch.dict(os.environ, ...)`, which undoes itself, is not a change. Changes made at import
time, module-level data that handlers only read, a module's dunders (`__all__`), locals
that shadow a global name, and
`@functools.lru_cache` are not reported; nor is a read-through cache filled where the
function has just found the key missing (`if name not in models: models[name] =
load(name)`, or after `if key in cache: return cache[key]`, or after `hit = cache.get(key)`
and an `if hit ...: return` that uses it, as a cache with its own expiry does); nor a set or list that only keeps asyncio
tasks alive until they finish (the `background_tasks.add(task)` recipe of the asyncio
documentation: whether such a task may outlive the response is FL105's question).

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
with `functools.lru_cache` or a TTL cache.)",
    /*options=*/{}, FindingsIn::kPythonFile, /*reads_declared_packages=*/false,
    /*reads_imported_containers=*/true};

constexpr std::string_view kMutators[] = {
    "append", "extend", "insert", "update", "setdefault", "add", "pop", "popitem", "clear", "remove",
    "discard", "appendleft", "extendleft", "popleft", "__setitem__", "__delitem__",
};
// The methods of kEnvironMutators, called through a name for `os.environ`.
constexpr std::string_view kEnvironMethods[] = {"update", "setdefault", "pop", "popitem", "clear", "__setitem__"};
constexpr std::string_view kEnvironMutators[] = {
    "os.environ.update", "os.environ.setdefault", "os.environ.pop", "os.environ.popitem",
    "os.environ.clear",  "os.environ.__setitem__", "os.putenv", "os.unsetenv",
};

constexpr std::string_view kHelp =
    "keep shared or lasting state in an external store (Redis, a database); for a per-instance cache use "
    "functools.lru_cache or cachetools.TTLCache";
constexpr std::string_view kEnvironHelp =
    "pass per-request values as arguments; set environment variables in the platform's project settings";

// `cache[a][b]` -> `cache`, `Cache.store[a]` -> `Cache.store`: what a subscript chain starts at.
const Expr& Root(const Expr& expr) {
  const Expr* current = &expr;
  while (current->kind == Expr::Kind::kSubscript && !current->items.empty()) current = &current->items[0];
  return *current;
}

// `shared.state.RECENT` -> `shared`: the expression an attribute chain starts at.
const Expr& Leftmost(const Expr& expr) {
  const Expr* current = &expr;
  while (current->kind == Expr::Kind::kAttribute && !current->items.empty()) current = &current->items[0];
  return *current;
}

// A task or future the event loop runs: `asyncio.create_task(...)`, `loop.create_task(...)`.
bool StartsTask(const python::Call& call) {
  return call.callee == "asyncio.create_task" || call.callee == "asyncio.ensure_future" ||
         (call.receiver.kind != Expr::Kind::kOther && call.method == "create_task");
}

class Checker {
 public:
  Checker(const PyContext& cx, Sink& out)
      : module_(cx.module),
        modules_(cx.modules),
        values_(cx.module),
        containers_(python::FindContainers(cx.module)),
        on_path_(RequestPath(cx)),
        out_(out) {
    const python::Module& module = cx.module;
    // `clients["s3"] = boto3.client("s3")`: found once, not per store (that was quadratic
    // on a module of 16,000 handlers each storing into a cache).
    for (const python::Assignment& assignment : module.assignments()) {
      if (assignment.target.kind == Expr::Kind::kName && assignment.function >= 0) {
        const python::Call* get = python::CallOf(module, assignment.value);
        if (get && get->method == "get") cache_lookups_.Add({assignment.function, get->receiver.text}, &assignment);
      }
      if (assignment.target.kind != Expr::Kind::kSubscript) continue;
      const python::Call* value = python::CallOf(module, assignment.value);
      if (value && IsNetworkClient(value->callee)) client_stores_.insert(assignment.target.range);
      if (assignment.op == "=") plain_stores_.insert(assignment.target.range);
    }
    cache_lookups_.Seal();
    for (const python::IfTest& test : module.if_tests()) {
      if (test.function < 0) continue;
      if (std::string_view tested = TestedContainer(test.condition); !tested.empty()) {
        cache_tests_.Add({test.function, tested}, &test);
      }
      tests_by_function_.Add(test.function, &test);
    }
    cache_tests_.Seal();
    tests_by_function_.Seal();
  }

  void Run() {
    for (const python::SubscriptAccess& access : module_.subscripts()) {
      if (!access.store || !OnPath(access.function, access.guarded)) continue;
      if (IsEnvironment(access.object, access.function)) {
        environ_changes_.push_back({access.range, access.function, {KeyText(access.key)}});
        continue;
      }
      if (StoresClient(access)) continue;  // clients["s3"] = boto3.client("s3"): lazy initialisation
      if (plain_stores_.count(access.range) && FillsCache(Root(access.object).text, access.range, access.function)) {
        continue;
      }
      if (Held held = Container(access.object, access.function)) {
        ReportContainer(access.range, Root(access.object), held, access.function);
      }
    }
    for (const python::Call& call : module_.calls()) {
      if (!OnPath(call.function, call.guarded)) continue;
      if (OneOf(call.callee, kEnvironMutators) ||
          (OneOf(call.method, kEnvironMethods) && IsEnvironment(call.receiver, call.function))) {
        environ_changes_.push_back({call.callee_range, call.function, ChangedVariables(call)});
        continue;
      }
      if (call.method.empty() || !OneOf(call.method, kMutators)) continue;
      if (call.method == "update" && FillsCache(Root(call.receiver).text, call.range, call.function)) continue;
      if (Held held = Container(call.receiver, call.function); held && !KeepsTask(call)) {
        ReportContainer(call.callee_range, Root(call.receiver), held, call.function);
      }
    }
    for (const python::Assignment& assignment : module_.assignments()) {
      if (!OnPath(assignment.function, assignment.guarded)) continue;
      const Expr& target = assignment.target;
      const bool module_attribute = ModuleAttribute(target, assignment.function);  // `stats.count += 1`
      if (target.kind != Expr::Kind::kName && !module_attribute) continue;
      const std::vector<std::string>& globals = module_.functions()[assignment.function].globals;
      if (!module_attribute && std::find(globals.begin(), globals.end(), target.text) == globals.end()) continue;
      // `counter += 1`, `total = total + n`, `last_user = user`: per-request data. A value
      // that depends on neither the old value nor the request (`client = make_client()`,
      // `nobody = lookup("nobody")`) is lazy initialisation, done once per instance.
      std::vector<const Expr*> read_through;
      if (assignment.op == "=" && !Mentions(assignment.value.text, target.text) &&
          !UsesRequestData(assignment.value, assignment.function, &read_through)) {
        continue;
      }
      // The finding depends on the locals the value read request data through: a diff run
      // that changes `skills = request.args["s"]` reports `store.SKILLS = skills` again.
      std::vector<Dependency> depends_on;
      for (const Expr* local : read_through) depends_on.push_back(Dependency::LinesOf(module_.path(), local->range));
      out_.Report(Location{module_.path(), target.range},
                  fmt::format("{} `{}` is updated while serving a request in `{}()`: every function instance "
                              "keeps its own value, which is lost when the instance is recycled",
                              module_attribute ? "module attribute" : "global", target.text,
                              FunctionName(assignment.function)),
                  std::string(kHelp), {}, std::move(depends_on));
    }
    for (const EnvironChange& change : environ_changes_) {
      if (!Restored(change)) ReportEnviron(change.range, change.function);
    }
  }

 private:
  // `os.environ`, or a name bound to nothing else where `function` uses it: `env =
  // os.environ` at module level or in the function (QA round 3: a handler set a variable
  // through such a name).
  bool IsEnvironment(const Expr& object, int function) const {
    if (object.qualified == "os.environ") return true;
    if (object.kind != Expr::Kind::kName) return false;
    std::span<const Expr* const> bound = values_.Bindings(object.text, function);
    return !bound.empty() && std::all_of(bound.begin(), bound.end(), [](const Expr* value) {
      return value != nullptr && value->qualified == "os.environ";
    });
  }

  // A change of `os.environ` and the variables it sets or removes; none for one that may
  // change any (`os.environ.update(other)`, `os.environ.clear()`).
  struct EnvironChange {
    Range range;
    int function = -1;
    std::vector<std::string> variables;
  };

  // `"TZ"` -> TZ; another key (`name`) by its text.
  static std::string KeyText(const Expr& key) {
    return std::string(key.IsString() && !key.is_fstring ? std::string_view(key.str) : key.text);
  }

  static std::vector<std::string> ChangedVariables(const python::Call& call) {
    std::vector<std::string> variables;
    if (call.method == "update") {  // update({"TZ": tz}), update(TZ=tz)
      for (const python::Argument& arg : call.args) {
        if (arg.star || arg.double_star) return {};
        if (!arg.name.empty()) {
          variables.push_back(arg.name);
        } else if (arg.value.kind == Expr::Kind::kDict) {
          const std::vector<Expr>& items = arg.value.items;  // key, value, ...; `**other` is one item
          for (size_t i = 0; i < items.size(); i += 2) {
            if (i + 1 == items.size() || items[i].text.starts_with("**")) return {};
            variables.push_back(KeyText(items[i]));
          }
        } else {
          return {};
        }
      }
    } else if (const python::Argument* key = call.Positional(0); key && call.method != "clear") {
      variables.push_back(KeyText(key->value));  // pop("TZ"), putenv("TZ", tz), setdefault("TZ", ...)
    }
    return variables;
  }

  // Undone in a finally clause of the same function, so the next request does not see it:
  // made before the clause (in its try block, an except or else clause, or in the
  // statements right before the try: `os.environ["TZ"] = tz`, then `try:`) and set or removed
  // again by the clause, every variable of it (or the whole environment: `os.environ.clear();
  // os.environ.update(saved)`); or the clause's own undoing of such a change.
  bool Restored(const EnvironChange& change) const {
    for (const python::FinallyClause& clause : module_.finally_clauses()) {
      if (clause.function != change.function) continue;
      // The statements that lead to the clause: those before the try (setup) and the try
      // statement up to the clause (covers), one stretch of the function.
      const Range before_clause{clause.setup.start, clause.covers.end};
      if (Encloses(before_clause, change.range)) {
        const std::vector<const EnvironChange*> undoing = ChangesIn(clause.body, change.function);
        auto undone = [&](const std::string* variable) {  // null: the whole environment
          return std::any_of(undoing.begin(), undoing.end(), [&](const EnvironChange* restore) {
            return restore->variables.empty() || (variable && Has(restore->variables, *variable));
          });
        };
        if (change.variables.empty() ? undone(nullptr)
                                     : std::all_of(change.variables.begin(), change.variables.end(),
                                                   [&](const std::string& variable) { return undone(&variable); })) {
          return true;
        }
      }
      if (Encloses(clause.body, change.range)) {
        for (const EnvironChange* made : ChangesIn(before_clause, change.function)) {
          if (change.variables.empty() ||
              std::any_of(made->variables.begin(), made->variables.end(),
                          [&](const std::string& variable) { return Has(change.variables, variable); })) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static bool Has(const std::vector<std::string>& variables, const std::string& variable) {
    return std::find(variables.begin(), variables.end(), variable) != variables.end();
  }

  std::vector<const EnvironChange*> ChangesIn(const Range& range, int function) const {
    std::vector<const EnvironChange*> found;
    for (const EnvironChange& change : environ_changes_) {
      if (change.function == function && Encloses(range, change.range)) found.push_back(&change);
    }
    return found;
  }

  bool OnPath(int function, bool guarded) const { return function >= 0 && !guarded && on_path_[function]; }

  // A container that outlives the request, and where it is kept.
  struct Held {
    const python::Container* container = nullptr;
    std::string_view where;  // "module-level", "class-level"
    std::string_view path;   // the file that defines it
    explicit operator bool() const { return container != nullptr; }
  };
  Held Local(const python::Container* container, std::string_view where) const {
    return {container, where, module_.path()};
  }

  // What `expr` (or the root of `expr[...]`) is when it is a module-level container (of
  // this module or, imported, of another module of the project) or a container attribute
  // of a module-level class (`Cache.store`, or `cls.store` in one of its methods).
  Held Container(const Expr& expr, int function) {
    const Expr& root = Root(expr);
    if (root.kind == Expr::Kind::kName) {
      if (values_.ScopeOf(root.text, function) != -1) return {};  // a local of the same name
      auto it = containers_.globals.find(root.text);
      if (it != containers_.globals.end()) return Local(&it->second, "module-level");
      return Imported(root.qualified);
    }
    if (root.kind != Expr::Kind::kAttribute) return {};
    const Expr* leftmost = &Leftmost(root);
    if (leftmost->kind != Expr::Kind::kName) return {};
    if (leftmost->text == "cls" && leftmost == &root.items[0]) {
      int klass = module_.functions()[function].class_index;
      if (klass < 0) return {};
      auto it = containers_.class_attributes.find(std::pair<std::string, std::string>(module_.classes()[klass].name, root.str));
      return Local(it != containers_.class_attributes.end() ? &it->second : nullptr, "class-level");
    }
    if (values_.ScopeOf(leftmost->text, function) != -1) return {};  // a local of the class's (or module's) name
    if (leftmost == &root.items[0]) {
      auto it = containers_.class_attributes.find(std::pair<std::string, std::string>(leftmost->text, root.str));
      if (it != containers_.class_attributes.end()) return Local(&it->second, "class-level");
    }
    return Imported(root.qualified);  // `import state` ... `state.CACHE[k] = v`
  }

  // `stats.count`, where `stats` is a module of the project this one imports: a global of
  // that module.
  bool ModuleAttribute(const Expr& target, int function) const {
    if (modules_ == nullptr || target.kind != Expr::Kind::kAttribute) return false;
    const Expr& leftmost = Leftmost(target);
    if (leftmost.kind != Expr::Kind::kName || values_.ScopeOf(leftmost.text, function) != -1) return false;
    return modules_->IsModuleGlobal(module_.path(), target.qualified);
  }

  // A module-level container of another module of the project, by the name an import
  // gives it here ("state.CACHE", ".state.CACHE"); asked once per name.
  Held Imported(const std::string& qualified) {
    if (modules_ == nullptr || qualified.find('.') == std::string::npos) return {};
    auto [it, added] = imported_.try_emplace(qualified);
    if (added) it->second = modules_->ContainerOf(module_.path(), qualified);
    if (!it->second) return {};
    return {&it->second->container, it->second->class_attribute ? "imported class-level" : "imported module-level",
            it->second->path};
  }

  // `background_tasks.add(task)` where the task comes from `asyncio.create_task(...)`.
  bool KeepsTask(const python::Call& call) {
    const python::Argument* kept = call.Positional(0);
    if (kept == nullptr || call.args.size() != 1) return false;
    if (kept->value.kind == Expr::Kind::kCall) return StartsTask(module_.calls()[kept->value.call]);
    if (kept->value.kind != Expr::Kind::kName) return false;
    if (!bindings_) bindings_.emplace(module_);  // built for the few modules that ask
    return bindings_->Source(kept->value, call.function, StartsTask) != nullptr;
  }

  // A read-through cache, filled where the function has just found what it needs missing:
  // `if name not in models: models[name] = load(name)`, `if models.get(name) is None:`,
  // `if key in cache: return cache[key]` before `cache[key] = value`, and `if not config:
  // config.update(load())`. A per-instance speed-up, like lru_cache; not state that other
  // requests need to see. (A counter's `+=` and a set's `.add` stay state.)
  bool FillsCache(std::string_view container, const Range& at, int function) const {
    for (const python::IfTest* test : cache_tests_.Find({function, container})) {
      const Expr& condition = test->condition;
      const bool inside = Encloses(test->body, at);
      if (condition.kind == Expr::Kind::kNot && condition.items.size() == 1) {
        if (inside && condition.items[0].text == container) return true;  // if not config:
        continue;
      }
      if (condition.kind != Expr::Kind::kComparison || condition.items.size() != 2) continue;
      const Expr& left = condition.items[0];
      const Expr& right = condition.items[1];
      if (condition.str == "not in" && inside && right.text == container) return true;
      if (condition.str == "in" && test->body.end <= at.start && right.text == container && Returns(test->body)) {
        return true;
      }
      const python::Call* get = left.kind == Expr::Kind::kCall ? python::CallOf(module_, left) : nullptr;
      if (condition.str == "is" && right.kind == Expr::Kind::kNone && inside && get && get->method == "get" &&
          get->receiver.text == container) {
        return true;  // if cache.get(key) is None:
      }
    }
    return FillsCacheAfterLookup(container, at, function);
  }

  // `hit = cache.get(key)`, then `if hit and hit[0] > now: return hit[1]`, before `cache[key]
  // = (now + 300, value)`: the same read-through cache, with an expiry of its own (QA round 5:
  // a token lookup kept for five minutes).
  bool FillsCacheAfterLookup(std::string_view container, const Range& at, int function) const {
    for (const python::Assignment* lookup : cache_lookups_.Find({function, container})) {
      if (!(lookup->range.end <= at.start)) continue;
      for (const python::IfTest* test : tests_by_function_.Find(function)) {
        if (test->condition.range.start < lookup->range.end || !(test->body.end <= at.start)) continue;
        if (Returns(test->body) && Mentions(test->condition.text, lookup->target.text)) return true;
      }
    }
    return false;
  }

  // The container a test of FillsCache's kinds asks about: `k in c`, `k not in c`, `not c`,
  // `c.get(k) is None`; "" for other tests.
  std::string_view TestedContainer(const Expr& condition) const {
    if (condition.kind == Expr::Kind::kNot && condition.items.size() == 1) return condition.items[0].text;
    if (condition.kind != Expr::Kind::kComparison || condition.items.size() != 2) return {};
    if (condition.str == "in" || condition.str == "not in") return condition.items[1].text;
    const python::Call* get = condition.items[0].kind == Expr::Kind::kCall ? python::CallOf(module_, condition.items[0])
                                                                           : nullptr;
    return condition.str == "is" && get && get->method == "get" ? get->receiver.text : std::string_view();
  }

  // The block ends in a `return`: what comes after it runs only when the test failed.
  bool Returns(const Range& block) const {
    std::string_view last = module_.Line(block.end.line);
    last.remove_prefix(std::min(last.size(), last.find_first_not_of(" \t")));
    return last.starts_with("return") && (last.size() == 6 || last[6] == ' ' || last[6] == '(');
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

  // The value, or a local of the function it reads, uses request data: `skills =
  // request.args["s"].split(","); store.SKILLS = skills` (QA round 6: a bot handler set a
  // module attribute from the message through a local). Each local is followed once; the
  // values of the locals followed are added to `read_through`.
  bool UsesRequestData(const Expr& value, int function, std::vector<const Expr*>* read_through) const {
    std::set<std::string_view> followed;
    std::vector<const Expr*> pending = {&value};
    while (!pending.empty()) {
      const Expr* next = pending.back();
      pending.pop_back();
      if (next != &value) read_through->push_back(next);
      if (UsesRequestData(next->text, function)) return true;
      // The names the value reads, by its text: a comprehension (`[s.strip() for s in
      // skills]`) keeps no parts of its own.
      std::string_view text = next->text;
      for (size_t at = 0; at < text.size();) {
        if (!IsWordChar(text[at]) || std::isdigit(static_cast<unsigned char>(text[at]))) {
          ++at;
          continue;
        }
        size_t end = at;
        while (end < text.size() && IsWordChar(text[end])) ++end;
        std::string_view name = text.substr(at, end - at);
        const bool attribute = at > 0 && text[at - 1] == '.';
        at = end;
        if (attribute || values_.ScopeOf(name, function) != function || !followed.insert(name).second) continue;
        for (const Expr* bound : values_.Bindings(name, function)) {
          if (bound != nullptr) pending.push_back(bound);
        }
      }
    }
    return false;
  }

  static bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

  static bool Mentions(std::string_view text, std::string_view name) {
    // A word of its own, not an attribute (`x.name`) and not inside a string ('name').
    auto quote = [](char c) { return c == '\'' || c == '"'; };
    if (name.empty()) return false;
    for (size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
      char before = at == 0 ? ' ' : text[at - 1];
      char after = at + name.size() == text.size() ? ' ' : text[at + name.size()];
      if (!IsWordChar(before) && before != '.' && !quote(before) && !IsWordChar(after) && !quote(after)) return true;
    }
    return false;
  }

  std::string FunctionName(int function) const { return module_.functions()[function].qualified_name; }

  // The finding holds while the container is one: a diff run that changes its definition
  // (`SESSIONS = TTLCache(...)` -> `SESSIONS = {}`, here or in the module it is imported
  // from) reports it again.
  void ReportContainer(const Range& range, const Expr& name, const Held& held, int function) {
    const python::Container& container = *held.container;
    out_.Report(Location{module_.path(), range},
                fmt::format("{} {} `{}` is changed while serving a request in `{}()`: every function "
                            "instance has its own copy, so other instances never see the change and it is lost "
                            "when the instance is recycled",
                            held.where, container.kind, name.text, FunctionName(function)),
                std::string(kHelp), {},
                {Dependency::Lines(std::string(held.path), container.first_line, container.last_line)});
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
  const project::ModuleIndex* modules_;
  python::Values values_;
  std::optional<python::Bindings> bindings_;
  python::Containers containers_;
  // By qualified name; node-based, so the Held pointing into it stay valid.
  std::map<std::string, std::optional<project::ModuleIndex::ImportedContainer>, std::less<>> imported_;
  std::vector<bool> on_path_;
  std::set<Range> client_stores_;  // subscripts assigned a network client
  std::set<Range> plain_stores_;   // subscripts assigned with `=` (not `+=`)
  std::vector<EnvironChange> environ_changes_;  // on a request path, in module order
  // (function, container) -> the tests of FillsCache's kinds about it, in module order.
  FlatMultimap<std::pair<int, std::string_view>, const python::IfTest*> cache_tests_;
  // (function, container) -> `hit = container.get(key)` in that function, in module order.
  FlatMultimap<std::pair<int, std::string_view>, const python::Assignment*> cache_lookups_;
  FlatMultimap<int, const python::IfTest*> tests_by_function_;  // in module order
  Sink& out_;
};

void Check(const PyContext& cx, Sink& out) { Checker(cx, out).Run(); }

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
