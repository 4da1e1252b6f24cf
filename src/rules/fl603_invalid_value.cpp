#include <fmt/format.h>

#include "project/project.h"
#include "rules/registry.h"
#include "rules/vercel_rule.h"
#include "vercel/plan_limits.h"
#include "vercel/python_builder_versions.h"
#include "vercel/schema.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL603", "invalid-value", Severity::kError,
    "vercel.json value of the wrong type or out of range (memory, maxDuration, runtime, ...)",
    R"md(## What it does
Checks every value of `vercel.json` against the type and range Vercel accepts:
`memory` 128–10240 MB and at most what your plan allows, `maxDuration` 1–1800 seconds
(or `"max"`) and at most what your plan allows, a `runtime` that names a version
(`vercel-php@0.7.3`), function patterns relative to the project root (no leading `/`),
booleans that are booleans, required properties that are present. A `builds` `use` or a
`runtime` that pins a version of `@vercel/python` npm never published
(`@vercel/python@4.1.2`) is reported too, and so is a `use` with a partial version no
release matches (`@vercel/python@3.9`: a Python version in the builder's place): the
build cannot install it.

The plan is `hobby` unless `.faaslint.yaml` says `plan: pro` or `plan: enterprise`.

## Why it fails on serverless
Vercel refuses to deploy a configuration with an out-of-range or mistyped value, and a
value above your plan's cap fails when the function is created. Either way the error
appears only after a push, one value at a time.

## Example
```json
{
  "functions": {
    "/api/index.py": { "memory": 64, "maxDuration": 900, "runtime": "python3.12" }
  }
}
```

## Instead
```json
{
  "functions": {
    "api/index.py": { "memory": 1024, "maxDuration": 60 }
  }
}
```
Python functions need no `runtime`: the Python version comes from your project
settings or `.python-version`.
)md",
    /*options=*/{}, FindingsIn::kVercelJson};

void CheckPlanCaps(const project::VercelConfig& config, const Settings& settings, Sink& out) {
  const vercel::JsonValue* functions = config.root() ? config.root()->Get("functions") : nullptr;
  if (!functions || !functions->is_object()) return;
  vercel::PlanLimits limits = vercel::LimitsFor(settings.plan);
  for (const vercel::JsonMember& entry : functions->members) {
    const vercel::JsonValue* memory = entry.value.Get("memory");
    if (memory && memory->is_number() && memory->number <= 10240 &&
        memory->number > limits.max_memory_mb) {
      out.Report(Location{config.path, memory->range},
                 fmt::format("memory {} MB is above the {} plan's maximum of {} MB", memory->text,
                             PlanName(settings.plan), limits.max_memory_mb),
                 fmt::format("use at most {}, or set `plan:` in .faaslint.yaml if you are on a larger plan",
                             limits.max_memory_mb));
    }
    const vercel::JsonValue* duration = entry.value.Get("maxDuration");
    if (duration && duration->is_number() && duration->number <= 1800 &&
        duration->number > limits.max_duration_seconds) {
      out.Report(Location{config.path, duration->range},
                 fmt::format("maxDuration {} s is above the {} plan's maximum of {} s", duration->text,
                             PlanName(settings.plan), limits.max_duration_seconds),
                 fmt::format("use at most {} (move longer work to a queue or a cron job), or set `plan:` "
                             "in .faaslint.yaml",
                             limits.max_duration_seconds));
    }
  }
}

// Why npm finds no builder for `version`: an exact version never published, or a
// partial one (3.9) with no release in the range npm reads it as, often a Python version.
std::string NoSuchBuilderVersion(std::string_view version) {
  if (!vercel::IsPartialVersion(version)) {
    return fmt::format("@vercel/python has no version {}: npm cannot install it and the build fails", version);
  }
  // npm 11.19.1, `npm install @vercel/python@3.9` (2026-12-02): "No matching version found
  // for @vercel/python@3.9."
  const std::string why = vercel::LooksLikePythonVersion(version)
                              ? fmt::format("`{}` is a Python version, not the builder's: ", version)
                              : std::string();
  return fmt::format("{}@vercel/python has no {}.x, so npm cannot install it and the build fails (No matching "
                     "version found for @vercel/python@{})",
                     why, version, version);
}

std::string PythonBuilderVersionHelp(std::string_view version) {
  if (vercel::LooksLikePythonVersion(version)) {
    return fmt::format("drop the version, \"@vercel/python\": {}", vercel::kPythonVersionSource);
  }
  return fmt::format("use a published version (the newest is {}) or drop the version: \"@vercel/python\"",
                     vercel::NewestPythonBuilderVersion());
}

// `"use": "@vercel/python@4.1.2"`, `"runtime": "@vercel/python@4.1.2"`: the build
// installs that version from npm, and one that was never published fails it. So does a
// partial `use` (`@vercel/python@3.9`) with no release in its range; a partial `runtime`
// is the schema's to report (fs-detectors wants a full version there).
void CheckPythonBuilderVersion(const project::VercelConfig& config, const vercel::JsonValue* spec, bool exact_only,
                               Sink& out) {
  constexpr std::string_view kPrefix = "@vercel/python@";
  if (!spec || !spec->is_string() || !std::string_view(spec->text).starts_with(kPrefix)) return;
  const std::string_view version = std::string_view(spec->text).substr(kPrefix.size());
  if (exact_only && vercel::IsPartialVersion(version)) return;
  if (vercel::PythonBuilderVersion(version) != vercel::BuilderVersion::kNeverPublished) return;
  out.Report(Location{config.path, spec->range}, NoSuchBuilderVersion(version), PythonBuilderVersionHelp(version));
}

void CheckPythonBuilderVersions(const project::VercelConfig& config, Sink& out) {
  const vercel::JsonValue* root = config.root();
  const vercel::JsonValue* builds = root ? root->Get("builds") : nullptr;
  if (builds && builds->is_array()) {
    for (const vercel::JsonValue& build : builds->items) {
      CheckPythonBuilderVersion(config, build.Get("use"), /*exact_only=*/false, out);
    }
  }
  const vercel::JsonValue* functions = root ? root->Get("functions") : nullptr;
  if (functions && functions->is_object()) {
    for (const vercel::JsonMember& entry : functions->members) {
      CheckPythonBuilderVersion(config, entry.value.Get("runtime"), /*exact_only=*/true, out);
    }
  }
}

void Check(const ProjectContext& cx, Sink& out) {
  const project::VercelConfig* config = VercelConfigToCheck(cx);
  if (!config || !config->document.root) return;
  for (const vercel::SchemaIssue& issue : vercel::ValidateSchema(*config->document.root)) {
    if (issue.kind != vercel::SchemaIssueKind::kInvalidValue) continue;
    out.Report(Location{config->path, issue.range}, issue.message, issue.help);
  }
  CheckPlanCaps(*config, cx.settings, out);
  CheckPythonBuilderVersions(*config, out);
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
