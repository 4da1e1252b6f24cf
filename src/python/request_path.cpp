#include "python/request_path.h"

#include <algorithm>
#include <string_view>

#include "python/values.h"

namespace faaslint::python {
namespace {

// Flask hooks that run on every request (the module model counts before_request as a
// cold-start hook for FL103; for per-request work it is a request path).
constexpr std::string_view kPerRequestHooks[] = {"before_request", "after_request", "teardown_request",
                                                 "teardown_appcontext"};
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

// AWS Lambda calls `def handler(event, context)` once per invocation (the Lambda Python
// handler signature, AWS Lambda developer guide).
bool IsLambdaHandler(const Function& function) {
  return function.parent == -1 && function.class_index == -1 && function.params.size() == 2 &&
         function.params[0] == "event" && function.params[1] == "context";
}

}  // namespace

bool IsCachedFunction(const Function& function) {
  return std::any_of(function.decorators.begin(), function.decorators.end(), [](const Expr& decorator) {
    std::string_view name = decorator.qualified.empty() ? std::string_view(decorator.text) : decorator.qualified;
    if (decorator.kind == Expr::Kind::kCall) name = name.substr(0, name.find('('));
    return std::find(std::begin(kCacheDecorators), std::end(kCacheDecorators), name) != std::end(kCacheDecorators);
  });
}

std::vector<bool> RequestPathFunctions(const Module& module) {
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
    bool starts = function.is_handler || HasPerRequestHook(module, function) || IsLambdaHandler(function);
    if (starts && !function.guarded) reach(static_cast<int>(i));
  }
  while (!pending.empty()) {
    int current = pending.back();
    pending.pop_back();
    for (int index : functions[current].calls) {
      const Call& call = module.calls()[index];
      if (!call.guarded && call.target >= 0) reach(call.target);
    }
  }
  return on_path;
}

}  // namespace faaslint::python
