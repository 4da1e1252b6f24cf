// The vercel.json and cron rules through the real binary on a project folder.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.h"

namespace faaslint::testing {
namespace {

void WriteProject(const TempDir& dir, const std::string& vercel_json) {
  dir.Write("vercel.json", vercel_json);
  dir.Write("requirements.txt", "flask\n");
  dir.Write("api/index.py",
            "import os\n\nfrom flask import Flask, abort, request\n\napp = Flask(__name__)\n\n\n"
            "@app.get(\"/api/cron\")\ndef cron():\n"
            "    if request.headers.get(\"Authorization\") != f\"Bearer {os.environ['CRON_SECRET']}\":\n"
            "        abort(401)\n    return \"ok\"\n");
}

constexpr const char* kBroken = R"J({
  // every five minutes
  "rewrites": [{"source": "/(.*)", "destination": "/api/index"}],
  "crons": [{"path": "/api/cron", "schedule": "*/5 * * * MON"}],
  "public": true
}
)J";

TEST(VercelProjectCli, ReportsEveryConfigProblemWithPositions) {
  TempDir dir;
  WriteProject(dir, kBroken);
  CommandResult result = RunFaaslint({"check", "--all", "--color", "never"}, dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("vercel.json:2:3: FL601 comments are not allowed in JSON (`//` comment)"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("vercel.json:4:58: FL701 invalid cron schedule \"*/5 * * * MON\": day of week field: "
                            "names like `MON` are not supported, use numbers; the day of week field takes 0-6 "
                            "(Sunday is 0)"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("vercel.json:5:3: FL602 unknown property `public` at the top level of vercel.json"),
            std::string::npos)
      << result.out;
  // vercel.json is a file checked, like the Python files ("in 0 files checked" before).
  CommandResult config_only = RunFaaslint({"check", "--all", "--color", "never", "vercel.json"}, dir.path());
  EXPECT_NE(config_only.out.find("in 1 file checked"), std::string::npos) << config_only.out;
}

TEST(VercelProjectCli, CleanProjectPasses) {
  TempDir dir;
  WriteProject(dir, R"J({
  "rewrites": [{"source": "/(.*)", "destination": "/api/index"}],
  "crons": [{"path": "/api/cron", "schedule": "0 8 * * 1-5"}]
}
)J");
  CommandResult result = RunFaaslint({"check", "--all", "--color", "never"}, dir.path());
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

TEST(VercelProjectCli, PlanAndPlatformChangeWhatIsReported) {
  TempDir dir;
  WriteProject(dir, R"J({
  "rewrites": [{"source": "/(.*)", "destination": "/api/index"}],
  "crons": [{"path": "/api/cron", "schedule": "*/5 * * * *"}]
}
)J");
  CommandResult hobby = RunFaaslint({"check", "--all", "--color", "never"}, dir.path());
  EXPECT_EQ(hobby.exit_code, 1);
  EXPECT_NE(hobby.out.find("FL702 cron schedule \"*/5 * * * *\" runs 288 times a day"), std::string::npos)
      << hobby.out;
  CommandResult pro = RunFaaslint({"check", "--all", "--plan", "pro", "--color", "never"}, dir.path());
  EXPECT_EQ(pro.exit_code, 0) << pro.out << pro.err;
  CommandResult generic = RunFaaslint({"check", "--all", "--platform", "generic", "--color", "never"}, dir.path());
  EXPECT_EQ(generic.out.find("FL702"), std::string::npos) << generic.out;
}

// `faaslint rule` tells how to suppress a finding where it is: for a vercel.json rule by
// configuration (a comment in vercel.json is itself an FL601 error), and that advice works.
TEST(VercelProjectCli, VercelJsonRulesAdviseSuppressingByConfigurationAndThatWorks) {
  TempDir dir;
  WriteProject(dir, R"J({
  "rewrites": [{"source": "/(.*)", "destination": "/api/index"}],
  "crons": [{"path": "/api/cron", "schedule": "*/5 * * * *"}]
}
)J");
  CommandResult rule = RunFaaslint({"rule", "FL702"}, dir.path());
  EXPECT_EQ(rule.exit_code, 0);
  EXPECT_NE(rule.out.find("suppress them in `.faaslint.yaml` with `per-file-ignores: {\"vercel.json\": [FL702]}`, or "
                          "turn the rule off with `ignore: [FL702]`"),
            std::string::npos)
      << rule.out;
  EXPECT_EQ(rule.out.find("# noqa: FL702"), std::string::npos) << rule.out;
  CommandResult python_rule = RunFaaslint({"rule", "FL101"}, dir.path());
  EXPECT_NE(python_rule.out.find("Suppress one finding with `# noqa: FL101` on its line"), std::string::npos)
      << python_rule.out;

  ASSERT_EQ(RunFaaslint({"check", "--all", "--color", "never"}, dir.path()).exit_code, 1);
  dir.Write(".faaslint.yaml", "per-file-ignores: {\"vercel.json\": [FL702]}\n");
  CommandResult suppressed = RunFaaslint({"check", "--all", "--color", "never"}, dir.path());
  EXPECT_EQ(suppressed.exit_code, 0) << suppressed.out << suppressed.err;
}

// A pre-commit run in a deployed app: the staged module's findings are reported (FL101
// for its thread, FL607 for its undeclared import); an unchanged module with an
// undeclared import is not (its findings would not be kept, so it is not parsed for
// them), and a module outside the app (no entry imports it) is not checked at all. The
// app's imports are followed through a module the token scan leaves to the tree (a
// sys.path shim) and one written with tabs.
TEST(VercelProjectCli, StagedRunInADeployedAppReportsTheStagedModule) {
  TempDir dir;
  dir.Write("requirements.txt", "flask\n");
  dir.Write("api/index.py",
            "import sys, os\nsys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))\n"
            "from flask import Flask\nfrom shop import views\napp = Flask(__name__)\n");
  dir.Write("shop/__init__.py", "");
  dir.Write("shop/views.py", "if True:\n\tfrom shop import jobs, old\n");
  dir.Write("shop/jobs.py", "def run():\n    return 1\n");
  dir.Write("shop/old.py", "import requests\n");
  dir.Write("tools/seed.py", "def seed():\n    return 1\n");
  GitInit(dir.path());
  GitCommitAll(dir.path(), "app");
  dir.Write("shop/jobs.py", "import threading\nimport redis\n\ndef run():\n    threading.Thread(target=print).start()\n");
  dir.Write("tools/seed.py", "import threading\n\ndef seed():\n    threading.Thread(target=print).start()\n");
  Git(dir.path(), {"add", "-A"});
  CommandResult result = RunFaaslint({"check", "--staged", "--color", "never"}, dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("shop/jobs.py:5:5: FL101 "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("shop/jobs.py:2:8: FL607 `redis` is imported"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("shop/old.py"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("tools/seed.py"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Found 2 findings"), std::string::npos) << result.out;
}

// Naming only files no entry imports checks nothing: the run says why instead of a bare
// "0 files checked". It stays quiet when something named is checked (a pre-commit run names
// every staged file) and under --quiet.
TEST(VercelProjectCli, NamingOnlyFilesOutsideTheFunctionsSaysWhyNothingIsChecked) {
  TempDir dir;
  WriteProject(dir, "{}\n");
  dir.Write("scripts/worker.py", kThreadAtImport);
  dir.Write("scripts/seed_db.py", kThreadAtImport);

  CommandResult file = RunFaaslint({"check", "--all", "scripts/worker.py"}, dir.path());
  EXPECT_EQ(file.exit_code, 0) << file.err;
  EXPECT_NE(file.err.find("scripts/worker.py: not checked: no function entry (api/index.py) imports it, so it "
                          "does not run in a Vercel function"),
            std::string::npos)
      << file.err;
  EXPECT_NE(file.out.find("0 files checked"), std::string::npos) << file.out;

  CommandResult folder = RunFaaslint({"check", "--all", "scripts"}, dir.path());
  EXPECT_NE(folder.err.find("scripts: not checked: no function entry (api/index.py) imports a Python file under it"),
            std::string::npos)
      << folder.err;
  EXPECT_EQ(folder.err.find("worker.py"), std::string::npos) << folder.err;

  CommandResult with_entry = RunFaaslint({"check", "--all", "scripts/worker.py", "api/index.py"}, dir.path());
  EXPECT_EQ(with_entry.err.find("not checked"), std::string::npos) << with_entry.err;
  EXPECT_NE(with_entry.out.find("1 file checked"), std::string::npos) << with_entry.out;
  CommandResult quiet = RunFaaslint({"check", "--all", "--quiet", "scripts/worker.py"}, dir.path());
  EXPECT_EQ(quiet.err, "");

  std::filesystem::remove(dir / "api/index.py");
  CommandResult no_entry = RunFaaslint({"check", "--all", "scripts/worker.py"}, dir.path());
  EXPECT_NE(no_entry.err.find("scripts/worker.py: not checked: the project (found by vercel.json) has no function "
                              "entry"),
            std::string::npos)
      << no_entry.err;

  // With `builds` that name no Python file (QA round 6: a Node build and a `src` that is
  // not there), the note says so rather than that there is no `builds`.
  dir.Write("vercel.json", R"({"builds": [{"src": "package.json", "use": "@vercel/node"},
  {"src": "./index.py", "use": "@vercel/python"}]})");
  CommandResult builds = RunFaaslint({"check", "--all", "scripts/worker.py"}, dir.path());
  EXPECT_NE(builds.err.find("scripts/worker.py: not checked: vercel.json's `builds` names no Python file of the "
                            "project, and with `builds` Vercel deploys only what it names"),
            std::string::npos)
      << builds.err;
}

// Django loads its modules by name, so every file is function code, except the management
// commands, which `manage.py` runs in a terminal.
TEST(VercelProjectCli, DjangoManagementCommandsAreNotFunctionCode) {
  TempDir dir;
  dir.Write("vercel.json", R"({"builds": [{"src": "mysite/wsgi.py", "use": "@vercel/python"}]})");
  dir.Write("requirements.txt", "django\n");
  dir.Write("mysite/wsgi.py",
            "import os\nfrom django.core.wsgi import get_wsgi_application\n"
            "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"mysite.settings\")\n"
            "application = get_wsgi_application()\n");
  dir.Write("mysite/settings.py", "ROOT_URLCONF = \"mysite.urls\"\n");
  constexpr const char* kExport = "def export():\n    open(\"export.csv\", \"w\").write(\"\")\n";
  dir.Write("polls/management/commands/export_polls.py", kExport);
  dir.Write("polls/views.py", kExport);

  CommandResult result = RunFaaslint({"check", "--all", "--color", "never"}, dir.path());
  EXPECT_NE(result.out.find("polls/views.py:2:5: FL201 "), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("management"), std::string::npos) << result.out;

  CommandResult named = RunFaaslint({"check", "--all", "polls/management"}, dir.path());
  EXPECT_EQ(named.exit_code, 0) << named.out;
  EXPECT_NE(named.err.find("polls/management: not checked: Django management commands run in a terminal"),
            std::string::npos)
      << named.err;
}

}  // namespace
}  // namespace faaslint::testing
