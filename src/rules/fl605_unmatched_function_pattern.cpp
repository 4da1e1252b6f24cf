#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "core/glob.h"
#include "project/cron_routes.h"
#include "project/functions.h"
#include "project/project.h"
#include "rules/registry.h"
#include "rules/vercel_rule.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL605", "unmatched-function-pattern", Severity::kWarning,
    "`functions` pattern, `builds` src or rewrite destination in vercel.json that matches no function file",
    R"md(## What it does
Matches every key of `functions` in `vercel.json` (a path or a glob such as
`api/**/*.py`) against the files of the project and warns about a pattern that
matches none of them: a file under `api/`, or, in a project without `api/`, the
entrypoint Vercel's Python builder finds (`app.py`, `index.py`, `server.py`, `main.py`,
`wsgi.py` or `asgi.py` at the root or in `src/`, `app/`, `api/`). A pattern that starts
with `./` is reported too: Vercel
matches patterns against paths written without one (`api/index.py`), so
`./api/*.py` matches nothing. The `src` of each legacy `builds` entry is matched the
same way (there a leading `/` or `./` does no harm). A `destination` of `rewrites` (or a
`dest` of legacy `routes`) that names a Python file of the project Vercel does not deploy
as a function (`"/app1.py"`, with the app in `app1.py` at the root) is reported too.

## Why it fails on serverless
Vercel refuses a deployment whose `functions` names a pattern that matches no
function ("The pattern ... defined in `functions` doesn't match any Serverless
Functions"). Even where it lets it pass, the settings you wrote — memory,
`maxDuration`, `includeFiles` — silently apply to nothing: typically after a file was
renamed or moved out of `api/`. A `builds` entry whose `src` matches nothing builds
nothing, and the deployment succeeds: every route to that file answers 404. A rewrite
to a Python file that is not a function reaches no Python code either: Vercel makes
functions only of files under `api/`, of what `builds` names and of the
zero-configuration app (`app.py`, `index.py`, `server.py` or `main.py`).

## Example
```json
{ "functions": { "api/main.py": { "maxDuration": 60 } } }
```
with the function living in `api/index.py`.

## Instead
```json
{ "functions": { "api/index.py": { "maxDuration": 60 } } }
```
)md",
    /*options=*/{}, FindingsIn::kVercelJson};

// Vercel compares each key with the project's paths as written without a leading "./"
// ("api/index.py"): `key === fileName || minimatch(fileName, key)` in @vercel/fs-detectors
// (checkUnusedFunctions, detect-builders.ts;
// https://github.com/vercel/vercel/blob/main/packages/fs-detectors/src/detect-builders.ts),
// so "./api/*.py" matches nothing and the deployment fails with unused_function (its
// detectBuilders 7.7.3, run by ../shared/vercel-oracle). faaslint's Glob ignores a
// leading "./", as .gitignore-style tools do; Vercel does not.
std::string_view WithoutLeadingDotSlash(std::string_view key) {
  while (key.starts_with("./")) key.remove_prefix(2);
  return key;
}

// `vercel build` expands each `builds` entry to the files its `src` matches, and one
// that matches none to nothing, without a word (expandBuild, vercel CLI 58.10.0).
void CheckBuilds(const project::VercelConfig& config, const std::vector<std::string>& files, Sink& out) {
  const vercel::JsonValue* builds = config.root()->Get("builds");
  if (!builds || !builds->is_array()) return;
  for (const vercel::JsonValue& build : builds->items) {
    const vercel::JsonValue* src = build.Get("src");
    if (!src || !src->is_string() || !project::FilesMatchingBuildSrc(files, src->text).empty()) continue;
    out.Report(Location{config.path, src->range},
               fmt::format("`builds` src \"{}\" matches no file of the project: nothing is built from it, and "
                           "the routes to it answer 404",
                           src->text),
               "point `src` at the file to build, as a path from the project root");
  }
}

// QA round 5: `"rewrites": [{"source": "/(.*)", "destination": "/app1.py"}]` with the
// Flask app in app1.py and no `builds`. Only a destination naming the file with its
// `.py` is judged: "/main" may be a path of the app as well as main.py.
void CheckDestinations(const project::VercelConfig& config, const project::Project& project, Sink& out) {
  auto check = [&](const char* kind, const std::vector<project::PreparedRoute>& entries) {
    for (const project::PreparedRoute& entry : entries) {
      const vercel::JsonValue* destination = entry.destination;
      if (!destination || !destination->is_string()) continue;
      std::string_view target = std::string_view(destination->text).substr(0, destination->text.find('?'));
      if (!target.ends_with(".py")) continue;
      std::optional<project::UndeployedDestination> file = project::UndeployedPythonDestination(project, target);
      if (!file) continue;
      out.Report(Location{config.path, destination->range},
                 fmt::format("{} \"{}\" is not a function: {}, so the requests sent there reach no Python code",
                             kind, destination->text, file->why),
                 file->help);
    }
  };
  check("rewrite destination", project.route_table().rewrites);
  check("route dest", project.route_table().routes);
}

bool IsZeroConfigEntrypoint(std::string_view file) {
  for (std::string_view folder : {"", "src/", "app/", "api/"}) {
    if (!file.starts_with(folder)) continue;
    std::string_view name = file.substr(folder.size());
    for (std::string_view stem : {"app", "index", "server", "main", "wsgi", "asgi"}) {
      if (name.size() == stem.size() + 3 && name.starts_with(stem) && name.ends_with(".py")) return true;
    }
  }
  return false;
}

void Check(const ProjectContext& cx, Sink& out) {
  const project::VercelConfig* config = VercelConfigToCheck(cx);
  if (!config || !config->root()) return;
  CheckBuilds(*config, cx.project.snapshot().files(), out);
  CheckDestinations(*config, cx.project, out);
  const vercel::JsonValue* functions = config->root()->Get("functions");
  if (!functions || !functions->is_object()) return;
  // Like @vercel/fs-detectors (checkUnusedFunctions), a pattern must match a function:
  // a file under api/. A project without api/ functions deploys a zero-configuration
  // app, whose function is the entrypoint the Python builder finds: app, index, server,
  // main, wsgi or asgi (.py) at the root or in src/, app/ or api/ (@vercel/python's
  // entrypoint candidates). A pyproject.toml may name another one (`[project.scripts]
  // app`): then any file of the project counts.
  const std::vector<std::string>& files = cx.project.snapshot().files();
  std::vector<std::string> candidates;
  for (const std::string& file : files) {
    if (project::IsApiFunctionFile(file)) candidates.push_back(file);
  }
  if (candidates.empty()) {
    for (const std::string& file : files) {
      if (IsZeroConfigEntrypoint(file)) candidates.push_back(file);
    }
    if (project::HasFile(cx.project.snapshot(), "pyproject.toml")) candidates = files;
  }
  for (const vercel::JsonMember& entry : functions->members) {
    if (!entry.key.empty() && entry.key[0] == '/') continue;  // FL603 reports these
    if (entry.key.starts_with("./")) {
      out.Report(Location{config->path, entry.key_range},
                 fmt::format("`functions` pattern \"{}\" starts with `./`: Vercel matches patterns against paths "
                             "written without it, so this one matches no function file",
                             entry.key),
                 fmt::format("drop the `./`: \"{}\"", WithoutLeadingDotSlash(entry.key)));
      continue;
    }
    const Glob pattern(entry.key);
    auto [first, last] = CandidatePaths(pattern, candidates);  // sorted: the snapshot's order
    bool matched = std::any_of(first, last, [&](const std::string& file) {
      return file == entry.key || pattern.Matches(file);
    });
    if (matched) continue;
    out.Report(Location{config->path, entry.key_range},
               fmt::format("`functions` pattern \"{}\" matches no function file of the project", entry.key),
               "point it at the function file (for example \"api/index.py\" or \"api/**/*.py\")");
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
