// Who runs a function when its callers sit in other modules (project/module_callers.h):
// FL106, FL402 and FL104 count them, and the linter does for every other rule (QA round 7
// M1: a helper module's write and request, run by a route of another module). QA round 6 FP4 (a worker loop only main.py, run by
// hand, starts as a task), M1 (a loop its module calls only under `__main__`, which a cron
// handler of another module calls) and D1 (APScheduler jobs set up by a function only the
// bot's main.py calls). A finding that rests on another module's call names it as related
// and depends on it, so that a diff run that adds the call reports the finding.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness.h"
#include "memory_project.h"
#include "project/deployment_graph.h"
#include "project/module_callers.h"
#include "project/module_index.h"
#include "python/parser.h"
#include "support/project_fixture.h"
#include "support/read_counting_snapshot.h"

namespace faaslint::testing {
namespace {

using Files = std::map<std::string, std::string>;

// _repros/r2 as the report describes it (with the guard): api/cron.py's do_GET calls
// lib/worker.py's main(), which its own module calls only under `__main__`.
Files CronCallsGuardedMain(const std::string& do_get_body = "        main()\n") {
  return {
      {"vercel.json", R"({"crons":[{"path":"/api/cron","schedule":"0 0 * * *"}]})"},
      {"api/cron.py",
       "from http.server import BaseHTTPRequestHandler\n"
       "from lib.worker import main\n"
       "\n"
       "class handler(BaseHTTPRequestHandler):\n"
       "    def do_GET(self):\n" +
           do_get_body +
           "        self.send_response(200)\n"
           "        self.end_headers()\n"},
      {"lib/__init__.py", ""},
      {"lib/worker.py",
       "import time\n"
       "\n"
       "def main():\n"
       "    while True:\n"
       "        print(\"poll\")\n"
       "        time.sleep(60)\n"
       "\n"
       "if __name__ == \"__main__\":\n"
       "    main()\n"},
  };
}

// _repros/r14 with the loop of the report: api/index.py imports worker but calls only
// poll_once(); start_scheduler() runs as a task of main.py's guarded main().
Files TaskOfMainPy(const std::string& main_py_main_body = "    task = asyncio.create_task(worker.start_scheduler())\n"
                                                          "    await task\n") {
  return {
      {"requirements.txt", "apscheduler\n"},
      {"api/index.py",
       "import asyncio, sys, os\n"
       "from http.server import BaseHTTPRequestHandler\n"
       "sys.path.append(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))\n"
       "import worker\n"
       "\n"
       "class handler(BaseHTTPRequestHandler):\n"
       "    def do_GET(self):\n"
       "        asyncio.run(worker.poll_once())\n"
       "        self.send_response(200); self.end_headers()\n"},
      {"worker.py",
       "import asyncio\n"
       "from apscheduler.schedulers.asyncio import AsyncIOScheduler\n"
       "\n"
       "async def poll_once():\n"
       "    return 1\n"
       "\n"
       "def setup_scheduler():\n"
       "    s = AsyncIOScheduler()\n"
       "    s.add_job(poll_once, \"interval\", minutes=5)\n"
       "    return s\n"
       "\n"
       "async def start_scheduler():\n"
       "    while True:\n"
       "        try: await poll_once()\n"
       "        except Exception: pass\n"
       "        await asyncio.sleep(60)\n"},
      {"main.py",
       "import asyncio\n"
       "import worker\n"
       "\n"
       "async def main():\n" +
           main_py_main_body +
           "\n"
           "if __name__ == \"__main__\":\n"
           "    asyncio.run(main())\n"},
  };
}

std::string Rendered(const std::string& code, Files files) { return Render(RunProjectRule(code, std::move(files))); }

TEST(CallersElsewhere, ALoopOnlyATaskOfANonDeployedMainRunsIsNotReported) {  // FP4
  Files files = TaskOfMainPy();
  EXPECT_EQ(Rendered("FL106", files), "");
  EXPECT_EQ(Rendered("FL402", files), "");
}

TEST(CallersElsewhere, ALoopADeployedHandlerAlsoCallsIsReportedWithTheCall) {
  Files files = TaskOfMainPy();
  files["api/index.py"] += "        asyncio.run(worker.start_scheduler())\n";
  std::vector<Finding> loops = RunProjectRule("FL106", files);
  ASSERT_EQ(Render(loops),
            "worker.py:13:5: `while True:` in `start_scheduler()` has no break, return or raise: it runs until the "
            "platform kills the invocation at its time limit\n");
  ASSERT_EQ(loops[0].related.size(), 1u);
  EXPECT_EQ(loops[0].related[0].path, "api/index.py");
  EXPECT_EQ(loops[0].related[0].range.start, (Position{10, 21}));
  EXPECT_EQ(loops[0].depends_on, (std::vector<Dependency>{Dependency::Lines("api/index.py", 10, 10)}));
  EXPECT_EQ(Render(RunProjectRule("FL402", files)),
            "worker.py:16:15: `asyncio.sleep(60)` sleeps 60 s in a `while True` polling loop; a function has a hard "
            "time limit and bills every second of it\n");
}

TEST(CallersElsewhere, ALoopADeployedHandlerStartsAsATaskIsLeftToTheRulesOfTasks) {
  Files files = TaskOfMainPy();
  files["api/index.py"] += "        asyncio.get_event_loop().create_task(worker.start_scheduler())\n";
  EXPECT_EQ(Rendered("FL106", files), "");
  // A sleep in it still runs in the instance, as in a task of its own module (FL402.py).
  EXPECT_NE(Rendered("FL402", files), "");
}

TEST(CallersElsewhere, AGuardedMainThatACronHandlerCallsIsReported) {  // M1
  std::vector<Finding> loops = RunProjectRule("FL106", CronCallsGuardedMain());
  ASSERT_EQ(Render(loops),
            "lib/worker.py:4:5: `while True:` in `main()` has no break, return or raise: it runs until the platform "
            "kills the invocation at its time limit\n");
  ASSERT_EQ(loops[0].related.size(), 1u);
  EXPECT_EQ(loops[0].related[0].path, "api/cron.py");
  EXPECT_EQ(loops[0].related[0].range.start, (Position{6, 9}));
  EXPECT_EQ(loops[0].depends_on, (std::vector<Dependency>{Dependency::Lines("api/cron.py", 6, 6)}));
  std::vector<Finding> sleeps = RunProjectRule("FL402", CronCallsGuardedMain());
  EXPECT_EQ(Render(sleeps),
            "lib/worker.py:6:9: `time.sleep(60)` sleeps 60 s in a `while True` polling loop; a function has a hard "
            "time limit and bills every second of it\n");
  ASSERT_EQ(sleeps.size(), 1u);
  EXPECT_EQ(sleeps[0].depends_on, loops[0].depends_on);
}

TEST(CallersElsewhere, AGuardedMainThatTheHandlerOnlyImportsIsNotReported) {
  Files files = CronCallsGuardedMain("        pass\n");
  EXPECT_EQ(Rendered("FL106", files), "");
  EXPECT_EQ(Rendered("FL402", files), "");
}

TEST(CallersElsewhere, AGuardedCallInADeployedModuleRunsNothing) {
  Files files = CronCallsGuardedMain("        pass\n");
  files["api/cron.py"] += "\nif __name__ == \"__main__\":\n    main()\n";
  EXPECT_EQ(Rendered("FL106", files), "");
}

TEST(CallersElsewhere, AnImportTimeCallInADeployedModuleRuns) {
  Files files = CronCallsGuardedMain("        pass\n");
  files["api/cron.py"] += "\nmain()\n";
  std::vector<Finding> loops = RunProjectRule("FL106", files);
  ASSERT_EQ(loops.size(), 1u) << Render(loops);
  EXPECT_EQ(loops[0].depends_on, (std::vector<Dependency>{Dependency::Lines("api/cron.py", 10, 10)}));
}

TEST(CallersElsewhere, AFunctionNobodyCallsIsStillReported) {  // D1 as _repros/r14 has it
  Files files = TaskOfMainPy();
  EXPECT_EQ(Rendered("FL104", files),
            "worker.py:9:5: `AsyncIOScheduler` job is scheduled in the function instance: it runs only while a "
            "request is being served\n");
}

TEST(CallersElsewhere, SchedulerJobsOnlyANonDeployedMainSetsUpAreNotReported) {  // D1
  Files files = TaskOfMainPy("    worker.setup_scheduler().start()\n    await asyncio.Event().wait()\n");
  EXPECT_EQ(Rendered("FL104", files), "");
  // ... but one the handler of a function sets up is.
  files["api/index.py"] += "        worker.setup_scheduler()\n";
  std::vector<Finding> jobs = RunProjectRule("FL104", files);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].depends_on, (std::vector<Dependency>{Dependency::Lines("api/index.py", 10, 10)}));
}

TEST(CallersElsewhere, ASchedulerStartedInAGuardedFunctionThatAHandlerCallsIsReported) {
  Files files = CronCallsGuardedMain();
  files["lib/worker.py"] =
      "from apscheduler.schedulers.blocking import BlockingScheduler\n"
      "\n"
      "def poll():\n"
      "    print(\"poll\")\n"
      "\n"
      "def main():\n"
      "    scheduler = BlockingScheduler()\n"
      "    scheduler.add_job(poll, \"interval\", minutes=1)\n"
      "    scheduler.start()\n"
      "\n"
      "if __name__ == \"__main__\":\n"
      "    main()\n";
  EXPECT_EQ(Rendered("FL104", files),
            "lib/worker.py:9:5: `BlockingScheduler` is started in the function instance: its jobs run only while a "
            "request is being served\n");
  EXPECT_EQ(Rendered("FL104", CronCallsGuardedMain("        pass\n")), "");
}

// The chain to the loop goes through the functions of the module that the handler's call
// runs; the finding depends on each call of it.
TEST(CallersElsewhere, TheCallsOnTheWayToALoopAreWhatItDependsOn) {
  Files files = CronCallsGuardedMain();
  files["lib/worker.py"] =
      "import time\n"
      "\n"
      "class Bot:\n"
      "    def run(self):\n"
      "        while True:\n"
      "            time.sleep(60)\n"
      "\n"
      "def main():\n"
      "    Bot().run()\n"
      "\n"
      "if __name__ == \"__main__\":\n"
      "    main()\n";
  std::vector<Finding> loops = RunProjectRule("FL106", files);
  ASSERT_EQ(Render(loops),
            "lib/worker.py:5:9: `while True:` in `Bot.run()` has no break, return or raise: it runs until the "
            "platform kills the invocation at its time limit\n");
  EXPECT_EQ(loops[0].depends_on, (std::vector<Dependency>{Dependency::Lines("lib/worker.py", 9, 9),
                                                          Dependency::Lines("api/cron.py", 6, 6)}));
  EXPECT_EQ(loops[0].related.at(0).path, "api/cron.py");
}

// ---- every rule: QA round 7 M1 ----------------------------------------------------

// /work/qa7/repros/m1-fl201-helper-module-with-main-block (AyoubeM/checkprice): api/index.py's
// route calls report.py's save_report(), which fetches without a timeout and writes next to
// the module, and which report.py calls only under `__main__`.
Files RouteCallsGuardedHelper(const std::string& route_body = "    save_report()\n") {
  return {
      {"requirements.txt", "flask\nrequests\n"},
      {"api/index.py",
       "from flask import Flask\n"
       "\n"
       "from report import save_report\n"
       "\n"
       "app = Flask(__name__)\n"
       "\n"
       "\n"
       "@app.route(\"/\")\n"
       "def index():\n" +
           route_body +
           "    return \"ok\"\n"},
      {"report.py",
       "import json\n"
       "import os\n"
       "import requests\n"
       "\n"
       "\n"
       "def save_report():\n"
       "    requests.get(\"https://example.com\")\n"
       "    path = os.path.join(os.path.dirname(__file__), \"report.json\")\n"
       "    with open(path, \"w\") as f:\n"
       "        json.dump([], f)\n"
       "\n"
       "\n"
       "if __name__ == \"__main__\":\n"
       "    save_report()\n"},
  };
}

// FL201's and FL403's findings, which the guarded helper of RouteCallsGuardedHelper has.
std::string WriteAndRequestFindings(const Files& files) { return Rendered("FL201", files) + Rendered("FL403", files); }

TEST(CallersElsewhere, AGuardedHelperThatARouteElsewhereCallsIsReportedByEveryRule) {  // QA7 M1
  const Files files = RouteCallsGuardedHelper();
  for (const char* code : {"FL201", "FL403"}) {
    std::vector<Finding> found = RunProjectRule(code, files);
    ASSERT_EQ(found.size(), 1u) << code << ":\n" << Render(found);
    EXPECT_EQ(found[0].location.path, "report.py") << code;
    EXPECT_EQ(found[0].location.range.start.line, code == std::string("FL201") ? 9u : 7u) << code;
    ASSERT_EQ(found[0].related.size(), 1u) << code;
    EXPECT_EQ(found[0].related[0].path, "api/index.py") << code;
    EXPECT_EQ(found[0].related[0].range.start, (Position{10, 5})) << code;
    EXPECT_EQ(found[0].depends_on, (std::vector<Dependency>{Dependency::Lines("api/index.py", 10, 10)})) << code;
  }
}

TEST(CallersElsewhere, AGuardedHelperOnlyItsMainBlockAndAScriptRunIsNotReported) {
  Files files = RouteCallsGuardedHelper("    pass\n");
  files["scripts/export.py"] = "from report import save_report\n\nsave_report()\n";  // no function imports it
  EXPECT_EQ(WriteAndRequestFindings(files), "");
}

// With no Vercel project found, every file counts as function code, and which modules
// deploy is not known: a guarded helper that another file calls stays left out (the rules
// that ask ModuleCallers themselves, FL104, FL106 and FL402, still count such callers).
TEST(CallersElsewhere, AGuardedHelperIsLeftOutWhereNoProjectIsFound) {
  Files files = RouteCallsGuardedHelper();
  files["web/views.py"] = files["api/index.py"];  // no api/, vercel.json or zero-config entry
  files.erase("api/index.py");
  EXPECT_EQ(WriteAndRequestFindings(files), "");
}

TEST(CallersElsewhere, AGuardedHelperOnlyAGuardedCallElsewhereRunsIsNotReported) {
  Files files = RouteCallsGuardedHelper();
  files["api/index.py"] =
      "import os\n"
      "from flask import Flask\n"
      "from report import save_report\n"
      "app = Flask(__name__)\n"
      "\n"
      "@app.route(\"/\")\n"
      "def index():\n"
      "    if not os.environ.get(\"VERCEL\"):\n"
      "        save_report()\n"
      "    return \"ok\"\n";
  EXPECT_EQ(WriteAndRequestFindings(files), "");
}

TEST(CallersElsewhere, WhatOnlyTheHelperCallsRunsWithItAndDependsOnBothCalls) {
  Files files = RouteCallsGuardedHelper();
  files["report.py"] =
      "import requests\n"
      "\n"
      "def fetch():\n"
      "    return requests.get(\"https://example.com\")\n"
      "\n"
      "def save_report():\n"
      "    fetch()\n"
      "\n"
      "if __name__ == \"__main__\":\n"
      "    save_report()\n";
  std::vector<Finding> found = RunProjectRule("FL403", files);
  ASSERT_EQ(Render(found).substr(0, 11), "report.py:4");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].related.at(0).path, "api/index.py");
  EXPECT_EQ(found[0].depends_on, (std::vector<Dependency>{Dependency::Lines("report.py", 7, 7),
                                                          Dependency::Lines("api/index.py", 10, 10)}));
}

// ---- diff runs ---------------------------------------------------------------------

fuzz::ChangedLines Changed(const std::string& path, uint32_t line) {
  fuzz::ChangedLines changed;
  changed[path].AddRange(line, line);
  return changed;
}

std::vector<std::string> CodesIn(const lint::LintResult& result, const std::string& path) {
  std::vector<std::string> codes;
  for (const Finding& finding : result.findings) {
    if (finding.location.path == path) codes.emplace_back(finding.code());
  }
  return codes;
}

fuzz::Files AsFuzzFiles(const Files& files) { return fuzz::Files(files.begin(), files.end()); }

TEST(CallersElsewhere, ADiffThatAddsTheCallReportsTheLoopItRuns) {
  const fuzz::Files files = AsFuzzFiles(CronCallsGuardedMain());
  const fuzz::ChangedLines call = Changed("api/cron.py", 6);
  lint::LintResult result = fuzz::LintFiles(files, 1, &call);
  EXPECT_EQ(CodesIn(result, "lib/worker.py"), (std::vector<std::string>{"FL106", "FL402"}));
  EXPECT_EQ(result.files_checked, 2u) << "api/cron.py, and lib/worker.py for what rests on the call";
  EXPECT_EQ(CodesIn(fuzz::LintFiles(files, 2, &call), "lib/worker.py"), CodesIn(result, "lib/worker.py"));
}

TEST(CallersElsewhere, ADiffElsewhereInTheHandlerDoesNotResurfaceTheLoop) {
  const fuzz::ChangedLines other = Changed("api/cron.py", 8);
  lint::LintResult result = fuzz::LintFiles(AsFuzzFiles(CronCallsGuardedMain()), 1, &other);
  EXPECT_EQ(CodesIn(result, "lib/worker.py"), (std::vector<std::string>{}));
  EXPECT_EQ(result.files_checked, 1u) << "lib/worker.py is not read for a change that calls nothing";
}

TEST(CallersElsewhere, ADiffThatAddsTheCallFirstOnTheWayReportsTheLoopAtTheEnd) {
  Files files = CronCallsGuardedMain();
  files["lib/worker.py"] =
      "import time\n"
      "\n"
      "def poll_forever():\n"
      "    while True:\n"
      "        time.sleep(60)\n"
      "\n"
      "def main():\n"
      "    poll_forever()\n"
      "\n"
      "if __name__ == \"__main__\":\n"
      "    main()\n";
  const fuzz::ChangedLines call = Changed("api/cron.py", 6);
  EXPECT_EQ(CodesIn(fuzz::LintFiles(AsFuzzFiles(files), 1, &call), "lib/worker.py"),
            (std::vector<std::string>{"FL106", "FL402"}));
}

TEST(CallersElsewhere, ADiffThatAddsTheCallReportsTheHelpersWriteAndRequest) {  // QA7 M1
  const fuzz::Files files = AsFuzzFiles(RouteCallsGuardedHelper());
  const fuzz::ChangedLines call = Changed("api/index.py", 10);
  lint::LintResult result = fuzz::LintFiles(files, 1, &call);
  EXPECT_EQ(CodesIn(result, "report.py"), (std::vector<std::string>{"FL403", "FL201"}));
  EXPECT_EQ(CodesIn(fuzz::LintFiles(files, 2, &call), "report.py"), CodesIn(result, "report.py"));
  // A change elsewhere in the route leaves them to the run that added the call.
  const fuzz::ChangedLines other = Changed("api/index.py", 11);
  EXPECT_EQ(CodesIn(fuzz::LintFiles(files, 1, &other), "report.py"), (std::vector<std::string>{}));
}

// The invariants the fuzzer holds the pipeline to (fuzz/python_check.cpp): a diff run of
// the odd lines of every file, and of the lib*.py files alone, reports exactly what a full
// run does on them, or depends on them; two workers report what one does. app.py is the
// function; lib1.py calls back into it from a handler, and lib2.py is a worker of its own.
constexpr char kCallsBackAndForth[] =
    "import time\n"
    "from flask import Flask\n"
    "import lib1\n"
    "app = Flask(__name__)\n"
    "\n"
    "def poll():\n"
    "    while True:\n"
    "        time.sleep(60)\n"
    "\n"
    "@app.route(\"/cron\")\n"
    "def cron():\n"
    "    lib1.loop()\n"
    "    return \"ok\"\n"
    "\n"
    "if __name__ == \"__main__\":\n"
    "    poll()\n"
    "#>>>\n"
    "import time\n"
    "import app\n"
    "from http.server import BaseHTTPRequestHandler\n"
    "\n"
    "class handler(BaseHTTPRequestHandler):\n"
    "    def do_GET(self):\n"
    "        app.poll()\n"
    "\n"
    "def loop():\n"
    "    while True:\n"
    "        time.sleep(30)\n"
    "\n"
    "if __name__ == \"__main__\":\n"
    "    loop()\n"
    "#>>>\n"
    "import asyncio\n"
    "import lib1\n"
    "async def main():\n"
    "    await asyncio.create_task(lib1.loop())\n"
    "if __name__ == \"__main__\":\n"
    "    asyncio.run(main())\n";

// As kCallsBackAndForth, for the rules that do not ask who runs a function themselves:
// app.py's route runs lib1.py's guarded save(), which writes and fetches; lib2.py is a
// script that runs lib1.py's export() too.
constexpr char kRouteRunsAGuardedHelper[] =
    "import os\n"
    "from flask import Flask\n"
    "import lib1\n"
    "app = Flask(__name__)\n"
    "\n"
    "@app.route(\"/\")\n"
    "def index():\n"
    "    lib1.save()\n"
    "    if not os.environ.get(\"VERCEL\"):\n"
    "        lib1.export()\n"
    "    return \"ok\"\n"
    "#>>>\n"
    "import requests\n"
    "\n"
    "def fetch():\n"
    "    return requests.get(\"https://example.com\").text\n"
    "\n"
    "def save():\n"
    "    with open(\"report.json\", \"w\") as f:\n"
    "        f.write(fetch())\n"
    "\n"
    "def export():\n"
    "    open(\"export.json\", \"w\").write(\"[]\")\n"
    "\n"
    "if __name__ == \"__main__\":\n"
    "    save()\n"
    "    export()\n"
    "#>>>\n"
    "import lib1\n"
    "lib1.export()\n";

TEST(CallersElsewhere, DiffRunsAndWorkersAgreeWithAFullRunForEveryRule) {
  const std::string input = kRouteRunsAGuardedHelper;
  EXPECT_EQ(fuzz::CheckPython(input), "");
  EXPECT_EQ(fuzz::CheckPython(input + "\n"), "");
  const size_t first = input.find("#>>>\n"), second = input.find("#>>>\n", first + 1);
  lint::LintResult all = fuzz::LintFiles({{"app.py", input.substr(0, first)},
                                          {"lib1.py", input.substr(first + 5, second - first - 5)},
                                          {"lib2.py", input.substr(second + 5)},
                                          {"requirements.txt", "flask\nrequests\n"}});
  std::vector<std::string> codes = CodesIn(all, "lib1.py");
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(codes, (std::vector<std::string>{"FL201", "FL403"}));  // save() and fetch(), not export()
}

TEST(CallersElsewhere, DiffRunsAndWorkersAgreeWithAFullRun) {
  const std::string input = kCallsBackAndForth;
  EXPECT_EQ(fuzz::CheckPython(input), "");
  EXPECT_EQ(fuzz::CheckPython(input + "\n"), "");  // the other parity: lib*.py changed alone
  const size_t first = input.find("#>>>\n"), second = input.find("#>>>\n", first + 1);
  lint::LintResult all = fuzz::LintFiles({{"app.py", input.substr(0, first)},
                                          {"lib1.py", input.substr(first + 5, second - first - 5)},
                                          {"lib2.py", input.substr(second + 5)},
                                          {"requirements.txt", "flask\n"}});
  EXPECT_EQ(CodesIn(all, "app.py"), (std::vector<std::string>{"FL106", "FL402"}));
}

// ---- the verdicts themselves -------------------------------------------------------

class Verdicts {
 public:
  // As a run asks: the index of who imports whom takes the imports the deployment graph read
  // (DeploymentGraph::imports_read), unless `reuse_graph_imports` is false.
  explicit Verdicts(Files files, bool reuse_graph_imports = true)
      : snapshot_(std::make_unique<MemorySnapshot>(std::move(files))),
        index_(snapshot_),
        callers_(
            snapshot_, index_, [this](const std::string& path) { return Graph().IsFunctionCode(path); }, 1,
            reuse_graph_imports ? project::ModuleCallers::ImportsRead(
                                      [this](const std::string& path) { return Graph().ImportsReadIn(path); })
                                : nullptr) {
    index_.KeepCallGraphs();
  }

  int reads(const std::string& path) const { return snapshot_.reads(path); }

  project::ModuleCallers::Verdict Of(const std::string& path, const std::string& function) {
    std::string content, error;
    EXPECT_TRUE(snapshot_.Read(path, &content, &error)) << path;
    modules_.push_back(python::ParseModule(parser_, path, content));
    const python::Module& module = *modules_.back();
    for (size_t i = 0; i < module.functions().size(); ++i) {
      if (module.functions()[i].qualified_name == function) return callers_.Of(module, static_cast<int>(i));
    }
    ADD_FAILURE() << "no function " << function << " in " << path;
    return {};
  }

 private:
  const project::DeploymentGraph& Graph() {
    if (!graph_) {
      python::Parser parser;
      graph_ = std::make_unique<project::DeploymentGraph>(project::BuildDeploymentGraph(snapshot_, parser));
    }
    return *graph_;
  }

  ReadCountingSnapshot snapshot_;
  project::ModuleIndex index_;
  project::ModuleCallers callers_;
  std::unique_ptr<project::DeploymentGraph> graph_;
  python::Parser parser_;
  std::vector<std::unique_ptr<python::Module>> modules_;
};

TEST(ModuleCallersVerdict, CallersInANonDeployedModuleRunNothing) {
  Verdicts verdicts(TaskOfMainPy());
  EXPECT_TRUE(verdicts.Of("worker.py", "start_scheduler").off_platform);
  // Nobody calls it: as its module says, it runs.
  EXPECT_FALSE(verdicts.Of("worker.py", "setup_scheduler").off_platform);
}

// Who imports a module is read from every Python file, once per run; the deployment graph
// read the deployed ones (and the zero-config candidates) for their imports already.
TEST(ModuleCallersVerdict, AFileTheDeploymentGraphReadIsNotReadAgainForItsImports) {
  Files files = TaskOfMainPy();
  files["scripts/backfill.py"] = "import worker\n";  // not deployed: only the index reads it
  Verdicts reusing(files), reading(files, /*reuse_graph_imports=*/false);
  for (Verdicts* verdicts : {&reusing, &reading}) {
    EXPECT_TRUE(verdicts->Of("worker.py", "start_scheduler").off_platform);
    EXPECT_FALSE(verdicts->Of("worker.py", "setup_scheduler").off_platform);
  }
  for (const char* read_by_the_graph : {"api/index.py", "worker.py", "main.py"}) {
    EXPECT_EQ(reusing.reads(read_by_the_graph), reading.reads(read_by_the_graph) - 1) << read_by_the_graph;
  }
  // Read for its imports and then for its calls, either way.
  EXPECT_EQ(reusing.reads("scripts/backfill.py"), 2);
  EXPECT_EQ(reading.reads("scripts/backfill.py"), 2);
}

TEST(ModuleCallersVerdict, ACallFromAHandlerOfAnotherModuleRuns) {
  Verdicts verdicts(CronCallsGuardedMain());
  project::ModuleCallers::Verdict main = verdicts.Of("lib/worker.py", "main");
  EXPECT_FALSE(main.off_platform);
  EXPECT_FALSE(main.spawned);
  ASSERT_TRUE(main.called_from.has_value());
  EXPECT_EQ(main.called_from->path, "api/cron.py");
  EXPECT_EQ(main.via.size(), 1u);
}

TEST(ModuleCallersVerdict, WithoutAProjectEveryModuleIsDeployedAndItsGuardsCount) {
  Files files = TaskOfMainPy();
  files.erase("api/index.py");
  Verdicts guarded(files);
  EXPECT_TRUE(guarded.Of("worker.py", "start_scheduler").off_platform);
  files["main.py"] += "asyncio.run(main())\n";
  Verdicts at_import(files);
  project::ModuleCallers::Verdict verdict = at_import.Of("worker.py", "start_scheduler");
  EXPECT_FALSE(verdict.off_platform);
  EXPECT_EQ(verdict.via.size(), 2u) << "the task in main(), and the call of main() at import time";
}

TEST(ModuleCallersVerdict, FunctionsThatOnlyCallEachOtherAcrossModulesRun) {
  Verdicts verdicts({{"api/index.py", "import a\n"},
                     {"a.py", "import b\n\ndef ping():\n    b.pong()\n"},
                     {"b.py", "import a\n\ndef pong():\n    a.ping()\n"},
                     {"script.py", "import a\na.ping()\n"}});
  EXPECT_FALSE(verdicts.Of("a.py", "ping").off_platform);
  EXPECT_FALSE(verdicts.Of("b.py", "pong").off_platform);
}

TEST(ModuleCallersVerdict, AFunctionOnlyTasksOfDeployedCodeRunIsSpawned) {
  Files files = TaskOfMainPy();
  files["api/index.py"] += "        asyncio.get_event_loop().create_task(worker.start_scheduler())\n";
  Verdicts verdicts(files);
  project::ModuleCallers::Verdict verdict = verdicts.Of("worker.py", "start_scheduler");
  EXPECT_FALSE(verdict.off_platform);
  EXPECT_TRUE(verdict.spawned);
}

TEST(ModuleCallersVerdict, AnswersDoNotDependOnTheOrderOfTheQuestions) {
  Files files = CronCallsGuardedMain();
  files["lib/worker.py"] += "\ndef helper():\n    main()\n";
  Verdicts first(files), second(files);
  project::ModuleCallers::Verdict helper_first = first.Of("lib/worker.py", "helper");
  project::ModuleCallers::Verdict main_second = second.Of("lib/worker.py", "main");
  project::ModuleCallers::Verdict main_first = first.Of("lib/worker.py", "main");
  project::ModuleCallers::Verdict helper_second = second.Of("lib/worker.py", "helper");
  EXPECT_EQ(main_first.off_platform, main_second.off_platform);
  EXPECT_EQ(main_first.via, main_second.via);
  EXPECT_EQ(helper_first.off_platform, helper_second.off_platform);
  EXPECT_EQ(helper_first.via, helper_second.via);
}

}  // namespace
}  // namespace faaslint::testing
