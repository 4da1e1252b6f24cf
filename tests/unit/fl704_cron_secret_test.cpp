// FL704 and where a CRON_SECRET check lives: a helper or decorator of another module of
// the project counts (and a finding depends on its lines); and what it compares the
// secret with: a header or query parameter Vercel never sends refuses every cron call;
// and a literal default for the secret opens the endpoint where the variable is not set.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>

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

// api/index.py with `code` after its imports and app, and the cron job on `cron_path`.
std::map<std::string, std::string> CronApp(const std::string& framework, const std::string& code,
                                           const std::string& cron_path = "/api/cron",
                                           std::map<std::string, std::string> more = {}) {
  more["vercel.json"] = R"J({"rewrites": [{"source": "/(.*)", "destination": "/api/index"}],
  "crons": [{"path": ")J" + cron_path + R"J(", "schedule": "0 5 * * *"}]})J";
  more["api/index.py"] = framework == "flask"
                             ? "import os\nfrom flask import Flask, abort, request\napp = Flask(__name__)\n" + code
                             : "import os, secrets\nfrom typing import Annotated, Optional\nfrom fastapi import "
                               "Depends, FastAPI, Header, HTTPException, Query, Request\napp = FastAPI()\n" +
                                   code;
  return more;
}

// The lines FL704 reports, "line: message" (the path is api/index.py unless another is named).
std::string Fl704(const std::map<std::string, std::string>& files) { return Render(RunProjectRule("FL704", files)); }

std::string Misplaced(const std::string& where, const std::string& compared) {
  return where + ": the cron endpoint for \"/api/cron\" compares CRON_SECRET with " + compared +
         ", which Vercel's cron calls never carry: every cron call is refused and the job never runs\n";
}

// A check on a header other than Authorization, or on the query, refuses Vercel's calls.
TEST(FL704, SecretComparedWithAHeaderOrQueryVercelNeverSends) {
  const std::string route = "\n@app.get('/api/cron')\ndef cron():\n";  // the body starts on line 7
  EXPECT_EQ(Fl704(CronApp("flask", route + R"py(    expected = os.environ["CRON_SECRET"]
    if request.headers.get("X-Cron-Secret") != expected:
        abort(401)
    return "ok"
)py")),
            Misplaced("api/index.py:8:5", "the header `X-Cron-Secret`"));
  EXPECT_EQ(Fl704(CronApp("flask", route + R"py(    key = request.args.get("secret", "")
    if not key or key != CRON_SECRET:
        return "unauthorized", 401
    return "ok"

CRON_SECRET = os.environ.get("CRON_SECRET")
)py")),
            Misplaced("api/index.py:8:5", "the query parameter `secret`"));
  EXPECT_EQ(Fl704(CronApp("flask", route + R"py(    expected = os.environ["CRON_SECRET"]
    if request.args["key"] != expected:
        abort(403)
    return "ok"
)py")),
            Misplaced("api/index.py:8:5", "the query parameter `key`"));
  EXPECT_EQ(Fl704(CronApp("fastapi", route.substr(0, route.size() - 3) +
                                         R"py(x_cron_secret: Optional[str] = Header(None)):
    if x_cron_secret != os.environ["CRON_SECRET"]:
        raise HTTPException(status_code=401)
    return {}
)py")),
            Misplaced("api/index.py:8:5", "the header `x-cron-secret`"));
  EXPECT_EQ(Fl704(CronApp("fastapi", route.substr(0, route.size() - 3) +
                                         R"py(token: Annotated[str, Query(alias="key")] = ""):
    if not secrets.compare_digest(token, os.environ["CRON_SECRET"]):
        raise HTTPException(status_code=403)
    return {}
)py")),
            Misplaced("api/index.py:8:5", "the query parameter `key`"));
  EXPECT_EQ(Fl704(CronApp("fastapi", route.substr(0, route.size() - 3) + R"py(secret: str):
    if secret != os.getenv("CRON_SECRET"):
        raise HTTPException(status_code=401)
    return {}
)py")),
            Misplaced("api/index.py:8:5", "the query parameter `secret`"));
}

// The check may be a FastAPI dependency's, or a decorator's of another module.
TEST(FL704, MisplacedSecretInADependencyOrAnImportedDecorator) {
  EXPECT_EQ(Fl704(CronApp("fastapi", R"py(
def verify(x_api_key: str = Header(...)):
    if x_api_key != os.environ["CRON_SECRET"]:
        raise HTTPException(status_code=401)

@app.get('/api/cron', dependencies=[Depends(verify)])
def cron():
    return {}
)py")),
            Misplaced("api/index.py:7:5", "the header `x-api-key`"));
  const std::string decorator = R"py(import functools, os
from flask import abort, request

def require_key(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if request.args.get("key") != os.environ["CRON_SECRET"]:
            abort(401)
        return view(*args, **kwargs)
    return wrapper
)py";
  EXPECT_EQ(Fl704(CronApp("flask", "from lib.auth import require_key\n\n@app.get('/api/cron')\n@require_key\n"
                                   "def cron():\n    return 'ok'\n",
                          "/api/cron", {{"lib/__init__.py", ""}, {"lib/auth.py", decorator}})),
            Misplaced("lib/auth.py:7:9", "the query parameter `key`"));
}

// Not reported when Vercel's header may also get in, when what is compared is not
// known, or when the comparison may not be what refuses the call.
TEST(FL704, MisplacedSecretOnlyWhenItIsTheOnlyWayIn) {
  const std::string route = "\n@app.get('/api/cron')\ndef cron():\n";
  for (const char* body : {
           // The Authorization header is accepted too.
           R"py(    secret = os.environ["CRON_SECRET"]
    auth = request.headers.get("Authorization", "")
    if auth != f"Bearer {secret}" and request.args.get("key") != secret:
        abort(401)
)py",
           R"py(    secret = os.environ["CRON_SECRET"]
    if not (request.headers.get("authorization") == f"Bearer {secret}" or request.args.get("key") == secret):
        abort(401)
)py",
           // Vercel's user agent is let in.
           R"py(    if "vercel-cron" not in request.headers.get("User-Agent", ""):
        if request.headers.get("X-Cron-Secret") != os.environ["CRON_SECRET"]:
            abort(401)
)py",
           // The header's name is not a literal, or the headers are handed on whole.
           R"py(    if request.headers.get(SECRET_HEADER) != os.environ["CRON_SECRET"]:
        abort(401)
)py",
           R"py(    secret = os.environ["CRON_SECRET"]
    if not check(request.headers, secret) or request.args.get("k") != secret:
        abort(401)
)py",
           // Only checked when the header is there: the cron call goes through.
           R"py(    provided = request.headers.get("X-Cron-Secret")
    if provided:
        if provided != os.environ["CRON_SECRET"]:
            abort(401)
)py",
           R"py(    provided = request.headers.get("X-Cron-Secret")
    if provided and provided != os.environ["CRON_SECRET"]:
        abort(401)
)py",
           // An earlier branch may let the call through.
           R"py(    if os.environ.get("VERCEL_ENV") == "preview":
        return run()
    if request.args.get("key") != os.environ["CRON_SECRET"]:
        abort(401)
)py",
           // The match lets in; what refuses is not seen.
           R"py(    if request.args.get("key") == os.environ["CRON_SECRET"]:
        return run()
    abort(401)
)py",
           // Compared with something else; the secret is only passed on.
           R"py(    if request.args.get("key") != os.environ["API_KEY"]:
        abort(401)
    notify(os.environ["CRON_SECRET"])
)py",
           // No refusal follows.
           R"py(    force = request.args.get("force") != os.environ["CRON_SECRET"]
    if request.args.get("key") != os.environ["CRON_SECRET"]:
        print("manual run")
)py",
       }) {
    EXPECT_EQ(Fl704(CronApp("flask", route + body + "    return 'ok'\n")), "") << body;
  }
}

// A cron path may carry its own query, which Vercel calls it with.
TEST(FL704, QueryOfTheCronPathIsSent) {
  const std::string route = "\n@app.get('/api/cron')\ndef cron():\n";
  const std::string query = route + R"py(    if request.args.get("key") != os.environ["CRON_SECRET"]:
        abort(401)
    return "ok"
)py";
  EXPECT_EQ(Fl704(CronApp("flask", query, "/api/cron?key=abc")), "");
  const std::string header = route + R"py(    if request.headers.get("X-Key") != os.environ["CRON_SECRET"]:
        abort(401)
    return "ok"
)py";
  EXPECT_EQ(Fl704(CronApp("flask", header, "/api/cron?key=abc")),
            "api/index.py:7:5: the cron endpoint for \"/api/cron?key=abc\" compares CRON_SECRET with the header "
            "`X-Key`, which Vercel's cron calls never carry: every cron call is refused and the job never runs\n");
}

std::string Bare(const std::string& where) {
  return where + ": the cron endpoint for \"/api/cron\" compares the Authorization header with CRON_SECRET itself, "
                 "but Vercel sends `Bearer <CRON_SECRET>`: every cron call is refused and the job never runs\n";
}

constexpr char kOpen[] =
    "api/index.py:5:2: cron endpoint for \"/api/cron\" does not check CRON_SECRET: anyone can call it\n";

// Werkzeug (2.3 and later) parses `Authorization: Bearer <t>` into `request.authorization`,
// whose `.token` is <t> without the scheme: compared with the bare secret, it is a right
// check (QA: reported as a bare comparison). A test of `.type` checks no secret and cuts
// no scheme.
TEST(FL704, WerkzeugTokenComparedWithTheSecretIsARightCheck) {
  const std::string route = "\n@app.get('/api/cron')\ndef cron():\n";  // the body starts on line 7
  for (const char* body : {
           R"py(    auth = request.authorization  # Werkzeug >= 2.3 parses "Bearer <t>" into .type/.token
    if not auth or auth.token != os.environ.get("CRON_SECRET"):
        abort(401)
)py",
           R"py(    if request.authorization is None or request.authorization.token != os.environ["CRON_SECRET"]:
        abort(401)
)py",
           R"py(    auth = request.authorization
    if not auth or auth.type != "bearer" or auth.token != os.environ["CRON_SECRET"]:
        abort(401)
)py",
           R"py(    auth = request.authorization
    token = auth.token if auth else ""
    if not hmac.compare_digest(token or "", os.environ["CRON_SECRET"]):
        abort(401)
)py",
       }) {
    EXPECT_EQ(Fl704(CronApp("flask", "import hmac\n" + route + body + "    return 'ok'\n")), "") << body;
  }
  // The scheme tested, the header itself compared with the bare secret: still refused.
  EXPECT_EQ(Fl704(CronApp("flask", route + R"py(    auth = request.authorization
    if not auth or auth.type != "bearer" or request.headers.get("Authorization") != os.environ["CRON_SECRET"]:
        abort(401)
    return "ok"
)py")),
            Bare("api/index.py:8:5"));
  // Another parse's `.token`, or `.type` alone, is not the parsed header's token.
  EXPECT_EQ(Fl704(CronApp("flask", route + R"py(    oauth = get_oauth()
    if request.headers.get("Authorization") != os.environ["CRON_SECRET"] or oauth.token is None:
        abort(401)
    return "ok"
)py")),
            Bare("api/index.py:8:5"));
  EXPECT_EQ(Fl704(CronApp("flask", route + R"py(    auth = request.authorization
    if not auth or auth.type != "bearer":
        abort(401)
    return "ok"
)py")),
            kOpen);
}

std::string OtherSecret(const std::string& where, const std::string& compared) {
  return where + ": the cron endpoint for \"/api/cron\" compares a secret with " + compared +
         ", which Vercel's cron calls never carry: every cron call is refused and the job never runs\n";
}

// A handler that never reads CRON_SECRET but compares another secret with a header Vercel
// does not send, or with the query, is not open: it refuses every cron call (QA: it was
// "anyone can call it").
TEST(FL704, AnotherSecretInAHeaderOrQueryVercelNeverSends) {
  const std::string route = "\n@app.get('/api/cron')\ndef cron():\n";
  EXPECT_EQ(Fl704(CronApp("flask", route + R"py(    if request.headers.get("X-CRON-TOKEN") != os.getenv("CRON_TOKEN"):
        abort(401)
    return "ok"
)py")),
            OtherSecret("api/index.py:7:5", "the header `X-CRON-TOKEN`"));
  EXPECT_EQ(Fl704(CronApp("flask", "API_KEY = os.environ['API_KEY']\n" + route + R"py(    expected = API_KEY
    if not request.args.get("key") == expected:
        return "forbidden", 403
    return "ok"
)py")),
            OtherSecret("api/index.py:9:5", "the query parameter `key`"));
  EXPECT_EQ(Fl704(CronApp("fastapi", route.substr(0, route.size() - 3) +
                                         R"py(x_api_key: Optional[str] = Header(None)):
    if x_api_key != os.getenv("API_KEY"):
        raise HTTPException(status_code=401)
    return {}
)py")),
            OtherSecret("api/index.py:8:5", "the header `x-api-key`"));
  // In a helper the handler calls.
  EXPECT_EQ(Fl704(CronApp("flask", R"py(
def verify():
    if request.headers.get("X-Token") != os.environ["JOB_TOKEN"]:
        abort(403)

@app.get('/api/cron')
def cron():
    verify()
    return "ok"
)py")),
            OtherSecret("api/index.py:6:5", "the header `X-Token`"));
}

std::string OtherSecretInAuthorization(const std::string& where) {
  return where + ": the cron endpoint for \"/api/cron\" compares the Authorization header with a secret other than "
                 "CRON_SECRET: Vercel's cron calls carry `Bearer <CRON_SECRET>` and pass only where CRON_SECRET has "
                 "the same value\n";
}

// Another secret where Vercel sends CRON_SECRET: not open, and Vercel's calls pass only
// where CRON_SECRET has the same value (it was "anyone can call it"). Nothing checked, or
// checked against no secret: still open.
TEST(FL704, AnotherSecretInTheAuthorizationHeaderIsNoOpenEndpoint) {
  const std::string route = "\nimport hmac\n@app.get('/api/cron')\ndef cron():\n";  // the route on line 6
  const std::pair<std::string, std::string> cases[] = {
      {route + R"py(    if request.headers.get("Authorization") != f"Bearer {os.environ['CRON_TOKEN']}":
        abort(401)
)py",
       "6:2"},
      {"TOKEN = os.environ['CRON_TOKEN']\n" + route +
           R"py(    if not hmac.compare_digest(request.headers.get("Authorization", ""), f"Bearer {TOKEN}"):
        abort(401)
)py",
       "7:2"},
      {route + R"py(    auth = request.authorization
    if auth is None or auth.token != os.environ["CRON_TOKEN"]:
        abort(401)
)py",
       "6:2"},
  };
  for (const auto& [code, where] : cases) {
    EXPECT_EQ(Fl704(CronApp("flask", code + "    return 'ok'\n")), OtherSecretInAuthorization("api/index.py:" + where))
        << code;
  }
  EXPECT_EQ(Fl704(CronApp("fastapi", R"py(
def verify(authorization: str = Header("")):
    return authorization == "Bearer " + os.environ["JOB_SECRET"]

@app.get('/api/cron')
def cron(ok: bool = Depends(verify)):
    return {}
)py")),
            OtherSecretInAuthorization("api/index.py:9:2"));
  const std::string open_route = "\n@app.get('/api/cron')\ndef cron():\n";
  for (const char* body : {
           "    return 'ok'\n",
           "    if request.headers.get('X-Mode') != 'cron':\n        abort(400)\n    return 'ok'\n",
           "    if request.args.get('key') != os.environ['KEY']:\n        print('manual')\n    return 'ok'\n",
           "    if request.headers.get('Authorization') != 'Bearer ' + PUBLIC_NAME:\n        abort(401)\n"
           "    return 'ok'\n",
       }) {
    EXPECT_EQ(Fl704(CronApp("flask", open_route + body)), kOpen) << body;
  }
}

// A helper that returns the comparison, tested by the handler (`if not authorized():
// refuse`), is the gate; `if not secret: return True` lets nothing in where the project
// sets CRON_SECRET, so it does not hide the comparison (QA: nothing was reported).
TEST(FL704, MisplacedSecretInAReturnedComparison) {
  const std::string handler = "\n@app.get('/api/cron')\ndef cron():\n    if not _authorized():\n"
                              "        return 'forbidden', 403\n    return 'ok'\n";
  EXPECT_EQ(Fl704(CronApp("flask", R"py(
def _authorized() -> bool:
    secret = os.getenv("CRON_SECRET", "").strip()
    if not secret:
        return True
    return request.args.get("token", "") == secret or request.headers.get("X-Cron-Secret", "") == secret
)py" + handler)),
            Misplaced("api/index.py:13:5", "the query parameter `token` and the header `X-Cron-Secret`"));
  EXPECT_EQ(Fl704(CronApp("flask", R"py(
def _authorized():
    return hmac.compare_digest(request.args.get("key", ""), os.environ["CRON_SECRET"])
)py" + handler)),
            Misplaced("api/index.py:10:5", "the query parameter `key`"));
  // Not when a return lets a request in otherwise: the Authorization header, a debug
  // switch, a test that is not of the secret.
  for (const char* helper : {
           R"py(
def _authorized():
    secret = os.environ["CRON_SECRET"]
    return request.headers.get("Authorization") == f"Bearer {secret}" or request.args.get("token") == secret
)py",
           R"py(
def _authorized():
    if app.debug:
        return True
    return request.args.get("token") == os.environ["CRON_SECRET"]
)py",
           R"py(
def _authorized():
    return request.args.get("token") == os.environ["CRON_SECRET"] or is_admin()
)py",
           R"py(
def _authorized():
    token = request.args.get("token")
    return token is not None and token == os.environ["CRON_SECRET"] or ALLOW_ALL
)py",
       }) {
    EXPECT_EQ(Fl704(CronApp("flask", helper + handler)), "") << helper;
  }
  // Not when the handler lets the match in and refuses after: what refuses is not seen.
  EXPECT_EQ(Fl704(CronApp("flask", R"py(
def _authorized():
    return request.args.get("token") == os.environ["CRON_SECRET"]

@app.get('/api/cron')
def cron():
    if _authorized():
        return run()
    abort(403)
)py")),
            "");
}

// A test that the secret is set, or an earlier `if` (or the `if` an `elif` follows) that
// it is unset, lets no request in where the project has a secret.
TEST(FL704, MisplacedSecretBehindATestOfTheSecretItself) {
  const std::string route = "\n@app.get('/api/cron')\ndef cron():\n    secret = os.environ.get('CRON_SECRET')\n";
  const std::pair<const char*, const char*> cases[] = {
      {"    if secret and request.headers.get('X-Key') != secret:\n        abort(401)\n", "8:5"},
      {"    if secret is not None:\n        if request.headers.get('X-Key') != secret:\n            abort(401)\n",
       "9:9"},
      {"    if not secret:\n        return 'CRON_SECRET is not set', 500\n"
       "    if request.headers.get('X-Key') != secret:\n        abort(401)\n",
       "10:5"},
      {"    if not secret:\n        abort(500)\n    elif request.headers.get('X-Key') != secret:\n        abort(401)\n",
       "10:5"},
  };
  for (const auto& [body, where] : cases) {
    EXPECT_EQ(Fl704(CronApp("flask", route + body + "    return 'ok'\n")),
              Misplaced(std::string("api/index.py:") + where, "the header `X-Key`"))
        << body;
  }
  // A call that may judge the request is no test of the secret itself.
  for (const char* body : {
           "    if cron_secret_ok() and request.headers.get('X-Key') != secret:\n        abort(401)\n",
           "    if not has_cron_secret(request):\n        return run()\n"
           "    if request.headers.get('X-Key') != secret:\n        abort(401)\n",
       }) {
    EXPECT_EQ(Fl704(CronApp("flask", route + body + "    return 'ok'\n")), "") << body;
  }
}

// FastAPI: an Authorization parameter that nothing reads is not looked at; the report
// names the header compared, and is no bare comparison (QA: "compares the Authorization
// header"). One that is read leaves the check alone.
TEST(FL704, FastApiReportNamesTheHeaderCompared) {
  const std::string route = "\n@app.get('/api/cron')\ndef cron(authorization: Optional[str] = Header(None), ";
  EXPECT_EQ(Fl704(CronApp("fastapi", route + R"py(x_cron_secret: Optional[str] = Header(None)):
    if x_cron_secret != os.environ["CRON_SECRET"]:
        raise HTTPException(status_code=401)
    return {}
)py")),
            Misplaced("api/index.py:8:5", "the header `x-cron-secret`"));
  EXPECT_EQ(Fl704(CronApp("fastapi", route + R"py(x_cron_secret: Optional[str] = Header(None)):
    secret = os.environ["CRON_SECRET"]
    if authorization != f"Bearer {secret}" and x_cron_secret != secret:
        raise HTTPException(status_code=401)
    return {}
)py")),
            "");
}

std::string LiteralDefault(const std::string& where, const std::string& literal) {
  return where + ": CRON_SECRET falls back to the literal \"" + literal +
         "\" when the deployment does not set it: anyone who reads the source can call the cron endpoint for "
         "\"/api/cron\"\n";
}

// A literal default opens the endpoint wherever the variable is not set.
TEST(FL704, CronSecretWithALiteralDefault) {
  const std::string route = "\n@app.get('/api/cron')\ndef cron():\n";  // the body starts on line 7
  const std::string check = "    if request.headers.get('Authorization') != f'Bearer {secret}':\n        abort(401)\n"
                            "    return 'ok'\n";
  EXPECT_EQ(Fl704(CronApp("flask", route + "    secret = os.environ.get('CRON_SECRET', 'dev-secret')\n" + check)),
            LiteralDefault("api/index.py:7:14", "dev-secret"));
  EXPECT_EQ(Fl704(CronApp("flask", "CRON_SECRET = os.getenv('CRON_SECRET', default='changeme')\n" + route +
                                       "    secret = CRON_SECRET\n" + check)),
            LiteralDefault("api/index.py:4:15", "changeme"));
  // In a helper of another module.
  const std::string helper = "import os\n\ndef expected():\n    return 'Bearer ' + os.getenv('CRON_SECRET', 'x')\n";
  EXPECT_EQ(Fl704(CronApp("flask",
                          "from lib.auth import expected\n" + route +
                              "    if request.headers.get('Authorization') != expected():\n        abort(401)\n"
                              "    return 'ok'\n",
                          "/api/cron", {{"lib/__init__.py", ""}, {"lib/auth.py", helper}})),
            LiteralDefault("lib/auth.py:4:24", "x"));
}

// Two cron jobs whose handlers read the secret through one helper: one report, on the call.
TEST(FL704, LiteralDefaultIsReportedOnce) {
  std::map<std::string, std::string> files = {
      {"vercel.json", R"J({"rewrites": [{"source": "/(.*)", "destination": "/api/index"}],
  "crons": [{"path": "/api/a", "schedule": "0 5 * * *"}, {"path": "/api/b", "schedule": "0 6 * * *"}]})J"},
      {"api/index.py", R"py(import os
from flask import Flask, abort, request
app = Flask(__name__)

def check():
    if request.headers.get("Authorization") != "Bearer " + os.getenv("CRON_SECRET", "s3cret"):
        abort(401)

@app.get("/api/a")
def a():
    check()
    return "a"

@app.get("/api/b")
def b():
    check()
    return "b"
)py"}};
  EXPECT_EQ(Fl704(files), "api/index.py:6:60: CRON_SECRET falls back to the literal \"s3cret\" when the deployment "
                          "does not set it: anyone who reads the source can call the cron endpoint for \"/api/a\"\n");
}

TEST(FL704, NoLiteralDefaultNoReport) {
  const std::string route = "\n@app.get('/api/cron')\ndef cron():\n";
  const std::string check = "    if request.headers.get('Authorization') != f'Bearer {secret}':\n        abort(401)\n"
                            "    return 'ok'\n";
  for (const std::string& read : {"os.environ.get('CRON_SECRET', '')", "os.getenv('CRON_SECRET')",
                                  "os.getenv('CRON_SECRET', None)", "os.environ['CRON_SECRET']",
                                  "os.getenv('CRON_SECRET', DEFAULT_SECRET)", "os.getenv('CRON_SECRET', f'{PREFIX}')",
                                  "os.getenv('CRON_SECRET') or os.getenv('OTHER', 'x')"}) {
    EXPECT_EQ(Fl704(CronApp("flask", route + "    secret = " + read + "\n" + check)), "") << read;
  }
  // A function the cron handler does not reach is not its check.
  EXPECT_EQ(Fl704(CronApp("flask", route + "    secret = os.environ['CRON_SECRET']\n" + check +
                                       "\ndef debug():\n    return os.getenv('CRON_SECRET', 'dev')\n")),
            "");
}

// The secret read through a module-level name bound to it, or a pydantic settings
// field (`cron_secret`: its names are case-insensitive), is a check; a name bound to
// something else is not (QA: `SECRET = os.getenv("CRON_SECRET")` was a false warning).
TEST(FL704, SecretReadThroughAModuleNameOrASettingsFieldCounts) {
  auto lint = [](const std::string& top, const std::string& compared) {
    return Render(RunProjectRule("FL704", FlaskCron("from flask import Flask, abort, request\n" + top +
                                                    "app = Flask(__name__)\n\n@app.get(\"/api/cron\")\n"
                                                    "def cron():\n"
                                                    "    if request.headers.get(\"Authorization\") != f\"Bearer {" +
                                                    compared + "}\":\n        abort(401)\n    return \"ok\"\n")));
  };
  EXPECT_EQ(lint("import os\nSECRET = os.getenv(\"CRON_SECRET\")\n", "SECRET"), "");
  EXPECT_EQ(lint("from config import settings\n", "settings.cron_secret"), "");
  // Another variable, or a name that only contains the alias: not a check of the secret
  // (but one of another secret, where Vercel sends CRON_SECRET).
  EXPECT_EQ(lint("import os\nSECRET = os.getenv(\"API_KEY\")\n", "SECRET"),
            OtherSecretInAuthorization("api/index.py:6:2"));
  EXPECT_EQ(lint("import os\nSECRET = os.getenv(\"CRON_SECRET\")\nSECRET_V2 = os.getenv(\"API_KEY\")\n",
                 "SECRET_V2"),
            OtherSecretInAuthorization("api/index.py:7:2"));
}

}  // namespace
}  // namespace faaslint::testing
