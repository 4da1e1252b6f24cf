// Diff runs (default, --staged, --base) and findings whose cause is not on their own
// lines: a cron entry stranded by a narrowed rewrite (FL703), a secret check deleted
// from a handler or from the helper of another module it calls (FL704), a route's
// methods changed on a line of their own (FL705), a package removed from
// requirements.txt (FL607), a name made a plain dict where it is
// defined (FL301), also when only the defining module is edited. Each change must surface the finding,
// as --all does; an unrelated change in the same files must not resurface old ones.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/test_support.h"

namespace faaslint::testing {
namespace {

constexpr char kVercelJson[] = R"J({
  "rewrites": [
    { "source": "/(.*)", "destination": "/api/index" }
  ],
  "crons": [
    { "path": "/api/cron", "schedule": "0 5 * * *" }
  ]
}
)J";

constexpr char kCronCheck[] =
    "    if request.headers.get(\"Authorization\") != f\"Bearer {os.environ['CRON_SECRET']}\":\n"
    "        return \"no\", 401\n";

// api/index.py: the cron handler (its decorator on line 8) with `check` in its body, and
// a second handler after it.
std::string IndexPy(const std::string& check = kCronCheck, const std::string& report_body = "    return \"report\"\n") {
  return "import os\n\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n\n"
         "@app.get(\"/api/cron\")\ndef cron():\n" +
         check + "    return \"ok\"\n\n\n@app.get(\"/api/report\")\ndef report():\n" + report_body;
}

class DiffDependenciesTest : public ::testing::Test {
 protected:
  // main holds `index_py` and the project around it; `feature` is checked out on top.
  void StartOnFeature(const std::string& index_py, const std::string& vercel_json = kVercelJson,
                      const std::string& requirements = "flask\n") {
    GitInit(dir_.path());
    dir_.Write("vercel.json", vercel_json);
    dir_.Write("requirements.txt", requirements);
    dir_.Write("README.md", "# app\n");
    dir_.Write("api/index.py", index_py);
    GitCommitAll(dir_.path(), "main");
    Git(dir_.path(), {"branch", "-M", "main"});
    Git(dir_.path(), {"checkout", "-q", "-b", "feature"});
  }

  CommandResult Check(std::vector<std::string> args) {
    args.insert(args.begin(), "check");
    args.insert(args.end(), {"--color", "never"});
    return RunFaaslint(args, dir_.path());
  }

  // The change, made in the working tree, is checked unstaged (default mode), staged
  // (--staged) and committed on the branch (--base main): each run must fail with `expected`.
  void ExpectEveryDiffModeReports(const std::string& expected) {
    auto expect = [&](const std::vector<std::string>& mode, const char* change) {
      CommandResult run = Check(mode);
      EXPECT_EQ(run.exit_code, 1) << change << ":\n" << run.out << run.err;
      EXPECT_NE(run.out.find(expected), std::string::npos) << change << ":\n" << run.out;
    };
    expect({}, "unstaged");
    Git(dir_.path(), {"add", "-A"});
    expect({"--staged"}, "staged");
    GitCommitAll(dir_.path(), "change");
    expect({"--base", "main"}, "committed");
  }

  TempDir dir_;
};

// `text` with its first `from` replaced by `to`.
std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  return text.replace(text.find(from), from.size(), to);
}

TEST_F(DiffDependenciesTest, NarrowingTheRewriteSurfacesTheCronEntryItStrands) {
  StartOnFeature(IndexPy());
  dir_.Write("vercel.json", Replaced(kVercelJson, "/(.*)", "/app/(.*)"));
  ExpectEveryDiffModeReports(
      "vercel.json:6:15: FL703 cron path \"/api/cron\" reaches no route: no api/ function file, rewrite or route "
      "serves it");
}

TEST_F(DiffDependenciesTest, DeletingTheRewriteSurfacesTheCronEntryItServed) {
  StartOnFeature(IndexPy());
  dir_.Write("vercel.json", Replaced(kVercelJson, "    { \"source\": \"/(.*)\", \"destination\": \"/api/index\" }\n", ""));
  ExpectEveryDiffModeReports("vercel.json:5:15: FL703 cron path \"/api/cron\" reaches no route");
  EXPECT_NE(Check({"--base", "main"}).out.find("in 1 file checked"), std::string::npos) << "vercel.json was checked";
}

TEST_F(DiffDependenciesTest, AnEditElsewhereInVercelJsonDoesNotResurfaceAStrandedCron) {
  const std::string narrowed = Replaced(kVercelJson, "/(.*)", "/app/(.*)");
  StartOnFeature(IndexPy(), narrowed);  // broken before the change
  ASSERT_NE(Check({"--all"}).out.find("FL703"), std::string::npos);
  // A blank line at the end, and a property before the rewrites.
  dir_.Write("vercel.json", Replaced(narrowed, "{\n", "{\n  \"cleanUrls\": true,\n") + "\n");
  GitCommitAll(dir_.path(), "more");
  CommandResult run = Check({"--base", "main"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("All checks passed"), std::string::npos) << run.out;
}

TEST_F(DiffDependenciesTest, DeletingTheSecretCheckSurfacesTheUnprotectedCron) {
  StartOnFeature(IndexPy());
  dir_.Write("api/index.py", IndexPy(""));
  ExpectEveryDiffModeReports("api/index.py:8:2: FL704 cron endpoint for \"/api/cron\" does not check CRON_SECRET");
  // The file whose lines were removed is a file checked.
  EXPECT_NE(Check({"--base", "main"}).out.find("Found 1 finding (0 errors) in 1 file checked."), std::string::npos);
}

// The check lives in a helper of another module: deleting it there is a change to what
// protects the handler, though api/index.py is untouched.
TEST_F(DiffDependenciesTest, DeletingTheCheckFromAnImportedHelperSurfacesTheUnprotectedCron) {
  const std::string helper =
      "import os\n\nfrom flask import request\n\n\ndef verify_cron():\n" + std::string(kCronCheck);
  dir_.Write("api/_lib/__init__.py", "");
  dir_.Write("api/_lib/auth.py", helper);
  StartOnFeature(Replaced(IndexPy("    verify_cron()\n"), "from flask import Flask, request\n",
                          "from flask import Flask, request\n\nfrom api._lib.auth import verify_cron\n"));
  ASSERT_EQ(Check({"--all"}).out.find("FL704"), std::string::npos);
  dir_.Write("api/_lib/auth.py", Replaced(helper, kCronCheck, "    pass\n"));
  ExpectEveryDiffModeReports("api/index.py:10:2: FL704 cron endpoint for \"/api/cron\" does not check CRON_SECRET");
}

TEST_F(DiffDependenciesTest, EditingAnotherHandlerDoesNotResurfaceAnUnprotectedCron) {
  // Unprotected before the change, which edits the other handler: a line edited, a line
  // removed, a line added.
  StartOnFeature(IndexPy("", "    total = 1\n    unused = 2\n    return str(total)\n"));
  ASSERT_NE(Check({"--all"}).out.find("FL704"), std::string::npos);
  const std::string after = "    total = 3\n    return str(total)\n    # done\n";
  dir_.Write("api/index.py", IndexPy("", after));
  GitCommitAll(dir_.path(), "report, after");
  CommandResult run = Check({"--base", "main"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.out.find("FL704"), std::string::npos) << run.out;
  // A line edited inside the cron handler is a change to it.
  dir_.Write("api/index.py", IndexPy("    print(\"cron\")\n", after));
  EXPECT_NE(Check({}).out.find("api/index.py:8:2: FL704"), std::string::npos);
}

TEST_F(DiffDependenciesTest, AMethodChangedOnItsOwnLineSurfacesTheCronRoute) {
  const std::string index_py = Replaced(IndexPy(), "@app.get(\"/api/cron\")\n",
                                        "@app.route(\n    \"/api/cron\",\n    methods=[\"GET\"],\n)\n");
  StartOnFeature(index_py);
  const std::string post = Replaced(index_py, "[\"GET\"]", "[\"POST\"]");
  dir_.Write("api/index.py", post);
  CommandResult run = Check({});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("api/index.py:8:2: FL705 cron job \"/api/cron\" calls this route with GET, but it accepts "
                         "only POST"),
            std::string::npos)
      << run.out;

  // Committed as it is, an edit of the other handler leaves it alone.
  GitCommitAll(dir_.path(), "POST");
  dir_.Write("api/index.py", Replaced(post, "return \"report\"", "return \"Report\""));
  CommandResult unrelated = Check({});
  EXPECT_EQ(unrelated.exit_code, 0) << unrelated.out << unrelated.err;
  EXPECT_EQ(unrelated.out.find("FL705"), std::string::npos) << unrelated.out;
}

TEST_F(DiffDependenciesTest, RemovingARequirementSurfacesTheImportThatNeedsIt) {
  // A thread started at import time, from before the change: only the import the change
  // concerns is reported, not every finding of the file.
  StartOnFeature(IndexPy() + "\nimport threading\nthreading.Thread(target=print).start()\n");
  dir_.Write("requirements.txt", "");
  Git(dir_.path(), {"add", "requirements.txt"});
  CommandResult run = Check({"--staged"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_EQ(run.out,
            "api/index.py:3:19: FL607 `flask` is imported, but requirements.txt does not declare it\n"
            "  help: add `flask` to requirements.txt\n"
            "Found 1 finding (1 error) in 1 file checked.\n");

  // pre-commit names the staged file: the import is reported through it.
  CommandResult named = Check({"--staged", "requirements.txt"});
  EXPECT_EQ(named.exit_code, 1) << named.out << named.err;
  EXPECT_NE(named.out.find("api/index.py:3:19: FL607"), std::string::npos) << named.out;

  // Deleted instead of emptied.
  Git(dir_.path(), {"rm", "-q", "-f", "requirements.txt"});
  CommandResult deleted = Check({"--staged"});
  EXPECT_EQ(deleted.exit_code, 1) << deleted.out << deleted.err;
  EXPECT_NE(deleted.out.find("api/index.py:3:19: FL607 `flask` is imported, but the project has no requirements.txt"),
            std::string::npos)
      << deleted.out;
}

TEST_F(DiffDependenciesTest, RemovingARequirementFromAnIncludedFileSurfacesTheImport) {
  dir_.Write("requirements/base.txt", "flask\n");
  StartOnFeature(IndexPy(), kVercelJson, "-r requirements/base.txt\n");
  dir_.Write("requirements/base.txt", "requests\n");
  ExpectEveryDiffModeReports(
      "api/index.py:3:19: FL607 `flask` is imported, but requirements.txt and requirements/base.txt do not declare it");
}

TEST_F(DiffDependenciesTest, AChangeElsewhereDoesNotResurfaceAMissingRequirement) {
  StartOnFeature(IndexPy(), kVercelJson, "");  // flask undeclared before the change
  ASSERT_NE(Check({"--all"}).out.find("FL607"), std::string::npos);
  dir_.Write("README.md", "# app\n\nMore.\n");
  dir_.Write("api/index.py", IndexPy(kCronCheck, "    return \"Report\"\n"));
  Git(dir_.path(), {"add", "-A"});
  CommandResult run = Check({"--staged"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.out, "All checks passed (1 file checked).\n");
  // Named alone, an unrelated file checks nothing.
  CommandResult named = Check({"--staged", "README.md"});
  EXPECT_EQ(named.exit_code, 0) << named.out << named.err;
}

// FL301 judges a handler's store by what the stored-into name is where it is defined:
// making it a plain dict (it was a TTL cache) surfaces the store, also from another module,
// when the importing file is checked too; editing the module elsewhere does not.
TEST_F(DiffDependenciesTest, MakingAnImportedNameAContainerSurfacesTheStoresIntoIt) {
  // api/index.py with the report handler returning `report`, and a login handler (its
  // store on line 25) that stores into the imported SESSIONS.
  auto index_py = [](const std::string& report) {
    return Replaced(IndexPy(), "return \"report\"", "return \"" + report + "\"") +
           "\n\nfrom api._state import SESSIONS\n\n\n@app.post(\"/login\")\ndef login():\n"
           "    SESSIONS[request.form[\"token\"]] = request.form[\"user\"]\n    return \"ok\"\n";
  };
  StartOnFeature(index_py("report"));
  dir_.Write("api/__init__.py", "");
  dir_.Write("api/_state.py", "from cachetools import TTLCache\n\nSESSIONS = TTLCache(maxsize=100, ttl=300)\n");
  GitCommitAll(dir_.path(), "state");
  ASSERT_EQ(Check({"--all"}).out.find("FL301"), std::string::npos);
  // An unrelated edit of both files.
  dir_.Write("api/_state.py", "from cachetools import TTLCache\n\nSESSIONS = TTLCache(maxsize=100, ttl=300)\nLIMIT = 3\n");
  dir_.Write("api/index.py", index_py("Report"));
  GitCommitAll(dir_.path(), "unrelated");
  dir_.Write("api/_state.py", "SESSIONS = {}\nLIMIT = 3\n");
  dir_.Write("api/index.py", index_py("Reports"));
  CommandResult run = Check({});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("api/index.py:25:5: FL301 imported module-level dict `SESSIONS` is changed while serving"),
            std::string::npos)
      << run.out;
  GitCommitAll(dir_.path(), "dict");
  dir_.Write("api/_state.py", "SESSIONS = {}\nLIMIT = 4\n");
  dir_.Write("api/index.py", index_py("Report!"));
  CommandResult unrelated = Check({});
  EXPECT_EQ(unrelated.out.find("FL301"), std::string::npos) << unrelated.out;
}

// The same change made in the defining module alone: the files that store into SESSIONS
// were not edited, and are checked for it all the same, in every diff mode and when the
// run is narrowed to the edited file (pre-commit names only the files it stages).
TEST_F(DiffDependenciesTest, MakingANameAContainerInItsModuleAloneSurfacesTheStoresElsewhere) {
  const std::string login =
      "\n\nfrom api._state import SESSIONS\nfrom api._other import remember\n\n\n@app.post(\"/login\")\n"
      "def login():\n    SESSIONS[request.form[\"token\"]] = request.form[\"user\"]\n    return \"ok\"\n";
  StartOnFeature(IndexPy() + login);
  dir_.Write("api/__init__.py", "");
  dir_.Write("api/_state.py", "from cachetools import TTLCache\n\nSESSIONS = TTLCache(maxsize=100, ttl=300)\nLIMIT = 3\n");
  // A module of the app that does not name SESSIONS (only a longer name) is not checked
  // for it.
  dir_.Write("api/_other.py", "SESSIONS_TTL = 300\n\n\ndef remember():\n    return SESSIONS_TTL\n");
  GitCommitAll(dir_.path(), "state");
  ASSERT_EQ(Check({"--all"}).out.find("api/index.py:26:5: FL301"), std::string::npos);

  dir_.Write("api/_state.py", "SESSIONS = {}\nLIMIT = 3\n");
  const std::string expected = "api/index.py:26:5: FL301 imported module-level dict `SESSIONS` is changed while serving";
  CommandResult narrowed = Check({"api/_state.py"});
  EXPECT_EQ(narrowed.exit_code, 1) << narrowed.out << narrowed.err;
  EXPECT_NE(narrowed.out.find(expected), std::string::npos) << narrowed.out;
  EXPECT_NE(narrowed.out.find("in 2 files checked"), std::string::npos) << narrowed.out;
  ExpectEveryDiffModeReports(expected);

  // Editing the module elsewhere leaves the stores alone.
  dir_.Write("api/_state.py", "SESSIONS = {}\nLIMIT = 4\n");
  CommandResult unrelated = Check({});
  EXPECT_EQ(unrelated.exit_code, 0) << unrelated.out << unrelated.err;
  EXPECT_EQ(unrelated.out.find("FL301"), std::string::npos) << unrelated.out;
}

// QA round 6 M1: lib/worker.py runs its polling main() only under `__main__`; the change
// calls it from a handler of api/index.py. The loop's lines are untouched, and lib/worker.py
// is not edited at all: the finding rests on the new call. Narrowed to the edited file
// (pre-commit names only what it stages), it is still reported.
TEST_F(DiffDependenciesTest, CallingAGuardedLoopFromAHandlerOfAnotherModuleSurfacesIt) {
  dir_.Write("lib/__init__.py", "");
  dir_.Write("lib/worker.py",
             "import time\n\n\ndef main():\n    while True:\n        time.sleep(60)\n\n\n"
             "if __name__ == \"__main__\":\n    main()\n");
  const std::string with_import = Replaced(IndexPy(), "from flask import Flask, request\n",
                                           "from flask import Flask, request\n\nfrom lib.worker import main\n");
  StartOnFeature(with_import);
  ASSERT_EQ(Check({"--all"}).out.find("FL106"), std::string::npos);
  dir_.Write("api/index.py", Replaced(with_import, "    return \"report\"\n", "    main()\n    return \"report\"\n"));
  const std::string expected = "lib/worker.py:5:5: FL106 `while True:` in `main()` has no break, return or raise";
  CommandResult narrowed = Check({"api/index.py"});
  EXPECT_EQ(narrowed.exit_code, 1) << narrowed.out << narrowed.err;
  EXPECT_NE(narrowed.out.find(expected), std::string::npos) << narrowed.out;
  EXPECT_NE(narrowed.out.find("related: api/index.py:19:5"), std::string::npos) << narrowed.out;
  EXPECT_NE(narrowed.out.find("lib/worker.py:6:9: FL402 `time.sleep(60)` sleeps 60 s"), std::string::npos)
      << narrowed.out;
  ExpectEveryDiffModeReports(expected);

  // Editing the handler elsewhere, the call kept, leaves the loop alone.
  dir_.Write("api/index.py", Replaced(with_import, "    return \"report\"\n", "    main()\n    return \"done\"\n"));
  CommandResult unrelated = Check({});
  EXPECT_EQ(unrelated.exit_code, 0) << unrelated.out << unrelated.err;
  EXPECT_EQ(unrelated.out.find("FL106"), std::string::npos) << unrelated.out;
  EXPECT_NE(unrelated.out.find("(1 file checked)"), std::string::npos) << unrelated.out;
}

}  // namespace
}  // namespace faaslint::testing
