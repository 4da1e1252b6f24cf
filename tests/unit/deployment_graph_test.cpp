// The deployment graph decides which Python files the rules look at: a file wrongly
// left out hides real failures, a file wrongly taken in (a worker, a script) reports
// noise. These tests build small projects on disk and read them like a run does.
#include "project/deployment_graph.h"

#include <gtest/gtest.h>

#include <set>

#include "python/parser.h"
#include "support/read_counting_snapshot.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

using Files = std::set<std::string, std::less<>>;

class DeploymentGraphTest : public ::testing::Test {
 protected:
  project::DeploymentGraph Build(const Files* wanted = nullptr, unsigned jobs = 1) {
    std::string error;
    snapshot_ = std::make_unique<testing::ReadCountingSnapshot>(MakeFolderSnapshot(dir_.path(), &error));
    EXPECT_TRUE(error.empty()) << error;
    python::Parser parser;
    return project::BuildDeploymentGraph(*snapshot_, parser, wanted, jobs);
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::ReadCountingSnapshot> snapshot_;
};

TEST_F(DeploymentGraphTest, WithoutAProjectEveryFileIsFunctionCode) {
  dir_.Write("worker.py", "import time\n");
  dir_.Write("main.py", "import sys\nprint(sys.argv)\n");  // a CLI main.py binds no app
  project::DeploymentGraph graph = Build();
  EXPECT_FALSE(graph.detected);
  EXPECT_TRUE(graph.IsFunctionCode("worker.py"));
  EXPECT_TRUE(graph.IsFunctionCode("main.py"));
}

TEST_F(DeploymentGraphTest, SeedLayoutFollowsTheSysPathShimToTheRootApp) {
  dir_.Write("vercel.json", R"json({"rewrites": [{"source": "/(.*)", "destination": "/api/index"}]})json");
  dir_.Write("api/index.py",
             "import os, sys\n"
             "sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))\n"
             "from app import app\n");
  dir_.Write("app.py", "from flask import Flask\nimport models\napp = Flask(__name__)\n");
  dir_.Write("models.py", "import sqlite3\n");
  dir_.Write("worker.py", "from models import *\nwhile True:\n    pass\n");
  project::DeploymentGraph graph = Build();
  EXPECT_TRUE(graph.detected);
  EXPECT_EQ(graph.detected_by, "vercel.json");
  EXPECT_TRUE(graph.entries.count("api/index.py"));  // app.py binds `app`: a zero-config entry too
  EXPECT_EQ(graph.function_code, (Files{"api/index.py", "app.py", "models.py"}));
  EXPECT_FALSE(graph.IsFunctionCode("worker.py"));
}

TEST_F(DeploymentGraphTest, PathlibShimsAndSrcLayouts) {
  dir_.Write("api/a.py",
             "import sys\nfrom pathlib import Path\n"
             "sys.path.append(str(Path(__file__).resolve().parents[1] / 'src'))\n"
             "import shop.views\n");
  dir_.Write("src/shop/__init__.py", "");
  dir_.Write("src/shop/views.py", "from .db import session\n");
  dir_.Write("src/shop/db.py", "");
  dir_.Write("src/shop/cli.py", "");
  project::DeploymentGraph graph = Build();
  EXPECT_EQ(graph.detected_by, "api/");
  EXPECT_EQ(graph.function_code,
            (Files{"api/a.py", "src/shop/__init__.py", "src/shop/views.py", "src/shop/db.py"}));
}

TEST_F(DeploymentGraphTest, BuildsAloneDecideWhatIsDeployed) {
  dir_.Write("vercel.json", R"({"builds": [{"src": "/main.py", "use": "@vercel/python"}]})");
  dir_.Write("main.py", "from fastapi import FastAPI\napp = FastAPI()\n");
  dir_.Write("api/old.py", "app = None\n");
  project::DeploymentGraph graph = Build();
  EXPECT_EQ(graph.entries, (Files{"main.py"}));
  EXPECT_FALSE(graph.IsFunctionCode("api/old.py"));
}

TEST_F(DeploymentGraphTest, FunctionsKeysAreGlobs) {
  dir_.Write("vercel.json", R"({"functions": {"backend/**/*.py": {"maxDuration": 10}}})");
  dir_.Write("backend/v1/users.py", "handler = None\n");
  dir_.Write("backend/readme.md", "");
  dir_.Write("other.py", "");
  project::DeploymentGraph graph = Build();
  EXPECT_EQ(graph.entries, (Files{"backend/v1/users.py"}));
  EXPECT_FALSE(graph.IsFunctionCode("other.py"));
}

TEST_F(DeploymentGraphTest, ZeroConfigEntryMustBindTheApp) {
  dir_.Write("src/index.py", "from backend.server import app\n");
  dir_.Write("backend/server.py", "from flask import Flask\napp = Flask(__name__)\n");
  dir_.Write("app/server.py", "print('no app here')\n");
  dir_.Write("tools/report.py", "");
  project::DeploymentGraph graph = Build();
  EXPECT_TRUE(graph.detected);
  EXPECT_EQ(graph.detected_by, "src/index.py");
  EXPECT_EQ(graph.function_code, (Files{"src/index.py", "backend/server.py"}));
}

TEST_F(DeploymentGraphTest, PyprojectScriptNamesTheEntry) {
  dir_.Write("pyproject.toml", "[project]\nname = \"x\"\n\n[project.scripts]\napp = \"backend.server:app\"\n");
  dir_.Write("backend/server.py", "app = object()\n");
  dir_.Write("backend/jobs.py", "");
  project::DeploymentGraph graph = Build();
  EXPECT_EQ(graph.entries, (Files{"backend/server.py"}));
  EXPECT_FALSE(graph.IsFunctionCode("backend/jobs.py"));
}

TEST_F(DeploymentGraphTest, ScriptOnlyImportsAreNotFollowedAndLazyImportsAre) {
  dir_.Write("app.py",
             "app = None\n"
             "def view():\n    import reports\n"
             "if __name__ == '__main__':\n    import devtools\n"
             "else:\n    import prod\n");
  dir_.Write("reports.py", "");
  dir_.Write("devtools.py", "");
  dir_.Write("prod.py", "");
  project::DeploymentGraph graph = Build();
  EXPECT_EQ(graph.function_code, (Files{"app.py", "reports.py", "prod.py"}));
}

TEST_F(DeploymentGraphTest, DjangoModulesNamedInSettingsAllCount) {
  dir_.Write("vercel.json", "{}");
  dir_.Write("manage.py", "import os\n");
  dir_.Write("api/index.py", "from mysite.wsgi import application as app\n");
  dir_.Write("mysite/wsgi.py", "application = None\n");
  dir_.Write("shop/views.py", "");  // reached only through ROOT_URLCONF = "mysite.urls"
  project::DeploymentGraph graph = Build();
  EXPECT_TRUE(graph.detected);
  EXPECT_TRUE(graph.loads_by_name);
  EXPECT_TRUE(graph.IsFunctionCode("shop/views.py"));
}

// No manage.py in the repository: the wsgi.py that vercel.json builds imports Django, which
// loads the settings and, through them, the apps by name.
TEST_F(DeploymentGraphTest, AnEntryThatImportsDjangoLoadsModulesByName) {
  dir_.Write("vercel.json", R"({"builds": [{"src": "mysite/wsgi.py", "use": "@vercel/python"}]})");
  dir_.Write("mysite/wsgi.py",
             "import os\nfrom django.core.wsgi import get_wsgi_application\n"
             "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"mysite.settings\")\n"
             "application = get_wsgi_application()\n");
  dir_.Write("mysite/settings.py", "ROOT_URLCONF = \"mysite.urls\"\n");
  dir_.Write("polls/views.py", "");
  project::DeploymentGraph graph = Build();
  EXPECT_TRUE(graph.loads_by_name);
  EXPECT_TRUE(graph.IsFunctionCode("mysite/settings.py"));
  EXPECT_TRUE(graph.IsFunctionCode("polls/views.py"));
  // Management commands run from a terminal; Django does not load them for a request.
  EXPECT_FALSE(graph.IsFunctionCode("polls/management/commands/seed.py"));
  EXPECT_TRUE(graph.IsFunctionCode("polls/management/views.py"));
  EXPECT_TRUE(graph.IsFunctionCode("polls/xmanagement/commands/seed.py"));

  // A Flask entry is followed import by import: a worker it does not import is left out.
  dir_.Write("mysite/wsgi.py", "from flask import Flask\napplication = Flask(__name__)\n");
  graph = Build();
  EXPECT_FALSE(graph.loads_by_name);
  EXPECT_FALSE(graph.IsFunctionCode("polls/views.py"));
}

TEST_F(DeploymentGraphTest, CyclesBrokenFilesAndEscapingImportsTerminate) {
  dir_.Write("vercel.json", "{ this is not json");
  dir_.Write("api/index.py", "import a\nfrom .... import nowhere\n");
  dir_.Write("api/a.py", "import b\n");
  dir_.Write("api/b.py", "import a\ndef broken(:\n");
  project::DeploymentGraph graph = Build();
  EXPECT_TRUE(graph.detected);
  EXPECT_EQ(graph.function_code, (Files{"api/index.py", "api/a.py", "api/b.py"}));
}

// Python refuses to import a file with a NUL byte, or with invalid UTF-8 unless a coding
// declaration (PEP 263) names its encoding, so its imports lead nowhere; the file itself
// is still named (the run notes it as not text).
TEST_F(DeploymentGraphTest, FilesPythonCannotReadAsSourceImportNothing) {
  dir_.Write("api/index.py", "import nul_bytes, latin1, declared, declared_below_shebang, fine\n");
  dir_.Write("nul_bytes.py", std::string("import worker\nx = '") + '\0' + "'\n");
  dir_.Write("latin1.py", "import worker2\nname = '\xe9'\n");
  dir_.Write("declared.py", "# -*- coding: latin-1 -*-\nimport worker3\nname = '\xe9'\n");
  dir_.Write("declared_below_shebang.py", "#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nimport worker4\nx = '\x80'\n");
  dir_.Write("fine.py", "import worker5\nname = '\xc3\xa9'\n");
  // Not declarations: below a line of code, or not in a comment.
  dir_.Write("api/late.py", "import os\n# coding: latin-1\nimport worker6\nx = '\xe9'\n");
  dir_.Write("api/string.py", "x = 'coding: latin-1'\nimport worker7\ny = '\xe9'\n");
  dir_.Write("api/says_utf8.py", "# coding: UTF_8\nimport worker8\ny = '\xe9'\n");  // and is not
  for (int i = 1; i <= 8; ++i) dir_.Write("worker" + std::string(i == 1 ? "" : std::to_string(i)) + ".py", "");
  project::DeploymentGraph graph = Build();
  EXPECT_EQ(graph.function_code, (Files{"api/index.py", "api/late.py", "api/string.py", "api/says_utf8.py",
                                        "nul_bytes.py", "latin1.py",
                                        "declared.py", "declared_below_shebang.py", "fine.py", "worker3.py",
                                        "worker4.py", "worker5.py"}));
}

TEST_F(DeploymentGraphTest, ReadsOnlyTheEntriesAndWhatTheyImport) {
  dir_.Write("api/index.py", "from app import app\n");
  dir_.Write("app.py", "app = None\n");
  for (int i = 0; i < 20; ++i) dir_.Write("scripts/job" + std::to_string(i) + ".py", "import app\n");
  Build();
  EXPECT_EQ(snapshot_->read(), (std::set<std::string>{"api/index.py", "app.py"}));
}

// A pre-commit run asks only about the files it checks: the walk stops once they are all
// found, and the modules beyond are not read. A file the app never imports keeps the
// walk going to the end, which proves it is not function code.
TEST_F(DeploymentGraphTest, StopsOnceTheWantedFilesAreFound) {
  dir_.Write("api/index.py", "from shop import views, admin\n");
  dir_.Write("shop/__init__.py", "");
  dir_.Write("shop/views.py", "from shop import models\n");
  dir_.Write("shop/admin.py", "import shop.audit\n");
  dir_.Write("shop/models.py", "import shop.db\n");
  dir_.Write("shop/audit.py", "");
  dir_.Write("shop/db.py", "");
  dir_.Write("tools/seed.py", "");

  Files views{"shop/views.py"};
  project::DeploymentGraph near = Build(&views);
  EXPECT_FALSE(near.complete);
  EXPECT_TRUE(near.IsFunctionCode("shop/views.py"));
  EXPECT_EQ(snapshot_->read().count("shop/views.py"), 0u);  // found, not needed further
  EXPECT_EQ(snapshot_->read().count("shop/models.py"), 0u);

  Files db{"shop/db.py"};
  project::DeploymentGraph deep = Build(&db);
  EXPECT_TRUE(deep.IsFunctionCode("shop/db.py"));
  EXPECT_EQ(snapshot_->read().count("shop/models.py"), 1u);  // on the way to db.py

  Files outside{"shop/views.py", "tools/seed.py"};
  project::DeploymentGraph whole = Build(&outside);
  EXPECT_TRUE(whole.complete);
  EXPECT_FALSE(whole.IsFunctionCode("tools/seed.py"));
  EXPECT_EQ(whole.function_code, Build().function_code);
}

// With several jobs, threads read and scan the queued files ahead of the walk. The graph
// must not depend on how many: a sys.path shim found on the way decides where a later
// import resolves (lib/common.py, not the root's common.py), so the order still matters.
TEST_F(DeploymentGraphTest, ThreadsScanningAheadFindTheSameGraph) {
  dir_.Write("api/index.py",
             "import os, sys\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'lib'))\n"
             "from pkg import m0\napp = None\n");
  dir_.Write("pkg/__init__.py", "");
  for (int i = 0; i < 40; ++i) {
    std::string next = i + 1 < 40 ? "from pkg import m" + std::to_string(i + 1) + "\n" : "";
    dir_.Write("pkg/m" + std::to_string(i) + ".py", next + "import common\nfrom pkg import m0\n");
  }
  dir_.Write("lib/common.py", "import helpers\n");
  dir_.Write("lib/helpers.py", "");
  dir_.Write("common.py", "import stray\n");
  dir_.Write("stray.py", "");
  dir_.Write("scripts/tool.py", "import common\n");

  project::DeploymentGraph one = Build();
  EXPECT_TRUE(one.IsFunctionCode("lib/common.py"));
  EXPECT_TRUE(one.IsFunctionCode("lib/helpers.py"));
  EXPECT_TRUE(one.IsFunctionCode("pkg/m39.py"));
  EXPECT_FALSE(one.IsFunctionCode("common.py"));
  EXPECT_FALSE(one.IsFunctionCode("scripts/tool.py"));
  for (unsigned jobs : {2u, 3u, 8u}) {
    EXPECT_EQ(Build(nullptr, jobs).function_code, one.function_code) << jobs << " jobs";
    Files outside{"scripts/tool.py"};  // a staged script: the whole app is walked
    project::DeploymentGraph whole = Build(&outside, jobs);
    EXPECT_TRUE(whole.complete);
    EXPECT_EQ(whole.function_code, one.function_code) << jobs << " jobs";
    EXPECT_EQ(snapshot_->read().count("stray.py"), 0u);  // never queued, never read
  }
  // A walk that stops early reads at most a batch of files beyond what it needed.
  Files near{"pkg/m1.py"};
  project::DeploymentGraph stopped = Build(&near, 2);
  EXPECT_FALSE(stopped.complete);
  EXPECT_TRUE(stopped.IsFunctionCode("pkg/m1.py"));
  EXPECT_EQ(snapshot_->read().count("pkg/m30.py"), 0u);
}

}  // namespace
}  // namespace faaslint
