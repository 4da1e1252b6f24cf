#include <fmt/format.h>

#include "python/module.h"
#include "rules/fixes.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL401", "unguarded-server-start", Severity::kError,
    "a development server is started when the module is imported",
    R"(## What it does
Finds calls that start a long-running server — `app.run()`, `uvicorn.run()`,
`socketio.run()`, `web.run_app()`, `serve_forever()` and the like — at module level
without an `if __name__ == "__main__":` guard.

## Why it fails on serverless
The platform imports your module and hands requests to the `app` object itself. A server
started at import time never returns: the import blocks (or tries to bind a port the
sandbox does not allow) until the function times out, and every request fails with
FUNCTION_INVOCATION_FAILED.

## Example
```python
app = Flask(__name__)

@app.route("/")
def index():
    return "hi"

app.run(host="0.0.0.0", port=5000)
```

## Instead
Keep the local server for `python app.py` only:
```python
if __name__ == "__main__":
    app.run(debug=True)
```
`faaslint check --fix` makes this change for a start that is a statement of its own.)"};

// Functions that start a server and only return when it stops.
constexpr std::string_view kServerFunctions[] = {
    "uvicorn.run", "hypercorn.run", "waitress.serve", "bottle.run", "werkzeug.serving.run_simple",
    "werkzeug.run_simple", "aiohttp.web.run_app", "tornado.ioloop.IOLoop.current().start",
};
// Objects whose .run() starts a server (by their constructor).
constexpr std::string_view kServerObjects[] = {
    "flask.Flask", "quart.Quart", "flask_socketio.SocketIO", "sanic.Sanic", "bottle.Bottle", "dash.Dash",
    "falcon.App", "connexion.App", "connexion.FlaskApp",
};
// Names conventionally bound to the WSGI/ASGI app when its constructor is unknown (factories).
constexpr std::string_view kAppNames[] = {"app", "application", "server", "socketio", "sio"};
constexpr std::string_view kRunMethods[] = {"run", "run_server"};

bool StartsServer(const python::Module& module, const python::Call& call) {
  if (OneOf(call.callee, kServerFunctions)) return true;
  if (call.method == "serve_forever") return true;
  if (!OneOf(call.method, kRunMethods)) return false;
  const python::Expr& receiver = call.receiver;
  if (receiver.kind == python::Expr::Kind::kCall) {
    return OneOf(module.calls()[receiver.call].callee, kServerObjects);
  }
  if (receiver.kind != python::Expr::Kind::kName) return false;
  std::string_view constructor = ModuleLevelConstructor(module, receiver.text);
  if (!constructor.empty()) return OneOf(constructor, kServerObjects) || OneOf(receiver.text, kAppNames);
  return OneOf(receiver.text, kAppNames);
}

std::string Describe(const python::Module& module, const python::Call& call) {
  switch (call.receiver.kind) {
    case python::Expr::Kind::kOther: return call.callee;
    case python::Expr::Kind::kCall: return module.calls()[call.receiver.call].callee + "(...)." + call.method;
    default: return std::string(call.receiver.text) + "." + call.method;
  }
}

void Check(const PyContext& cx, Sink& out) {
  for (const python::Call& call : cx.module.calls()) {
    if (call.function != -1 || call.guarded) continue;
    if (!StartsServer(cx.module, call)) continue;
    out.ReportWithFix(call.callee_range,
                      fmt::format("`{}` starts a server when the module is imported; the platform imports it to "
                                  "serve requests and the import never returns",
                                  Describe(cx.module, call)),
                      "move it under `if __name__ == \"__main__\":` so it only runs for `python app.py`",
                      GuardStatement(cx.module, call, "__name__ == \"__main__\""));
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
