#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "python/module.h"
#include "python/values.h"
#include "rules/fixes.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

constexpr RuleOption kOptions[] = {
    {"timeout-seconds", "10", "the timeout, in seconds, that `check --fix` adds to `requests` calls"},
};

constexpr RuleInfo kInfo{
    "FL403", "missing-timeout", Severity::kWarning,
    "an outbound call can wait longer than the function may run",
    R"(## What it does
Finds network and subprocess calls made without a timeout: `requests.get/post/...`
(and the methods of a `requests.Session()`), `urllib.request.urlopen`,
`http.client.HTTPConnection`/`HTTPSConnection`, `socket.create_connection` and
`subprocess.run/call/check_call/check_output`, and `feedparser.parse` of a URL (a
`"https://..."` value or a name such as `url` or `feed_url`), which fetches without a
timeout unless the module calls `socket.setdefaulttimeout()`. `httpx` has a default timeout of its own,
so there only an explicit `timeout=None` is reported. A call that passes `**kwargs` may
carry a timeout and is not reported.

## Why it fails on serverless
These calls wait forever by default. On a server a hung upstream ties up one worker
thread; in a function it holds the whole instance until the platform kills it at its
`maxDuration`, the request fails with a timeout error instead of a clear message, and
you are billed for the time spent waiting. Your code never gets the chance to retry,
fall back or answer with a useful error.

## Example
```python
@app.route("/weather")
def weather():
    reply = requests.get("https://api.example.com/today")
    return reply.json()
```

## Instead
Pass a timeout shorter than the function's `maxDuration`, and handle the timeout:
```python
try:
    reply = requests.get("https://api.example.com/today", timeout=5)
except requests.Timeout:
    return {"error": "weather service is slow"}, 504
```

`faaslint check --fix` adds `timeout=` (the `timeout-seconds` option) to `requests`
calls; the other calls need a decision about what their timeout should be.)",
    kOptions};

constexpr std::string_view kRequestsVerbs[] = {"get", "post", "put", "patch", "delete", "head", "options", "request"};
constexpr std::string_view kSubprocessCalls[] = {"subprocess.run", "subprocess.call", "subprocess.check_call",
                                                 "subprocess.check_output"};
constexpr std::string_view kSessionTypes[] = {"requests.Session", "requests.session", "requests.sessions.Session"};
constexpr std::string_view kHttpxCalls[] = {
    "httpx.get", "httpx.post", "httpx.put", "httpx.patch", "httpx.delete", "httpx.head", "httpx.options",
    "httpx.request", "httpx.stream", "httpx.Client", "httpx.AsyncClient",
};

bool IsRequestsFunction(std::string_view callee) {
  if (!callee.starts_with("requests.")) return false;
  std::string_view verb = callee.substr(9);
  if (verb.starts_with("api.")) verb.remove_prefix(4);  // requests.api.get
  return OneOf(verb, kRequestsVerbs);
}

bool SameClass(const python::Module& module, int a, int b) {
  if (a < 0 || b < 0) return false;
  int klass = module.functions()[a].class_index;
  return klass >= 0 && klass == module.functions()[b].class_index;
}

// Calls that create a requests session and name it: `s = requests.Session()`,
// `with requests.Session() as s:`. Collected once per module.
std::vector<const python::Call*> SessionMakers(const python::Module& module) {
  std::vector<const python::Call*> makers;
  for (const python::Call& call : module.calls()) {
    bool named = call.use == python::ResultUse::kAssigned || call.use == python::ResultUse::kWithItem;
    if (named && !call.assigned_to.empty() && OneOf(call.callee, kSessionTypes)) makers.push_back(&call);
  }
  return makers;
}

// `s.get(...)` on a session made in the same function or at module level (or as
// `self.session` in another method of the class), or `requests.Session().get(...)`.
bool IsSessionMethod(const python::Module& module, const std::vector<const python::Call*>& makers,
                     const python::Call& call) {
  if (!OneOf(call.method, kRequestsVerbs)) return false;
  const python::Expr& receiver = call.receiver;
  if (receiver.kind == python::Expr::Kind::kCall) return OneOf(module.calls()[receiver.call].callee, kSessionTypes);
  if (receiver.kind != python::Expr::Kind::kName && receiver.kind != python::Expr::Kind::kAttribute) return false;
  return std::any_of(makers.begin(), makers.end(), [&](const python::Call* maker) {
    if (maker->assigned_to != receiver.text) return false;
    if (maker->function == call.function || maker->function == -1) return true;
    return receiver.text.starts_with("self.") && SameClass(module, maker->function, call.function);
  });
}

bool PassesKeywordsThrough(const python::Call& call) {
  return std::any_of(call.args.begin(), call.args.end(), [](const python::Argument& arg) { return arg.double_star; });
}

// Where a timeout may be passed positionally, the position (from the functions'
// signatures in the Python 3.12 documentation); keyword-only otherwise.
const python::Argument* Timeout(const python::Call& call) {
  if (call.callee == "urllib.request.urlopen" || call.callee == "http.client.HTTPConnection") {
    return call.Arg(2, "timeout");  // urlopen(url, data, timeout), HTTPConnection(host, port, timeout)
  }
  if (call.callee == "socket.create_connection") return call.Arg(1, "timeout");  // (address, timeout)
  return call.Keyword("timeout");
}

// What the call is, for the message; empty when it is not one this rule knows.
std::string Describe(const python::Module& module, const std::vector<const python::Call*>& makers,
                     const python::Call& call) {
  if (IsRequestsFunction(call.callee) || OneOf(call.callee, kSubprocessCalls)) return call.callee;
  if (call.callee == "urllib.request.urlopen" || call.callee == "http.client.HTTPConnection" ||
      call.callee == "http.client.HTTPSConnection" || call.callee == "socket.create_connection") {
    return call.callee;
  }
  if (IsSessionMethod(module, makers, call)) return "requests.Session()." + call.method;
  return {};
}

// feedparser.parse(url) fetches the feed itself, through urllib without a timeout, and
// takes no timeout parameter (feedparser 6, http.py); given text it parses that. A URL
// is told by its value ("https://...") or by its name (`url`, `feed_url`). QA round 6.
bool FetchesFeed(const PyContext& cx, const python::Call& call) {
  if (call.callee != "feedparser.parse") return false;
  const python::Argument* source = call.Arg(0, "url_file_stream_or_string");
  if (source == nullptr) return false;
  std::optional<python::StringValue> value = cx.values.String(source->value, call.function);
  if (value && (value->text.starts_with("http://") || value->text.starts_with("https://"))) return true;
  if (source->value.kind != python::Expr::Kind::kName && source->value.kind != python::Expr::Kind::kAttribute) {
    return false;
  }
  std::string name(source->value.text.substr(source->value.text.rfind('.') + 1));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name == "url" || name.ends_with("_url") || name.starts_with("url_") || name == "feed" || name == "link";
}

// socket.setdefaulttimeout() anywhere in the module gives urllib a timeout.
bool SetsDefaultSocketTimeout(const python::Module& module) {
  return std::any_of(module.calls().begin(), module.calls().end(),
                     [](const python::Call& call) { return call.callee == "socket.setdefaulttimeout"; });
}

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  const std::vector<const python::Call*> makers = SessionMakers(module);
  const bool default_socket_timeout = SetsDefaultSocketTimeout(module);
  const std::string timeout_seconds(cx.options.String("timeout-seconds"));
  for (const python::Call& call : module.calls()) {
    if (call.guarded) continue;
    if (OneOf(call.callee, kHttpxCalls)) {
      const python::Argument* timeout = call.Keyword("timeout");
      if (timeout == nullptr || timeout->value.kind != python::Expr::Kind::kNone) continue;
      out.Report(timeout->value.range,
                 fmt::format("`{}(timeout=None)` turns off httpx's default timeout: the call can wait until the "
                             "platform kills the function",
                             call.callee),
                 "keep httpx's default or pass a timeout shorter than the function's maxDuration");
      continue;
    }
    if (!default_socket_timeout && FetchesFeed(cx, call)) {
      out.Report(call.callee_range,
                 "`feedparser.parse` fetches the feed itself without a timeout (it takes none), and waits as long as "
                 "the other side does, until the platform kills the function at its maxDuration",
                 "fetch it with requests.get(url, timeout=5) and pass the response's text to feedparser.parse()");
      continue;
    }
    std::string what = Describe(module, makers, call);
    if (what.empty() || PassesKeywordsThrough(call)) continue;
    const python::Argument* timeout = Timeout(call);
    if (timeout != nullptr && timeout->value.kind != python::Expr::Kind::kNone) continue;
    // Only requests: a keyword added there means the same on every version; the timeout of
    // subprocess and urllib calls raises errors their callers may not expect.
    std::vector<Edit> fix;
    if (timeout == nullptr && what.starts_with("requests.")) fix = AddKeywordArgument(call, "timeout", timeout_seconds);
    out.ReportWithFix(call.callee_range,
                      fmt::format("`{}` without a timeout waits as long as the other side does, until the platform "
                                  "kills the function at its maxDuration",
                                  what),
                      "pass timeout= shorter than the function's maxDuration (e.g. timeout=5) and handle the timeout "
                      "error",
                      std::move(fix));
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
