// A repository whose Vercel project lives in a subfolder (Vercel's "Root Directory"):
// faaslint run in (or on) that folder treats it as the project, and reports stay
// relative to the repository root.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace faaslint
