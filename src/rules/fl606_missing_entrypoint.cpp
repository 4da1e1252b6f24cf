#include <fmt/format.h>

#include "project/entrypoint.h"
#include "project/project.h"
#include "python/module.h"
#include "rules/registry.h"
#include "rules/vercel_rule.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL606", "missing-entrypoint", Severity::kError,
    "Python function file without a top-level `app`, `application` or `handler`",
    R"md(## What it does
Checks every Python file Vercel deploys as a function — each `.py` file under `api/`
(except those whose name or folder starts with `_` or `.`), or, without `api/`, the
zero-configuration entrypoint (`app.py`, `index.py`, `server.py`, `main.py`, `wsgi.py`,
`asgi.py` at the root or in `src/`, `app/`, `api/`) — for a top-level `app` or
`application` (a WSGI/ASGI application) or `handler` (a `BaseHTTPRequestHandler`
subclass). It points at the Flask/FastAPI application when it exists under another name.

## Why it fails on serverless
Vercel turns *every* Python file in `api/` into its own function and imports it looking
for one of those three names. A helper module placed in `api/` (`api/utils.py`,
`api/db.py`) has none, so the build fails — or, on older runtimes, the function crashes
with FUNCTION_INVOCATION_FAILED on its first request. An app created as
`server = Flask(__name__)` is invisible to Vercel for the same reason.

## Example
```python
# api/index.py
from flask import Flask
server = Flask(__name__)
```
```python
# api/db.py  -- a helper, but Vercel deploys it as a function
def connect(): ...
```

## Instead
```python
# api/index.py
from flask import Flask
app = Flask(__name__)
```
Move helpers out of `api/` (to `lib/db.py`), or prefix them with `_` (`api/_db.py`):
Vercel leaves those alone and they can still be imported.
)md"};

void Check(const ProjectContext& cx, Sink& out) {
  const project::Project& project = cx.project;
  if (!TargetsVercel(cx)) return;
  if (project.zero_config_entry() && !project.vercel_config()) return;  // not known to be a Vercel project
  std::vector<std::pair<std::string, const python::Module*>> missing;
  bool some_found = false;
  for (const std::string& entry : project.python_entries()) {
    const python::Module* module = project.PythonModule(entry);
    if (!module || module->has_syntax_errors()) continue;
    switch (project::FindEntrypoint(*module)) {
      case project::EntrypointVerdict::kFound: some_found = true; break;
      case project::EntrypointVerdict::kMissing: missing.push_back({entry, module}); break;
      case project::EntrypointVerdict::kUnknown: break;
    }
  }
  // An api/ folder is Vercel's only when vercel.json says so or a sibling is a function:
  // other projects (Django, ...) have api/ packages too.
  if (!project.vercel_config() && !some_found) return;
  for (const auto& [path, module] : missing) {
    if (std::optional<project::MisnamedApp> app = project::FindMisnamedApp(*module)) {
      out.Report(Location{path, app->range},
                 fmt::format("the application is bound to `{}`; Vercel looks for a top-level `app`, `application` "
                             "or `handler`",
                             app->name),
                 fmt::format("rename `{}` to `app` (or add `app = {}`)", app->name, app->name));
      continue;
    }
    out.Report(Location{path, Range{{1, 1}, {1, 1}}},
               fmt::format("{} is deployed as a function but defines no top-level `app`, `application` or "
                           "`handler`",
                           path),
               path.starts_with("api/")
                   ? "if it is a helper, move it out of api/ or rename it to start with `_`"
                   : "expose the WSGI/ASGI application as `app`");
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
