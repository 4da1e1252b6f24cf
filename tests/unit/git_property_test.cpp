// Property: for random edit sequences, the changed lines ComputeChanges reports equal
// what `git diff -U0` reports, per mode (--cached for --staged, HEAD for the default,
// the merge-base commit for --base; untracked files all new), and the snapshot lists
// exactly the files git lists. Seeded: a failure names its seed, and
// FAASLINT_GIT_PROPERTY_SEED=<n> reruns that one sequence.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>

#include "support/test_support.h"
#include "unit/git_test_helpers.h"

namespace faaslint::testing {
namespace {

using git::DiffMode;
namespace fs = std::filesystem;

constexpr uint32_t kSequences = 200;

struct FileModel {
  std::vector<std::string> lines;
  bool crlf = false;
  bool final_newline = true;
};

std::string Render(const FileModel& file) {
  std::string text;
  for (size_t i = 0; i < file.lines.size(); ++i) {
    text += file.lines[i];
    if (i + 1 < file.lines.size() || file.final_newline) text += file.crlf ? "\r\n" : "\n";
  }
  return text;
}

// Random edits on a model of the work tree. Lines are mostly unique (so unrelated
// files never look like renames), with some repeated ones ("", "    pass") that make
// hunk placement ambiguous, where git and libgit2 must still agree.
class EditGenerator {
 public:
  explicit EditGenerator(uint32_t seed) : rng_(seed), seed_(seed) {}

  std::string NewLine() {
    static const char* kRepeated[] = {"", "    pass", "return x", "}"};
    if (Chance(20)) return kRepeated[Pick(4)];
    return "v" + std::to_string(seed_) + "_" + std::to_string(counter_++);
  }
  // At least 3 lines, the first unique: no two files start out identical, so an exact
  // rename has one source.
  FileModel NewFile() {
    FileModel file;
    file.crlf = Chance(15);
    file.final_newline = !Chance(15);
    file.lines.push_back("first" + std::to_string(counter_++));
    for (size_t n = 2 + Pick(23); n > 0; --n) file.lines.push_back(NewLine());
    return file;
  }
  std::string NewPath() {
    static const char* kFolders[] = {"", "", "api/", "pkg/sub/"};
    return std::string(kFolders[Pick(4)]) + "f" + std::to_string(counter_++) + ".py";
  }

  // One random operation on `files`. git and libgit2 score similarity differently, so
  // only clear renames have one right answer: a rename moves a file untouched since the
  // first commit, edits at most one line of it, and the moved file is not touched again.
  void Mutate(std::map<std::string, FileModel>* files) {
    std::vector<std::string> editable, movable;
    for (const auto& [path, file] : *files) {
      if (!moved_.count(path)) editable.push_back(path);
      if (!moved_.count(path) && !touched_.count(path)) movable.push_back(path);
    }
    const uint32_t op = Pick(100);
    if (op >= 10 && op < 18 && !movable.empty()) {
      auto it = files->find(movable[Pick(movable.size())]);
      FileModel moved = it->second;
      files->erase(it);
      if (moved.lines.size() > 6 && Chance(50)) moved.lines[1 + Pick(moved.lines.size() - 1)] = NewLine();
      std::string path = NewPath();
      (*files)[path] = moved;
      moved_.insert(path);
      return;
    }
    if (editable.empty() || op < 18) {
      std::string path = NewPath();
      (*files)[path] = NewFile();
      touched_.insert(path);
      return;
    }
    auto it = files->find(editable[Pick(editable.size())]);
    touched_.insert(it->first);
    FileModel& file = it->second;
    std::vector<std::string>& lines = file.lines;
    if (op < 26) {
      files->erase(it);
    } else if (op < 50 && !lines.empty()) {
      for (size_t n = 1 + Pick(3); n > 0; --n) lines[Pick(lines.size())] = NewLine();
    } else if (op < 75) {
      size_t at = Pick(lines.size() + 1);
      for (size_t n = 1 + Pick(4); n > 0; --n) lines.insert(lines.begin() + at, NewLine());
    } else if (op < 92 && !lines.empty()) {
      size_t at = Pick(lines.size());
      lines.erase(lines.begin() + at, lines.begin() + std::min(lines.size(), at + 1 + Pick(3)));
    } else {
      file.final_newline = !file.final_newline;
    }
  }

  bool Chance(uint32_t percent) { return Pick(100) < percent; }
  size_t Pick(size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

 private:
  std::mt19937 rng_;
  uint32_t seed_;
  uint64_t counter_ = 0;
  std::set<std::string> moved_;    // rename targets
  std::set<std::string> touched_;  // edited since the first commit
};

// Makes the disk match the model (writes changed files, removes dropped ones).
void Sync(const TempDir& dir, const std::map<std::string, FileModel>& before,
          const std::map<std::string, FileModel>& after) {
  for (const auto& [path, file] : before) {
    if (!after.count(path)) fs::remove(dir / path);
  }
  for (const auto& [path, file] : after) {
    auto old = before.find(path);
    if (old == before.end() || Render(old->second) != Render(file) ||
        old->second.final_newline != file.final_newline) {
      dir.Write(path, Render(file));
    }
  }
}

// Runs one sequence; returns "" or a description of the first disagreement.
std::string RunSequence(uint32_t seed) {
  TempDir dir;
  EditGenerator gen(seed);
  GitInit(dir.path());
  std::map<std::string, FileModel> files, next;
  for (size_t n = 2 + gen.Pick(4); n > 0; --n) files[gen.NewPath()] = gen.NewFile();
  Sync(dir, {}, files);
  GitCommitAll(dir.path(), "c1");
  // A second commit: --base HEAD~1 (c1) counts its edits as changed, HEAD mode does not.
  const std::string base = "HEAD~1";
  next = files;
  for (size_t n = 1 + gen.Pick(4); n > 0; --n) gen.Mutate(&next);
  Sync(dir, files, next);
  files = next;
  GitCommitAll(dir.path(), "c2");
  // Staged part: some edits, all or some of them added.
  for (size_t n = 1 + gen.Pick(5); n > 0; --n) gen.Mutate(&next);
  Sync(dir, files, next);
  std::vector<std::string> add{"add", "-A", "--"};
  for (const auto& [path, file] : next) {
    if (gen.Chance(70)) add.push_back(path);
  }
  for (const auto& [path, file] : files) {
    if (!next.count(path) && gen.Chance(70)) add.push_back(path);
  }
  if (add.size() > 3) Git(dir.path(), add);
  files = next;
  // Unstaged part.
  for (size_t n = gen.Pick(4); n > 0; --n) gen.Mutate(&next);
  Sync(dir, files, next);

  const std::vector<std::string> kDiff{"-c", "core.quotepath=off", "diff", "-U0", "--no-color", "--no-ext-diff"};
  auto git_diff = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = kDiff;
    args.insert(args.end(), extra.begin(), extra.end());
    return Git(dir.path(), args);
  };
  // One listing for the three file sets: `-t` tags tracked entries "H", untracked "?".
  LineMap untracked;
  std::vector<std::string> index_files, disk_files;
  for (const std::string& entry :
       SplitNul(Git(dir.path(), {"ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard"}))) {
    const std::string path = entry.substr(2);
    if (entry[0] == '?') {
      for (uint32_t n = 1; n <= CountLines(dir.Read(path)); ++n) untracked[path].insert(n);
    } else {
      index_files.push_back(path);
    }
    if (fs::exists(dir / path)) disk_files.push_back(path);
  }
  std::sort(index_files.begin(), index_files.end());
  std::sort(disk_files.begin(), disk_files.end());

  struct Case {
    const char* name;
    DiffMode mode;
    std::string base;
    LineMap expected;
    LineMap expected_removals;
    std::vector<std::string> files;
  };
  LineMap staged_removals, worktree_removals, base_removals;
  LineMap staged = ParseUnifiedDiff(git_diff({"--cached"}), &staged_removals);
  LineMap worktree = ParseUnifiedDiff(git_diff({"HEAD"}), &worktree_removals);
  LineMap since_base = ParseUnifiedDiff(git_diff({base}), &base_removals);
  worktree.insert(untracked.begin(), untracked.end());
  since_base.insert(untracked.begin(), untracked.end());
  Case cases[] = {
      {"staged", DiffMode::kStaged, "", staged, staged_removals, index_files},
      {"working tree", DiffMode::kWorkingTree, "", worktree, worktree_removals, disk_files},
      {"base", DiffMode::kBase, base, since_base, base_removals, disk_files},
  };
  for (const Case& c : cases) {
    ChangeSet changes = Changes(dir.path(), c.mode, c.base);
    if (!changes.snapshot) return std::string(c.name) + ": ComputeChanges failed";
    LineMap actual = LinesOf(changes);
    if (actual != c.expected) {
      return std::string(c.name) + " lines differ\n-- git:\n" + Show(c.expected) + "-- faaslint:\n" + Show(actual) +
             "-- git status:\n" + Git(dir.path(), {"status", "--short"});
    }
    if (LineMap removals = RemovalsOf(changes); removals != c.expected_removals) {
      return std::string(c.name) + " removals differ\n-- git:\n" + Show(c.expected_removals) + "-- faaslint:\n" +
             Show(removals) + "-- git status:\n" + Git(dir.path(), {"status", "--short"});
    }
    if (changes.snapshot->files() != c.files) return std::string(c.name) + ": file lists differ";
  }
  return "";
}

TEST(GitPropertyTest, ChangedLinesAndRemovalsEqualGitDiffUnifiedZeroPerMode) {
  uint32_t first = 1, last = kSequences;
  if (const char* one = std::getenv("FAASLINT_GIT_PROPERTY_SEED")) first = last = std::stoul(one);
  for (uint32_t seed = first; seed <= last; ++seed) {
    std::string failure = RunSequence(seed);
    ASSERT_EQ(failure, "") << "seed " << seed << " (rerun with FAASLINT_GIT_PROPERTY_SEED=" << seed << ")";
  }
}

}  // namespace
}  // namespace faaslint::testing
