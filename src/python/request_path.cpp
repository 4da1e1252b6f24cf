#include "python/request_path.h"

#include <algorithm>
#include <span>
#include <string_view>

#include "python/values.h"

namespace faaslint::python {
namespace {

// Hooks that run on every request: Flask's (the module model counts before_request as a
// cold-start hook for FL103; for per-request work it is a request path), and FastAPI's and
// Starlette's `@app.middleware("http")`.
constexpr std::string_view kPerRequestHooks[] = {"before_request", "after_request", "teardown_request",
                                                 "teardown_appcontext", "middleware"};

constexpr std::string_view kCacheDecorators[] = {"functools.lru_cache", "functools.cache", "lru_cache", "cache"};

std::string_view DecoratorName(const Module& module, const Expr& decorator) {
  if (const Call* call = CallOf(module, decorator)) return call->callee;
  return decorator.qualified.empty() ? std::string_view(decorator.text) : std::string_view(decorator.qualified);
}

bool HasPerRequestHook(const Module& module, const Function& function) {
  return std::any_of(function.decorators.begin(), function.decorators.end(), [&](const Expr& decorator) {
    std::string_view name = DecoratorName(module, decorator);
    std::string_view method = name.substr(name.rfind('.') == std::string_view::npos ? 0 : name.rfind('.') + 1);
    return std::find(std::begin(kPerRequestHooks), std::end(kPerRequestHooks), method) != std::end(kPerRequestHooks);
  });
}

}  // namespace

bool IsHttpMiddleware(const Module& module, const Function& function) {
  if (function.name == "dispatch" && function.class_index >= 0) {
    const std::vector<Expr>& bases = module.classes()[function.class_index].bases;
    return std::any_of(bases.begin(), bases.end(),
                       [](const Expr& base) { return base.qualified.ends_with("BaseHTTPMiddleware"); });
  }
  return std::any_of(function.decorators.begin(), function.decorators.end(), [&](const Expr& decorator) {
    std::string_view name = DecoratorName(module, decorator);
    return name.ends_with(".middleware") && function.parent == -1;
  });
}

namespace {

// AWS Lambda calls `def handler(event, context)` once per invocation (the Lambda Python
// handler signature, AWS Lambda developer guide).
bool IsLambdaHandler(const Function& function) {
  return function.parent == -1 && function.class_index == -1 && function.params.size() == 2 &&
         function.params[0] == "event" && function.params[1] == "context";
}

// The module's functions that FastAPI calls as dependencies, for every request of the
// routes, routers or apps that declare them (https://fastapi.tiangolo.com/tutorial/dependencies/):
// named in `Depends(f)` or `Security(f)` anywhere in the module.
std::vector<int> Dependencies(const Module& module) {
  std::vector<int> found;
  for (const Call& call : module.calls()) {
    if (!IsFastApiDependency(call.callee)) continue;
    const Argument* dependency = call.Arg(0, "dependency");
    if (dependency && dependency->value.kind == Expr::Kind::kName) {
      if (int function = module.FindFunction(dependency->value.text); function >= 0) found.push_back(function);
    }
  }
  return found;
}

// The module's own function a decorator names (`@login_required`, `@rate_limit(5)`), or -1.
int DecoratorFunction(const Module& module, const Expr& decorator) {
  if (decorator.kind == Expr::Kind::kName) return module.FindFunction(decorator.text);
  const Call* call = CallOf(module, decorator);
  return call && call->callee.find('.') == std::string::npos ? module.FindFunction(call->callee) : -1;
}

}  // namespace

bool IsCachedFunction(const Function& function) {
  return std::any_of(function.decorators.begin(), function.decorators.end(), [](const Expr& decorator) {
    std::string_view name = decorator.qualified.empty() ? std::string_view(decorator.text) : decorator.qualified;
    if (decorator.kind == Expr::Kind::kCall) name = name.substr(0, name.find('('));
    return std::find(std::begin(kCacheDecorators), std::end(kCacheDecorators), name) != std::end(kCacheDecorators);
  });
}

bool RunsOnNewEventLoop(const Values& values, const Call& call) {
  if (call.callee == "asyncio.run" || call.callee == "uvloop.run") return true;
  std::string_view maker = call.method == "run_until_complete" ? "asyncio.new_event_loop"
                           : call.method == "run"              ? "asyncio.Runner"
                                                               : "";
  if (maker.empty()) return false;
  const Module& module = values.module();
  auto made = [&](const Expr* value) {
    const Call* source = value ? CallOf(module, *value) : nullptr;
    return source != nullptr && source->callee == maker;
  };
  const Expr& receiver = call.receiver;
  if (receiver.kind == Expr::Kind::kCall) return made(&receiver);  // asyncio.new_event_loop().run_until_complete(...)
  if (receiver.kind != Expr::Kind::kName || receiver.qualified != receiver.text) return false;
  // A loop of the function (or of one it is nested in), every binding of which makes one.
  if (values.ScopeOf(receiver.text, call.function) < 0) return false;
  std::span<const Expr* const> bindings = values.Bindings(receiver.text, call.function);
  return !bindings.empty() && std::all_of(bindings.begin(), bindings.end(), made);
}

bool InsideNewEventLoop(const Values& values, const Call& call) {
  const std::vector<Call>& calls = values.module().calls();
  for (int outer = call.parent_call; outer >= 0; outer = calls[outer].parent_call) {
    if (RunsOnNewEventLoop(values, calls[outer])) return true;
  }
  return false;
}

std::vector<bool> RequestPathFunctions(const Module& module, const std::function<bool(int)>& serves_requests,
                                       const std::function<bool(const Call&)>& follows) {
  const std::vector<Function>& functions = module.functions();
  std::vector<std::vector<int>> nested(functions.size());
  for (size_t i = 0; i < functions.size(); ++i) {
    if (functions[i].parent >= 0) nested[functions[i].parent].push_back(static_cast<int>(i));
  }
  std::vector<bool> on_path(functions.size(), false);
  std::vector<int> pending;  // reached, their calls not yet followed
  // A reached function, and the functions nested in it (they run when it does) unless
  // defined under a guard.
  auto reach = [&](int function) {
    std::vector<int> stack{function};
    while (!stack.empty()) {
      int current = stack.back();
      stack.pop_back();
      if (on_path[current]) continue;
      on_path[current] = true;
      pending.push_back(current);
      for (int inner : nested[current]) {
        if (!functions[inner].guarded) stack.push_back(inner);
      }
    }
  };
  for (size_t i = 0; i < functions.size(); ++i) {
    const Function& function = functions[i];
    bool starts = function.is_handler || HasPerRequestHook(module, function) || IsLambdaHandler(function) ||
                  (serves_requests && serves_requests(static_cast<int>(i)));
    if (starts && !function.guarded) reach(static_cast<int>(i));
  }
  for (int dependency : Dependencies(module)) {
    if (!functions[dependency].guarded) reach(dependency);
  }
  // A decorator of a request-path function wraps it: the wrapper it defines runs on each
  // request (`def login_required(f): @wraps(f) def wrapper(...)`), the decorator itself once.
  for (size_t i = 0; i < functions.size(); ++i) {
    if (!on_path[i]) continue;
    for (const Expr& decorator : functions[i].decorators) {
      int wrapping = DecoratorFunction(module, decorator);
      if (wrapping < 0 || on_path[wrapping]) continue;
      for (int inner : nested[wrapping]) {
        if (!functions[inner].guarded) reach(inner);
      }
    }
  }
  while (!pending.empty()) {
    int current = pending.back();
    pending.pop_back();
    for (int index : functions[current].calls) {
      const Call& call = module.calls()[index];
      if (!call.guarded && call.target >= 0 && (!follows || follows(call))) reach(call.target);
    }
  }
  return on_path;
}

}  // namespace faaslint::python
