// `faaslint init` with the real binary on real folders.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.h"

namespace faaslint {
namespace {

namespace fs = std::filesystem;
using testing::RunFaaslint;
using testing::TempDir;

constexpr const char* kFlaskApp =
    "import threading\n"
    "import time\n"
    "from flask import Flask\n"
    "\n"
    "app = Flask(__name__)\n"
    "\n"
    "\n"
    "def check_events():\n"
    "    while True:\n"
    "        time.sleep(1)\n"
    "\n"
    "\n"
    "@app.route(\"/\")\n"
    "def index():\n"
    "    return \"hi\"\n"
    "\n"
    "\n"
    "threading.Thread(target=check_events, daemon=True).start()\n";

TEST(Init, FlaskAppGetsVercelJsonWithACronEntryAnEntryModuleAndVercelIgnore) {
  TempDir dir;
  dir.Write("app.py", kFlaskApp);
  dir.Write("requirements.txt", "flask\n");
  auto result = RunFaaslint({"init"}, dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("found the Flask app `app` in app.py:5"), std::string::npos) << result.out;
  EXPECT_EQ(dir.Read("vercel.json"),
            "{\n"
            "  \"$schema\": \"https://openapi.vercel.sh/vercel.json\",\n"
            "  \"functions\": {\n"
            "    \"api/index.py\": {\n"
            "      \"maxDuration\": 10\n"
            "    }\n"
            "  },\n"
            "  \"rewrites\": [\n"
            "    {\n"
            "      \"source\": \"/(.*)\",\n"
            "      \"destination\": \"/api/index\"\n"
            "    }\n"
            "  ],\n"
            "  \"crons\": [\n"
            "    {\n"
            "      \"path\": \"/api/check-events\",\n"
            "      \"schedule\": \"0 0 * * *\"\n"
            "    }\n"
            "  ]\n"
            "}\n");
  std::string entry = dir.Read("api/index.py");
  EXPECT_NE(entry.find("sys.path.insert(0, os.path.join(os.path.dirname(__file__), \"..\"))"), std::string::npos);
  EXPECT_NE(entry.find("\nfrom app import app  # noqa: E402\n"), std::string::npos) << entry;
  std::string ignore = dir.Read(".vercelignore");
  for (const char* pattern : {".venv/", "venv/", "__pycache__/", "tests/", ".pytest_cache/"}) {
    EXPECT_NE(ignore.find(std::string("\n") + pattern + "\n"), std::string::npos) << pattern;
  }
  // The output names the endpoint the user must add for the cron job, with the secret check.
  EXPECT_NE(result.out.find("app.py:18: check_events() runs as a thread"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("@app.route(\"/api/check-events\", methods=[\"GET\"])"), std::string::npos);
  EXPECT_NE(result.out.find("CRON_SECRET"), std::string::npos);
  // What init wrote is valid Python the linter can read: the entry exposes `app`.
  auto check = RunFaaslint({"check", "--all", "--select", "FL4,FL5"}, dir.path());
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

// The route init prints, indented by six spaces in its output, without the indentation.
std::string PrintedRoute(const std::string& out) {
  std::string route;
  size_t at = out.find("      @");
  while (at != std::string::npos && out.compare(at, 6, "      ") == 0) {
    size_t end = out.find('\n', at);
    route += out.substr(at + 6, end - at - 6) + "\n";
    at = end + 1;
  }
  return route;
}

TEST(Init, FollowingInitsAdvicePassesTheProjectAndCronRules) {
  TempDir dir;
  if (RunFaaslint({"rule", "FL701"}, dir.path()).exit_code != 0) GTEST_SKIP() << "no FL6xx/FL7xx rules in this build";
  dir.Write("app.py", std::string(kFlaskApp));
  dir.Write("requirements.txt", "flask==3.0.3\n");
  auto result = RunFaaslint({"init"}, dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string route = PrintedRoute(result.out);
  ASSERT_NE(route.find("def cron_check_events():"), std::string::npos) << result.out;
  std::string app = std::string(kFlaskApp);
  app.replace(app.find("from flask import Flask\n"), 24, "import os\nfrom flask import Flask, abort, request\n");
  dir.Write("app.py", app + "\n\n" + route);
  auto check = RunFaaslint({"check", "--all", "--select", "FL6,FL7", "--color", "never"}, dir.path());
  EXPECT_EQ(check.exit_code, 0) << route << check.out << check.err;
}

TEST(Init, ExistingRouteIsReusedForTheCronJob) {
  TempDir dir;
  dir.Write("main.py",
            "import threading\n"
            "from flask import Flask\n"
            "app = Flask(__name__)\n"
            "def sync_feeds():\n"
            "    pass\n"
            "@app.route(\"/api/sync-feeds\")\n"
            "def sync():\n"
            "    return \"ok\"\n"
            "threading.Timer(60, sync_feeds).start()\n");
  auto result = RunFaaslint({"init"}, dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("reuse the existing GET route /api/sync-feeds"), std::string::npos) << result.out;
}

TEST(Init, FastApiAppInAPackage) {
  TempDir dir;
  dir.Write("service/main.py",
            "from fastapi import FastAPI\n"
            "from apscheduler.schedulers.background import BackgroundScheduler\n"
            "api = FastAPI()\n"
            "scheduler = BackgroundScheduler()\n"
            "def refresh():\n"
            "    pass\n"
            "scheduler.add_job(refresh, \"interval\", minutes=5)\n");
  dir.Write("tests/test_main.py", "from fastapi import FastAPI\napp = FastAPI()\n");
  auto result = RunFaaslint({"init"}, dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("found the FastAPI app `api` in service/main.py:3"), std::string::npos) << result.out;
  std::string entry = dir.Read("api/index.py");
  EXPECT_NE(entry.find("from service.main import api  # noqa: E402\n\napp = api\n"), std::string::npos) << entry;
  EXPECT_NE(dir.Read("vercel.json").find("\"path\": \"/api/refresh\""), std::string::npos);
  EXPECT_NE(result.out.find("APScheduler job"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("@api.get(\"/api/refresh\")"), std::string::npos) << result.out;
}

TEST(Init, DjangoWsgiApplicationWithoutBackgroundWorkHasNoCrons) {
  TempDir dir;
  dir.Write("manage.py", "import sys\n");
  dir.Write("mysite/__init__.py", "");
  dir.Write("mysite/wsgi.py",
            "import os\n"
            "from django.core.wsgi import get_wsgi_application\n"
            "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"mysite.settings\")\n"
            "application = get_wsgi_application()\n");
  auto result = RunFaaslint({"init", dir.path()}, "/");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("found the Django app `application` in mysite/wsgi.py:4"), std::string::npos);
  std::string entry = dir.Read("api/index.py");
  EXPECT_NE(entry.find("from mysite.wsgi import application  # noqa: E402\n\napp = application\n"),
            std::string::npos)
      << entry;
  EXPECT_EQ(dir.Read("vercel.json").find("crons"), std::string::npos);
}

TEST(Init, NoAppIsAClearErrorAndWritesNothing) {
  TempDir dir;
  dir.Write("script.py", "print('hello')\n");
  auto result = RunFaaslint({"init"}, dir.path());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no app object found"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << "one line";
  EXPECT_FALSE(fs::exists(dir / "vercel.json"));
  EXPECT_FALSE(fs::exists(dir / "api"));
}

TEST(Init, ExistingFileShowsTheChangeExitsOneAndWritesNothing) {
  TempDir dir;
  dir.Write("app.py", kFlaskApp);
  const std::string existing = "{ \"builds\": [{ \"src\": \"app.py\", \"use\": \"@vercel/python\" }] }\n";
  dir.Write("vercel.json", existing);
  auto result = RunFaaslint({"init"}, dir.path());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("vercel.json exists; init would change it:\n--- a/vercel.json\n+++ b/vercel.json\n"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("+  \"$schema\": \"https://openapi.vercel.sh/vercel.json\",\n"), std::string::npos);
  EXPECT_NE(result.err.find("nothing was written"), std::string::npos) << result.err;
  EXPECT_EQ(dir.Read("vercel.json"), existing);
  EXPECT_FALSE(fs::exists(dir / "api/index.py")) << "all or nothing";
  EXPECT_FALSE(fs::exists(dir / ".vercelignore"));
}

TEST(Init, FilesAlreadyAsInitWritesThemAreNotAConflict) {
  TempDir dir;
  dir.Write("app.py", kFlaskApp);
  ASSERT_EQ(RunFaaslint({"init"}, dir.path()).exit_code, 0);
  auto again = RunFaaslint({"init"}, dir.path());
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("vercel.json is already as init would write it"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace faaslint
