#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "project/entrypoint.h"
#include "project/functions.h"
#include "project/project.h"
#include "rules/registry.h"
#include "rules/vercel_rule.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL608", "legacy-routing", Severity::kWarning,
    "legacy `routes` mixed with rewrites/redirects/headers/cleanUrls/trailingSlash, or `builds`",
    R"md(## What it does
Warns when `vercel.json` mixes the legacy `routes` array with the current routing
properties (`rewrites`, `redirects`, `headers`, `cleanUrls`, `trailingSlash`), and when
it uses the legacy `builds` array.

## Why it fails on serverless
Vercel's documentation says `routes` cannot be used together with the newer properties,
and Vercel CLIs before routing-utils 6 refuse the mix ("If `rewrites`, `redirects`,
`headers`, `cleanUrls` or `trailingSlash` are used, then `routes` cannot be present").
Current CLIs accept it, so this is a warning — but the order in which the two kinds of
rules apply is not the order you wrote them in, which makes routing bugs hard to find.
`builds` switches off Vercel's zero-configuration detection: every file not listed is
no longer deployed as a function, and `functions` cannot be used next to it. The help
says what removing it changes: a built file Vercel would no longer find, and the `api/`
Python files `builds` leaves out today, which Vercel then deploys as functions — naming
those without a top-level `app`, `application` or `handler` (FL606), which need one or
must leave `api/` (or be listed in `.vercelignore`).

## Example
```json
{
  "builds": [{ "src": "api/index.py", "use": "@vercel/python" }],
  "routes": [{ "src": "/(.*)", "dest": "api/index.py" }],
  "cleanUrls": true
}
```

## Instead
```json
{
  "rewrites": [{ "source": "/(.*)", "destination": "/api/index" }],
  "cleanUrls": true
}
```
)md",
    /*options=*/{}, FindingsIn::kVercelJson};

constexpr std::string_view kModern[] = {"rewrites", "redirects", "headers", "cleanUrls", "trailingSlash"};

// "a", "a and b", "a, b and c"; past `max` names, "a, b, c and 2 more".
std::string NameList(const std::vector<std::string>& names, size_t max = 3) {
  std::string text;
  const size_t shown = names.size() > max ? max : names.size();
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) text += (i + 1 == shown && shown == names.size()) ? " and " : ", ";
    text += names[i];
  }
  if (shown < names.size()) text += fmt::format(" and {} more", names.size() - shown);
  return text;
}

// The api/ Python files `builds` leaves out today, which Vercel's zero-configuration
// detection deploys once it is gone (QA round 7: a Node-style `def handler(req, res)` in
// api/cron.py, never deployed under `builds`, is what FL606 reports after following the
// help). Those FL606 would report, by its own check (no entrypoint Vercel accepts, and no
// other function file imports them), are named apart: each needs an entrypoint, or to leave
// api/.
std::string NewlyDeployedNote(const project::Project& project, const std::vector<std::string>& built,
                              std::string_view named_already = {}) {
  std::vector<std::string> after;  // the Python functions without `builds`
  std::vector<std::string> added;
  for (const std::string& file : project.snapshot().files()) {
    if (!project::IsApiFunctionFile(file) || !file.ends_with(".py")) continue;
    after.push_back(file);
    if (file != named_already && !std::binary_search(built.begin(), built.end(), file)) {  // built: sorted
      added.push_back(file);
    }
  }
  if (added.empty()) return "";
  const std::set<std::string> helpers = project::ImportedByOtherEntries(project, after);
  std::vector<std::string> deployed, broken;
  for (const std::string& file : added) {
    const python::Module* module = project.PythonModule(file);
    if (module && !module->has_syntax_errors() && !project::HasEntrypoint(*module)) {
      if (!helpers.count(file)) broken.push_back(file);
    } else {
      deployed.push_back(file);
    }
  }
  std::string note;
  if (!deployed.empty()) {
    note += fmt::format("; without `builds`, Vercel also deploys {} as {}", NameList(deployed),
                        deployed.size() == 1 ? "a function" : "functions");
  }
  if (!broken.empty()) {
    const bool one = broken.size() == 1;
    note += fmt::format("; without `builds`, Vercel also takes {} as {}, but {} no top-level `app`, `application` or "
                        "`handler` that Vercel accepts (FL606): give {} one, or move {} out of api/ (or list {} in "
                        ".vercelignore)",
                        NameList(broken), one ? "a function" : "functions", one ? "it has" : "they have",
                        one ? "it" : "each", one ? "it" : "them", one ? "it" : "them");
  }
  return note;
}

// Removing `builds` is safe only when Vercel finds each Python file it builds without it:
// under api/ or as a zero-configuration entrypoint. Advising it for `run.py` would take
// the app off the deployment (QA round 4: the help broke a project that followed it).
std::string BuildsHelp(const project::Project& project, const vercel::JsonValue& root) {
  constexpr std::string_view kRemove = "remove `builds`; configure functions with `functions` and routing with `rewrites`";
  const std::vector<std::string>& files = project.snapshot().files();
  std::optional<std::vector<std::string>> built = project::PythonFilesOfBuilds(files, &root);
  if (!built) return std::string(kRemove);
  const std::vector<std::string> entrypoints = project::ZeroConfigEntrypointCandidates();
  for (const std::string& file : *built) {
    if (project::IsApiFunctionFile(file) ||
        std::find(entrypoints.begin(), entrypoints.end(), file) != entrypoints.end()) {
      continue;
    }
    // QA round 6: a project with a (broken) api/index.py beside the built wsgi.py was told
    // to move wsgi.py onto it. That file is what Vercel deploys once `builds` is gone.
    if (std::binary_search(files.begin(), files.end(), std::string("api/index.py"))) {  // files: sorted
      return fmt::format("before removing `builds`, make `api/index.py`, which Vercel deploys without it, import the "
                         "app of `{}`: without `builds` Vercel does not find `{}`, and the app is no longer deployed{}",
                         file, file, NewlyDeployedNote(project, *built, "api/index.py"));
    }
    return fmt::format("before removing `builds`, move `{}` to `api/index.py` or `app.py`: without `builds` Vercel "
                       "does not find it, and the app is no longer deployed{}",
                       file, NewlyDeployedNote(project, *built));
  }
  return std::string(kRemove) + NewlyDeployedNote(project, *built);
}

void Check(const ProjectContext& cx, Sink& out) {
  const project::VercelConfig* config = VercelConfigToCheck(cx);
  if (!config || !config->root()) return;
  const vercel::JsonValue& root = *config->root();
  // routing-utils 5: `routes` counts when truthy in JavaScript (null does not, an empty
  // array does); the newer properties count when present at all.
  const vercel::JsonMember* routes = root.Find("routes");
  if (routes && !routes->value.is_null() && !(routes->value.is_bool() && !routes->value.boolean)) {
    std::string mixed;
    for (std::string_view key : kModern) {
      if (root.Find(key)) mixed += (mixed.empty() ? "`" : ", `") + std::string(key) + "`";
    }
    if (!mixed.empty()) {
      out.Report(Location{config->path, routes->key_range},
                 fmt::format("legacy `routes` is mixed with {}; older Vercel CLIs reject this", mixed),
                 "move each route into `rewrites`, `redirects` or `headers`, and remove `routes`");
    }
  }
  if (const vercel::JsonMember* builds = root.Find("builds")) {
    out.Report(Location{config->path, builds->key_range},
               "`builds` is legacy: it turns off zero-configuration function detection",
               BuildsHelp(cx.project, root));
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
