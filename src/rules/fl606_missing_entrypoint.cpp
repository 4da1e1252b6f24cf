#include <fmt/format.h>

#include <optional>
#include <set>
#include <string>

#include "project/entrypoint.h"
#include "project/functions.h"
#include "project/project.h"
#include "python/module.h"
#include "rules/registry.h"
#include "rules/vercel_rule.h"
#include "vercel/python_builder_versions.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL606", "missing-entrypoint", Severity::kError,
    "Python function file without a top-level `app`, `application` or `handler`",
    R"md(## What it does
Checks every Python file Vercel deploys as a function — each `.py` file under `api/`
(except those whose name or folder starts with `_` or `.`), the files a legacy `builds`
entry builds with a Python builder, or, without either, the zero-configuration
entrypoint (`app.py`, `index.py`, `server.py`, `main.py`, `wsgi.py`, `asgi.py` at the
root or in `src/`, `app/`, `api/`) — for what Vercel's build looks for: a top-level
`app` or `application` (a WSGI/ASGI application: an assignment, a `def` or a
from-import) or `handler`/`Handler` (a `BaseHTTPRequestHandler` subclass). It points
at the Flask/FastAPI application when it exists under another name, and says why a
near miss does not count: a `handler` that is a function or a wrapped app
(`handler = Mangum(app)`), a `handler` class with no base or deriving only from
`object`, one whose base the file never imports or defines (`class
handler(BaseHTTPRequestHandler):` without `from http.server import
BaseHTTPRequestHandler`), an `app` bound only inside `if`/`try`, a star import.
Without `vercel.json`, the `api/` files are checked when one of them has an entrypoint
or defines a `handler` with a `def` or `class` (not AWS Lambda's
`def handler(event, context)`).

When `vercel.json` pins `@vercel/python` older than 6.28.0 (`"use":
"@vercel/python@4"`), a file with an `app` is reported too when it also binds a
module-level `handler` that is not a class, such as `handler = Mangum(app)`.

## Why it fails on serverless
Vercel reads each Python file in `api/` looking for one of those names, in the file's
top-level statements only (not inside `if` or `try`). Without one it deploys no
function from the file, and a file a `builds` entry names, or the zero-configuration
entrypoint, fails the build: `Could not find a top-level "app", "application", or
"handler"` (on older runtimes the function crashed with FUNCTION_INVOCATION_FAILED on
its first request instead). A helper module placed in `api/` (`api/utils.py`,
`api/db.py`) has none; one that another function file imports is not reported, since it
then gets no function and does no harm. An app created as `server = Flask(__name__)` is invisible to
Vercel for the same reason, and so is `handler = Mangum(app)`, written for AWS Lambda.
A builder older than 6.28.0 served `handler` ahead of `app` whenever the file had one,
and stopped at start when it was not a class. Vercel's runtime runs the file before it
looks at `handler`, and refuses a class that is no `BaseHTTPRequestHandler` subclass
("Handler must inherit from BaseHTTPRequestHandler"): a base class the file never imports
raises NameError there, and every request fails.

## Example
```python
# api/index.py
from flask import Flask
server = Flask(__name__)
```
```python
# api/report.py  -- meant as a function, but Vercel deploys none from it
def report(): ...
```
```python
# api/asgi.py  -- written for AWS Lambda
from mangum import Mangum
from main import app as fastapi_app
handler = Mangum(fastapi_app)
```

## Instead
```python
# api/index.py
from flask import Flask
app = Flask(__name__)
```
```python
# api/asgi.py
from main import app
```
```python
# api/report.py
from flask import Flask
app = Flask(__name__)

@app.get("/api/report")
def report(): ...
```
Move helpers out of `api/` (to `lib/db.py`), or prefix them with `_` (`api/_db.py`):
Vercel leaves those alone and they can still be imported.
)md"};

// The build's own words when it finds no entrypoint (@vercel/python 25.0.0).
constexpr std::string_view kBuildError = "Could not find a top-level \"app\", \"application\", or \"handler\"";

// Why the builder does not take a near miss, and what to do instead.
struct Explanation {
  std::string why;
  std::string help;
  bool build_fails = true;  // else the runtime refuses it
};

// http.server's request handler classes, which `class handler(X):` most often forgets
// to import.
bool IsHttpServerHandlerClass(std::string_view name) {
  return name == "BaseHTTPRequestHandler" || name == "SimpleHTTPRequestHandler" || name == "CGIHTTPRequestHandler";
}

Explanation Explain(const project::EntrypointNearMiss& miss, std::string_view path) {
  using Kind = project::EntrypointNearMiss::Kind;
  const std::string& name = miss.name;
  switch (miss.kind) {
    case Kind::kHandlerNotAClass:
      return {fmt::format("`{}` is not a class: Vercel takes `handler` only as a BaseHTTPRequestHandler subclass and "
                          "an application only as `app` or `application`",
                          name),
              "expose the WSGI/ASGI application as `app`, or make `handler` a BaseHTTPRequestHandler subclass"};
    case Kind::kHandlerWithoutBase:
      // The runtime's words: "Could not determine the application interface" since
      // @vercel/python 6.28.0 (vercel_runtime's resolver tries a class that is no
      // BaseHTTPRequestHandler as an ASGI/WSGI app and exits), "Handler must inherit from
      // BaseHTTPRequestHandler" before it (vc_init.py: `if not issubclass(base,
      // BaseHTTPRequestHandler): print(...); exit(1)`).
      return {fmt::format("`{}` {}: Vercel's runtime refuses it and every request fails (\"Could not determine the "
                          "application interface\"; before @vercel/python 6.28.0: \"Handler must inherit from "
                          "BaseHTTPRequestHandler\")",
                          name,
                          miss.base == "object" ? "derives from object, not BaseHTTPRequestHandler"
                                                : "does not inherit from BaseHTTPRequestHandler"),
              fmt::format("declare it `class {}(BaseHTTPRequestHandler):` (from http.server)", name), false};
    case Kind::kHandlerBaseUndefined: {
      // The launcher runs the file before it looks at `handler` (vc_init.py:
      // `__vc_spec.loader.exec_module(__vc_module)`): the class statement raises NameError.
      std::string help =
          IsHttpServerHandlerClass(miss.base)
              ? fmt::format("import it: `from http.server import {}`", miss.base)
              : fmt::format("import or define `{}` (a BaseHTTPRequestHandler subclass), or derive `{}` from "
                            "http.server's BaseHTTPRequestHandler",
                            miss.base, name);
      return {fmt::format("`{}`, the base class of `{}`, is never imported or defined: importing {} raises NameError, "
                          "so every request fails",
                          miss.base, name, path),
              std::move(help), false};
    }
    case Kind::kNotAtTopLevel:
      return {fmt::format("`{}` is bound only inside a block (if, try, with, for): Vercel's build reads only the "
                          "file's top-level statements",
                          name),
              fmt::format("bind `{}` at the top level (`{} = create_app()`) and make the choice inside the function",
                          name, name)};
    case Kind::kOtherForm:
      return {fmt::format("`{}` is bound by unpacking, `import ... as {}` or a class, which Vercel's build does not "
                          "read as an entrypoint",
                          name, name),
              fmt::format("bind it with an assignment, a def or a from-import: `{} = ...`", name)};
    case Kind::kStarImport:
      return {fmt::format("`from {} import *` may bring in `app`, but Vercel's build reads only the names the file "
                          "binds itself",
                          name),
              fmt::format("import it by name: `from {} import app`", name)};
  }
  return {};
}

// What a missing entrypoint costs. The builder fails the build on a file it is given (a
// `builds` entry, the zero-configuration app), but the zero-configuration detection gives
// it no api/ file without one: since vercel/vercel#14493 (December 2025: "A helper file in
// /api that does not export an app or http handler should *not* create a lambda") such a
// file gets no function at all.
bool AutoDetectedApiFile(const project::Project& project, std::string_view path) {
  const vercel::JsonValue* root = project.vercel_config() ? project.vercel_config()->root() : nullptr;
  const vercel::JsonValue* builds = root ? root->Get("builds") : nullptr;
  return path.starts_with("api/") && !(builds && builds->is_array());
}

std::string Consequence(const project::Project& project, std::string_view path) {
  if (AutoDetectedApiFile(project, path)) return fmt::format("so Vercel deploys no function from {}", path);
  return fmt::format("so the build fails ({})", kBuildError);
}

void ReportNearMiss(const project::Project& project, const std::string& path, const project::EntrypointNearMiss& miss,
                    Sink& out) {
  Explanation explanation = Explain(miss, path);
  std::string message = explanation.build_fails
                            ? fmt::format("{}, {}", explanation.why, Consequence(project, path))
                            : std::move(explanation.why);
  out.Report(Location{path, miss.range}, std::move(message), std::move(explanation.help));
}

// A file with an `app` and, beside it, a `handler` that is no class (`handler =
// Mangum(app)`, left from AWS Lambda): harmless for the builder the vercel CLI bundles,
// whose runtime serves the name the build found, but a builder pinned before 6.28.0 serves
// `handler` first and stops the function at start (entrypoint.h has the sources).
void CheckHandlerAheadOfApp(const project::Project& project, const std::string& path, const python::Module& module,
                            Sink& out) {
  std::optional<project::NonClassHandler> handler = project::FindNonClassHandler(module);
  if (!handler || !project.vercel_config()) return;
  std::optional<std::string> pinned =
      project::PinnedPythonBuilderVersion(project.snapshot().files(), project.vercel_config()->root(), path);
  if (!pinned || !vercel::PythonBuilderServesHandlerBeforeApp(*pinned)) return;
  out.Report(Location{path, handler->range},
             fmt::format("`{}` is {}, not a class, and @vercel/python@{} (before 6.28.0) serves `{}` ahead of "
                         "`app`: its runtime stops the function at start (issubclass() of a non-class raises "
                         "TypeError), so every request fails",
                         handler->name, handler->what, *pinned, handler->name),
             fmt::format("remove `{}`: Vercel serves `app` itself (or unpin the builder: from 6.28.0 it serves the "
                         "`app` the build finds)",
                         handler->statement));
}

void Check(const ProjectContext& cx, Sink& out) {
  const project::Project& project = cx.project;
  if (!TargetsVercel(cx)) return;
  if (project.zero_config_entry() && !project.vercel_config()) return;  // not known to be a Vercel project
  std::vector<std::pair<std::string, const python::Module*>> missing;
  std::optional<std::set<std::string>> helpers;  // found when first needed
  bool some_found = false;
  bool names_handler = false;
  for (const std::string& entry : project.python_entries()) {
    const python::Module* module = project.PythonModule(entry);
    if (!module || module->has_syntax_errors()) continue;
    if (project::HasEntrypoint(*module)) {
      some_found = true;
      CheckHandlerAheadOfApp(project, entry, *module, out);
    } else {
      missing.push_back({entry, module});
      names_handler = names_handler || project::NamesVercelHandler(*module);
    }
  }
  // An api/ folder is Vercel's only when vercel.json says so, a sibling is a function, or
  // a file defines a `handler` as Vercel's functions do: other projects (Django, ...) have
  // api/ packages too.
  if (!project.vercel_config() && !some_found && !names_handler) return;
  for (const auto& [path, module] : missing) {
    if (std::optional<project::EntrypointNearMiss> miss = project::FindEntrypointNearMiss(*module)) {
      ReportNearMiss(project, path, *miss, out);
      continue;
    }
    if (std::optional<project::MisnamedApp> app = project::FindMisnamedApp(*module)) {
      out.Report(Location{path, app->range},
                 fmt::format("the application is bound to `{}`; Vercel looks for a top-level `app`, `application` "
                             "or `handler`",
                             app->name),
                 fmt::format("rename `{}` to `app` (or add `app = {}`)", app->name, app->name));
      continue;
    }
    if (AutoDetectedApiFile(project, path)) {
      if (!helpers) helpers = project::ImportedByOtherEntries(project, project.python_entries());
      if (helpers->count(path)) continue;
      out.Report(Location{path, Range{{1, 1}, {1, 1}}},
                 fmt::format("{} defines no top-level `app`, `application` or `handler`, so Vercel deploys no "
                             "function from it",
                             path),
                 "expose the WSGI/ASGI application as `app` (or, if it is a helper, rename it to start with `_`)");
      continue;
    }
    out.Report(Location{path, Range{{1, 1}, {1, 1}}},
               fmt::format("{} is deployed as a function but defines no top-level `app`, `application` or "
                           "`handler`",
                           path),
               "expose the WSGI/ASGI application as `app`");
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
