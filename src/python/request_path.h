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
#include "python/values.h"

namespace faaslint::python {

// Indexed like Module::functions(): true when the function runs during a request.
// `serves_requests` names more starting points by index, for what only other modules know
// (a Django view that a urls.py names). `follows`, when given, says which calls of the
// module's functions a request goes through (every call when not given).
std::vector<bool> RequestPathFunctions(const Module& module, const std::function<bool(int)>& serves_requests = {},
                                       const std::function<bool(const Call&)>& follows = {});

// `call` runs the coroutine it is given on an event loop made for the call and closed when
// it returns: `asyncio.run(main())`, `uvloop.run(main())`, `run_until_complete(main())` of
// a loop the function makes itself (`loop = asyncio.new_event_loop()`, not a module-level
// loop, which lives as long as the instance), `run(main())` of a local `asyncio.Runner()`.
bool RunsOnNewEventLoop(const Values& values, const Call& call);

// `call` is made inside the argument of a call that RunsOnNewEventLoop: the `main()` of
// `asyncio.run(main())`, also through `asyncio.run(asyncio.wait_for(main(), 10))`.
bool InsideNewEventLoop(const Values& values, const Call& call);

// An ASGI app's HTTP middleware, which runs before every route of the app: FastAPI's and
// Starlette's `@app.middleware("http")`, and the `dispatch` method of a Starlette
// BaseHTTPMiddleware subclass (`app.add_middleware(...)` takes the class).
bool IsHttpMiddleware(const Module& module, const Function& function);

// Decorated with functools.lru_cache / functools.cache: its body runs once per argument
// set per instance, so what it creates is kept like a module-level value.
bool IsCachedFunction(const Function& function);

}  // namespace faaslint::python
