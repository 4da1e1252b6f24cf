#include <fmt/format.h>

#include <utility>
#include <vector>

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
`socketio.run()`, `web.run_app()`, `serve_forever()` and the like, or a chat bot's
polling loop (`application.run_polling()`, `bot.infinity_polling()`, discord's
`client.run(TOKEN)`) — at module level
without an `if __name__ == "__main__":` guard, directly or through a function of the
module (`def main(): app.run()` and a bare `main()`).

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
Keep the local server (or the bot's polling) for `python app.py` only; on Vercel a bot
receives its updates through a webhook route instead:
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
    // discord.py: Client.run(token) connects to the gateway and returns when the bot stops
    // (https://discordpy.readthedocs.io/en/stable/api.html#discord.Client.run).
    "discord.Client", "discord.AutoShardedClient", "discord.Bot", "discord.ext.commands.Bot",
    "discord.ext.commands.AutoShardedBot",
};
// Chat bots' long polling, which loops until the process stops: python-telegram-bot's
// Application.run_polling, pyTelegramBotAPI's TeleBot.infinity_polling, aiogram's
// start_polling. Names specific enough to need no receiver.
constexpr std::string_view kPollingMethods[] = {"run_polling", "infinity_polling", "start_polling"};
// Names conventionally bound to the WSGI/ASGI app when its constructor is unknown (factories).
constexpr std::string_view kAppNames[] = {"app", "application", "server", "socketio", "sio"};
constexpr std::string_view kRunMethods[] = {"run", "run_server"};

bool StartsServer(const python::Module& module, const python::Call& call) {
  if (OneOf(call.callee, kServerFunctions)) return true;
  if (call.method == "serve_forever" || OneOf(call.method, kPollingMethods)) return true;
  if (!OneOf(call.method, kRunMethods)) return false;
  const python::Expr& receiver = call.receiver;
  if (receiver.kind == python::Expr::Kind::kCall) {
    return OneOf(module.calls()[receiver.call].callee, kServerObjects);
  }
  if (receiver.kind != python::Expr::Kind::kName) return false;
  std::string_view constructor = module.ModuleLevelConstructor(receiver.text);
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

// The server start a function of the module reaches, directly or through the module's
// own functions it calls (`def main(): app.run()`): the start's call, or -1.
class ServerStarts {
 public:
  explicit ServerStarts(const python::Module& module)
      : module_(module), start_(module.functions().size(), kUnknown) {}

  int Of(int function) {
    if (start_[function] != kUnknown) return start_[function];
    // Depth first, with a stack of its own: generated code chains thousands of functions.
    // A function on the stack reads as starting nothing to a recursive call back to it.
    std::vector<std::pair<int, size_t>> stack{{function, 0}};  // function, next of its calls
    start_[function] = -1;
    while (!stack.empty()) {
      const int current = stack.back().first;
      const std::vector<int>& calls = module_.functions()[current].calls;
      if (stack.back().second == calls.size()) {
        stack.pop_back();  // starts nothing: start_ stays -1
        continue;
      }
      const int index = calls[stack.back().second++];
      const python::Call& call = module_.calls()[index];
      if (call.guarded) continue;
      int start = -1;
      if (StartsServer(module_, call)) {
        start = index;
      } else if (call.target >= 0 && start_[call.target] == kUnknown) {
        start_[call.target] = -1;
        stack.emplace_back(call.target, 0);
        continue;
      } else if (call.target >= 0) {
        start = start_[call.target];
      }
      if (start >= 0) {  // every function on the stack calls the next one: all reach it
        for (const auto& frame : stack) start_[frame.first] = start;
        break;
      }
    }
    return start_[function];
  }

 private:
  static constexpr int kUnknown = -2;
  const python::Module& module_;
  std::vector<int> start_;
};

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  ServerStarts starts(module);
  for (const python::Call& call : module.calls()) {
    if (call.function != -1 || call.guarded) continue;
    std::string what;
    if (StartsServer(module, call)) {
      what = fmt::format("`{}` starts a server", Describe(module, call));
    } else if (int start = call.target >= 0 ? starts.Of(call.target) : -1; start >= 0) {
      what = fmt::format("`{}()` starts a server (`{}`)", module.functions()[call.target].name,
                         Describe(module, module.calls()[start]));
    } else {
      continue;
    }
    out.ReportWithFix(call.callee_range,
                      what + " when the module is imported; the platform imports it to serve requests and the "
                             "import never returns",
                      "move it under `if __name__ == \"__main__\":` so it only runs for `python app.py`",
                      GuardStatement(module, call, "__name__ == \"__main__\""));
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
