// Which functions of a module run while a request is being served: handlers, Flask's
// per-request hooks, FastAPI's middleware and dependencies (`Depends(get_db)`), AWS
// Lambda's `handler(event, context)`, functions nested in them, the wrappers that the
// module's own decorators put around them, and the module's functions they call
// (transitively). Rules about per-request
// behaviour (FL301, FL302) ask this.
#pragma once

#include <functional>
#include <vector>

#include "python/module.h"

namespace faaslint::python {

// Indexed like Module::functions(): true when the function runs during a request.
// `serves_requests` names more starting points by index, for what only other modules know
// (a Django view that a urls.py names).
std::vector<bool> RequestPathFunctions(const Module& module, const std::function<bool(int)>& serves_requests = {});

// An ASGI app's HTTP middleware, which runs before every route of the app: FastAPI's and
// Starlette's `@app.middleware("http")`, and the `dispatch` method of a Starlette
// BaseHTTPMiddleware subclass (`app.add_middleware(...)` takes the class).
bool IsHttpMiddleware(const Module& module, const Function& function);

// Decorated with functools.lru_cache / functools.cache: its body runs once per argument
// set per instance, so what it creates is kept like a module-level value.
bool IsCachedFunction(const Function& function);

}  // namespace faaslint::python
