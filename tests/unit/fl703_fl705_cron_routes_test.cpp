// FL703 (cron path reaches no route), FL704 (cron endpoint without CRON_SECRET check),
// FL705 (cron route without GET): routing a cron path through vercel.json into the app.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "lint/lint.h"
#include "support/project_fixture.h"

namespace faaslint::testing {
namespace {

// The seed's layout: a Flask app in app.py, wrapped by api/index.py, everything
// rewritten to the function.
std::map<std::string, std::string> SeedProject(const std::string& crons, const std::string& app_py) {
  return {{"vercel.json", "{\n  \"rewrites\": [{\"source\": \"/(.*)\", \"destination\": \"/api/index\"}],\n"
                          "  \"crons\": [\n" + crons + "\n  ]\n}\n"},
          {"api/index.py", "import sys\nfrom app import app\n"},
          {"app.py", app_py},
          {"requirements.txt", "flask\n"}};
}

constexpr const char* kApp = R"py(import os
from flask import Flask, request, abort

app = Flask(__name__)

@app.route("/api/check-events")
def check_events():
    if request.headers.get("Authorization") != f"Bearer {os.environ.get('CRON_SECRET')}":
        abort(401)
    return "ok"

@app.route("/api/report", methods=["POST"])
def report():
    return "ok"

@app.get("/api/open")
def open_endpoint():
    return "ok"

@app.get("/users/<int:user_id>/sync")
def sync(user_id):
    return require_secret()

def require_secret():
    return os.environ["CRON_SECRET"]
)py";

TEST(FL703, PathThroughRewriteToAMissingRoute) {
  auto files = SeedProject(R"(    {"path": "/api/check-events", "schedule": "0 8 * * *"},
    {"path": "/api/missing", "schedule": "0 8 * * *"},
    {"path": "/users/7/sync?full=1", "schedule": "0 8 * * *"})",
                           kApp);
  std::vector<Finding> findings = RunProjectRule("FL703", files);
  EXPECT_EQ(Render(findings),
            "vercel.json:5:14: cron path \"/api/missing\" reaches no route: api/index.py and the modules it imports "
            "have no route for it\n");
  // The searched files that define routes, whole, are related (api/index.py only imports
  // the app); every searched file is a dependency: deleting the route in app.py, or the
  // import in api/index.py, surfaces this entry.
  ASSERT_EQ(findings.size(), 1u);
  ASSERT_EQ(findings[0].related.size(), 1u);
  EXPECT_EQ(findings[0].related[0].path, "app.py");
  EXPECT_EQ(findings[0].related[0].range.end.line, 26u);
  const std::vector<Dependency>& depends_on = findings[0].depends_on;
  for (const char* file : {"api/index.py", "app.py"}) {
    EXPECT_NE(std::find(depends_on.begin(), depends_on.end(), Dependency::WholeFile(file)), depends_on.end()) << file;
  }
}

TEST(FL703, AProjectOfManyRoutersIsNotListedFileByFile) {
  std::map<std::string, std::string> files = {
      {"vercel.json", R"json({"rewrites": [{"source": "/(.*)", "destination": "/api/index"}],
 "crons": [{"path": "/api/cron", "schedule": "0 0 * * *"}]})json"},
      {"requirements.txt", "fastapi\n"},
      {"api/index.py", "from fastapi import FastAPI\nfrom routers import a, b, c, d\napp = FastAPI()\n"
                       "app.include_router(a.router)\napp.include_router(b.router)\n"
                       "app.include_router(c.router)\napp.include_router(d.router)\n"}};
  for (const char* name : {"a", "b", "c", "d"}) {
    files[std::string("routers/") + name + ".py"] = std::string("from fastapi import APIRouter\nrouter = APIRouter()\n"
                                                                "@router.get(\"/") + name + "\")\ndef get():\n    return 1\n";
  }
  std::vector<Finding> findings = RunProjectRule("FL703", files);
  ASSERT_EQ(findings.size(), 1u) << Render(findings);
  EXPECT_EQ(Render(findings),
            "vercel.json:2:21: cron path \"/api/cron\" reaches no route: api/index.py and the modules it imports have "
            "no route for it\n");
  EXPECT_TRUE(findings[0].related.empty());
  EXPECT_NE(std::find(findings[0].depends_on.begin(), findings[0].depends_on.end(),
                      Dependency::WholeFile("routers/d.py")),
            findings[0].depends_on.end());
}

TEST(FL703, FunctionFilesDynamicSegmentsAndNoFunction) {
  std::map<std::string, std::string> files = {
      {"vercel.json", R"({"crons": [{"path": "/api/cron", "schedule": "0 0 * * *"},
  {"path": "/api/items/42", "schedule": "0 0 * * *"},
  {"path": "/nothing", "schedule": "0 0 * * *"}]})"},
      {"api/cron.py", "from http.server import BaseHTTPRequestHandler\nclass handler(BaseHTTPRequestHandler):\n"
                      "    def do_GET(self):\n        pass\n"},
      {"api/items/[id].py", "from http.server import BaseHTTPRequestHandler\nclass handler(BaseHTTPRequestHandler):\n"
                            "    def do_GET(self):\n        pass\n"}};
  EXPECT_EQ(Render(RunProjectRule("FL703", files)),
            "vercel.json:3:12: cron path \"/nothing\" reaches no route: no api/ function file, rewrite or route "
            "serves it\n");
}

TEST(FL703, UnknowableRoutingIsNotReported) {
  // Routes built at run time (a computed path) and an external rewrite: nothing to say.
  EXPECT_EQ(Render(RunProjectRule("FL703", SeedProject(R"(    {"path": "/api/x", "schedule": "0 8 * * *"})",
                                                       "from flask import Flask\napp = Flask(__name__)\n"
                                                       "PATH = '/api/' + 'x'\n@app.route(PATH)\ndef x():\n"
                                                       "    return 'ok'\n"))),
            "");
  EXPECT_EQ(Render(RunProjectRule(
                "FL703", {{"vercel.json", R"J({"rewrites": [{"source": "/(.*)", "destination": "https://example.com/$1"}],
  "crons": [{"path": "/api/x", "schedule": "0 8 * * *"}]})J"},
                          {"api/index.py", "from flask import Flask\napp = Flask(__name__)\n"}})),
            "");
}

TEST(FL705, RouteWithoutGet) {
  auto files = SeedProject(R"(    {"path": "/api/report", "schedule": "0 8 * * *"},
    {"path": "/api/check-events", "schedule": "0 8 * * *"})",
                           kApp);
  std::vector<Finding> findings = RunProjectRule("FL705", files);
  EXPECT_EQ(Render(findings),
            "app.py:12:2: cron job \"/api/report\" calls this route with GET, but it accepts only POST\n");
  ASSERT_EQ(findings.size(), 1u);
  ASSERT_EQ(findings[0].related.size(), 1u);
  EXPECT_EQ(findings[0].related[0].path, "vercel.json");
  EXPECT_EQ(findings[0].related[0].range.start.line, 4u);
}

TEST(FL704, EndpointWithoutCronSecret) {
  auto files = SeedProject(R"(    {"path": "/api/open", "schedule": "0 8 * * *"},
    {"path": "/api/check-events", "schedule": "0 8 * * *"},
    {"path": "/users/1/sync", "schedule": "0 8 * * *"})",
                           kApp);
  EXPECT_EQ(Render(RunProjectRule("FL704", files)),
            "app.py:16:2: cron endpoint for \"/api/open\" does not check CRON_SECRET: anyone can call it\n");
}

}  // namespace
}  // namespace faaslint::testing

namespace faaslint::testing {
namespace {

TEST(FL703, FilesystemComesBeforeRoutesAfterHandleFilesystem) {
  std::map<std::string, std::string> files = {
      {"vercel.json", R"J({"routes": [{"handle": "filesystem"}, {"src": "/(.*)", "dest": "/api/index.py"}],
  "crons": [{"path": "/api/cron", "schedule": "0 0 * * *"}, {"path": "/other", "schedule": "0 0 * * *"}]})J"},
      {"api/cron.py", "from flask import Flask\napp = Flask(__name__)\n@app.get('/api/cron')\ndef c():\n    pass\n"},
      {"api/index.py", "from flask import Flask\napp = Flask(__name__)\n@app.get('/')\ndef i():\n    pass\n"}};
  // /api/cron is api/cron.py's (which has the route); /other falls to the catch-all.
  EXPECT_EQ(Render(RunProjectRule("FL703", files)),
            "vercel.json:2:70: cron path \"/other\" reaches no route: api/index.py has no route for it\n");
}

// With `builds`, an api/ file it does not name is not deployed: the cron path that file
// would serve reaches nothing, and the message says why (QA round 3: the path looked
// served, and the finding did not say what was wrong).
TEST(FL703, ApiFileLeftOutByBuildsIsNamed) {
  std::map<std::string, std::string> files = {
      {"vercel.json", R"({"builds": [{"src": "api/index.py", "use": "@vercel/python"}],
  "crons": [{"path": "/api/cron", "schedule": "0 0 * * *"}]})"},
      {"api/index.py", "from flask import Flask\napp = Flask(__name__)\n"},
      {"api/cron.py", "from flask import Flask\napp = Flask(__name__)\n@app.get('/api/cron')\ndef c():\n    pass\n"}};
  std::vector<Finding> findings = RunProjectRule("FL703", files);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "cron path \"/api/cron\" reaches no route: api/cron.py would serve it, but it is not deployed: `builds` "
            "does not name it");
  EXPECT_EQ(findings[0].help, "add {\"src\": \"api/cron.py\", \"use\": \"@vercel/python\"} to `builds`");

  // Built by a glob: deployed, and its route serves the path.
  files["vercel.json"] = R"({"builds": [{"src": "api/*.py", "use": "@vercel/python"}],
  "crons": [{"path": "/api/cron", "schedule": "0 0 * * *"}]})";
  EXPECT_EQ(Render(RunProjectRule("FL703", files)), "");
  // Without `builds` Vercel deploys every api/ file.
  files["vercel.json"] = R"({"crons": [{"path": "/api/cron", "schedule": "0 0 * * *"}]})";
  EXPECT_EQ(Render(RunProjectRule("FL703", files)), "");

  // `builds` that name no Python file at all still leave api/cron.py out (QA round 6).
  files["vercel.json"] = R"({"builds": [{"src": "package.json", "use": "@vercel/node"}],
  "crons": [{"path": "/api/cron", "schedule": "0 0 * * *"}, {"path": "/api/other", "schedule": "0 0 * * *"}]})";
  files["package.json"] = "{}\n";
  EXPECT_EQ(Render(RunProjectRule("FL703", files)),
            "vercel.json:2:22: cron path \"/api/cron\" reaches no route: api/cron.py would serve it, but it is not "
            "deployed: `builds` does not name it\n");
}

// QA round 5: the rewrite sends the cron path to app1.py, whose route would serve it, but
// app1.py is deployed as no function; its unprotected route is then no cron endpoint.
TEST(FL703, RewriteToAPythonFileThatIsNoFunctionReachesNoRoute) {
  std::map<std::string, std::string> files = {
      {"vercel.json", R"J({"rewrites": [{"source": "/(.*)", "destination": "/app1.py"}],
  "crons": [{"path": "/cron", "schedule": "0 0 * * *"}]})J"},
      {"app1.py", "from flask import Flask\napp = Flask(__name__)\n@app.get('/cron')\ndef c():\n    return 'ok'\n"},
      {"requirements.txt", "flask\n"}};
  std::vector<Finding> findings = RunProjectRule("FL703", files);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "cron path \"/cron\" reaches no route: it is rewritten to /app1.py, but Vercel deploys app1.py as a "
            "function only from api/ or as the zero-configuration app (app.py, index.py, server.py or main.py, at "
            "the root or in src/ or app/)");
  EXPECT_EQ(findings[0].help, "move app1.py to api/app1.py and send the requests to \"/api/app1\"");
  EXPECT_EQ(Render(RunProjectRule("FL704", files)), "");

  // Moved to api/ as the help says: served, and then an open cron endpoint.
  files.erase("app1.py");
  files["api/app1.py"] = "from flask import Flask\napp = Flask(__name__)\n@app.get('/cron')\ndef c():\n    return 'ok'\n";
  files["vercel.json"] = R"J({"rewrites": [{"source": "/(.*)", "destination": "/api/app1"}],
  "crons": [{"path": "/cron", "schedule": "0 0 * * *"}]})J";
  EXPECT_EQ(Render(RunProjectRule("FL703", files)), "");
  EXPECT_EQ(RunProjectRule("FL704", files).size(), 1u);
}

// QA round 6: the help named "/api/index" in a project without api/index.py, and the
// rewrite it asked for was then reported with the same help. It names the function whose
// URL the path is under, else api/index.py, else the first function.
TEST(FL703, HelpRewritesToAFunctionOfTheProject) {
  constexpr const char* kFlask = "from flask import Flask\napp = Flask(__name__)\n";
  std::map<std::string, std::string> files = {
      {"vercel.json", R"J({"rewrites": [{"source": "/api/cron/send-task", "destination": "/api/index"}],
  "crons": [{"path": "/api/cron/send-task", "schedule": "0 0 * * *"}, {"path": "/jobs/weekly", "schedule": "0 0 * * 0"}]})J"},
      {"api/cron.py", kFlask},
      {"api/webhook.py", kFlask}};
  std::vector<Finding> findings = RunProjectRule("FL703", files);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].message,
            "cron path \"/api/cron/send-task\" reaches no route: it is rewritten to /api/index, which is no function");
  EXPECT_EQ(findings[0].help,
            "send it to a function with a rewrite ({\"source\": \"/api/cron/send-task\", \"destination\": "
            "\"/api/cron\"}), or serve it from its own api/ file");
  EXPECT_EQ(findings[1].help,
            "send it to a function with a rewrite ({\"source\": \"/jobs/weekly\", \"destination\": \"/api/cron\"}), "
            "or serve it from its own api/ file");

  // With api/index.py, a path under no function's URL goes there; "/api/cronx" is not
  // under "/api/cron".
  files["api/index.py"] = kFlask;
  files["vercel.json"] = R"J({"crons": [{"path": "/api/cronx", "schedule": "0 0 * * *"}]})J";
  findings = RunProjectRule("FL703", files);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].help,
            "send it to a function with a rewrite ({\"source\": \"/api/cronx\", \"destination\": \"/api/index\"}), "
            "or serve it from its own api/ file");
}

TEST(FL703, PathsOfOtherRuntimesAreNotJudged) {
  std::map<std::string, std::string> files = {
      {"vercel.json", R"J({"crons": [{"path": "/api/cron", "schedule": "0 0 * * *"}]})J"},
      {"api/cron.ts", "export function GET() {}\n"},
      {"api/index.py", "from flask import Flask\napp = Flask(__name__)\n@app.get('/api')\ndef i():\n    pass\n"}};
  EXPECT_EQ(Render(RunProjectRule("FL703", files)), "");
}

}  // namespace
}  // namespace faaslint::testing

namespace faaslint::testing {
namespace {

// A route `src` that backtracks exponentially: `(a+)+x` against 40 `a`s took hours with
// std::regex's default matcher (34 s for 27). Now matched breadth-first, at once, with
// the same answers: the `b` path is served by the second route, the `c` path by none.
TEST(FL703, CatastrophicRouteRegexIsMatchedInLinearTime) {
  const std::string as(40, 'a');
  std::map<std::string, std::string> files = {
      {"vercel.json", R"J({"routes": [{"src": "/api/(a+)+x", "dest": "/api/missing"},
             {"src": "/api/(a+)+b", "dest": "/api/index"}],
  "crons": [{"path": "/api/)J" + as + R"J(b", "schedule": "0 0 * * *"},
            {"path": "/api/)J" + as + R"J(c", "schedule": "0 0 * * *"}]})J"},
      {"api/index.py", "from flask import Flask\napp = Flask(__name__)\n@app.get('/api/" + as + "b')\ndef i():\n"
                       "    pass\n"}};
  EXPECT_EQ(Render(RunProjectRule("FL703", files)),
            "vercel.json:4:22: cron path \"/api/" + as + "c\" reaches no route: no api/ function file, rewrite or "
            "route serves it\n");
}

// 500 KB of route `src` overflowed the stack of std::regex's recursive compiler; a
// pattern that long is not matched at all (the route is "unknown", FL603 reports its
// length), so the cron path is not judged.
TEST(FL703, HugeRouteRegexIsNotCompiled) {
  std::map<std::string, std::string> files = {
      {"vercel.json", R"J({"routes": [{"src": "/api/)J" + std::string(500000, 'a') + R"J(", "dest": "/api/index"}],
  "crons": [{"path": "/api/x", "schedule": "0 0 * * *"}]})J"},
      {"api/index.py", "from flask import Flask\napp = Flask(__name__)\n"}};
  EXPECT_EQ(Render(RunProjectRule("FL703", files)), "");
}

// Matching every cron path against every route is bounded (project/regex_cache.h): 300
// routes of 1,803 automaton states each are more than one run may compile. Past the
// budget no cron is judged, not even one that reaches no route, and the run says so
// instead of looking clean. (1,000 such routes and 100 long crons took minutes before.)
TEST(FL703, RoutesPastTheMatchingBudgetJudgeNoCronAndTheRunSaysSo) {
  std::string routes;
  for (int i = 0; i < 300; ++i) {
    routes += R"({"src": "/(a?){600}/)" + std::to_string(i) + R"(", "dest": "/api/index"},)";
  }
  routes.pop_back();
  std::map<std::string, std::string> files = {
      {"vercel.json", "{\"routes\": [" + routes + R"(],
  "crons": [{"path": "/api/gone", "schedule": "0 0 * * *"}]})"},
      {"api/index.py", "from flask import Flask\napp = Flask(__name__)\n@app.get('/api/here')\ndef i():\n    pass\n"}};
  ChangeSet changes;
  changes.snapshot = std::make_unique<MemorySnapshot>(files);
  for (const std::string& file : changes.snapshot->files()) changes.changed.emplace(file, LineSet::All());
  lint::LintOptions options;
  lint::LintResult result = lint::Lint(changes, options, rules::Registry::Get());
  for (const Finding& finding : result.findings) {
    EXPECT_NE(finding.code(), "FL703") << finding.message;
    EXPECT_NE(finding.code(), "FL704") << finding.message;
  }
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].path, "vercel.json");
  EXPECT_FALSE(result.problems[0].fatal);
  EXPECT_NE(result.problems[0].message.find("cron paths were not followed to their handlers"), std::string::npos)
      << result.problems[0].message;

  // The same project with one such route: within the budget, and the cron is judged.
  files["vercel.json"] = R"({"routes": [{"src": "/(a?){600}/0", "dest": "/api/index"}],
  "crons": [{"path": "/api/gone", "schedule": "0 0 * * *"}]})";
  EXPECT_EQ(Render(RunProjectRule("FL703", files)),
            "vercel.json:2:22: cron path \"/api/gone\" reaches no route: no api/ function file, rewrite or route "
            "serves it\n");
}

}  // namespace
}  // namespace faaslint::testing
