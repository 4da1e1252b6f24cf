#include <fmt/format.h>

#include <algorithm>

#include "python/module.h"
#include "python/request_path.h"
#include "python/values.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL302", "per-request-connection", Severity::kWarning,
    "a database, HTTP or cloud client is created on every request",
    R"(## What it does
Finds clients created while a request is served — in a route handler, a per-request hook
(`before_request`, middleware), a FastAPI dependency (`Depends(get_db)`) or a function of
the module they call: `pymongo.MongoClient()`,
`psycopg2.connect()`, `redis.Redis()`, `boto3.client()`, `requests.Session()`,
`httpx.Client()`, `sqlalchemy.create_engine()`, `openai.OpenAI()` and similar. Not
reported: clients created at module level (the good pattern), a lazily created global
(`global client; if client is None: client = MongoClient()`) or one kept on an object
(`if self._client is None: self._client = ...`, `cls._client = ...`), clients made
inside an `@lru_cache` factory, and clients used as a `with` block, whose lifetime is
deliberately the block.

Nor is an asyncio client (`httpx.AsyncClient`, `aiohttp.ClientSession`,
`await asyncpg.connect()`, `AsyncOpenAI`, Motor, `redis.asyncio`...) made in code that the
request runs on an event loop of its own, as a synchronous handler (`BaseHTTPRequestHandler`)
runs a coroutine: inside `asyncio.run(main())`, the `run_until_complete()` of a loop the
function makes (`asyncio.new_event_loop()`), or an `asyncio.Runner`; nor one made by the
function that runs such a loop (`client = httpx.AsyncClient(); asyncio.run(fetch(client))`).
Such a client belongs to that loop, which is closed when the call returns: kept at module
level, it fails from the second request on (`Event loop is closed`), so one per call is
right there. Under an ASGI app (FastAPI, Starlette), whose loop lives as long as the
instance, it is reported; so is a client that is not bound to a loop (`requests.Session()`,
`psycopg2.connect()`) wherever it is made.

## Why it fails on serverless
A warm function instance serves many requests one after another, and module-level objects
survive between them. A client created inside the handler throws that away: every request
pays for DNS, TCP, TLS and authentication again, and connections that are not closed stay
open on the database side until they time out. Under load, many instances each opening a
connection per request exhaust the database's connection limit.

## Example
```python
@app.get("/users")
def users():
    client = MongoClient(os.environ["MONGODB_URI"])
    return list(client.app.users.find())
```

## Instead
Create the client once, at module level, and reuse it across the requests the instance
serves (for SQL databases behind many instances, also use a pooler such as PgBouncer or
the provider's serverless driver):
```python
client = MongoClient(os.environ["MONGODB_URI"])

@app.get("/users")
def users():
    return list(client.app.users.find())
```)"};


// A client kept on an object and created only while that attribute is unset (`if
// self._client is None: self._client = MongoClient()`): once per object, which a
// module-level instance keeps across requests. A class attribute set through `cls`
// outlives every request.
bool KeptOnAnObject(const python::Module& module, const python::Call& call) {
  if (call.use != python::ResultUse::kAssigned || call.assigned_to.find('.') == std::string::npos) return false;
  if (call.assigned_to.starts_with("cls.")) return true;
  return std::any_of(module.if_tests().begin(), module.if_tests().end(), [&](const python::IfTest& test) {
    return test.function == call.function && Encloses(test.body, call.range) &&
           python::TestsUnset(test.condition, call.assigned_to);
  });
}

std::string_view BaseName(std::string_view target) {
  size_t end = target.find_first_of("[.");
  return target.substr(0, end);
}

// The functions where a client bound to the event loop is made for a loop that lives for
// one call: the request reaches them only inside `asyncio.run(...)` (or another loop made
// for the call), or they run such a loop themselves (`client = httpx.AsyncClient();
// asyncio.run(fetch(client))`). Each request runs a new loop, so a client kept at module
// level would be used on a closed loop from the second request on.
class PerCallLoops {
 public:
  PerCallLoops(const PyContext& cx, const std::vector<bool>& on_path) : cx_(cx), on_path_(on_path) {}

  bool Contains(int function) {
    if (!built_) Build();
    return runs_loop_[function] || (on_path_[function] && !outside_[function]);
  }

 private:
  // Built on the first loop-bound client: most modules have none.
  void Build() {
    built_ = true;
    const python::Values& values = cx_.values;
    outside_ = RequestPath(cx_, [&](const python::Call& call) { return !python::InsideNewEventLoop(values, call); });
    runs_loop_.assign(cx_.module.functions().size(), false);
    for (const python::Call& call : cx_.module.calls()) {
      if (call.function >= 0 && !call.guarded && python::RunsOnNewEventLoop(values, call)) {
        runs_loop_[call.function] = true;
      }
    }
  }

  const PyContext& cx_;
  const std::vector<bool>& on_path_;
  bool built_ = false;
  std::vector<bool> outside_;    // the request path without the calls made inside a new loop
  std::vector<bool> runs_loop_;  // the function itself runs a new loop
};

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  std::vector<bool> on_path = RequestPath(cx);
  const python::Values& values = cx.values;
  PerCallLoops per_call_loops(cx, on_path);
  for (const python::Call& call : module.calls()) {
    if (call.function < 0 || call.guarded || !on_path[call.function]) continue;
    if (!IsNetworkClient(call.callee)) continue;
    if (call.use == python::ResultUse::kWithItem) continue;  // closed at the end of the block
    if (call.Keyword("connection_pool")) continue;           // redis.Redis(connection_pool=POOL) reuses a pool
    const python::Function& function = module.functions()[call.function];
    if (python::IsCachedFunction(function) || KeptOnAnObject(module, call)) continue;
    if (IsLoopBoundClient(call) && per_call_loops.Contains(call.function)) continue;
    // Lazy initialisation: stored in a global (or a module-level dict of clients).
    if (call.use == python::ResultUse::kAssigned && !call.assigned_to.starts_with("self.")) {
      std::string_view base = BaseName(call.assigned_to);
      // A plain name is module-level only when declared `global`; `cache[key] = ...` and
      // `holder.client = ...` when the base is a module-level variable (not flask.g, not request).
      bool stored_globally = values.ScopeOf(base, call.function) == -1 &&
                             (base.size() == call.assigned_to.size() || !values.Bindings(base, -1).empty());
      if (stored_globally) continue;
    }
    out.Report(call.callee_range,
               fmt::format("`{}` is created on every request in `{}()`: a new connection (DNS, TLS, "
                           "authentication) each time instead of one reused by the warm instance",
                           call.callee, function.qualified_name),
               "create the client once at module level (or lazily in a global) and reuse it across requests");
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
