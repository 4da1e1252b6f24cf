#include <fmt/format.h>

#include "project/functions.h"
#include "project/project.h"
#include "python/module.h"
#include "python/values.h"
#include "rules/file_access.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

// The working directory of a function is the task root, /var/task: AWS Lambda developer
// guide, "Defined runtime environment variables" (LAMBDA_TASK_ROOT), which Vercel's
// Python functions run on.
constexpr RuleInfo kInfo{
    "FL205", "cwd-relative-path", Severity::kNote,
    "a file is read by a path relative to the working directory",
    R"(## What it does
Finds files and folders read by a relative path — `open("data.json")`,
`Path("config.yaml").read_text()`, `pd.read_csv("prices.csv")`, `os.listdir("data")`,
FastAPI's `Jinja2Templates(directory="templates")` and `StaticFiles(directory="static")` —
which Python resolves against the current working directory, not against the file that
contains the code. Paths built from `__file__`, absolute paths and `/tmp` are fine, and so
are Flask's templates and static files (Flask resolves them from the app's root).

## Why it fails on serverless
On your machine the working directory is wherever you ran `python app.py`. On the platform
it is the root of the deployed bundle (Vercel and AWS Lambda use the project root,
`/var/task`), while the entry point usually sits in `api/`. A path that worked locally now
points somewhere else, and the read fails with `FileNotFoundError` — or the file was never
part of the bundle. This is a note: it works when the working directory happens to be right,
and it is not reported when the path names a file or folder at the project root, where the
read finds it on the platform too.

## Example
```python
# api/index.py
with open("config.json") as f:   # looks in /var/task, not in api/
    CONFIG = json.load(f)
```

## Instead
Resolve the path from the module's own location, so it is the same everywhere:
```python
HERE = Path(__file__).resolve().parent
CONFIG = json.loads((HERE / "config.json").read_text())
```
and make sure the file is included in the deployment (not excluded by `.vercelignore`).)"};

// A relative path, known in full, that names a file or folder at the project root: the
// working directory on the platform, so the read finds it there as it does locally when
// the app is started from the root (`Jinja2Templates(directory="templates")` in a root
// app.py).
bool AtProjectRoot(const PyContext& cx, const python::PathValue& path) {
  if (cx.project == nullptr || path.shown.find("…") != std::string::npos) return false;
  std::string_view name = path.shown;
  while (name.starts_with("./")) name.remove_prefix(2);
  while (name.ends_with('/')) name.remove_suffix(1);
  if (name.empty() || name.starts_with("../")) return false;
  const Snapshot& snapshot = cx.project->snapshot();
  return project::HasFile(snapshot, name) || project::HasFolder(snapshot, std::string(name) + "/");
}

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  const python::Values& values = cx.values;
  for (const python::Call& call : module.calls()) {
    if (call.guarded || ToleratesMissingFile(call)) continue;
    std::optional<FileAccess> access = ClassifyFileAccess(values, call);
    if (!access || access->write) continue;
    python::PathValue path = values.Path(*access->path, call.function);
    if (path.kind != python::PathKind::kRelative) continue;
    if (AtProjectRoot(cx, path)) continue;
    out.Report(call.callee_range,
               fmt::format("`{}` reads {}: it depends on the directory the process was started from",
                           access->what, python::DescribePath(path)),
               "build the path from the module's location: Path(__file__).resolve().parent / \"...\"");
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
