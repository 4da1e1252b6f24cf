// A repository whose Vercel project lives in a subfolder (Vercel's "Root Directory"):
// faaslint run in (or on) that folder treats it as the project, and reports stay
// relative to the repository root.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.h"

namespace faaslint {
namespace {

using testing::RunFaaslint;
using testing::TempDir;

constexpr const char* kThreadAtImport = "import threading\nthreading.Thread(target=print).start()\n";

void WriteMonorepo(const TempDir& dir) {
  testing::GitInit(dir.path());
  dir.Write("web/vercel.json", "{}\n");
  dir.Write("web/api/index.py", "from app import app\n");
  dir.Write("web/app.py", "from flask import Flask\napp = Flask(__name__)\n" + std::string(kThreadAtImport));
  // Not imported by the function: a separate worker (the seed's hybrid option).
  dir.Write("web/worker.py", kThreadAtImport);
  dir.Write("tools/script.py", kThreadAtImport);
  testing::GitCommitAll(dir.path(), "init");
}

TEST(ProjectFolder, TheSubfolderWithVercelJsonIsTheProject) {
  TempDir dir;
  WriteMonorepo(dir);
  auto result = RunFaaslint({"--all"}, dir / "web");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("web/app.py:4:1: FL101"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("worker.py"), std::string::npos) << "not function code: " << result.out;
  EXPECT_EQ(result.out.find("tools/"), std::string::npos) << result.out;

  auto by_path = RunFaaslint({"--all", "web/app.py", "web/worker.py"}, dir.path());
  EXPECT_NE(by_path.out.find("web/app.py:4:1: FL101"), std::string::npos) << by_path.out;
  EXPECT_EQ(by_path.out.find("worker.py"), std::string::npos) << by_path.out;
}

TEST(ProjectFolder, OutsideAnyProjectEveryFileIsFunctionCode) {
  TempDir dir;
  WriteMonorepo(dir);
  auto result = RunFaaslint({"--all", "tools"}, dir.path());
  EXPECT_NE(result.out.find("tools/script.py:2:1: FL101"), std::string::npos) << result.out;
}

// CI and people run from the repository root: each folder with a vercel.json is still
// checked as its own project (its deployment graph, requirements and vercel.json), and
// the rest of the repository as before. Run from the root, this used to check web/ as
// plain files: the worker was flagged, and web/vercel.json's cron was not checked.
TEST(ProjectFolder, FromTheRootEachSubfolderWithVercelJsonIsItsOwnProject) {
  TempDir dir;
  WriteMonorepo(dir);
  dir.Write("web/vercel.json", R"({"crons": [{"path": "/api/index", "schedule": "0 * * * *"}]})" "\n");
  dir.Write("web/requirements.txt", "flask\n");
  dir.Write("admin/vercel.json", "{}\n");
  dir.Write("admin/api/index.py", "from flask import Flask\nimport requests\napp = Flask(__name__)\n");
  dir.Write("admin/requirements.txt", "flask\n");
  testing::GitCommitAll(dir.path(), "two projects");

  auto result = RunFaaslint({"--all", "--color", "never"}, dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("web/app.py:4:1: FL101"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("worker.py"), std::string::npos) << "not function code: " << result.out;
  EXPECT_NE(result.out.find("web/vercel.json:1:47: FL702"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("admin/api/index.py:2:8: FL607 `requests` is imported, but requirements.txt does not "
                            "declare it"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("tools/script.py:2:1: FL101"), std::string::npos) << result.out;
  // Four Python files and the two vercel.json files.
  EXPECT_NE(result.out.find("in 6 files checked"), std::string::npos) << result.out;

  // A change in one project is checked in that project, from the root too.
  dir.Write("admin/api/index.py", "from flask import Flask\nimport yaml\napp = Flask(__name__)\n");
  auto changed = RunFaaslint({"--color", "never"}, dir.path());
  EXPECT_NE(changed.out.find("admin/api/index.py:2:8: FL607 `yaml`"), std::string::npos) << changed.out;
  EXPECT_EQ(changed.out.find("web/"), std::string::npos) << changed.out;

  // Configuration paths stay relative to the repository root inside a project.
  dir.Write(".faaslint.yaml", "exclude: [web/app.py]\nper-file-ignores: {\"admin/**\": [FL607]}\n");
  auto configured = RunFaaslint({"--all", "--color", "never"}, dir.path());
  EXPECT_EQ(configured.out.find("web/app.py"), std::string::npos) << configured.out;
  EXPECT_EQ(configured.out.find("admin/"), std::string::npos) << configured.out;
  EXPECT_NE(configured.out.find("tools/script.py:2:1: FL101"), std::string::npos) << configured.out;
  std::filesystem::remove(dir / ".faaslint.yaml");

  // Fixes land in the right file.
  auto fixed = RunFaaslint({"--all", "--fix", "--select", "FL101"}, dir.path());
  EXPECT_NE(dir.Read("web/app.py").find("if not os.environ.get(\"VERCEL\"):"), std::string::npos)
      << dir.Read("web/app.py") << fixed.err;
}

}  // namespace
}  // namespace faaslint
