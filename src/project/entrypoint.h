// What Vercel's Python runtime looks for in a function file: a top-level `app` or
// `application` (a WSGI/ASGI app) or `handler` (a BaseHTTPRequestHandler subclass).
// Source: @vercel/python (getMissingExportMessage: 'does not export a top-level "app",
// "application", or "handler" variable') and https://vercel.com/docs/functions/runtimes/python.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/finding.h"
#include "python/module.h"

namespace faaslint::project {

constexpr std::string_view kEntrypointNames[] = {"app", "application", "handler"};

// Whether `module` binds `name` at its top level, outside `if __name__ == "__main__":`
// and similar guards: an assignment, an import, a def or a class.
bool BindsTopLevel(const python::Module& module, std::string_view name);

enum class EntrypointVerdict { kFound, kMissing, kUnknown /* a star import could bind it */ };
EntrypointVerdict FindEntrypoint(const python::Module& module);

// A module-level `x = Flask(...)` / `FastAPI(...)` / `Starlette(...)`... bound to another
// name than Vercel looks for: its name and where. nullopt when there is none.
struct MisnamedApp {
  std::string name;
  Range range;
};
std::optional<MisnamedApp> FindMisnamedApp(const python::Module& module);

}  // namespace faaslint::project
