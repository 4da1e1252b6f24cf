// FL704 and where a CRON_SECRET check lives: a helper or decorator of another module of
// the project counts (and a finding depends on its lines).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "support/project_fixture.h"

namespace faaslint::testing {
namespace {

// A Flask app in api/index.py, the target of every path, with one cron job on /api/cron;
// `more` adds files.
std::map<std::string, std::string> FlaskCron(const std::string& index_py,
                                             std::map<std::string, std::string> more = {}) {
  more["vercel.json"] = R"J({"rewrites": [{"source": "/(.*)", "destination": "/api/index"}],
  "crons": [{"path": "/api/cron", "schedule": "0 5 * * *"}]})J";
  more["api/index.py"] = index_py;
  return more;
}

constexpr char kUnprotected[] =
    "api/index.py:5:2: cron endpoint for \"/api/cron\" does not check CRON_SECRET: anyone can call it\n";

// api/_lib/auth.py: a decorator, a predicate and a verifier that read CRON_SECRET, and
// one that does not.
constexpr char kAuthModule[] = R"py(import functools
import hmac
import os

from flask import abort, request


def require_cron_secret(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not _authorized():
            abort(401)
        return view(*args, **kwargs)
    return wrapper


def _authorized():
    expected = f"Bearer {os.environ['CRON_SECRET']}"
    return hmac.compare_digest(request.headers.get("Authorization", ""), expected)


def is_authorized(req):
    return req.headers.get("Authorization") == f"Bearer {os.environ['CRON_SECRET']}"


def verify_cron(req):
    if not is_authorized(req):
        abort(401)


def log_request(req):
    print(req.path)
)py";

// The handler on line 5 of api/index.py: `imports` on lines 1-2, then the app.
std::string Index(const std::string& imports, const std::string& decorator, const std::string& body) {
  return "from flask import Flask, abort, request\n" + imports + "app = Flask(__name__)\n\n@app.get('/api/cron')\n" +
         decorator + "def cron():\n" + body + "    return 'ok'\n";
}

TEST(FL704, CheckInAnImportedHelperOrDecoratorCounts) {
  const std::map<std::string, std::string> auth = {{"api/_lib/__init__.py", ""}, {"api/_lib/auth.py", kAuthModule}};
  for (const std::string& index : {
           Index("from api._lib.auth import require_cron_secret\n", "@require_cron_secret\n", ""),
           Index("from api._lib import auth\n", "@auth.require_cron_secret\n", ""),
           Index("from api._lib.auth import is_authorized\n", "",
                 "    if not is_authorized(request):\n        abort(401)\n"),
           Index("from api._lib.auth import verify_cron as verify\n", "", "    verify(request)\n"),
           Index("import api._lib.auth as auth\n", "", "    auth.verify_cron(request)\n"),
           Index("from ._lib.auth import verify_cron\n", "", "    verify_cron(request)\n"),
       }) {
    EXPECT_EQ(Render(RunProjectRule("FL704", FlaskCron(index, auth))), "") << index;
  }
}

// A package that re-exports the helper (utils/__init__.py) leads to the module defining it.
TEST(FL704, CheckInAHelperReExportedByAPackage) {
  std::map<std::string, std::string> files = {{"utils/__init__.py", "from .security import is_authorized\n"},
                                              {"utils/security.py", kAuthModule}};
  std::string index =
      Index("from utils import is_authorized\n", "", "    if not is_authorized(request):\n        abort(401)\n");
  EXPECT_EQ(Render(RunProjectRule("FL704", FlaskCron(index, files))), "");
}

// A helper of another module that does not read the secret, one of a package, and one
// that is not called all leave the endpoint open.
TEST(FL704, ImportedFunctionsThatDoNotCheckTheSecretAreNoProtection) {
  const std::map<std::string, std::string> auth = {{"api/_lib/__init__.py", ""}, {"api/_lib/auth.py", kAuthModule}};
  for (const std::string& index : {
           Index("from api._lib.auth import log_request\n", "", "    log_request(request)\n"),
           Index("from api._lib.auth import log_request\n", "@log_request\n", ""),
           Index("from flask_httpauth import HTTPTokenAuth\n", "", "    HTTPTokenAuth().login_required()\n"),
           Index("from api._lib.auth import verify_cron\n", "", "    print(verify_cron)\n"),
       }) {
    EXPECT_EQ(Render(RunProjectRule("FL704", FlaskCron(index, auth))), kUnprotected) << index;
  }
}

// Editing the imported helper is a change to what protects the handler: the finding
// depends on its lines, so a diff run that deletes the check there reports it.
TEST(FL704, FindingDependsOnTheImportedHelper) {
  std::string helper = "def verify_cron(req):\n    return req.headers.get('Authorization')\n";
  std::string index = Index("from api._lib.auth import verify_cron\n", "", "    verify_cron(request)\n");
  std::vector<Finding> findings =
      RunProjectRule("FL704", FlaskCron(index, {{"api/_lib/__init__.py", ""}, {"api/_lib/auth.py", helper}}));
  ASSERT_EQ(findings.size(), 1u);
  const std::vector<Dependency>& depends_on = findings[0].depends_on;
  EXPECT_NE(std::find(depends_on.begin(), depends_on.end(), Dependency::Lines("api/_lib/auth.py", 1, 2)),
            depends_on.end());
}

}  // namespace
}  // namespace faaslint::testing
