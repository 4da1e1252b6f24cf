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
            "api/db.py:1:1: api/db.py is deployed as a function but defines no top-level `app`, `application` or "
            "`handler`\n"
            "api/index.py:2:1: the application is bound to `server`; Vercel looks for a top-level `app`, "
            "`application` or `handler`\n");
}

TEST(FL606, AcceptsEveryWayOfBindingTheName) {
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"vercel.json", "{}"},
                                            {"api/a.py", "from app import app\n"},
                                            {"api/b.py", "from flask import Flask\napp = Flask(__name__)\n"},
                                            {"api/c.py", "def application(environ, start_response):\n    pass\n"},
                                            {"api/d.py", "from lib import *\n"},
                                            {"app.py", "from flask import Flask\napp = Flask(__name__)\n"}})),
            "");
}

TEST(FL606, GuardedBindingDoesNotCountAndUnknownProjectsAreLeftAlone) {
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"vercel.json", "{}"},
                                            {"api/index.py", "if __name__ == '__main__':\n    app = 1\n"}})),
            "api/index.py:1:1: api/index.py is deployed as a function but defines no top-level `app`, "
            "`application` or `handler`\n");
  // No vercel.json and no sibling function: an api/ package of some other framework.
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"api/views.py", "def index(request):\n    pass\n"}})), "");
  // A zero-configuration entry is checked only in a project with vercel.json.
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"vercel.json", "{}"}, {"main.py", "print(1)\n"}})),
            "main.py:1:1: main.py is deployed as a function but defines no top-level `app`, `application` or "
            "`handler`\n");
  EXPECT_EQ(Render(RunProjectRule("FL606", {{"main.py", "print(1)\n"}})), "");
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
            "api/index.py:5:8: `requests` is imported, but pyproject.toml and Pipfile do not declare it (package "
            "`requests`)\n");
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
            "api/index.py:1:24: `sqlalchemy` is imported, but requirements.txt does not declare it (package "
            "`sqlalchemy`)\n"
            "api/index.py:2:8: `flask_sqlalchemy` is imported, but requirements.txt does not declare it (package "
            "`flask-sqlalchemy`)\n"
            "api/index.py:3:8: `markupsafe` is imported, but requirements.txt does not declare it (package "
            "`markupsafe`)\n"
            "api/index.py:4:8: `slack_sdk` is imported, but requirements.txt does not declare it (package "
            "`slack-sdk`)\n"
            "api/index.py:5:8: `openai` is imported, but requirements.txt does not declare it (package `openai`)\n"
            "api/index.py:6:8: `postgrest` is imported, but requirements.txt does not declare it (package "
            "`postgrest`)\n");
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
            "Pipfile (package `flask`)\n");
}

// Vercel deploys a root app.py that binds `app` with no vercel.json at all (zero config):
// its imports must install there too. A script that binds no app makes no project.
TEST(FL607, AZeroConfigAppWithoutVercelJsonIsAProject) {
  std::map<std::string, std::string> files = {
      {"requirements.txt", "flask\n"},
      {"app.py", "from flask import Flask\nimport requests\napp = Flask(__name__)\n"}};
  EXPECT_EQ(Render(RunProjectRule("FL607", files)),
            "app.py:2:8: `requests` is imported, but requirements.txt does not declare it (package `requests`)\n");
  files["app.py"] = "import requests\nprint(requests.get('https://example.com', timeout=5).status_code)\n";
  EXPECT_EQ(Render(RunProjectRule("FL607", files)), "");
}

TEST(PythonPackages, NormalisationAndNames) {
  EXPECT_EQ(project::NormalizePackageName("Flask_Cors"), "flask-cors");
  EXPECT_EQ(project::NormalizePackageName("zope.interface"), "zope-interface");
  EXPECT_EQ(project::NormalizePackageName("A__B--c"), "a-b-c");
  EXPECT_EQ(project::RequirementName("Flask[async]>=3; python_version > '3.8'"), "Flask");
  EXPECT_EQ(project::RequirementName("requests @ https://x/requests.whl"), "requests");
  EXPECT_EQ(project::RequirementName("https://x/pkg.whl"), "");
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
