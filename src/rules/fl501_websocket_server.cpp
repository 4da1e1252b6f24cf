#include <fmt/format.h>

#include "python/module.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL501", "websocket-server", Severity::kError,
    "a WebSocket server, which a function cannot hold open",
    R"(## What it does
Finds code that serves WebSockets: Flask-SocketIO's `SocketIO(app)`, python-socketio's
`socketio.Server`/`AsyncServer`, flask-sock's `Sock(app)`, `websockets.serve(...)`,
FastAPI/Starlette `@app.websocket(...)` routes, `WebSocketRoute`, `add_websocket_route`,
Starlette `WebSocketEndpoint`, Django Channels websocket consumers, Tornado's
`WebSocketHandler` and aiohttp's `WebSocketResponse`.

## Why it fails on serverless
A WebSocket is one long-lived connection to one process. A function instance lives
for one request and is frozen when its response is sent; it cannot accept the
connection upgrade and keep it open, so clients fail to connect or are cut off after
the first message. Several instances run side by side with no shared memory, so
broadcasting "to everyone connected" from one of them reaches nobody else.

## Example
```python
from flask_socketio import SocketIO

socketio = SocketIO(app)

@socketio.on("message")
def on_message(data):
    socketio.emit("message", data)
```

## Instead
Use a managed realtime service (Pusher, Ably, Supabase Realtime, Liveblocks, ...):
your function publishes an event with an HTTP call and the service holds the client
connections. Or host the WebSocket server on a platform for long-running processes and
keep the HTTP API on functions.)"};

// Constructors and functions that create a WebSocket server.
constexpr std::string_view kServerCalls[] = {
    "flask_socketio.SocketIO", "socketio.Server", "socketio.AsyncServer", "flask_sock.Sock",
    "websockets.serve", "websockets.server.serve", "websockets.asyncio.server.serve",
    "websockets.sync.server.serve", "websockets.legacy.server.serve", "websockets.unix_serve",
    "starlette.routing.WebSocketRoute", "fastapi.routing.APIWebSocketRoute", "aiohttp.web.WebSocketResponse",
    "aiohttp.web_ws.WebSocketResponse",
};
constexpr std::string_view kRouteMethods[] = {"add_websocket_route", "add_api_websocket_route"};
// Base classes of WebSocket endpoints.
constexpr std::string_view kEndpointBases[] = {
    "starlette.endpoints.WebSocketEndpoint",
    "channels.generic.websocket.WebsocketConsumer",
    "channels.generic.websocket.AsyncWebsocketConsumer",
    "channels.generic.websocket.JsonWebsocketConsumer",
    "channels.generic.websocket.AsyncJsonWebsocketConsumer",
    "tornado.websocket.WebSocketHandler",
};

constexpr std::string_view kHelp =
    "use a managed realtime service (Pusher, Ably, Supabase Realtime...) and publish to it over HTTP";

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  for (const python::Call& call : module.calls()) {
    if (call.guarded) continue;
    if (OneOf(call.callee, kServerCalls)) {
      out.Report(call.callee_range,
                 fmt::format("`{}` serves WebSockets; a function instance cannot keep a connection open after its "
                             "response",
                             call.callee),
                 std::string(kHelp));
    } else if (OneOf(call.method, kRouteMethods)) {
      out.Report(call.callee_range,
                 fmt::format("`{}` adds a WebSocket route; a function instance cannot keep the connection open",
                             call.method),
                 std::string(kHelp));
    }
  }
  for (const python::Function& function : module.functions()) {
    if (function.guarded) continue;
    for (const python::Route& route : function.routes) {
      if (!route.websocket) continue;
      out.Report(route.range,
                 fmt::format("`{}` is a WebSocket route{}; a function instance cannot keep the connection open",
                             function.name, route.path.empty() ? "" : fmt::format(" ({})", route.path)),
                 std::string(kHelp));
    }
  }
  for (const python::Class& klass : module.classes()) {
    for (const python::Expr& base : klass.bases) {
      if (!OneOf(base.qualified, kEndpointBases)) continue;
      out.Report(klass.name_range,
                 fmt::format("`{}` is a WebSocket endpoint (`{}`); a function instance cannot keep the connection "
                             "open",
                             klass.name, base.text),
                 std::string(kHelp));
    }
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
