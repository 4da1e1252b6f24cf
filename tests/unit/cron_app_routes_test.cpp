// FL703/FL704/FL705 inside the app: the URL a route serves is its blueprint's or router's
// prefix (and its parents') plus its path; FastAPI dependencies run before it; and the
// path must reach it exactly, without a redirect of vercel.json or of the app.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "support/project_fixture.h"

namespace faaslint::testing {
namespace {

// One function, api/index.py (with `more` files), that every path is rewritten to, and one
// cron job calling `cron_path`.
std::map<std::string, std::string> App(const std::string& cron_path, const std::string& index_py,
                                       std::map<std::string, std::string> more = {}) {
  more["vercel.json"] = R"J({"rewrites": [{"source": "/(.*)", "destination": "/api/index"}],
  "crons": [{"path": ")J" + cron_path + R"J(", "schedule": "0 5 * * *"}]})J";
  more["api/index.py"] = index_py;
  return more;
}

// The project with more members at the top of vercel.json (`"trailingSlash": true`).
std::map<std::string, std::string> WithConfig(std::map<std::string, std::string> files, const std::string& members) {
  files["vercel.json"] = "{" + members + ",\n" + files["vercel.json"].substr(1);
  return files;
}

// What the three cron rules report, each line led by its code.
std::string CronFindings(const std::map<std::string, std::string>& files) {
  std::string text;
  for (const char* code : {"FL703", "FL704", "FL705"}) {
    std::string lines = Render(RunProjectRule(code, files));
    for (size_t start = 0; start < lines.size();) {
      size_t end = lines.find('\n', start);
      text += std::string(code) + " " + lines.substr(start, end - start + 1);
      start = end + 1;
    }
  }
  return text;
}

// The help of what FL703 reports, a line each.
std::string Fl703Help(const std::map<std::string, std::string>& files) {
  std::string text;
  for (const Finding& finding : RunProjectRule("FL703", files)) text += finding.help + "\n";
  return text;
}

// A route `cron` that checks the cron secret, on `app`, Flask's or FastAPI's.
std::string ProtectedFlaskCron(const std::string& route, const std::string& decorator_arguments = "") {
  return "\n@app.get('" + route + "'" + decorator_arguments + R"py()
def cron():
    if request.headers.get('authorization') != f"Bearer {os.environ['CRON_SECRET']}":
        abort(401)
    return 'ok'
)py";
}

std::string ProtectedFastApiCron(const std::string& route) {
  return "\n@app.get('" + route + R"py(')
def cron(request: Request):
    if request.headers.get('authorization') != f"Bearer {os.environ['CRON_SECRET']}":
        raise HTTPException(401)
    return {}
)py";
}

// A router's "/" route is /users/, not every path: the protected cron route is the one found.
TEST(FL704, RouterRootRouteDoesNotServeEveryPath) {
  std::string fastapi = R"py(import os
from fastapi import FastAPI, APIRouter, HTTPException, Request
app = FastAPI()
users = APIRouter(prefix='/users')

@users.post('/')
def create_user():
    return {}
)py";
  std::string flask = R"py(import os
from flask import Flask, Blueprint, request, abort
app = Flask(__name__)
items = Blueprint('items', __name__, url_prefix='/items')

@items.post('/')
def create():
    return 'ok'
)py";
  EXPECT_EQ(CronFindings(App("/api/cron", fastapi + ProtectedFastApiCron("/api/cron") + "app.include_router(users)\n")),
            "");
  EXPECT_EQ(
      CronFindings(App("/api/cron", flask + ProtectedFlaskCron("/api/cron") + "app.register_blueprint(items)\n")), "");
  // Without the cron route, nothing serves /api/cron: a 404, not a POST-only route.
  EXPECT_EQ(CronFindings(App("/api/cron", fastapi + "app.include_router(users)\n")),
            "FL703 vercel.json:2:22: cron path \"/api/cron\" reaches no route: api/index.py has no route for it\n");
  // The route it does serve is found, with its method.
  EXPECT_EQ(CronFindings(App("/users/", fastapi + "app.include_router(users)\n")),
            "FL704 api/index.py:6:2: cron endpoint for \"/users/\" does not check CRON_SECRET: anyone can call it\n"
            "FL705 api/index.py:6:2: cron job \"/users/\" calls this route with GET, but it accepts only POST\n");
}

// `@router.get("")` serves the router's prefix itself: a literal path, not an unknown one.
TEST(FL705, EmptyRoutePathServesTheRouterPrefix) {
  std::string fastapi = R"py(import os
from fastapi import FastAPI, APIRouter
app = FastAPI()
cron = APIRouter(prefix='/api/cron')

@cron.post('')
def run():
    return os.environ['CRON_SECRET']
)py";
  EXPECT_EQ(CronFindings(App("/api/cron", fastapi + "app.include_router(cron)\n")),
            "FL705 api/index.py:6:2: cron job \"/api/cron\" calls this route with GET, but it accepts only POST\n");
  // The prefix with a `/` after it is another path, which Starlette redirects.
  EXPECT_EQ(Fl703Help(App("/api/cron/", fastapi + "app.include_router(cron)\n")),
            "write \"/api/cron\", the path the route serves\n");
  std::string flask = R"py(import os
from flask import Flask, Blueprint
app = Flask(__name__)
cron = Blueprint('cron', __name__, url_prefix='/api/cron')

@cron.route('', methods=['POST'])
def run():
    return os.environ['CRON_SECRET']

app.register_blueprint(cron)
)py";
  EXPECT_EQ(CronFindings(App("/api/cron", flask)),
            "FL705 api/index.py:6:2: cron job \"/api/cron\" calls this route with GET, but it accepts only POST\n");
}

// Starlette names its routes in lists: Route(path, endpoint), under the path of the Mount
// whose `routes=` holds them (nested, or through a module-level name).
TEST(FL703, StarletteRouteListsUnderMounts) {
  std::string starlette = R"py(import os
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route

async def cleanup(request):
    if request.headers.get('authorization') != f"Bearer {os.environ['CRON_SECRET']}":
        return PlainTextResponse('no', status_code=401)
    return PlainTextResponse('ok')

async def report(request):
    return PlainTextResponse('ok')

async def home(request):
    return PlainTextResponse('home')

jobs = [Route('/cleanup', cleanup), Route('/report', report, methods=['POST'])]
app = Starlette(routes=[Route('/', home), Mount('/api/', routes=[Mount('/jobs', routes=jobs)])])
)py";
  EXPECT_EQ(CronFindings(App("/api/jobs/cleanup", starlette)), "");
  EXPECT_EQ(CronFindings(App("/api/jobs/report", starlette)),
            "FL704 api/index.py:17:37: cron endpoint for \"/api/jobs/report\" does not check CRON_SECRET: anyone can "
            "call it\n"
            "FL705 api/index.py:17:37: cron job \"/api/jobs/report\" calls this route with GET, but it accepts only "
            "POST\n");
  // Without the Mounts' paths the route is not there.
  EXPECT_EQ(CronFindings(App("/cleanup", starlette)),
            "FL703 vercel.json:2:22: cron path \"/cleanup\" reaches no route: api/index.py has no route for it\n");
  // A computed Mount path may be anything: a route under it is a guess, and no miss is reported.
  std::string computed = starlette;
  computed.replace(computed.find("Mount('/api/'"), 13, "Mount(PREFIX");
  EXPECT_EQ(CronFindings(App("/cleanup", "PREFIX = os.environ['PREFIX']\n" + computed)), "");
}

// HTTP middleware runs before every route of the app, also one of a router in another
// module: a CRON_SECRET check there protects the cron route.
TEST(FL704, CronSecretCheckedInHttpMiddleware) {
  std::string index = R"py(import os
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from api.jobs import router
app = FastAPI()
app.include_router(router)

@app.middleware("http")
async def guard(request: Request, call_next):
    if request.url.path.startswith("/api/cron/"):
        if request.headers.get("authorization") != f"Bearer {os.environ.get('CRON_SECRET')}":
            return JSONResponse({}, status_code=401)
    return await call_next(request)
)py";
  std::map<std::string, std::string> more = {
      {"api/__init__.py", ""},
      {"api/jobs.py", "from fastapi import APIRouter\nrouter = APIRouter(prefix='/api/cron')\n\n"
                      "@router.get('/purge')\ndef purge():\n    return {}\n"}};
  EXPECT_EQ(CronFindings(App("/api/cron/purge", index, more)), "");
  // Middleware that checks another secret lets Vercel's calls through only where
  // CRON_SECRET has the same value.
  std::string other = index;
  other.replace(other.find("os.environ.get('CRON_SECRET')"), 29, "os.environ.get('API_KEY')");
  EXPECT_EQ(CronFindings(App("/api/cron/purge", other, more)),
            "FL704 api/jobs.py:4:2: the cron endpoint for \"/api/cron/purge\" compares the Authorization header with "
            "a secret other than CRON_SECRET: Vercel's cron calls carry `Bearer <CRON_SECRET>` and pass only where "
            "CRON_SECRET has the same value\n");
  // Starlette's class-based middleware.
  std::string by_class = R"py(import os
from fastapi import FastAPI
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import Response
from api.jobs import router

class CronGuard(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        if request.headers.get("authorization") != "Bearer " + os.environ["CRON_SECRET"]:
            return Response(status_code=401)
        return await call_next(request)

app = FastAPI()
app.add_middleware(CronGuard)
app.include_router(router)
)py";
  EXPECT_EQ(CronFindings(App("/api/cron/purge", by_class, more)), "");
}

// FastAPI's add_api_route and Starlette's add_route name the endpoint by reference.
TEST(FL705, RoutesAddedByReference) {
  std::string fastapi = R"py(import os
from fastapi import FastAPI, APIRouter
app = FastAPI()
jobs = APIRouter(prefix='/api')

def cleanup():
    return os.environ['CRON_SECRET']

jobs.add_api_route('/cleanup', cleanup, methods=['post'])
app.include_router(jobs)
)py";
  EXPECT_EQ(CronFindings(App("/api/cleanup", fastapi)),
            "FL705 api/index.py:9:1: cron job \"/api/cleanup\" calls this route with GET, but it accepts only POST\n");
  std::string get = fastapi;
  get.replace(get.find(", methods=['post']"), 18, "");
  EXPECT_EQ(CronFindings(App("/api/cleanup", get)), "");
}

constexpr const char* kFlaskBlueprint = R"py(from flask import Flask, Blueprint
app = Flask(__name__)
bp = Blueprint('jobs', __name__, url_prefix='/v1')

@bp.get('/cron')
def cron():
    return 'ok'
)py";

TEST(FL703, BlueprintPrefixIsPartOfTheUrl) {
  std::string index = std::string(kFlaskBlueprint) + "app.register_blueprint(bp)\n";
  EXPECT_EQ(CronFindings(App("/api/cron", index)),
            "FL703 vercel.json:2:22: cron path \"/api/cron\" reaches no route: api/index.py has no route for it\n");
  EXPECT_EQ(CronFindings(App("/v1/cron", index)),
            "FL704 api/index.py:5:2: cron endpoint for \"/v1/cron\" does not check CRON_SECRET: anyone can call it\n");
  // A prefix ending in `/` is joined with one slash, as Flask joins it.
  std::string slashed = index;
  slashed.replace(slashed.find("'/v1'"), 5, "'/v1/'");
  EXPECT_EQ(CronFindings(App("/v1/cron", slashed)),
            "FL704 api/index.py:5:2: cron endpoint for \"/v1/cron\" does not check CRON_SECRET: anyone can call it\n");
}

TEST(FL703, RegistrationPrefixReplacesTheBlueprints) {
  std::string index = std::string(kFlaskBlueprint) + "app.register_blueprint(bp, url_prefix='/v2')\n";
  EXPECT_EQ(CronFindings(App("/v1/cron", index)),
            "FL703 vercel.json:2:22: cron path \"/v1/cron\" reaches no route: api/index.py has no route for it\n");
  EXPECT_EQ(CronFindings(App("/v2/cron", index)),
            "FL704 api/index.py:5:2: cron endpoint for \"/v2/cron\" does not check CRON_SECRET: anyone can call it\n");
  // A prefix held by a module constant is as literal.
  std::string constant = std::string("V2 = '/v2'\n") + kFlaskBlueprint + "app.register_blueprint(bp, url_prefix=V2)\n";
  EXPECT_EQ(CronFindings(App("/v1/cron", constant)),
            "FL703 vercel.json:2:22: cron path \"/v1/cron\" reaches no route: api/index.py has no route for it\n");
}

TEST(FL703, NestedBlueprintsJoinTheirPrefixes) {
  std::string index = std::string(kFlaskBlueprint) +
                      "api = Blueprint('api', __name__, url_prefix='/api')\n"
                      "api.register_blueprint(bp)\napp.register_blueprint(api)\n";
  EXPECT_EQ(CronFindings(App("/api/v1/cron", index)),
            "FL704 api/index.py:5:2: cron endpoint for \"/api/v1/cron\" does not check CRON_SECRET: anyone can call "
            "it\n");
  EXPECT_EQ(CronFindings(App("/v1/cron", index)),
            "FL703 vercel.json:2:22: cron path \"/v1/cron\" reaches no route: api/index.py has no route for it\n");
}

TEST(FL703, AddUrlRuleOnABlueprint) {
  std::string index = R"py(from flask import Flask, Blueprint
app = Flask(__name__)
bp = Blueprint('jobs', __name__, url_prefix='/v1')

def cron():
    return 'ok'

bp.add_url_rule('/cron', view_func=cron)
app.register_blueprint(bp)
)py";
  EXPECT_EQ(CronFindings(App("/api/cron", index)),
            "FL703 vercel.json:2:22: cron path \"/api/cron\" reaches no route: api/index.py has no route for it\n");
  EXPECT_EQ(CronFindings(App("/v1/cron", index)),
            "FL704 api/index.py:8:1: cron endpoint for \"/v1/cron\" does not check CRON_SECRET: anyone can call it\n");
}

constexpr const char* kFastApiRouter = R"py(from fastapi import FastAPI, APIRouter
app = FastAPI()
router = APIRouter(prefix='/jobs')

@router.get('/cron')
def cron():
    return {}
)py";

// FastAPI concatenates: include prefix, router prefix, route path.
TEST(FL703, IncludeRouterPrefixComesBeforeTheRouters) {
  std::string index = std::string(kFastApiRouter) + "app.include_router(router, prefix='/api')\n";
  EXPECT_EQ(CronFindings(App("/api/jobs/cron", index)),
            "FL704 api/index.py:5:2: cron endpoint for \"/api/jobs/cron\" does not check CRON_SECRET: anyone can call "
            "it\n");
  EXPECT_EQ(CronFindings(App("/api/cron", index)),
            "FL703 vercel.json:2:22: cron path \"/api/cron\" reaches no route: api/index.py has no route for it\n");
  EXPECT_EQ(CronFindings(App("/jobs/cron", index)),
            "FL703 vercel.json:2:22: cron path \"/jobs/cron\" reaches no route: api/index.py has no route for it\n");
}

TEST(FL703, NestedRoutersAndMountedApps) {
  std::string nested = std::string(kFastApiRouter) +
                       "outer = APIRouter(prefix='/api')\nouter.include_router(router)\napp.include_router(outer)\n";
  EXPECT_EQ(CronFindings(App("/api/jobs/cron", nested)),
            "FL704 api/index.py:5:2: cron endpoint for \"/api/jobs/cron\" does not check CRON_SECRET: anyone can call "
            "it\n");
  EXPECT_EQ(CronFindings(App("/jobs/cron", nested)),
            "FL703 vercel.json:2:22: cron path \"/jobs/cron\" reaches no route: api/index.py has no route for it\n");
  std::string mounted = R"py(from fastapi import FastAPI
app = FastAPI()
sub = FastAPI()

@sub.get('/cron')
def cron():
    return {}

app.mount('/api/', sub)
)py";
  EXPECT_EQ(CronFindings(App("/api/cron", mounted)),
            "FL704 api/index.py:5:2: cron endpoint for \"/api/cron\" does not check CRON_SECRET: anyone can call it\n");
  EXPECT_EQ(CronFindings(App("/cron", mounted)),
            "FL703 vercel.json:2:22: cron path \"/cron\" reaches no route: api/index.py has no route for it\n");
}

// The router is defined in another module and imported, by name or through its module.
TEST(FL703, RouterImportedFromAnotherModule) {
  std::map<std::string, std::string> modules = {
      {"app/__init__.py", ""},
      {"app/routes/__init__.py", ""},
      {"app/routes/jobs.py", "from fastapi import APIRouter\nrouter = APIRouter(prefix='/jobs')\n\n"
                             "@router.get('/cron')\ndef cron():\n    return {}\n"}};
  std::string by_name = "from fastapi import FastAPI\nfrom app.routes.jobs import router\napp = FastAPI()\n"
                        "app.include_router(router, prefix='/api')\n";
  std::string by_module = "from fastapi import FastAPI\nfrom app.routes import jobs\napp = FastAPI()\n"
                          "app.include_router(jobs.router, prefix='/api')\n";
  for (const std::string& index : {by_name, by_module}) {
    EXPECT_EQ(CronFindings(App("/api/jobs/cron", index, modules)),
              "FL704 app/routes/jobs.py:4:2: cron endpoint for \"/api/jobs/cron\" does not check CRON_SECRET: anyone "
              "can call it\n")
        << index;
    EXPECT_EQ(CronFindings(App("/api/cron", index, modules)),
              "FL703 vercel.json:2:22: cron path \"/api/cron\" reaches no route: api/index.py and the modules it "
              "imports have no route for it\n")
        << index;
  }
}

// A prefix faaslint cannot read makes a match a guess: taken only when no route matches
// through literal prefixes, and never a reason to call the path unserved.
TEST(FL704, ComputedPrefixIsAGuessThatNeverHidesALiteralMatch) {
  std::string computed = R"py(import os
from fastapi import FastAPI, APIRouter, HTTPException, Request
app = FastAPI()
router = APIRouter(prefix=os.environ.get('PREFIX', ''))

@router.get('/')
def index():
    return {}
)py";
  EXPECT_EQ(
      CronFindings(App("/api/cron", computed + ProtectedFastApiCron("/api/cron") + "app.include_router(router)\n")),
      "");
  // Only the guess matches: it is judged as the handler.
  EXPECT_EQ(CronFindings(App("/api/cron", computed + "app.include_router(router)\n")),
            "FL704 api/index.py:6:2: cron endpoint for \"/api/cron\" does not check CRON_SECRET: anyone can call it\n");
  // A blueprint nothing visibly registers may get any prefix.
  EXPECT_EQ(CronFindings(App("/api/cron", std::string(kFlaskBlueprint))),
            "FL704 api/index.py:5:2: cron endpoint for \"/api/cron\" does not check CRON_SECRET: anyone can call it\n");
  // No prefix makes /other serve /api/cron.
  std::string other = computed;
  other.replace(other.find("get('/')"), 8, "get('/other')");
  EXPECT_EQ(CronFindings(App("/api/cron", other + "app.include_router(router)\n")),
            "FL703 vercel.json:2:22: cron path \"/api/cron\" reaches no route: api/index.py has no route for it\n");
}

}  // namespace
}  // namespace faaslint::testing

namespace faaslint::testing {
namespace {

// A FastAPI dependency that checks the cron secret, in the module or imported.
constexpr const char* kVerify = R"py(import os
from fastapi import Header, HTTPException

def verify(authorization: str | None = Header(default=None)):
    if authorization != f"Bearer {os.environ['CRON_SECRET']}":
        raise HTTPException(status_code=401)
)py";

// A dependency that does not.
constexpr const char* kGetDb = R"py(
def get_db():
    return {}
)py";

std::string FastApiApp(const std::string& app_arguments, const std::string& router_arguments,
                       const std::string& include_arguments, const std::string& route_arguments,
                       const std::string& parameters) {
  return std::string(kVerify) + kGetDb +
         "from typing import Annotated\nfrom fastapi import FastAPI, APIRouter, Depends\n" +
         "app = FastAPI(" + app_arguments + ")\nrouter = APIRouter(prefix='/api'" + router_arguments + ")\n\n" +
         "@router.get('/cron'" + route_arguments + ")\ndef cron(" + parameters + "):\n    return {}\n\n" +
         "app.include_router(router" + include_arguments + ")\n";
}

// Every place FastAPI takes dependencies from protects the route when one checks the secret.
TEST(FL704, FastApiDependencyThatChecksTheSecretProtectsTheRoute) {
  const std::string deps = ", dependencies=[Depends(verify)]";
  for (const std::string& index : {FastApiApp("", "", "", deps, ""),                    // the route's decorator
                                   FastApiApp("", "", "", "", "_: None = Depends(verify)"),  // a parameter
                                   FastApiApp("", "", "", "", "_: Annotated[None, Depends(verify)]"),
                                   FastApiApp("", "", "", "", "_=Security(dependency=verify)"),
                                   FastApiApp("", deps, "", "", ""),                    // the router
                                   FastApiApp("", "", deps, "", ""),                    // include_router
                                   FastApiApp(deps.substr(2), "", "", "", "")}) {       // the app
    std::string code = index;
    if (code.find("Security(") != std::string::npos) code = "from fastapi import Security\n" + code;
    EXPECT_EQ(CronFindings(App("/api/cron", code)), "") << code;
  }
}

TEST(FL704, DependencyThatDoesNotCheckTheSecretIsNoProtection) {
  for (const std::string& index : {FastApiApp("", "", "", ", dependencies=[Depends(get_db)]", ""),
                                   FastApiApp("", "", "", "", "db=Depends(get_db)"),
                                   FastApiApp("", ", dependencies=[Depends(get_db)]", "", "", "")}) {
    EXPECT_EQ(CronFindings(App("/api/cron", index)),
              "FL704 api/index.py:15:2: cron endpoint for \"/api/cron\" does not check CRON_SECRET: anyone can "
              "call it\n")
        << index;
  }
  // Another router's dependencies protect that router's routes only.
  std::string other = FastApiApp("", "", "", "", "") +
                      "admin = APIRouter(dependencies=[Depends(verify)])\napp.include_router(admin)\n";
  EXPECT_EQ(CronFindings(App("/api/cron", other)),
            "FL704 api/index.py:15:2: cron endpoint for \"/api/cron\" does not check CRON_SECRET: anyone can call "
            "it\n");
}

// A mounted app is an app of its own: its parent's dependencies do not run before its routes.
TEST(FL704, MountedAppHasOnlyItsOwnDependencies) {
  auto mounted = [](const std::string& app_arguments, const std::string& sub_arguments) {
    return std::string(kVerify) + "from fastapi import FastAPI, Depends\napp = FastAPI(" + app_arguments +
           ")\nsub = FastAPI(" + sub_arguments + ")\n\n@sub.get('/cron')\ndef cron():\n    return {}\n\n"
           "app.mount('/api', sub)\n";
  };
  const std::string deps = "dependencies=[Depends(verify)]";
  EXPECT_EQ(CronFindings(App("/api/cron", mounted("", deps))), "");
  EXPECT_EQ(CronFindings(App("/api/cron", mounted(deps, ""))),
            "FL704 api/index.py:11:2: cron endpoint for \"/api/cron\" does not check CRON_SECRET: anyone can call "
            "it\n");
}

// The dependency lives in another module, and checks the secret through one of its own.
TEST(FL704, ImportedAndNestedDependencies) {
  std::map<std::string, std::string> auth = {
      {"lib/__init__.py", ""},
      {"lib/auth.py", std::string(kVerify) + "from fastapi import Depends\n\n"
                                             "def cron_only(_: None = Depends(verify)):\n    return None\n"}};
  std::string index = R"py(from fastapi import FastAPI, Depends
from lib.auth import cron_only
from lib import auth
app = FastAPI()

@app.get('/api/cron', dependencies=[Depends(cron_only)])
def cron():
    return {}

@app.get('/api/cron2')
def cron2(_=Depends(auth.verify)):
    return {}
)py";
  EXPECT_EQ(CronFindings(App("/api/cron", index, auth)), "");
  EXPECT_EQ(CronFindings(App("/api/cron2", index, auth)), "");
}

}  // namespace
}  // namespace faaslint::testing

namespace faaslint::testing {
namespace {

// A module with an app and its protected `cron` route.
std::string FlaskRoute(const std::string& route, const std::string& decorator_arguments = "") {
  return "import os\nfrom flask import Flask, abort, request\napp = Flask(__name__)\n" +
         ProtectedFlaskCron(route, decorator_arguments);
}

std::string FastApiRoute(const std::string& route, const std::string& app_arguments = "") {
  return "import os\nfrom fastapi import FastAPI, HTTPException, Request\napp = FastAPI(" + app_arguments + ")\n" +
         ProtectedFastApiCron(route);
}

// Werkzeug redirects a path without the slash its rule ends in (308), and answers 404 to
// a slash the rule does not have; strict_slashes=False serves both.
TEST(FL703, FlaskRouteThatDiffersByATrailingSlash) {
  EXPECT_EQ(CronFindings(App("/api/cron", FlaskRoute("/api/cron/"))),
            "FL703 vercel.json:2:22: cron path \"/api/cron\" is redirected to \"/api/cron/\" by Flask (the route "
            "\"/api/cron/\" of api/index.py:5 ends in `/`), and cron jobs do not follow redirects\n");
  EXPECT_EQ(Fl703Help(App("/api/cron", FlaskRoute("/api/cron/"))), "write \"/api/cron/\", the path the route serves\n");
  EXPECT_EQ(CronFindings(App("/api/cron/", FlaskRoute("/api/cron"))),
            "FL703 vercel.json:2:22: cron path \"/api/cron/\" reaches no route: the route \"/api/cron\" of "
            "api/index.py:5 has no trailing slash, and Flask answers 404 to the path with one\n");
  EXPECT_EQ(Fl703Help(App("/api/cron/", FlaskRoute("/api/cron"))), "write \"/api/cron\", the path the route serves\n");
  // The exact path, and strict_slashes=False on the route or the whole map, reach the route.
  EXPECT_EQ(CronFindings(App("/api/cron/", FlaskRoute("/api/cron/"))), "");
  EXPECT_EQ(CronFindings(App("/api/cron", FlaskRoute("/api/cron/", ", strict_slashes=False"))), "");
  EXPECT_EQ(CronFindings(App("/api/cron/", FlaskRoute("/api/cron") + "app.url_map.strict_slashes = False\n")), "");
}

// A blueprint's "/" route is its prefix with a slash: the cron path needs it too.
TEST(FL703, BlueprintRootRouteEndsInASlash) {
  std::string index = R"py(from flask import Flask, Blueprint
app = Flask(__name__)
jobs = Blueprint('jobs', __name__, url_prefix='/api/cron')

@jobs.get('/')
def cron():
    return 'ok'

app.register_blueprint(jobs)
)py";
  EXPECT_EQ(CronFindings(App("/api/cron", index)),
            "FL703 vercel.json:2:22: cron path \"/api/cron\" is redirected to \"/api/cron/\" by Flask (the route "
            "\"/api/cron/\" of api/index.py:5 ends in `/`), and cron jobs do not follow redirects\n");
  EXPECT_EQ(CronFindings(App("/api/cron/", index)),
            "FL704 api/index.py:5:2: cron endpoint for \"/api/cron/\" does not check CRON_SECRET: anyone can call "
            "it\n");
}

// Starlette redirects (307) to the path with the slash added or taken away, unless
// redirect_slashes=False, which answers 404.
TEST(FL703, FastApiRouteThatDiffersByATrailingSlash) {
  EXPECT_EQ(CronFindings(App("/api/cron", FastApiRoute("/api/cron/"))),
            "FL703 vercel.json:2:22: cron path \"/api/cron\" is redirected to \"/api/cron/\" by FastAPI/Starlette (the "
            "route \"/api/cron/\" of api/index.py:5 ends in `/`), and cron jobs do not follow redirects\n");
  EXPECT_EQ(CronFindings(App("/api/cron/", FastApiRoute("/api/cron"))),
            "FL703 vercel.json:2:22: cron path \"/api/cron/\" is redirected to \"/api/cron\" by FastAPI/Starlette (the "
            "route \"/api/cron\" of api/index.py:5 has no trailing slash), and cron jobs do not follow redirects\n");
  EXPECT_EQ(Fl703Help(App("/api/cron/", FastApiRoute("/api/cron"))),
            "write \"/api/cron\", the path the route serves\n");
  EXPECT_EQ(CronFindings(App("/api/cron", FastApiRoute("/api/cron/", "redirect_slashes=False"))),
            "FL703 vercel.json:2:22: cron path \"/api/cron\" reaches no route: the route \"/api/cron/\" of "
            "api/index.py:5 ends in `/`, and with redirect_slashes=False FastAPI/Starlette answers 404 to the path "
            "without\n");
  EXPECT_EQ(CronFindings(App("/api/cron", FastApiRoute("/api/cron"))), "");
}

// Vercel's trailingSlash redirects (308) before any routing: with `true` a path whose last
// segment has no dot gets a slash; with `false` a trailing slash is taken away.
TEST(FL703, TrailingSlashOfVercelJsonRedirects) {
  std::string handler = "from http.server import BaseHTTPRequestHandler\nimport os\n"
                        "class handler(BaseHTTPRequestHandler):\n    def do_GET(self):\n"
                        "        assert os.environ['CRON_SECRET']\n";
  auto files = [&](const std::string& cron_path, const std::string& trailing_slash) {
    return std::map<std::string, std::string>{
        {"vercel.json", "{\"trailingSlash\": " + trailing_slash + ",\n  \"crons\": [{\"path\": \"" + cron_path +
                            "\", \"schedule\": \"0 5 * * *\"}]}"},
        {"api/cron.py", handler}};
  };
  EXPECT_EQ(CronFindings(files("/api/cron", "true")),
            "FL703 vercel.json:2:22: cron path \"/api/cron\" is redirected to \"/api/cron/\" by `trailingSlash: true` "
            "in vercel.json, and cron jobs do not follow redirects\n");
  EXPECT_EQ(Fl703Help(files("/api/cron", "true")), "write \"/api/cron/\", the path the route serves\n");
  EXPECT_EQ(CronFindings(files("/api/cron/", "true")), "");
  EXPECT_EQ(CronFindings(files("/api/cron.py", "true")), "");  // a file name keeps its form
  EXPECT_EQ(CronFindings(files("/api/cron/", "false")),
            "FL703 vercel.json:2:22: cron path \"/api/cron/\" is redirected to \"/api/cron\" by `trailingSlash: "
            "false` in vercel.json, and cron jobs do not follow redirects\n");
  EXPECT_EQ(CronFindings(files("/api/cron", "false")), "");
}

// The app's route decides whether the path Vercel redirects to serves the job; a path that
// Vercel redirects in turn is not offered.
TEST(FL703, TrailingSlashOfVercelJsonAndTheAppsRoute) {
  auto project = [](const std::string& cron_path, const std::string& route) {
    return WithConfig(App(cron_path, FlaskRoute(route)), "\"trailingSlash\": true");
  };
  EXPECT_EQ(CronFindings(project("/api/cron", "/api/cron")),
            "FL703 vercel.json:3:22: cron path \"/api/cron\" is redirected to \"/api/cron/\" by `trailingSlash: true` "
            "in vercel.json, and cron jobs do not follow redirects\n");
  EXPECT_EQ(Fl703Help(project("/api/cron", "/api/cron")),
            "point the cron job at a path that reaches a route without a redirect\n");
  EXPECT_EQ(CronFindings(project("/api/cron/", "/api/cron")),
            "FL703 vercel.json:3:22: cron path \"/api/cron/\" reaches no route: the route \"/api/cron\" of "
            "api/index.py:5 has no trailing slash, and Flask answers 404 to the path with one\n");
  EXPECT_EQ(Fl703Help(project("/api/cron/", "/api/cron")),
            "add a route for this exact path (GET) to the app, or correct the path\n");
  EXPECT_EQ(CronFindings(project("/api/cron/", "/api/cron/")), "");
}

TEST(FL703, RedirectOfVercelJson) {
  auto project = [](const std::string& redirect, const std::string& index) {
    return WithConfig(App("/api/cron", index), "\"redirects\": [" + redirect + "]");
  };
  const std::string to_v2 = R"({"source": "/api/cron", "destination": "/api/cron-v2"})";
  EXPECT_EQ(CronFindings(project(to_v2, FlaskRoute("/api/cron"))),
            "FL703 vercel.json:3:22: cron path \"/api/cron\" is redirected to \"/api/cron-v2\" by the redirect at "
            "vercel.json:1, and cron jobs do not follow redirects\n");
  EXPECT_EQ(Fl703Help(project(to_v2, FlaskRoute("/api/cron"))),
            "point the cron job at a path that reaches a route without a redirect\n");
  EXPECT_EQ(Fl703Help(project(to_v2, FlaskRoute("/api/cron-v2"))),
            "write \"/api/cron-v2\", the path the route serves\n");
  // A redirect of other paths, and one that applies only to some requests, are not judged.
  EXPECT_EQ(CronFindings(project(R"({"source": "/old", "destination": "/api/cron"})", FlaskRoute("/api/cron"))), "");
  EXPECT_EQ(CronFindings(project(R"({"source": "/api/cron", "destination": "/api/cron-v2",
      "has": [{"type": "host", "value": "old.example.com"}]})",
                                 FlaskRoute("/api/cron"))),
            "");
}

}  // namespace
}  // namespace faaslint::testing
