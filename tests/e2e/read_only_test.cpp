// faaslint only reads: every mode and every format, run in a real repository with
// staged, unstaged, untracked and ignored changes, leaves every byte (and every
// modification time) of the work tree and .git as it was. Reports go only where
// --format FMT:FILE says.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>

#include "support/test_support.h"

namespace faaslint {
namespace {

namespace fs = std::filesystem;
using testing::Git;
using testing::TempDir;

// What a file system entry is, byte for byte: its kind, mode, modification time and
// content (or link target).
struct EntryState {
  std::string kind;
  mode_t mode = 0;
  int64_t mtime_ns = 0;
  std::string content;
  friend bool operator==(const EntryState&, const EntryState&) = default;
};

std::map<std::string, EntryState> TreeState(const std::string& root) {
  std::map<std::string, EntryState> state;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path& path = it->path();
    struct stat info;
    if (lstat(path.c_str(), &info) != 0) continue;
    EntryState entry;
    entry.mode = info.st_mode;
    entry.mtime_ns = int64_t{info.st_mtim.tv_sec} * 1000000000 + info.st_mtim.tv_nsec;
    if (S_ISLNK(info.st_mode)) {
      entry.kind = "link";
      entry.content = fs::read_symlink(path).string();
    } else if (S_ISDIR(info.st_mode)) {
      entry.kind = "dir";
      entry.mtime_ns = 0;  // reading a folder does not change it; listing order is not content
    } else {
      entry.kind = "file";
      entry.content = testing::ReadFile(path.string());
    }
    state.emplace(fs::relative(path, root).string(), std::move(entry));
  }
  return state;
}

std::string Difference(const std::map<std::string, EntryState>& before,
                       const std::map<std::string, EntryState>& after) {
  std::string diff;
  for (const auto& [path, entry] : before) {
    auto it = after.find(path);
    if (it == after.end()) diff += "removed " + path + "\n";
    else if (!(it->second == entry)) diff += "changed " + path + "\n";
  }
  for (const auto& [path, entry] : after) {
    if (!before.count(path)) diff += "added " + path + "\n";
  }
  return diff;
}

// A repository in every state a mode reads: two commits (so --base has a merge-base),
// then a staged edit, an unstaged edit on top of it, an untracked file, an ignored
// file, a symlink and a configuration.
void MakeBusyRepository(const TempDir& repo) {
  testing::GitInit(repo.path());
  repo.Write("app.py", "from flask import Flask\napp = Flask(__name__)\n");
  repo.Write("requirements.txt", "flask\n");
  repo.Write("vercel.json", "{\"functions\": {\"api/*.py\": {\"maxDuration\": 10}}}\n");
  repo.Write("api/index.py", "from app import app\n");
  repo.Write(".gitignore", "ignored.py\n");
  repo.Write(".faaslint.yaml", "fail-on: warning\n");
  testing::GitCommitAll(repo.path(), "first");
  Git(repo.path(), {"branch", "base"});
  repo.Write("worker.py", "import threading\nthreading.Thread(target=print).start()\n");
  testing::GitCommitAll(repo.path(), "second");
  repo.Write("app.py", "from flask import Flask\nimport threading\napp = Flask(__name__)\n"
                       "threading.Thread(target=print).start()\n");
  Git(repo.path(), {"add", "app.py"});
  repo.Write("app.py", "from flask import Flask\nimport threading\napp = Flask(__name__)\n"
                       "threading.Thread(target=print).start()\napp.run()\n");
  repo.Write("untracked.py", "import threading\nthreading.Thread(target=print).start()\n");
  repo.Write("ignored.py", "import threading\nthreading.Thread(target=print).start()\n");
  fs::create_symlink("app.py", repo / "link.py");
}

TEST(ReadOnly, EveryModeAndFormatLeavesTheRepositoryUntouched) {
  TempDir repo;
  MakeBusyRepository(repo);
  TempDir reports;
  const auto before = TreeState(repo.path());

  const std::vector<std::vector<std::string>> kModes = {{}, {"--staged"}, {"--base", "base"}, {"--all"}};
  const std::vector<std::string> kFormats = {"text", "json", "sarif", "github", "gitlab", "markdown"};
  int run = 0;
  for (const auto& mode : kModes) {
    std::vector<std::string> args{"check"};
    args.insert(args.end(), mode.begin(), mode.end());
    for (const std::string& format : kFormats) {
      args.push_back("--format");
      args.push_back(format + ":" + reports / (std::to_string(run) + "." + format));
    }
    args.push_back("--format");
    args.push_back("text");  // and stdout
    auto result = testing::RunFaaslint(args, repo.path());
    EXPECT_EQ(result.exit_code, 1) << ::testing::PrintToString(mode) << result.err;
    EXPECT_EQ(Difference(before, TreeState(repo.path())), "") << ::testing::PrintToString(mode);
    for (const std::string& format : kFormats) {
      EXPECT_TRUE(fs::exists(reports / (std::to_string(run) + "." + format))) << format;
    }
    ++run;
  }
  for (const std::vector<std::string>& other : std::vector<std::vector<std::string>>{
           {"rules"}, {"rule", "FL101"}, {"--version"}, {"check", "--staged", "app.py", "--quiet"},
           {"check", "--all", "--no-config", "--exit-zero"}}) {
    testing::RunFaaslint(other, repo.path());
  }
  EXPECT_EQ(Difference(before, TreeState(repo.path())), "");
}

TEST(ReadOnly, AReportInsideTheRepositoryIsTheOnlyChange) {
  TempDir repo;
  MakeBusyRepository(repo);
  const auto before = TreeState(repo.path());
  auto result = testing::RunFaaslint({"--format", "sarif:faaslint.sarif"}, repo.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(Difference(before, TreeState(repo.path())), "added faaslint.sarif\n");
}

}  // namespace
}  // namespace faaslint
