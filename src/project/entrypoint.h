// What Vercel's Python builder looks for in a function file, and what it misses.
//
// Source: @vercel/python 25.0.0 (npm) builds each function with detectPythonEntrypoint,
// which reads the file with findAppOrHandler of @vercel/python-analysis 0.14.0 and fails
// the build when it finds nothing ('Could not find a top-level "app", "application", or
// "handler" in "api/x.py"'). Run on sample files, that analysis accepts only statements
// at the top level of the file, none inside `if`/`try`/`with`/`for`:
// - `app` or `application`: an assignment (also chained or annotated), a `def`, or a
//   from-import (`from main import app`, `... import server as app`); not `import x as
//   app`, a tuple target, or a class;
// - `handler` or `Handler`: a class; not a function or an assigned value (`handler =
//   Mangum(app)`). The runtime then exits unless the class is a BaseHTTPRequestHandler
//   subclass ("Could not determine the application interface" from @vercel/python
//   6.28.0; before it packages/python/vc_init.py ran `if not issubclass(base,
//   BaseHTTPRequestHandler): print('Handler must inherit from BaseHTTPRequestHandler');
//   exit(1)`), which a class without bases or deriving only from `object` certainly is
//   not. The launcher runs the file first (`__vc_spec.loader.exec_module(__vc_module)`),
//   so a base class the file never binds (`class handler(BaseHTTPRequestHandler):`
//   without the import) raises NameError before any request is served;
// - a star import binds nothing it can see.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "python/module.h"

namespace faaslint::project {

class Project;

// Whether the builder finds an entrypoint in `module`.
bool HasEntrypoint(const python::Module& module);

// Why a module without an entrypoint looks as if it had one: the name, where, and why
// the builder does not take it. nullopt when nothing is near.
struct EntrypointNearMiss {
  enum class Kind {
    kHandlerNotAClass,    // `def handler(request)`, `handler = Mangum(app)`, `from x import handler`
    kHandlerWithoutBase,  // `class handler:`, `class handler(object):`: the runtime wants a
                          // BaseHTTPRequestHandler subclass
    kHandlerBaseUndefined,  // `class handler(BaseHTTPRequestHandler):` without the import: NameError
    kNotAtTopLevel,       // bound only inside if/try/with/for (or `if __name__ == "__main__":`)
    kOtherForm,           // `app, db = create()`, `import server as app`, `class app:`
    kStarImport,          // `from app import *`
  };
  Kind kind;
  std::string name;
  Range range;  // kHandlerBaseUndefined: the base's
  // kHandlerWithoutBase: "object" when the class names it, else empty;
  // kHandlerBaseUndefined: the base name the module never binds.
  std::string base = {};
};
std::optional<EntrypointNearMiss> FindEntrypointNearMiss(const python::Module& module);

// A module-level `handler` (else `Handler`: the runtime took the first it had) that
// certainly is no class: a function, a lambda, the application, an application or a
// Mangum instance (`handler = Mangum(app)`, written for AWS Lambda). Before @vercel/python
// 6.28.0 the runtime served that name ahead of `app` and stopped on a non-class:
// packages/python/vc_init.py (vercel/vercel 015ad8345372, and 0660c0e0af48 before it)
// runs `issubclass(base, BaseHTTPRequestHandler)` on it, which raises TypeError
// ("issubclass() arg 1 must be a class") at start. nullopt when the name is a class, may
// be one (`handler = make_handler()`, an import) or is bound inside a block (`if
// os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):`), where whether it runs is unknown.
struct NonClassHandler {
  std::string name;
  Range range;
  std::string what;       // "a Mangum adapter (AWS Lambda's)"
  std::string statement;  // "handler = Mangum(app)"
};
std::optional<NonClassHandler> FindNonClassHandler(const python::Module& module);

// Whether the module defines `handler`/`Handler` at the top level with a def or class,
// as Vercel's Python functions name theirs: a sign the file was written for Vercel. Not
// AWS Lambda's `def handler(event, context)` (docs.aws.amazon.com, "Lambda function
// handler in Python": `def handler_name(event, context)`).
bool NamesVercelHandler(const python::Module& module);

// A module-level `x = Flask(...)` / `FastAPI(...)` / `Starlette(...)`... bound to another
// name than Vercel looks for: its name and where. nullopt when there is none.
struct MisnamedApp {
  std::string name;
  Range range;
};
std::optional<MisnamedApp> FindMisnamedApp(const python::Module& module);

// The files among `entries` that another of them imports: helpers (`from api.db import
// connect`, `from .db import connect`). Since vercel/vercel#14493 an api/ file without an
// entrypoint gets no function, and one that another function file imports does no harm
// (QA round 5): FL606 leaves it alone.
std::set<std::string> ImportedByOtherEntries(const Project& project, const std::vector<std::string>& entries);

}  // namespace faaslint::project
