// FL606 (function file without an entrypoint) and FL607 (undeclared third-party import).
#include <gtest/gtest.h>

#include "project/python_packages.h"
#include "project/requirements.h"
#include "support/project_fixture.h"

namespace faaslint::testing {
namespace {

TEST(FL606, HelperInApiAndMisnamedApp) {
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"vercel.json", "{}"},
                                            {"api/index.py", "from flask import Flask\nserver = Flask(__name__)\n"},
                                            {"api/db.py", "import sqlite3\n\ndef connect():\n    pass\n"},
                                            {"api/_helpers.py", "def f():\n    pass\n"},
                                            {"api/ok.py", "from http.server import BaseHTTPRequestHandler\n"
                                                          "class handler(BaseHTTPRequestHandler):\n    pass\n"}})),
            "api/db.py:1:1: api/db.py defines no top-level `app`, `application` or `handler`, so Vercel deploys no "
            "function from it\n"
            "api/index.py:2:1: the application is bound to `server`; Vercel looks for a top-level `app`, "
            "`application` or `handler`\n");
}

// Since vercel/vercel#14493 an api/ file without an entrypoint gets no function: a helper
// that another function file imports (by package path or relatively) does no harm.
TEST(FL606, AHelperInApiThatAFunctionImportsIsNotReported) {
  const std::string app = "from flask import Flask\napp = Flask(__name__)\n";
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"vercel.json", "{}"},
                                            {"api/index.py", "from api.db import connect\n" + app},
                                            {"api/report.py", "from .util import fmt\n" + app},
                                            {"api/db.py", "def connect():\n    pass\n"},
                                            {"api/util.py", "def fmt():\n    pass\n"},
                                            {"api/orphan.py", "def run():\n    pass\n"}})),
            "api/orphan.py:1:1: api/orphan.py defines no top-level `app`, `application` or `handler`, so Vercel "
            "deploys no function from it\n");
  // Named in `builds`, the same helper fails the build: still reported.
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"vercel.json", R"J({"builds": [{"src": "api/*.py", "use": "@vercel/python"}]})J"},
                                            {"api/index.py", "from api.db import connect\n" + app},
                                            {"api/db.py", "def connect():\n    pass\n"}})),
            "api/db.py:1:1: api/db.py is deployed as a function but defines no top-level `app`, `application` or "
            "`handler`\n");
}

TEST(FL606, AcceptsEveryWayOfBindingTheName) {
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"vercel.json", "{}"},
                                            {"api/a.py", "from app import app\n"},
                                            {"api/b.py", "from flask import Flask\napp = Flask(__name__)\n"},
                                            {"api/c.py", "def application(environ, start_response):\n    pass\n"},
                                            {"api/d.py", "from http.server import BaseHTTPRequestHandler\n"
                                                         "class Handler(BaseHTTPRequestHandler):\n    pass\n"},
                                            {"app.py", "from flask import Flask\napp = Flask(__name__)\n"}})),
            "");
}

// The shapes Vercel's reading of a file does not take as an entrypoint, each with why (a
// star import binds nothing it sees). An api/ file without one gets no function
// (vercel/vercel#14493); a file a `builds` entry names fails the build.
TEST(FL606, NearMissesSayWhyTheBuildDoesNotSeeThem) {
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"vercel.json", "{}"},
                                            {"api/a.py", "from lib import *\n"},
                                            {"api/b.py", "def handler(request):\n    pass\n"},
                                            {"api/c.py", "class handler:\n    pass\n"}})),
            "api/a.py:1:17: `from lib import *` may bring in `app`, but Vercel's build reads only the names the file "
            "binds itself, so Vercel deploys no function from api/a.py\n"
            "api/b.py:1:1: `handler` is not a class: Vercel takes `handler` only as a BaseHTTPRequestHandler "
            "subclass and an application only as `app` or `application`, so Vercel deploys no function from "
            "api/b.py\n"
            "api/c.py:1:1: `handler` does not inherit from BaseHTTPRequestHandler: Vercel's runtime refuses it and "
            "every request fails (\"Could not determine the application interface\"; before @vercel/python 6.28.0: "
            "\"Handler must inherit from BaseHTTPRequestHandler\")\n");
}

TEST(FL606, GuardedBindingDoesNotCountAndUnknownProjectsAreLeftAlone) {
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"vercel.json", "{}"},
                                            {"api/index.py", "if __name__ == '__main__':\n    app = 1\n"}})),
            "api/index.py:2:5: `app` is bound only inside a block (if, try, with, for): Vercel's build reads only "
            "the file's top-level statements, so Vercel deploys no function from api/index.py\n");
  // No vercel.json and no sibling function: an api/ package of some other framework.
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"api/views.py", "def index(request):\n    pass\n"}})), "");
  // A zero-configuration entry is checked only in a project with vercel.json.
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"vercel.json", "{}"}, {"main.py", "print(1)\n"}})),
            "main.py:1:1: main.py is deployed as a function but defines no top-level `app`, `application` or "
            "`handler`\n");
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"main.py", "print(1)\n"}})), "");
}

TEST(FL606, NearMissInABuildsEntryFailsTheBuild) {
  EXPECT_EQ(Render(RunProjectRule("FL606",
                                  {{"vercel.json", R"J({"builds": [{"src": "api/b.py", "use": "@vercel/python"}]})J"},
                                   {"api/b.py", "def handler(request):\n    pass\n"}})),
            "api/b.py:1:1: `handler` is not a class: Vercel takes `handler` only as a BaseHTTPRequestHandler "
            "subclass and an application only as `app` or `application`, so the build fails (Could not find a "
            "top-level \"app\", \"application\", or \"handler\")\n");
}

// QA round 5 (repro C): a lone api/ file with a Node-style `def handler(request, response)`
// and no vercel.json. Naming `handler` marks the api/ folder as Vercel's; AWS Lambda's
// `def handler(event, context)` does not, and other api/ packages are still left alone.
TEST(FL606, AHandlerFunctionMarksTheApiFolderAsVercels) {
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"api/ping.py", "def handler(request, response):\n"
                                                            "    response.status_code = 200\n"}})),
            "api/ping.py:1:1: `handler` is not a class: Vercel takes `handler` only as a BaseHTTPRequestHandler "
            "subclass and an application only as `app` or `application`, so Vercel deploys no function from "
            "api/ping.py\n");
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"api/ping.py", "class handler:\n    pass\n"}})),
            "api/ping.py:1:1: `handler` does not inherit from BaseHTTPRequestHandler: Vercel's runtime refuses it and "
            "every request fails (\"Could not determine the application interface\"; before @vercel/python 6.28.0: "
            "\"Handler must inherit from BaseHTTPRequestHandler\")\n");
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"api/ping.py", "def handler(event, context):\n    return {}\n"}})), "");
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"api/ping.py", "from mangum import Mangum\nfrom main import api\n"
                                                            "handler = Mangum(api)\n"}})),
            "");
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"api/views.py", "def handlers(request):\n    pass\n"},
                                            {"api/urls.py", "if True:\n    def handler(request):\n        pass\n"}})),
            "");
}

// QA round 7 (repro m3, from a real repository): Vercel's runtime wants `handler` to be a
// BaseHTTPRequestHandler subclass. A class deriving only from `object` is refused like one
// without bases, and a base the file never imports raises NameError when the runtime runs
// the file (vc_init.py exec_module()s it first): every request fails either way.
TEST(FL606, AHandlerClassWithAnObjectOrUndefinedBase) {
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"api/webhook.py", "import json\nimport os\n\n\n"
                                                               "class handler(BaseHTTPRequestHandler):\n"
                                                               "    def do_POST(self):\n        pass\n"},
                                            {"api/status.py", "class handler(object):\n    pass\n"},
                                            {"api/mixed.py", "from lib import Mixin\n"
                                                             "class Handler(Mixin, RequestHandler):\n    pass\n"}})),
            "api/mixed.py:2:22: `RequestHandler`, the base class of `Handler`, is never imported or defined: "
            "importing api/mixed.py raises NameError, so every request fails\n"
            "api/status.py:1:1: `handler` derives from object, not BaseHTTPRequestHandler: Vercel's runtime refuses "
            "it and every request fails (\"Could not determine the application interface\"; before @vercel/python "
            "6.28.0: \"Handler must inherit from BaseHTTPRequestHandler\")\n"
            "api/webhook.py:5:15: `BaseHTTPRequestHandler`, the base class of `handler`, is never imported or "
            "defined: importing api/webhook.py raises NameError, so every request fails\n");
  std::vector<Finding> findings = RunProjectRule(
      "FL606", {{"vercel.json", "{}"}, {"api/webhook.py", "class handler(BaseHTTPRequestHandler):\n    pass\n"},
                {"api/other.py", "class handler(JsonHandler):\n    pass\n"}});
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].help, "import or define `JsonHandler` (a BaseHTTPRequestHandler subclass), or derive "
                              "`handler` from http.server's BaseHTTPRequestHandler");
  EXPECT_EQ(findings[1].help, "import it: `from http.server import BaseHTTPRequestHandler`");
}

// Every way a file gets its handler's base is taken on trust: a star import, the module's
// attribute, an alias, a local class, a class from another module (which cannot be seen),
// an import inside try/except, a global bound in a function.
TEST(FL606, AHandlerBaseTheModuleBindsIsNotReported) {
  const std::string body = "    def do_GET(self):\n        pass\n";
  EXPECT_EQ(Render(RunProjectRule(
                "FL606",
                {{"vercel.json", "{}"},
                 {"api/a.py", "from http.server import *\nclass handler(BaseHTTPRequestHandler):\n" + body},
                 {"api/b.py", "import http.server\nclass handler(http.server.BaseHTTPRequestHandler):\n" + body},
                 {"api/c.py", "from http.server import BaseHTTPRequestHandler as B\nclass handler(B):\n" + body},
                 {"api/d.py", "from http.server import BaseHTTPRequestHandler\n"
                              "class Base(BaseHTTPRequestHandler):\n    pass\nclass handler(Base):\n" + body},
                 {"api/e.py", "from lib.handlers import JsonHandler\nclass handler(JsonHandler):\n" + body},
                 {"api/f.py", "try:\n    from http.server import BaseHTTPRequestHandler\nexcept ImportError:\n"
                              "    BaseHTTPRequestHandler = None\nclass handler(BaseHTTPRequestHandler):\n" + body},
                 {"api/g.py", "import http.server\nBase = http.server.BaseHTTPRequestHandler\n"
                              "class Handler(Base, object):\n" + body},
                 {"api/h.py", "def setup():\n    global Base\n    from http.server import BaseHTTPRequestHandler "
                              "as Base\nsetup()\nclass handler(Base):\n" + body},
                 {"api/i.py", "from http import server\nclass handler(server.BaseHTTPRequestHandler):\n" + body}})),
            "");
}

// QA round 5 (repro B): `handler = Mangum(app)` beside `app`. The runtime of the builder
// the vercel CLI bundles serves the name the build found (`app`, @vercel/python 6.28.0,
// vercel/vercel#15635), so only a builder pinned before 6.28.0 serves `handler` first and
// stops at start.
constexpr const char* kFastApiWithMangum =
    "from fastapi import FastAPI\nfrom mangum import Mangum\n\napp = FastAPI()\n\nhandler = Mangum(app)\n";

std::string BuiltWith(const std::string& use, const std::string& source = kFastApiWithMangum) {
  return Render(RunProjectRule(
      "FL606", {{"vercel.json", R"J({"builds": [{"src": "api/index.py", "use": ")J" + use + R"J("}]})J"},
                {"api/index.py", source}}));
}

TEST(FL606, NonClassHandlerBesideAppWithABuilderBefore6_28) {
  EXPECT_EQ(BuiltWith("@vercel/python@4"),
            "api/index.py:6:1: `handler` is a Mangum adapter (AWS Lambda's), not a class, and @vercel/python@4 "
            "(before 6.28.0) serves `handler` ahead of `app`: its runtime stops the function at start "
            "(issubclass() of a non-class raises TypeError), so every request fails\n");
  EXPECT_EQ(RenderWithHelp(RunProjectRule(
                "FL606", {{"vercel.json", R"J({"functions": {"api/*.py": {"runtime": "@vercel/python@6.26.0"}}})J"},
                          {"api/index.py", kFastApiWithMangum}})),
            "api/index.py:6:1: `handler` is a Mangum adapter (AWS Lambda's), not a class, and @vercel/python@6.26.0 "
            "(before 6.28.0) serves `handler` ahead of `app`: its runtime stops the function at start "
            "(issubclass() of a non-class raises TypeError), so every request fails\n"
            "  help: remove `handler = Mangum(app)`: Vercel serves `app` itself (or unpin the builder: from 6.28.0 it "
            "serves the `app` the build finds)\n");
  EXPECT_EQ(BuiltWith("@vercel/python@4.3.1", "from flask import Flask\napp = Flask(__name__)\n"
                                               "def handler(event, context):\n"
                                               "    return awsgi.response(app, event, context)\n"),
            "api/index.py:3:1: `handler` is a function, not a class, and @vercel/python@4.3.1 (before 6.28.0) serves "
            "`handler` ahead of `app`: its runtime stops the function at start (issubclass() of a non-class raises "
            "TypeError), so every request fails\n");
  EXPECT_EQ(BuiltWith("@vercel/python@3", "from flask import Flask\napp = Flask(__name__)\nHandler = app\n"),
            "api/index.py:3:1: `Handler` is the application itself, not a class, and @vercel/python@3 (before 6.28.0) "
            "serves `Handler` ahead of `app`: its runtime stops the function at start (issubclass() of a non-class "
            "raises TypeError), so every request fails\n");
}

TEST(FL606, NonClassHandlerBesideAppIsHarmlessOtherwise) {
  // The builder the CLI bundles (no version, a tag, 6.28.0 and later, no vercel.json).
  for (const char* use : {"@vercel/python", "@vercel/python@latest", "@vercel/python@6.28.0", "@vercel/python@25"}) {
    EXPECT_EQ(BuiltWith(use), "") << use;
  }
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"api/index.py", kFastApiWithMangum}})), "");
  // Bound only when running on AWS Lambda; a class; a value that may be a class.
  EXPECT_EQ(BuiltWith("@vercel/python@4", "import os\nfrom fastapi import FastAPI\napp = FastAPI()\n"
                                          "if os.environ.get(\"AWS_LAMBDA_FUNCTION_NAME\"):\n"
                                          "    from mangum import Mangum\n    handler = Mangum(app)\n"),
            "");
  EXPECT_EQ(BuiltWith("@vercel/python@4", "from http.server import BaseHTTPRequestHandler\napp = 1\n"
                                          "class handler(BaseHTTPRequestHandler):\n    pass\n"),
            "");
  EXPECT_EQ(BuiltWith("@vercel/python@4", "app = 1\nhandler = make_handler_class()\n"), "");
  // Not deployed to Vercel: the builds entry builds api/index.py only.
  EXPECT_EQ(Render(RunProjectRule(
                "FL606", {{"vercel.json", R"J({"builds": [{"src": "api/index.py", "use": "@vercel/python@4"}]})J"},
                          {"api/index.py", "from fastapi import FastAPI\napp = FastAPI()\n"},
                          {"lambda_main.py", kFastApiWithMangum}})),
            "");
}

TEST(FL607, UndeclaredImportsWithImportNameMapping) {
  EXPECT_EQ(Render(RunProjectRule(
                "FL607",
                {{"vercel.json", "{}"},
                 {"requirements.txt", "Flask==3.0  # web\n-r extra.txt\n"},
                 {"extra.txt", "python_dotenv>=1\n"},
                 {"api/index.py",
                  "import os, json\nimport yaml\nfrom dotenv import load_dotenv\nimport werkzeug\n"
                  "from lib.db import connect\ntry:\n    import ujson\nexcept ImportError:\n    ujson = None\n"
                  "from flask import Flask\napp = Flask(__name__)\n"
                  "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    # types only\n"
                  "    from mypy_boto3_s3 import S3Client\n"},
                 {"lib/__init__.py", ""},
                 {"lib/db.py", "import psycopg2\nfrom PIL import Image\n"}})),
            "api/index.py:2:8: `yaml` is imported, but requirements.txt and extra.txt do not declare it (package "
            "`PyYAML`)\n"
            "lib/db.py:1:8: `psycopg2` is imported, but requirements.txt and extra.txt do not declare it (package "
            "`psycopg2-binary`)\n"
            "lib/db.py:2:17: `PIL` is imported, but requirements.txt and extra.txt do not declare it (package "
            "`Pillow`)\n");
}

TEST(FL607, PyprojectAndPipfileDeclareToo) {
  std::map<std::string, std::string> files = {
      {"vercel.json", "{}"},
      {"pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\"PyYAML>=6\", \"scikit-learn\"]\n"},
      {"Pipfile", "[packages]\nbeautifulsoup4 = \"*\"\n"},
      {"api/index.py", "import yaml\nimport sklearn\nfrom bs4 import BeautifulSoup\napp = 1\n"}};
  EXPECT_EQ(Render(RunProjectRule("FL607", files)), "");
  files["api/index.py"] += "import requests\n";
  EXPECT_EQ(Render(RunProjectRule("FL607", files)),
            "api/index.py:5:8: `requests` is imported, but pyproject.toml and Pipfile do not declare it\n");
}

// What a declared package installs, and what that installs in turn, is installed: SQLModel
// brings SQLAlchemy, Flask-Migrate brings Flask-SQLAlchemy and so SQLAlchemy, Slack Bolt
// brings slack_sdk, langchain-openai brings openai, supabase brings postgrest.
TEST(FL607, PackagesInstalledAsDependenciesAreInstalled) {
  std::map<std::string, std::string> files = {
      {"vercel.json", "{}"},
      {"requirements.txt", "fastapi\nsqlmodel\nFlask-Migrate\nslack-bolt\nlangchain-openai\nsupabase\n"},
      {"api/index.py", "from sqlalchemy import func\nimport flask_sqlalchemy\nimport markupsafe\nimport slack_sdk\n"
                       "import openai\nimport postgrest\nimport starlette\nimport sniffio\napp = 1\n"}};
  EXPECT_EQ(Render(RunProjectRule("FL607", files)), "");
  files["requirements.txt"] = "fastapi\n";
  EXPECT_EQ(Render(RunProjectRule("FL607", files)),
            "api/index.py:1:24: `sqlalchemy` is imported, but requirements.txt does not declare it\n"
            "api/index.py:2:8: `flask_sqlalchemy` is imported, but requirements.txt does not declare it\n"
            "api/index.py:3:8: `markupsafe` is imported, but requirements.txt does not declare it\n"
            "api/index.py:4:8: `slack_sdk` is imported, but requirements.txt does not declare it\n"
            "api/index.py:5:8: `openai` is imported, but requirements.txt does not declare it\n"
            "api/index.py:6:8: `postgrest` is imported, but requirements.txt does not declare it\n");
}

// QA round 6: django-ckeditor ships `ckeditor_uploader` beside `ckeditor`, and yfinance
// installs requests and pandas.
TEST(FL607, ImportsProvidedByDjangoCkeditorAndYfinance) {
  std::map<std::string, std::string> files = {
      {"vercel.json", "{}"},
      {"requirements.txt", "django-ckeditor==6.7.2\nyfinance\n"},
      {"api/index.py", "from ckeditor_uploader.fields import RichTextUploadingField\nimport ckeditor\n"
                       "import requests\nimport pandas as pd\napp = 1\n"}};
  EXPECT_EQ(Render(RunProjectRule("FL607", files)), "");
  files["requirements.txt"] = "django\n";
  EXPECT_EQ(Render(RunProjectRule("FL607", files)),
            "api/index.py:1:38: `ckeditor_uploader` is imported, but requirements.txt does not declare it (package "
            "`django-ckeditor`)\n"
            "api/index.py:2:8: `ckeditor` is imported, but requirements.txt does not declare it (package "
            "`django-ckeditor`)\n"
            "api/index.py:3:8: `requests` is imported, but requirements.txt does not declare it\n"
            "api/index.py:4:8: `pandas` is imported, but requirements.txt does not declare it\n");
}

// The `google` namespace is shared: each package of it names its own distribution.
TEST(FL607, GoogleNamespacePackagesNameTheirDistribution) {
  std::map<std::string, std::string> files = {
      {"vercel.json", "{}"},
      {"requirements.txt", "protobuf\n"},
      {"api/index.py", "from google.oauth2 import service_account\nfrom google.cloud import storage\n"
                       "import google.protobuf\nfrom google.protobuf import json_format\napp = 1\n"}};
  EXPECT_EQ(Render(RunProjectRule("FL607", files)),
            "api/index.py:1:27: `google.oauth2` is imported, but requirements.txt does not declare it (package "
            "`google-auth`)\n"
            "api/index.py:2:26: `google.cloud.storage` is imported, but requirements.txt does not declare it "
            "(package `google-cloud-storage`)\n");
  // google-cloud-storage installs google-auth (through google-api-core too).
  files["requirements.txt"] = "google-cloud-storage\n";
  EXPECT_EQ(Render(RunProjectRule("FL607", files)), "");
}

TEST(FL607, NoRequirementsFileAtAll) {
  EXPECT_EQ(Render(RunProjectRule("FL607", {{"api/index.py", "import flask\napp = flask.Flask(__name__)\n"}})),
            "api/index.py:1:8: `flask` is imported, but the project has no requirements.txt, pyproject.toml or "
            "Pipfile\n");
  // A pyproject.toml that only configures tools declares nothing, and says so.
  EXPECT_EQ(Render(RunProjectRule("FL607", {{"pyproject.toml", "[tool.ruff]\nline-length = 100\n"},
                                            {"api/index.py", "import flask\napp = flask.Flask(__name__)\n"}})),
            "api/index.py:1:8: `flask` is imported, but pyproject.toml declares no dependencies\n");
}

// Import names of real apps on Vercel that their packages' names do not spell (QA,
// 2026-12-01): the table knows them, or the declared package's name contains the import's.
TEST(FL607, PackagesNamedOtherwiseThanTheirImports) {
  std::map<std::string, std::string> files = {
      {"vercel.json", "{}"},
      {"requirements.txt", "flask\npyTelegramBotAPI\npymongo\nline-bot-sdk\nstrawberry-graphql[fastapi]\n"
                           "google-search-results\nSpeechRecognition\ngooglesearch-python\npython-whois\nPySocks\n"
                           "Flask-APScheduler\nazure-storage-blob\nruamel.yaml\ndocx2pdf\n"},
      {"api/index.py", "from flask import Flask\nimport telebot\nfrom bson import ObjectId\n"
                       "from linebot import LineBotApi\nimport strawberry\nimport serpapi\n"
                       "import speech_recognition\nfrom googlesearch import search\nimport whois\nimport socks\n"
                       "from apscheduler.schedulers.background import BackgroundScheduler\n"
                       "from azure.storage.blob import BlobServiceClient\napp = Flask(__name__)\n"}};
  EXPECT_EQ(Render(RunProjectRule("FL607", files)), "");
  // A name the table knows is not guessed at: ruamel.yaml does not provide `yaml`, nor
  // docx2pdf `docx`; and a short name is never matched by containment.
  files["api/index.py"] = "import yaml\nimport docx\nimport jwt\napp = 1\n";
  files["requirements.txt"] = "ruamel.yaml\ndocx2pdf\njwtools\n";
  EXPECT_EQ(Render(RunProjectRule("FL607", files)),
            "api/index.py:1:8: `yaml` is imported, but requirements.txt does not declare it (package `PyYAML`)\n"
            "api/index.py:2:8: `docx` is imported, but requirements.txt does not declare it (package "
            "`python-docx`)\n"
            "api/index.py:3:8: `jwt` is imported, but requirements.txt does not declare it (package `PyJWT`)\n");
  EXPECT_TRUE(project::MayProvide("line-bot-sdk", "linebot"));
  EXPECT_TRUE(project::MayProvide("pysocks", "socks"));
  EXPECT_FALSE(project::MayProvide("pymongo", "bson"));
  EXPECT_FALSE(project::MayProvide("pyjwt", "jwt"));  // under 4 letters: the table's, or nothing
}

// pip decodes a requirements file by its byte order mark: Notepad's UTF-8 BOM, and the
// UTF-16 that PowerShell's `pip freeze > requirements.txt` writes.
TEST(FL607, RequirementsWithAByteOrderMarkAreReadAsPipReadsThem) {
  auto utf16le = [](std::string_view ascii) {
    std::string out = "\xFF\xFE";
    for (char c : ascii) out += std::string{c, '\0'};
    return out;
  };
  std::map<std::string, std::string> files = {
      {"vercel.json", "{}"},
      {"requirements.txt", "\xEF\xBB\xBF" "flask\r\nrequests\r\n"},
      {"api/index.py", "import flask\nimport requests\nimport httpx\napp = flask.Flask(__name__)\n"}};
  const std::string httpx_missing = "api/index.py:3:8: `httpx` is imported, but requirements.txt does not declare it\n";
  EXPECT_EQ(Render(RunProjectRule("FL607", files)), httpx_missing);
  files["requirements.txt"] = utf16le("flask==3.0\r\nrequests\r\n");
  EXPECT_EQ(Render(RunProjectRule("FL607", files)), httpx_missing);
  // UTF-16 without a BOM is not text pip can read either: nothing is said of its packages.
  files["requirements.txt"] = utf16le("flask\n").substr(2);
  EXPECT_EQ(Render(RunProjectRule("FL607", files)), "");
}

// Vercel deploys a root app.py that binds `app` with no vercel.json at all (zero config):
// its imports must install there too. A script that binds no app makes no project.
TEST(FL607, AZeroConfigAppWithoutVercelJsonIsAProject) {
  std::map<std::string, std::string> files = {
      {"requirements.txt", "flask\n"},
      {"app.py", "from flask import Flask\nimport requests\napp = Flask(__name__)\n"}};
  EXPECT_EQ(Render(RunProjectRule("FL607", files)),
            "app.py:2:8: `requests` is imported, but requirements.txt does not declare it\n");
  files["app.py"] = "import requests\nprint(requests.get('https://example.com', timeout=5).status_code)\n";
  EXPECT_EQ(Render(RunProjectRule("FL607", files)), "");
}

// Extras install packages: in pyproject.toml's PEP 508 strings, Poetry's tables and Pipfile's.
TEST(FL607, ExtrasInEveryDeclarationFormat) {
  const std::string uses_uvicorn = "import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\n";
  std::map<std::string, std::string> files = {
      {"pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\"fastapi[standard]\"]\n"},
      {"app.py", uses_uvicorn}};
  EXPECT_EQ(Render(RunProjectRule("FL607", files)), "");
  files["pyproject.toml"] =
      "[tool.poetry.dependencies]\npython = \"^3.12\"\nfastapi = {version = \"*\", extras = [\"standard\"]}\n";
  EXPECT_EQ(Render(RunProjectRule("FL607", files)), "");
  files.erase("pyproject.toml");
  files["Pipfile"] = "[packages]\nfastapi = {version = \"*\", extras = [\"standard\"]}\n";
  EXPECT_EQ(Render(RunProjectRule("FL607", files)), "");
  files["Pipfile"] = "[packages]\nfastapi = \"*\"\n";  // without the extra, uvicorn is not installed
  EXPECT_EQ(Render(RunProjectRule("FL607", files)),
            "app.py:1:8: `uvicorn` is imported, but Pipfile does not declare it\n");
}

TEST(PythonPackages, NormalisationAndNames) {
  EXPECT_EQ(project::NormalizePackageName("Flask_Cors"), "flask-cors");
  EXPECT_EQ(project::NormalizePackageName("zope.interface"), "zope-interface");
  EXPECT_EQ(project::NormalizePackageName("A__B--c"), "a-b-c");
  EXPECT_EQ(project::RequirementName("Flask[async]>=3; python_version > '3.8'"), "Flask");
  EXPECT_EQ(project::RequirementName("requests @ https://x/requests.whl"), "requests");
  EXPECT_EQ(project::RequirementName("https://x/pkg.whl"), "");
  EXPECT_EQ(project::RequirementExtras("uvicorn[standard,  watch]>=0.30"),
            (std::vector<std::string>{"standard", "watch"}));
  EXPECT_EQ(project::RequirementExtras("requests [socks] ; python_version > '3.8'"),
            (std::vector<std::string>{"socks"}));
  EXPECT_TRUE(project::RequirementExtras("flask>=3  # [not an extra]").empty());
  EXPECT_TRUE(project::RequirementExtras("https://x/pkg.whl").empty());
  EXPECT_TRUE(project::IsStandardLibrary("asyncio"));
  EXPECT_TRUE(project::IsStandardLibrary("_thread"));
  EXPECT_FALSE(project::IsStandardLibrary("distutils"));  // removed in Python 3.12
  EXPECT_FALSE(project::IsStandardLibrary("yaml"));
  EXPECT_EQ(project::SuggestedPackage("cv2"), "opencv-python");
  EXPECT_EQ(project::SuggestedPackage("flask_cors"), "flask-cors");
}

}  // namespace
}  // namespace faaslint::testing

namespace faaslint::testing {
namespace {

TEST(FL606, NoZeroConfigEntryNextToFunctionsOfAnotherRuntime) {
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"vercel.json", "{}"}, {"api/hello.ts", "export function GET() {}\n"},
                                            {"main.py", "print('a local script')\n"}})),
            "");
}

}  // namespace
}  // namespace faaslint::testing
