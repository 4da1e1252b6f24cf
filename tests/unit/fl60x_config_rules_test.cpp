// FL601-FL603: vercel.json syntax, unknown properties, invalid values.
#include <gtest/gtest.h>

#include "project/project.h"
#include "rules/registry.h"
#include "support/project_fixture.h"
#include "vercel/python_builder_versions.h"

namespace faaslint::testing {
namespace {

std::string Lint(const std::string& code, const std::string& vercel_json, Plan plan = Plan::kHobby) {
  Settings settings;
  settings.plan = plan;
  return Render(RunProjectRule(code, {{"vercel.json", vercel_json}, {"api/index.py", "app = 1\n"}}, settings));
}

// vercel.json whose `builds` build api/a.py, api/b.py, ... with `uses`, one entry a line
// from line 2 (each `use` value starts in column 30).
std::string BuildsUsing(const std::vector<std::string>& uses) {
  std::string json = "{\"builds\": [";
  for (size_t i = 0; i < uses.size(); ++i) {
    json += "\n  {\"src\": \"api/" + std::string(1, static_cast<char>('a' + i)) + ".py\", \"use\": \"" + uses[i] +
            "\"}" + (i + 1 < uses.size() ? "," : "]}");
  }
  return json;
}

TEST(FL601, ReportsEveryProblemWithItsPosition) {
  EXPECT_EQ(Lint("FL601", "{\n  // note\n  \"cleanUrls\": true,\n}\n"),
            "vercel.json:2:3: comments are not allowed in JSON (`//` comment)\n"
            "vercel.json:3:20: trailing comma before `}` is not allowed in JSON\n");
}

TEST(FL601, SilentOnStrictJsonAndWithoutVercelJson) {
  EXPECT_EQ(Lint("FL601", "{\"cleanUrls\": true}\n"), "");
  EXPECT_EQ(Render(RunProjectRule("FL601", {{"api/index.py", "app = 1\n"}})), "");
}

TEST(FL601, OtherRulesStillSeeTheRestOfABrokenFile) {
  // The comment is FL601's; the typo after it is still FL602's.
  EXPECT_EQ(Lint("FL602", "{\n  # old\n  \"cleanUrl\": true,\n}\n"),
            "vercel.json:3:3: unknown property `cleanUrl` at the top level of vercel.json; did you mean "
            "`cleanUrls`?\n");
}

TEST(FL602, UnknownPropertiesAtEveryLevelWithSuggestions) {
  EXPECT_EQ(Lint("FL602", R"J({
  "public": true,
  "_comment": "x",
  "functions": {"api/*.py": {"maxduration": 10}},
  "crons": [{"path": "/api/c", "schedule": "0 0 * * *", "sechdule": "x"}],
  "rewrites": [{"source": "/a", "destination": "/b", "permanent": true}]
})J"),
            "vercel.json:2:3: unknown property `public` at the top level of vercel.json\n"
            "vercel.json:3:3: unknown property `_comment` at the top level of vercel.json\n"
            "vercel.json:4:30: unknown property `maxduration` in `functions['api/*.py']`; did you mean "
            "`maxDuration`?\n"
            "vercel.json:5:57: unknown property `sechdule` in `crons[0]`; did you mean `schedule`?\n"
            "vercel.json:6:54: unknown property `permanent` in `rewrites[0]`\n");
}

TEST(FL602, KnownPropertiesPass) {
  EXPECT_EQ(Lint("FL602", R"J({"$schema": "https://openapi.vercel.sh/vercel.json", "buildCommand": null,
    "functions": {"api/*.py": {"memory": 1024, "maxDuration": 60, "includeFiles": "data/**"}},
    "routes": [{"handle": "filesystem"}, {"src": "/(.*)", "dest": "/api/index.py"}],
    "headers": [{"source": "/(.*)", "headers": [{"key": "x", "value": "y"}]}],
    "git": {"deploymentEnabled": {"main": true}}, "regions": ["iad1"]})J"),
            "");
}

// routing-utils hasSchema: a host condition is `type` + `value`, with no `key`. The CLI's
// validateConfig rejects a `key` there, in `has` and `missing` alike, and a host condition
// without a `value` (vercel@58.10.0 via ../shared/vercel-oracle).
TEST(FL602, HostConditionWithAKey) {
  EXPECT_EQ(Lint("FL602", R"J({"rewrites": [{"source": "/a", "destination": "/api/index",
    "has": [{"type": "host", "key": "x", "value": "a.com"}],
    "missing": [{"type": "host", "value": "b.com", "key": "y"}]}]})J"),
            "vercel.json:2:30: unknown property `key` in `rewrites[0].has[0]`: a `\"type\": \"host\"` condition "
            "takes only `type` and `value`, which is matched against the host name\n"
            "vercel.json:3:52: unknown property `key` in `rewrites[0].missing[0]`: a `\"type\": \"host\"` "
            "condition takes only `type` and `value`, which is matched against the host name\n");
}

TEST(FL602, ConditionsOfTheirOwnShapePass) {
  EXPECT_EQ(Lint("FL602", R"J({"rewrites": [{"source": "/a", "destination": "/api/index",
    "has": [{"type": "host", "value": "a.com"}, {"type": "header", "key": "x-tenant", "value": "t1"},
            {"type": "cookie", "key": "session"}, {"type": "query", "key": "q", "value": {"eq": "1"}}]}],
    "headers": [{"source": "/(.*)", "headers": [{"key": "x", "value": "y"}],
                 "missing": [{"type": "host", "value": "example.com"}]}]})J"),
            "");
}

TEST(FL603, HostConditionWithoutAValue) {
  EXPECT_EQ(Lint("FL603", R"J({"redirects": [{"source": "/a", "destination": "/b",
    "has": [{"type": "host"}, {"type": "host", "value": "a.com"}, {"type": "ip", "value": "1.1.1.1"}]}]})J"),
            "vercel.json:2:13: `redirects[0].has[0]` is missing the required property `value`\n"
            "vercel.json:2:76: `redirects[0].has[2].type` must be one of \"host\", \"header\", \"cookie\", "
            "\"query\", not \"ip\"\n");
}

TEST(FL603, TypesRangesRuntimeAndPaths) {
  EXPECT_EQ(Lint("FL603", R"J({
  "cleanUrls": "yes",
  "functions": {
    "/api/a.py": {"memory": 64, "maxDuration": 0},
    "api/b.py": {"maxDuration": "forever", "runtime": "python3.12"},
    "api/c.py": {}
  },
  "crons": [{"path": "/api/c"}]
})J"),
            "vercel.json:2:16: `cleanUrls` must be a boolean, not a string\n"
            "vercel.json:4:5: function pattern \"/api/a.py\" starts with `/`; it must be relative to the "
            "project root\n"
            "vercel.json:4:29: `functions['/api/a.py'].memory` must be between 128 and 10240 (got 64)\n"
            "vercel.json:4:48: `functions['/api/a.py'].maxDuration` must be between 1 and 1800 or \"max\" "
            "(got 0)\n"
            "vercel.json:5:33: `functions['api/b.py'].maxDuration` must be one of \"max\" or a number, not "
            "\"forever\"\n"
            "vercel.json:5:55: `functions['api/b.py'].runtime` \"python3.12\" has no version; a community "
            "runtime is written `name@1.2.3`\n"
            "vercel.json:6:17: `functions['api/c.py']` must set at least one property\n"
            "vercel.json:8:13: `crons[0]` is missing the required property `schedule`\n");
}

// The help for a `runtime` without a version fits the language of the pattern's files
// (QA: a Node.js cron function was told that Python functions need no runtime).
TEST(FL603, RuntimeHelpFitsTheFunctionsLanguage) {
  auto help_for = [](const std::string& pattern) {
    std::vector<Finding> findings =
        RunProjectRule("FL603", {{"vercel.json", "{\"functions\": {\"" + pattern + "\": {\"runtime\": \"x18\"}}}"},
                                 {"api/index.py", "app = 1\n"}});
    return findings.size() == 1 ? findings[0].help : "no single finding";
  };
  EXPECT_TRUE(help_for("api/cron.py").starts_with("Python functions need no `runtime`")) << help_for("api/cron.py");
  EXPECT_TRUE(help_for("api/cron.js").starts_with("Node.js functions take their version from package.json"));
  EXPECT_TRUE(help_for("api/*.{js,ts}").starts_with("Node.js functions"));
  EXPECT_TRUE(help_for("api/**/*").starts_with("Vercel's own runtimes need no `runtime`"));
}

// A pinned @vercel/python that npm never published fails the build (QA round 4: a
// project pinned one); published versions, ranges, tags and versions newer than the
// table knows are not reported.
TEST(FL603, PythonBuilderVersionNeverPublished) {
  EXPECT_EQ(Lint("FL603", BuildsUsing({"@vercel/python@4.1.2", "@vercel/python@3.1.60", "@vercel/python@4",
                                       "@vercel/python@^3.1.0", "@vercel/python@latest", "@vercel/python@99.0.0",
                                       "@vercel/python", "@vercel/python@15.0.0"})),
            "vercel.json:2:30: @vercel/python has no version 4.1.2: npm cannot install it and the build fails\n"
            "vercel.json:9:30: @vercel/python has no version 15.0.0: npm cannot install it and the build fails\n");
  EXPECT_EQ(Lint("FL603", R"J({"functions": {"api/*.py": {"runtime": "@vercel/python@2.1.0"},
  "api/x.py": {"runtime": "@vercel/python@6.0.0"}}})J"),
            "vercel.json:1:40: @vercel/python has no version 2.1.0: npm cannot install it and the build fails\n");
}

// QA round 5 (repro M7): `@vercel/python@3.9`, a Python version where the builder's goes.
// npm reads a partial version as a range (3.9.x) and fails when no release is in it; a
// range or partial version a release matches, a tag (the CLI then uses the builder it
// bundles) and a version newer than the table knows are not reported.
TEST(FL603, PartialBuilderVersionWithoutARelease) {
  std::vector<Finding> findings = RunProjectRule(
      "FL603", {{"vercel.json", BuildsUsing({"@vercel/python@3.9", "@vercel/python@5.1", "@vercel/python@3.12",
                                             "@vercel/python@4", "@vercel/python@4.3", "@vercel/python@3",
                                             "@vercel/python@^4.0.0", "@vercel/python@canary", "@vercel/python@26",
                                             "@vercel/python@25.1"})}});
  EXPECT_EQ(RenderWithHelp(findings),
            "vercel.json:2:30: `3.9` is a Python version, not the builder's: @vercel/python has no 3.9.x, so npm "
            "cannot install it and the build fails (No matching version found for @vercel/python@3.9)\n"
            "  help: drop the version, \"@vercel/python\": the Python version comes from `.python-version` or "
            "pyproject.toml's `requires-python`\n"
            "vercel.json:3:30: @vercel/python has no 5.1.x, so npm cannot install it and the build fails (No "
            "matching version found for @vercel/python@5.1)\n"
            "  help: use a published version (the newest is 25.0.0) or drop the version: \"@vercel/python\"\n"
            "vercel.json:4:30: `3.12` is a Python version, not the builder's: @vercel/python has no 3.12.x, so npm "
            "cannot install it and the build fails (No matching version found for @vercel/python@3.12)\n"
            "  help: drop the version, \"@vercel/python\": the Python version comes from `.python-version` or "
            "pyproject.toml's `requires-python`\n");
}

// A function `runtime` wants a full version (fs-detectors validateFunctions), so the
// schema reports a partial one, once, and names a Python version for what it is.
TEST(FL603, PythonVersionAsAFunctionRuntime) {
  EXPECT_EQ(RenderWithHelp(RunProjectRule(
                "FL603", {{"vercel.json", R"J({"functions": {"api/*.py": {"runtime": "@vercel/python@3.9"}}})J"},
                          {"api/index.py", "app = 1\n"}})),
            "vercel.json:1:40: `functions['api/*.py'].runtime` \"@vercel/python@3.9\" ends in `3.9`, a Python "
            "version, not the runtime's; a runtime is written `name@1.2.3`\n"
            "  help: remove `runtime`: Python functions need none, and the Python version comes from "
            "`.python-version` or pyproject.toml's `requires-python`\n");
  EXPECT_EQ(Lint("FL603", R"J({"functions": {"api/*.py": {"runtime": "@vercel/python@4.3"}}})J"),
            "vercel.json:1:40: `functions['api/*.py'].runtime` \"@vercel/python@4.3\" has no version; a community "
            "runtime is written `name@1.2.3`\n");
}

TEST(PythonBuilderVersions, WhatNpmInstallsForAPin) {
  using vercel::BuilderVersion;
  EXPECT_EQ(vercel::PythonBuilderVersion("4.3.1"), BuilderVersion::kPublished);
  EXPECT_EQ(vercel::PythonBuilderVersion("4.3"), BuilderVersion::kPublished);
  EXPECT_EQ(vercel::PythonBuilderVersion("25"), BuilderVersion::kPublished);
  EXPECT_EQ(vercel::PythonBuilderVersion("3.10"), BuilderVersion::kNeverPublished);
  EXPECT_EQ(vercel::PythonBuilderVersion("0"), BuilderVersion::kNeverPublished);
  for (const char* unknown : {"25.1", "26", "99.0.0", "latest", "3.x", "~3.1.0", "3.9.", ".9", "v3.9", ""}) {
    EXPECT_EQ(vercel::PythonBuilderVersion(unknown), BuilderVersion::kUnknown) << unknown;
  }
  EXPECT_TRUE(vercel::PythonBuilderServesHandlerBeforeApp("6.26.0"));
  EXPECT_TRUE(vercel::PythonBuilderServesHandlerBeforeApp("5"));
  EXPECT_FALSE(vercel::PythonBuilderServesHandlerBeforeApp("6"));  // npm installs 6.58.0
  EXPECT_FALSE(vercel::PythonBuilderServesHandlerBeforeApp("6.28.0"));
  EXPECT_FALSE(vercel::PythonBuilderServesHandlerBeforeApp("6.27"));  // no 6.27.x: nothing installs
  EXPECT_FALSE(vercel::PythonBuilderServesHandlerBeforeApp("4.1.2"));
  EXPECT_FALSE(vercel::PythonBuilderServesHandlerBeforeApp("latest"));
  EXPECT_FALSE(vercel::PythonBuilderServesHandlerBeforeApp("1.2.2-canary.2"));
}

TEST(FL603, PlanCapsFollowTheConfiguredPlan) {
  std::string config = R"J({"functions": {"api/*.py": {"memory": 3008, "maxDuration": 600}}})J";
  EXPECT_EQ(Lint("FL603", config, Plan::kHobby),
            "vercel.json:1:39: memory 3008 MB is above the hobby plan's maximum of 2048 MB\n"
            "vercel.json:1:60: maxDuration 600 s is above the hobby plan's maximum of 300 s\n");
  EXPECT_EQ(Lint("FL603", config, Plan::kPro), "");
  EXPECT_EQ(Lint("FL603", R"J({"functions": {"api/*.py": {"maxDuration": 900}}})J", Plan::kPro),
            "vercel.json:1:44: maxDuration 900 s is above the pro plan's maximum of 800 s\n");
}

TEST(FL603, ValidValuesPass) {
  EXPECT_EQ(Lint("FL603", R"J({"functions": {"api/*.py": {"memory": 1024, "maxDuration": "max",
    "runtime": "vercel-php@0.7.3"}}, "cleanUrls": false, "crons": [{"path": "/a", "schedule": "0 0 * * *"}]})J"),
            "");
}

TEST(FL603, TopLevelMustBeAnObject) {
  EXPECT_EQ(Lint("FL603", "[1]"), "vercel.json:1:1: `vercel.json` must be an object, not an array\n");
}

}  // namespace
}  // namespace faaslint::testing

namespace faaslint::testing {
namespace {

// A snapshot whose vercel.json is listed but cannot be read.
class UnreadableVercelJson final : public Snapshot {
 public:
  const std::string& root() const override { return root_; }
  const std::vector<std::string>& files() const override { return files_; }
  bool Read(std::string_view, std::string*, std::string* error) const override {
    *error = "permission denied";
    return false;
  }

 private:
  std::string root_ = "/memory";
  std::vector<std::string> files_ = {"vercel.json"};
};

TEST(FL601, UnreadableFileIsReported) {
  UnreadableVercelJson snapshot;
  project::Project project(snapshot);
  const rules::Rule* rule = rules::Registry::Get().Find("FL601");
  rules::RuleOptions options(*rule->info, nullptr);
  std::vector<Finding> findings;
  rules::Sink sink(*rule->info, "", &findings);
  rule->project(rules::ProjectContext{project, options, Settings{}}, sink);
  EXPECT_EQ(Render(findings), "vercel.json:1:1: cannot read vercel.json: permission denied\n");
}

}  // namespace
}  // namespace faaslint::testing
