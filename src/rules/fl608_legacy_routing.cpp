#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

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
no longer deployed as a function, and `functions` cannot be used next to it.

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

// Removing `builds` is safe only when Vercel finds each Python file it builds without it:
// under api/ or as a zero-configuration entrypoint. Advising it for `run.py` would take
// the app off the deployment (QA round 4: the help broke a project that followed it).
std::string BuildsHelp(const std::vector<std::string>& files, const vercel::JsonValue& root) {
  constexpr std::string_view kRemove = "remove `builds`; configure functions with `functions` and routing with `rewrites`";
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
                         "app of `{}`: without `builds` Vercel does not find `{}`, and the app is no longer deployed",
                         file, file);
    }
    return fmt::format("before removing `builds`, move `{}` to `api/index.py` or `app.py`: without `builds` Vercel "
                       "does not find it, and the app is no longer deployed",
                       file);
  }
  return std::string(kRemove);
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
               BuildsHelp(cx.project.snapshot().files(), root));
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
