// The background-work rules together (FL101-FL106) on the seed's app, and the module
// index that lets FL103 follow imports of the project's own modules.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "lint/lint.h"
#include "project/module_index.h"
#include "python/background.h"
#include "python/module.h"
#include "python/parser.h"
#include "rules/registry.h"
#include "support/read_counting_snapshot.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

// "path:line CODE" of each finding, as often as it was reported.
std::multiset<std::string> FindingKeys(const lint::LintResult& result) {
  std::multiset<std::string> keys;
  for (const Finding& finding : result.findings) {
    keys.insert(finding.location.path + ":" + std::to_string(finding.location.range.start.line) + " " +
                std::string(finding.code()));
  }
  return keys;
}

// "path:line CODE" of every finding of the FL1xx rules over a folder, every line changed.
std::set<std::string> Findings(const std::string& root) {
  std::string error;
  ChangeSet changes;
  changes.snapshot = MakeFolderSnapshot(root, &error);
  EXPECT_TRUE(changes.snapshot) << error;
  for (const std::string& file : changes.snapshot->files()) changes.changed.emplace(file, LineSet::All());
  lint::LintOptions options;
  options.jobs = 2;  // the module index is shared between workers
  options.filter.enabled = [](std::string_view code) { return code.starts_with("FL1"); };
  std::multiset<std::string> keys = FindingKeys(lint::Lint(changes, options, rules::Registry::Get()));
  return {keys.begin(), keys.end()};
}

// The seed's app.py, reduced to what matters: a checker thread started at import time.
constexpr const char* kSeedApp = R"(import threading
import time
from flask import Flask

app = Flask(__name__)


def check_events():
    while True:
        time.sleep(10)


def start_background_checker():
    threading.Thread(target=check_events, daemon=True).start()


start_background_checker()

if __name__ == '__main__':
    app.run(debug=True, host='0.0.0.0', port=5000)
)";

TEST(BackgroundWork, SeedAppReportsTheStartTheLoopAndTheImportTimeCall) {
  testing::TempDir dir;
  dir.Write("app.py", kSeedApp);
  EXPECT_EQ(Findings(dir.path()), (std::set<std::string>{
                                      "app.py:14 FL101",  // the thread start
                                      "app.py:14 FL104",  // a sleep loop run as a thread
                                      "app.py:17 FL103",  // the call at import time
                                  }));
}

TEST(BackgroundWork, SeedFixWithThePlatformGuardIsClean) {
  testing::TempDir dir;
  std::string fixed = kSeedApp;
  fixed.replace(fixed.find("start_background_checker()\n\nif"),
                std::string("start_background_checker()\n").size(),
                "import os\nIS_VERCEL = os.environ.get('VERCEL') == '1'\nif not IS_VERCEL:\n"
                "    start_background_checker()\n");
  dir.Write("app.py", fixed);
  EXPECT_EQ(Findings(dir.path()), std::set<std::string>{});
}

TEST(BackgroundWork, TimerStartedInAStartupHookIsOneFinding) {
  testing::TempDir dir;
  dir.Write("main.py", R"(import threading
from fastapi import FastAPI

api = FastAPI()


def refresh():
    pass


@api.on_event("startup")
def boot():
    threading.Timer(60, refresh).start()
)");
  EXPECT_EQ(Findings(dir.path()), std::set<std::string>{"main.py:13 FL101"});
}

TEST(BackgroundWork, ImportCyclesEndAndStillFindTheStart) {
  testing::TempDir dir;
  dir.Write("a.py", "import threading\nimport b\n\n\ndef spin():\n    threading.Thread(target=print).start()\n\n\n"
                    "def ping():\n    b.pong()\n");
  dir.Write("b.py", "import a\n\n\ndef pong():\n    a.ping()\n    a.spin()\n");
  dir.Write("app.py", "import b\n\nb.pong()\n");
  std::set<std::string> found = Findings(dir.path());
  EXPECT_TRUE(found.count("app.py:3 FL103"));
  EXPECT_TRUE(found.count("a.py:6 FL101"));
}

class ModuleIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* file : {"app.py", "tasks.py", "api/index.py", "api/helpers.py", "pkg/__init__.py",
                             "pkg/jobs.py", "pkg/sub/__init__.py", "pkg/sub/deep.py", "src/core/__init__.py"}) {
      dir_.Write(file, "x = 1\n");
    }
    std::string error;
    snapshot_ = MakeFolderSnapshot(dir_.path(), &error);
    ASSERT_TRUE(snapshot_) << error;
    index_ = std::make_unique<project::ModuleIndex>(*snapshot_);
  }
  std::string Resolve(const char* importer, const char* dotted) {
    return index_->Resolve(importer, dotted).value_or("<none>");
  }
  testing::TempDir dir_;
  std::unique_ptr<Snapshot> snapshot_;
  std::unique_ptr<project::ModuleIndex> index_;
};

TEST_F(ModuleIndexTest, ResolvesAbsoluteNamesFromTheRootTheImporterAndSrc) {
  EXPECT_EQ(Resolve("app.py", "tasks"), "tasks.py");
  EXPECT_EQ(Resolve("app.py", "pkg"), "pkg/__init__.py");
  EXPECT_EQ(Resolve("app.py", "pkg.sub.deep"), "pkg/sub/deep.py");
  EXPECT_EQ(Resolve("api/index.py", "app"), "app.py");          // the sys.path shim to the root
  EXPECT_EQ(Resolve("api/index.py", "helpers"), "api/helpers.py");  // the script's own folder
  EXPECT_EQ(Resolve("app.py", "core"), "src/core/__init__.py");
}

TEST_F(ModuleIndexTest, ResolvesRelativeNames) {
  EXPECT_EQ(Resolve("pkg/jobs.py", "."), "pkg/__init__.py");
  EXPECT_EQ(Resolve("pkg/sub/deep.py", ".."), "pkg/__init__.py");
  EXPECT_EQ(Resolve("pkg/sub/deep.py", "..jobs"), "pkg/jobs.py");
  EXPECT_EQ(Resolve("pkg/jobs.py", ".sub.deep"), "pkg/sub/deep.py");
}

TEST_F(ModuleIndexTest, FollowsTheImportersOwnSysPathShim) {
  dir_.Write("backend/app.py", "x = 1\n");
  dir_.Write("lib/util.py", "x = 1\n");
  dir_.Write("api/shim.py",
             "import os\nimport sys\nfrom pathlib import Path\n"
             "sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'backend'))\n"
             "sys.path.append(str(Path(__file__).resolve().parent.parent / 'lib'))\n"
             "if __name__ == '__main__':\n    sys.path.insert(0, 'tasks_elsewhere')\n");
  std::string error;
  snapshot_ = MakeFolderSnapshot(dir_.path(), &error);
  ASSERT_TRUE(snapshot_) << error;
  index_ = std::make_unique<project::ModuleIndex>(*snapshot_);
  EXPECT_EQ(Resolve("api/shim.py", "app"), "backend/app.py");  // inserted before the root's app.py
  EXPECT_EQ(Resolve("api/shim.py", "util"), "lib/util.py");
  EXPECT_EQ(Resolve("api/shim.py", "tasks"), "tasks.py");
  EXPECT_EQ(Resolve("api/index.py", "app"), "app.py");  // another file's shim is not this one's
}

// A function that reaches the start both ways gets the shorter chain, whichever it
// calls first and wherever the functions are defined.
// The names FL103 looks a call up by: a dotted callee whose first part an import binds
// (or a relative one), and for a bare name one per `import *`, the first eight of them
// only (each is a lookup per call; 10,000 of them and 10,000 calls took 42 s).
TEST(ImportedNames, NameACallByTheImportsThatMayBindIt) {
  std::string source = "import tasks.jobs\nfrom a import *\nfrom .b import *\ndef own():\n    pass\n"
                       "tasks.jobs.start()\nother.go()\nstart()\nown()\n";
  python::Parser parser;
  std::unique_ptr<python::Module> module = python::ParseModule(parser, "app.py", source);
  const python::ImportedNames names(*module);
  std::map<std::string, std::vector<std::string>> by_callee;
  for (const python::Call& call : module->calls()) by_callee[call.callee] = names.Of(call);
  EXPECT_EQ(by_callee["tasks.jobs.start"], std::vector<std::string>{"tasks.jobs.start"});
  EXPECT_EQ(by_callee["other.go"], std::vector<std::string>{}) << "no import binds `other`";
  EXPECT_EQ(by_callee["start"], (std::vector<std::string>{"a.start", ".b.start"}));
  EXPECT_EQ(by_callee["own"], std::vector<std::string>{}) << "the module's own function";

  std::string many;
  for (int i = 0; i < 12; ++i) many += "from m" + std::to_string(i) + " import *\n";
  module = python::ParseModule(parser, "app.py", many + "start()\n");
  std::vector<std::string> expected;
  for (size_t i = 0; i < python::ImportedNames::kMaxWildcards; ++i) {
    expected.push_back("m" + std::to_string(i) + ".start");
  }
  EXPECT_EQ(python::ImportedNames(*module).Of(module->calls().at(0)), expected);
}

TEST(BackgroundWork, ShortestChainToTheStartWins) {
  python::Parser parser;
  std::unique_ptr<python::Module> module = python::ParseModule(parser, "app.py", R"(import os, threading
IS_VERCEL = os.environ.get("VERCEL") == "1"
def starter():
    threading.Thread(target=print).start()
def step():
    starter()
def long_way():
    step()
def main():
    long_way()
    short_way()
def short_way():
    starter()
def guarded():
    if not IS_VERCEL:
        starter()
)");
  python::ModuleBackground background(*module);
  auto via = [&](const char* name) {
    const std::optional<python::BackgroundWork>& work = background.work[module->FindFunction(name)].work;
    return work ? work->via : std::vector<std::string>{"(none)"};
  };
  EXPECT_EQ(via("main"), (std::vector<std::string>{"short_way()", "starter()"}));
  EXPECT_EQ(via("long_way"), (std::vector<std::string>{"step()", "starter()"}));
  EXPECT_EQ(via("starter"), std::vector<std::string>{});
  EXPECT_EQ(via("guarded"), std::vector<std::string>{"(none)"});
}

TEST(BackgroundWork, LongChainsKeepTheirFirstStepsAndTheLast) {
  std::vector<std::string> via;
  for (int i = 20; i > 0; --i) python::PrependVia(via, "f" + std::to_string(i) + "()");
  EXPECT_EQ(via, (std::vector<std::string>{"f1()", "f2()", "f3()", "f4()", "f5()", "f6()", "f7()", "f8()",
                                           std::string(python::kElidedVia), "f20()"}));
  std::vector<std::string> short_chain = {"a()", "b()"};
  python::ElideVia(short_chain);
  EXPECT_EQ(short_chain, (std::vector<std::string>{"a()", "b()"}));
}

// The linter hands the index the modules it parses anyway (Publish), and is asked first
// (CheckNow) before the index parses one itself: what was published is what counts.
TEST(ModuleIndexPublish, UsesThePublishedModuleInsteadOfParsingTheFile) {
  testing::TempDir dir;
  dir.Write("app.py", "import tasks\n\ntasks.start()\n");
  dir.Write("tasks.py", "def start():\n    pass\n");  // on disk: no thread
  std::string error;
  std::unique_ptr<Snapshot> snapshot = MakeFolderSnapshot(dir.path(), &error);
  ASSERT_TRUE(snapshot) << error;
  std::vector<std::string> asked;
  project::ModuleIndex* index_ptr = nullptr;
  python::Parser parser;
  std::unique_ptr<python::Module> published = python::ParseModule(
      parser, "tasks.py", "import threading\n\ndef start():\n    threading.Thread(target=print).start()\n");
  project::ModuleIndex index(*snapshot, [&](const std::string& path) {
    asked.push_back(path);
    index_ptr->Publish(*published, python::ModuleBackground(*published));
  });
  index_ptr = &index;
  std::optional<python::BackgroundWork> work = index.BackgroundWorkOf("app.py", "tasks.start");
  ASSERT_TRUE(work);
  EXPECT_EQ(work->where.path, "tasks.py");
  EXPECT_EQ(work->where.range.start.line, 4u);
  EXPECT_EQ(asked, std::vector<std::string>{"tasks.py"});
}

TEST(ModuleIndexPublish, ParsesTheFileItselfWhenNothingIsPublished) {
  testing::TempDir dir;
  dir.Write("tasks.py", "import threading\n\n\ndef start():\n    threading.Thread(target=print).start()\n");
  std::string error;
  std::unique_ptr<Snapshot> snapshot = MakeFolderSnapshot(dir.path(), &error);
  ASSERT_TRUE(snapshot) << error;
  int asked = 0;
  project::ModuleIndex index(*snapshot, [&](const std::string&) { ++asked; });
  std::optional<python::BackgroundWork> work = index.BackgroundWorkOf("app.py", "tasks.start");
  ASSERT_TRUE(work);
  EXPECT_EQ(work->where.range.start.line, 5u);
  EXPECT_EQ(asked, 1);
}

// A module that does not spell a name cannot export it: answered without a parse.
TEST(ModuleIndexPublish, DoesNotParseAModuleThatDoesNotSpellTheName) {
  testing::TempDir dir;
  dir.Write("tasks.py", "import threading\n\n\ndef start():\n    threading.Thread(target=print).start()\n");
  std::string error;
  std::unique_ptr<Snapshot> snapshot = MakeFolderSnapshot(dir.path(), &error);
  ASSERT_TRUE(snapshot) << error;
  std::vector<std::string> asked;
  project::ModuleIndex index(*snapshot, [&](const std::string& path) { asked.push_back(path); });
  EXPECT_FALSE(index.BackgroundWorkOf("app.py", "tasks.stop"));
  EXPECT_TRUE(asked.empty());
  EXPECT_TRUE(index.BackgroundWorkOf("app.py", "tasks.start"));
  EXPECT_EQ(asked, std::vector<std::string>{"tasks.py"});
}

// Every file of `folder` checked, as `check --all` does, with `jobs` workers.
lint::LintResult LintWholeFolder(const std::string& folder, unsigned jobs) {
  std::string error;
  ChangeSet changes;
  changes.snapshot = MakeFolderSnapshot(folder, &error);
  if (!changes.snapshot) {
    ADD_FAILURE() << error;
    return {};
  }
  for (const std::string& file : changes.snapshot->files()) changes.changed.emplace(file, LineSet::All());
  lint::LintOptions options;
  options.jobs = jobs;
  return lint::Lint(changes, options, rules::Registry::Get());
}

// Files checked early because another file's FL103 needed them are checked once: their
// findings appear once, in whichever order and number of workers.
TEST(BackgroundWork, ModulesCheckedOnDemandReportOnce) {
  testing::TempDir dir;
  // a.py is checked first and needs b, b needs c: b and c are checked inside a's rules.
  dir.Write("a.py", "import b\n\nb.go()\n");
  dir.Write("b.py", "import threading\nimport c\n\nthreading.Thread(target=print).start()\n\n\n"
                    "def go():\n    c.spin()\n");
  dir.Write("c.py", "import threading\n\nthreading.Thread(target=print).start()\n\n\n"
                    "def spin():\n    threading.Thread(target=print).start()\n");
  for (unsigned jobs : {1u, 2u, 3u}) {
    lint::LintResult result = LintWholeFolder(dir.path(), jobs);
    EXPECT_EQ(result.files_checked, 3u);
    std::multiset<std::string> found = FindingKeys(result);
    EXPECT_EQ(found.count("a.py:3 FL103"), 1u) << jobs;
    EXPECT_EQ(found.count("b.py:4 FL101"), 1u) << jobs;
    EXPECT_EQ(found.count("c.py:3 FL101"), 1u) << jobs;
    EXPECT_EQ(found.count("c.py:7 FL101"), 1u) << jobs;
  }
}

// A long chain of imports (each module calls the next at import time): past the cap on
// nested checks the index summarises the rest itself; every file is still checked once.
TEST(BackgroundWork, LongImportChainsAreFollowedAndCheckedOnce) {
  constexpr int kModules = 60;
  testing::TempDir dir;
  for (int i = 0; i + 1 < kModules; ++i) {
    dir.Write("m" + std::to_string(i) + ".py", "import m" + std::to_string(i + 1) + "\n\n\ndef go():\n    m" +
                                                   std::to_string(i + 1) + ".go()\n\n\ngo()\n");
  }
  dir.Write("m" + std::to_string(kModules - 1) + ".py",
            "import threading\n\n\ndef go():\n    threading.Thread(target=print).start()\n");
  lint::LintResult result = LintWholeFolder(dir.path(), 2);
  EXPECT_EQ(result.files_checked, static_cast<size_t>(kModules));
  std::multiset<std::string> found = FindingKeys(result);
  for (int i = 0; i + 1 < kModules; ++i) {
    EXPECT_EQ(found.count("m" + std::to_string(i) + ".py:8 FL103"), 1u) << i;
  }
}

// A folder snapshot that counts the reads of one file and holds the first read until a
// second one starts, then 200 ms more: the worker that claimed the module is still
// reading it when the other worker's rules ask the index about it.
class HeldFileSnapshot final : public Snapshot {
 public:
  HeldFileSnapshot(std::unique_ptr<Snapshot> folder, std::string held)
      : folder_(std::move(folder)), held_(std::move(held)) {}
  const std::string& root() const override { return folder_->root(); }
  const std::vector<std::string>& files() const override { return folder_->files(); }
  bool Read(std::string_view path, std::string* content, std::string* error) const override {
    if (path == held_) {
      std::unique_lock<std::mutex> lock(mutex_);
      const int read = ++reads_;
      another_read_.notify_all();
      if (read == 1) {
        another_read_.wait_for(lock, std::chrono::seconds(10), [&] { return reads_ > 1; });
        lock.unlock();
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
    }
    return folder_->Read(path, content, error);
  }
  int reads() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return reads_;
  }

 private:
  std::unique_ptr<Snapshot> folder_;
  std::string held_;
  mutable std::mutex mutex_;
  mutable std::condition_variable another_read_;
  mutable int reads_ = 0;
};

// Two workers: one is parsing m.py when user.py's FL103 needs it. The other waits for
// it to be published instead of reading and parsing it again (in the stdlib that was
// 5-7% of the bytes); the finding is the same.
TEST(BackgroundWork, AModuleAnotherWorkerIsParsingIsWaitedForNotParsedAgain) {
  testing::TempDir dir;
  dir.Write("m.py", "import threading\n\n\ndef go():\n    threading.Thread(target=print).start()\n");
  dir.Write("user.py", "import m\n\nm.go()\n");
  std::string error;
  auto folder = MakeFolderSnapshot(dir.path(), &error);
  ASSERT_TRUE(folder) << error;
  auto snapshot = std::make_unique<HeldFileSnapshot>(std::move(folder), "m.py");
  const HeldFileSnapshot& held = *snapshot;
  ChangeSet changes;
  changes.snapshot = std::move(snapshot);
  for (const std::string& file : changes.snapshot->files()) changes.changed.emplace(file, LineSet::All());
  lint::LintOptions options;
  options.jobs = 2;  // the first worker takes m.py (the queue is sorted), the second user.py
  options.settings.platform = Platform::kGeneric;  // no deployment graph reading files first
  lint::LintResult result = lint::Lint(changes, options, rules::Registry::Get());
  EXPECT_EQ(result.files_checked, 2u);
  std::multiset<std::string> found = FindingKeys(result);
  EXPECT_EQ(found.count("user.py:3 FL103"), 1u);
  // The worker's read to check m.py, and the index's look for the name `go` in it.
  EXPECT_EQ(held.reads(), 2);
}

// A diff run keeps FL103's findings on changed lines only, so it does not read the
// modules that a call on an unchanged line leads to: a pre-commit run in an app that
// imports much of itself parses what the change touches, not what the file imports.
TEST(BackgroundWork, ADiffRunFollowsOnlyTheCallsOnChangedLines) {
  testing::TempDir dir;
  dir.Write("tasks.py", "import threading\n\n\ndef start():\n    threading.Thread(target=print).start()\n");
  dir.Write("app.py", "import tasks\n\ntasks.start()\nready = True\n");
  for (uint32_t changed_line : {4u, 3u}) {
    std::string error;
    auto folder = MakeFolderSnapshot(dir.path(), &error);
    ASSERT_TRUE(folder) << error;
    auto snapshot = std::make_unique<testing::ReadCountingSnapshot>(std::move(folder));
    const testing::ReadCountingSnapshot& counted = *snapshot;
    ChangeSet changes;
    changes.snapshot = std::move(snapshot);
    changes.changed["app.py"].AddRange(changed_line, changed_line);
    lint::LintOptions options;
    options.settings.platform = Platform::kGeneric;  // no deployment graph reading files
    lint::LintResult result = lint::Lint(changes, options, rules::Registry::Get());
    std::multiset<std::string> found = FindingKeys(result);
    if (changed_line == 4) {
      EXPECT_TRUE(found.empty()) << *found.begin();
      EXPECT_EQ(counted.reads("tasks.py"), 0);
    } else {
      EXPECT_EQ(found, std::multiset<std::string>{"app.py:3 FL103"});
      EXPECT_GE(counted.reads("tasks.py"), 1);
    }
  }
}

TEST_F(ModuleIndexTest, LeavesOtherModulesAlone) {
  EXPECT_EQ(Resolve("app.py", "os"), "<none>");
  EXPECT_EQ(Resolve("app.py", "flask.helpers"), "<none>");
  EXPECT_EQ(Resolve("app.py", "...tasks"), "<none>");  // above the project root
  EXPECT_EQ(Resolve("pkg/jobs.py", ".missing"), "<none>");
}

}  // namespace
}  // namespace faaslint
