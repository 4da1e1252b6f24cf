// FL604, FL605, FL608, FL609 (vercel.json routing and functions) and FL701, FL702,
// FL703 (path form), FL706 (cron jobs).
#include <gtest/gtest.h>

#include <string>

#include "support/project_fixture.h"

namespace faaslint::testing {
namespace {

std::string Lint(const std::string& code, const std::string& vercel_json, Plan plan = Plan::kHobby) {
  Settings settings;
  settings.plan = plan;
  return Render(RunProjectRule(
      code, {{"vercel.json", vercel_json}, {"api/index.py", "app = 1\n"}, {"api/cron.py", "app = 1\n"}}, settings));
}

TEST(FL604, FunctionsWithBuildsAndAliasedRouteProperties) {
  EXPECT_EQ(Lint("FL604", R"J({
  "builds": [{"src": "api/index.py", "use": "@vercel/python"}],
  "functions": {"api/index.py": {"memory": 1024}},
  "routes": [{"src": "/a", "source": "/b", "dest": "/c"}],
  "redirects": [{"source": "/x", "destination": "/y", "permanent": true, "statusCode": 301}]
})J"),
            "vercel.json:3:3: `functions` cannot be used together with `builds`\n"
            "vercel.json:4:28: `routes[0]` sets both `src` and `source`\n"
            "vercel.json:5:74: `redirects[0]` sets both `permanent` and `statusCode`\n");
}

TEST(FL604, SilentOnCompatibleProperties) {
  EXPECT_EQ(Lint("FL604", R"J({"functions": {"api/index.py": {"memory": 1024}},
    "redirects": [{"source": "/x", "destination": "/y", "permanent": true}]})J"),
            "");
}

TEST(FL605, PatternMatchingNoFile) {
  EXPECT_EQ(Lint("FL605", R"J({"functions": {"api/main.py": {"memory": 1024}, "api/*.py": {"maxDuration": 10},
    "api/**/*.py": {"memory": 512}}})J"),
            "vercel.json:1:16: `functions` pattern \"api/main.py\" matches no function file of the project\n");
}

// Vercel matches `functions` keys against paths written without "./": @vercel/fs-detectors
// 7.7.3 (../shared/vercel-oracle) fails both "./" keys below with unused_function.
TEST(FL605, PatternStartingWithDotSlashMatchesNothingOnVercel) {
  std::vector<Finding> findings = RunProjectRule(
      "FL605", {{"vercel.json", R"J({"functions": {"./api/*.py": {"maxDuration": 30},
    "./api/index.py": {"memory": 1024}, "api/*.py": {"memory": 512}, "api/index.py": {"maxDuration": 10}}})J"},
                {"api/index.py", "app = 1\n"}});
  EXPECT_EQ(Render(findings),
            "vercel.json:1:16: `functions` pattern \"./api/*.py\" starts with `./`: Vercel matches patterns against "
            "paths written without it, so this one matches no function file\n"
            "vercel.json:2:5: `functions` pattern \"./api/index.py\" starts with `./`: Vercel matches patterns "
            "against paths written without it, so this one matches no function file\n");
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].help, "drop the `./`: \"api/*.py\"");
  EXPECT_EQ(findings[1].help, "drop the `./`: \"api/index.py\"");
}

// A zero-configuration app (no api/ functions): any file counts, but "./" still matches none.
TEST(FL605, DotSlashPatternOfAZeroConfigAppIsReportedToo) {
  EXPECT_EQ(Render(RunProjectRule("FL605", {{"vercel.json", R"J({"functions": {"./app.py": {"maxDuration": 30}}})J"},
                                            {"app.py", "app = 1\n"}})),
            "vercel.json:1:16: `functions` pattern \"./app.py\" starts with `./`: Vercel matches patterns against "
            "paths written without it, so this one matches no function file\n");
  EXPECT_EQ(Render(RunProjectRule("FL605", {{"vercel.json", R"J({"functions": {"app.py": {"maxDuration": 30}}})J"},
                                            {"app.py", "app = 1\n"}})),
            "");
}

// QA round 5: everything rewritten to the Flask app in app1.py, which Vercel deploys as
// no function (it is not under api/, not named by `builds`, not a zero-configuration name).
TEST(FL605, RewriteToAPythonFileThatIsNoFunction) {
  constexpr const char* kFlask = "from flask import Flask\napp = Flask(__name__)\n";
  std::vector<Finding> findings = RunProjectRule(
      "FL605", {{"vercel.json", R"J({"rewrites": [{"source": "/(.*)", "destination": "/app1.py"}]})J"},
                {"app1.py", kFlask}});
  EXPECT_EQ(Render(findings),
            "vercel.json:1:50: rewrite destination \"/app1.py\" is not a function: Vercel deploys app1.py as a "
            "function only from api/ or as the zero-configuration app (app.py, index.py, server.py or main.py, at "
            "the root or in src/ or app/), so the requests sent there reach no Python code\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].help, "move app1.py to api/app1.py and send the requests to \"/api/app1\"");

  // With `builds`, only what it names is deployed: a legacy route to another file.
  findings = RunProjectRule("FL605", {{"vercel.json", R"J({"builds": [{"src": "app.py", "use": "@vercel/python"}],
  "routes": [{"src": "/(.*)", "dest": "app1.py"}]})J"},
                                      {"app.py", kFlask},
                                      {"app1.py", kFlask}});
  EXPECT_EQ(Render(findings),
            "vercel.json:2:39: route dest \"app1.py\" is not a function: Vercel deploys app1.py as a function only "
            "if `builds` names it, so the requests sent there reach no Python code\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].help, "add {\"src\": \"app1.py\", \"use\": \"@vercel/python\"} to `builds`");
}

TEST(FL605, RewritesToFunctionsOrToNoPythonFileAreNotReported) {
  constexpr const char* kFlask = "from flask import Flask\napp = Flask(__name__)\n";
  // An api/ function, by its path or its file name; the file `builds` names; the
  // zero-configuration app; a path the app may serve ("/main", beside main.py); a file
  // that is not there (a static path, or FL609's business).
  EXPECT_EQ(Render(RunProjectRule("FL605", {{"vercel.json", R"J({"rewrites": [
  {"source": "/a", "destination": "/api/index"}, {"source": "/b", "destination": "/api/index.py"},
  {"source": "/c", "destination": "/main"}, {"source": "/d", "destination": "/docs/example.py"}]})J"},
                                            {"api/index.py", kFlask},
                                            {"main.py", kFlask}})),
            "");
  EXPECT_EQ(Render(RunProjectRule("FL605", {{"vercel.json", R"J({"builds": [{"src": "app1.py", "use": "@vercel/python"}],
  "routes": [{"src": "/(.*)", "dest": "/app1.py"}]})J"},
                                            {"app1.py", kFlask}})),
            "");
  EXPECT_EQ(Render(RunProjectRule("FL605", {{"vercel.json", R"J({"rewrites": [{"source": "/(.*)", "destination": "/app.py"}]})J"},
                                            {"app.py", kFlask}})),
            "");
  // A vercel.json with an error (here a comment, FL601's) names no `builds` Vercel reads.
  EXPECT_EQ(Render(RunProjectRule("FL605", {{"vercel.json", R"J(// the app
{"builds": [{"src": "index.py", "use": "@vercel/python"}], "routes": [{"src": "/(.*)", "dest": "/index.py"}]})J"},
                                            {"index.py", kFlask}})),
            "");
}

TEST(FL608, RoutesMixedWithModernPropertiesAndBuilds) {
  EXPECT_EQ(Lint("FL608", R"J({"builds": [{"src": "api/index.py", "use": "@vercel/python"}],
    "routes": [{"src": "/(.*)", "dest": "/api/index.py"}], "cleanUrls": true, "headers": []})J"),
            "vercel.json:1:2: `builds` is legacy: it turns off zero-configuration function detection\n"
            "vercel.json:2:5: legacy `routes` is mixed with `headers`, `cleanUrls`; older Vercel CLIs reject this\n");
  EXPECT_EQ(Lint("FL608", R"J({"routes": [{"src": "/(.*)", "dest": "/api/index.py"}]})J"), "");
  EXPECT_EQ(Lint("FL608", R"J({"rewrites": [{"source": "/(.*)", "destination": "/api/index"}], "cleanUrls": true})J"),
            "");
}

// The advice to remove `builds` is given only when Vercel would still find every Python
// file it builds (QA round 4: a Flask app in run.py, told to remove `builds`, would no
// longer be deployed).
TEST(FL608, BuildsHelpKeepsAnEntrypointVercelWouldNotFind) {
  auto help = [](const std::string& entry) {
    std::vector<Finding> findings = RunProjectRule(
        "FL608", {{"vercel.json", "{\"builds\": [{\"src\": \"" + entry + "\", \"use\": \"@vercel/python\"}]}"},
                  {entry, "from flask import Flask\napp = Flask(__name__)\n"}});
    return findings.size() == 1 ? findings[0].help : "no single finding";
  };
  EXPECT_EQ(help("run.py"),
            "before removing `builds`, move `run.py` to `api/index.py` or `app.py`: without `builds` Vercel does not "
            "find it, and the app is no longer deployed");
  EXPECT_EQ(help("backend/server.py"),
            "before removing `builds`, move `backend/server.py` to `api/index.py` or `app.py`: without `builds` "
            "Vercel does not find it, and the app is no longer deployed");
  for (const char* found : {"app.py", "api/index.py", "src/main.py", "api/v1/users.py"}) {
    EXPECT_EQ(help(found), "remove `builds`; configure functions with `functions` and routing with `rewrites`")
        << found;
  }
}

// QA round 6: beside an api/index.py (here a broken one), moving the built wsgi.py onto it
// is no advice; that file is the function once `builds` is gone.
TEST(FL608, BuildsHelpBesideAnApiIndexImportsTheApp) {
  std::vector<Finding> findings = RunProjectRule(
      "FL608", {{"vercel.json", R"J({"builds": [{"src": "mysite/wsgi.py", "use": "@vercel/python"}]})J"},
                {"mysite/wsgi.py", "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n"},
                {"api/index.py", "from django.core.wsgi import get_wsgi_application\nhandler = get_wsgi_application()\n"}});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].help,
            "before removing `builds`, make `api/index.py`, which Vercel deploys without it, import the app of "
            "`mysite/wsgi.py`: without `builds` Vercel does not find `mysite/wsgi.py`, and the app is no longer "
            "deployed");
}

// QA round 7 (repro msg1, from a real repository): `builds` names only app.py, and
// api/cron.py, a Node-style `def handler(req, res)`, is not deployed today. Without `builds`
// Vercel takes every api/ Python file as a function, and FL606 then reports api/cron.py:
// the help names the files that start being deployed, and those without an entrypoint.
TEST(FL608, BuildsHelpNamesTheApiFilesDeployedWithoutIt) {
  const std::string flask = "from flask import Flask\napp = Flask(__name__)\n";
  const std::string handler = "from http.server import BaseHTTPRequestHandler\n"
                              "class handler(BaseHTTPRequestHandler):\n    pass\n";
  auto help = [](const std::string& builds, std::map<std::string, std::string> files) {
    files["vercel.json"] = "{\"builds\": [" + builds + "]}";
    std::vector<Finding> findings = RunProjectRule("FL608", files);
    return findings.size() == 1 ? findings[0].help : "no single finding";
  };
  const std::string app_py = R"J({"src": "app.py", "use": "@vercel/python"})J";
  EXPECT_EQ(help(app_py, {{"app.py", flask}, {"api/cron.py", "def handler(req, res):\n    res.status(200)\n"}}),
            "remove `builds`; configure functions with `functions` and routing with `rewrites`; without `builds`, "
            "Vercel also takes api/cron.py as a function, but it has no top-level `app`, `application` or `handler` "
            "that Vercel accepts (FL606): give it one, or move it out of api/ (or list it in .vercelignore)");
  // Files with an entrypoint are named as deployed; a helper another api/ file imports, a
  // `_` file and a file of another runtime are not named.
  EXPECT_EQ(help(app_py, {{"app.py", flask},
                          {"api/ping.py", "from api.db import connect\n" + handler},
                          {"api/db.py", "def connect():\n    pass\n"},
                          {"api/_util.py", "def f():\n    pass\n"},
                          {"api/hello.js", "module.exports = () => {};\n"},
                          {"api/v1/users.py", flask}}),
            "remove `builds`; configure functions with `functions` and routing with `rewrites`; without `builds`, "
            "Vercel also deploys api/ping.py and api/v1/users.py as functions");
  EXPECT_EQ(help(app_py, {{"app.py", flask},
                          {"api/a.py", "class handler:\n    pass\n"},
                          {"api/b.py", "import os\n"},
                          {"api/c.py", "server = 1\n"},
                          {"api/d.py", "x = 1\n"},
                          {"api/e.py", handler}}),
            "remove `builds`; configure functions with `functions` and routing with `rewrites`; without `builds`, "
            "Vercel also deploys api/e.py as a function; without `builds`, Vercel also takes api/a.py, api/b.py, "
            "api/c.py and 1 more as functions, but they have no top-level `app`, `application` or `handler` that "
            "Vercel accepts (FL606): give each one, or move them out of api/ (or list them in .vercelignore)");
  // Beside the advice to move a file Vercel would not find.
  EXPECT_EQ(help(R"J({"src": "run.py", "use": "@vercel/python"})J", {{"run.py", flask}, {"api/cron.py", "x = 1\n"}}),
            "before removing `builds`, move `run.py` to `api/index.py` or `app.py`: without `builds` Vercel does not "
            "find it, and the app is no longer deployed; without `builds`, Vercel also takes api/cron.py as a "
            "function, but it has no top-level `app`, `application` or `handler` that Vercel accepts (FL606): give it "
            "one, or move it out of api/ (or list it in .vercelignore)");
  // Every api/ file already built: nothing starts being deployed (FL606 reports api/cron.py
  // on its own).
  EXPECT_EQ(help(R"J({"src": "api/*.py", "use": "@vercel/python"})J",
                 {{"api/index.py", flask}, {"api/cron.py", "x = 1\n"}, {"api/hello.js", "module.exports = 1;\n"}}),
            "remove `builds`; configure functions with `functions` and routing with `rewrites`");
}

TEST(FL609, PatternsRegexesAndUnboundSegments) {
  EXPECT_EQ(Lint("FL609", R"J({
  "routes": [{"src": "/api/(.*", "dest": "/api/index.py"}],
  "rewrites": [
    {"source": "/api/*", "destination": "/api/index.py"},
    {"source": "/**", "destination": "/api/index.py"},
    {"source": "/users/:id", "destination": "/api/users.py?user=:user"},
    {"source": "/t/:id", "destination": "/api/t.py?x=:tenant", "has": [{"type": "header", "key": "tenant"}]}
  ]
})J"),
            "vercel.json:2:22: `routes[0].src` \"/api/(.*\" is not a valid regular expression: Unterminated group "
            "(at character 6)\n"
            "vercel.json:4:16: `rewrites[0].source` \"/api/*\" is not a valid path pattern: Unexpected MODIFIER at "
            "5, expected END\n"
            "vercel.json:5:16: `rewrites[1].source` \"/**\" is not a valid regular expression: Nothing to repeat (at "
            "character 3)\n"
            "vercel.json:6:45: `rewrites[2].destination` uses `:user`, which `source` does not define\n");
}

// A `has` value binds the named groups of its regex (routing-utils collectHasSegments,
// /\(\?<([a-zA-Z][a-zA-Z0-9_]*)>/g): `(?<lang>` does, a lookbehind `(?<=` and a name
// that starts with a digit do not. A 50 KB name crashed faaslint: std::regex read it
// recursively, one stack frame per character.
TEST(FL609, HasValuesBindTheirNamedGroupsWhateverTheirLength) {
  const std::string long_name = "g" + std::string(50000, 'x');
  EXPECT_EQ(Lint("FL609", R"J({"rewrites": [
    {"source": "/a", "destination": "/a.py?l=:lang",
     "has": [{"type": "header", "key": "h", "value": "(?<lang>[a-z]+)"}]},
    {"source": "/b", "destination": "/b.py?l=:lang",
     "has": [{"type": "header", "key": "h", "value": {"re": "(?<=x)(?<1a>y)"}}]},
    {"source": "/c", "destination": "/c.py?l=:)J" + long_name + R"J(",
     "has": [{"type": "query", "key": "q", "value": {"re": "((?<)J" + long_name + R"J(>z)"}}]}
  ]})J"),
            "vercel.json:4:37: `rewrites[1].destination` uses `:lang`, which `source` does not define\n");
}

TEST(FL609, ValidRoutesPass) {
  EXPECT_EQ(Lint("FL609", R"J({
  "routes": [{"handle": "filesystem"}, {"src": "/(.*)", "dest": "/api/index.py"}],
  "rewrites": [{"source": "/:path*", "destination": "/api/index?path=:path*"},
               {"source": "/api/(.*)", "destination": "/api/index.py"}],
  "redirects": [{"source": "/old/:slug", "destination": "https://example.com/new/:slug"}],
  "headers": [{"source": "/(.*)", "headers": [{"key": "x", "value": "y"}]}]
})J"),
            "");
}

TEST(FL701, ReportsTheFieldWithItsColumn) {
  EXPECT_EQ(Lint("FL701", R"J({"crons": [
  {"path": "/api/cron", "schedule": "0 0 * * 7"},
  {"path": "/api/cron", "schedule": "*/5 * * * * *"},
  {"path": "/api/cron", "schedule": "0 8 * * *"}
]})J"),
            "vercel.json:2:46: invalid cron schedule \"0 0 * * 7\": day of week field: 7 is out of range; the day of "
            "week field takes 0-6 (Sunday is 0)\n"
            "vercel.json:3:38: invalid cron schedule \"*/5 * * * * *\": a schedule has 5 fields (minute 0-59, hour "
            "0-23, day of month 1-31, month 1-12, day of week 0-6), this one has 6\n");
}

TEST(FL702, HobbyAllowsOncePerDayOnly) {
  std::string config = R"J({"crons": [{"path": "/api/cron", "schedule": "*/5 * * * *"},
    {"path": "/api/cron", "schedule": "0 8 * * 1-5"}]})J";
  EXPECT_EQ(Lint("FL702", config),
            "vercel.json:1:46: cron schedule \"*/5 * * * *\" runs 288 times a day; the hobby plan allows once a "
            "day\n");
  EXPECT_EQ(Lint("FL702", config, Plan::kPro), "");
}

TEST(FL703, PathMustStartWithSlash) {
  EXPECT_EQ(Lint("FL703", R"J({"crons": [{"path": "api/cron", "schedule": "0 0 * * *"},
    {"path": "/api/cron", "schedule": "0 0 * * *"}]})J"),
            "vercel.json:1:21: cron path \"api/cron\" must start with `/`\n");
}

TEST(FL706, MoreThanAHundredCronJobs) {
  auto crons = [](int n) {
    std::string json = "{\"crons\": [";
    for (int i = 0; i < n; ++i) json += std::string(i ? ",\n" : "\n") + R"J({"path": "/api/cron", "schedule": "0 0 * * *"})J";
    return json + "]}";
  };
  EXPECT_EQ(Lint("FL706", crons(100)), "");
  EXPECT_EQ(Lint("FL706", crons(101)), "vercel.json:102:1: `crons` has 101 jobs; a project may have at most 100\n");
}

}  // namespace
}  // namespace faaslint::testing

namespace faaslint::testing {
namespace {

// Vercel sends SIGTERM at scale-down and waits up to 500 ms (graceful shutdown); AWS
// Lambda sends it only to functions with an extension, so a handler there still never runs.
TEST(FL404, SigtermHandlersRunOnVercelOnly) {
  const std::map<std::string, std::string> files = {
      {"app.py", "import signal\nfrom flask import Flask\napp = Flask(__name__)\n"
                 "signal.signal(signal.SIGTERM, lambda *_: None)\n"}};
  EXPECT_EQ(Render(RunProjectRule("FL404", files)), "");
  Settings lambda;
  lambda.platform = Platform::kAwsLambda;
  EXPECT_EQ(Render(RunProjectRule("FL404", files, lambda)),
            "app.py:4:1: the SIGTERM handler `lambda *_: None` is not called when the platform stops a function "
            "instance\n");
}

TEST(VercelRules, NothingWhenThePlatformIsNotVercel) {
  Settings settings;
  settings.platform = Platform::kAwsLambda;
  std::map<std::string, std::string> files = {
      {"vercel.json", "{\"public\": true, \"cleanUrls\": 1, \"crons\": [{\"path\": \"x\", \"schedule\": \"* * *\"}], // x\n}"},
      {"api/util.py", "import yaml\n"}};
  for (const char* code : {"FL601", "FL602", "FL603", "FL606", "FL607", "FL701", "FL703"}) {
    EXPECT_EQ(Render(RunProjectRule(code, files, settings)), "") << code;
    EXPECT_NE(Render(RunProjectRule(code, files)), "") << code << " (the same project on Vercel)";
  }
}

}  // namespace
}  // namespace faaslint::testing
