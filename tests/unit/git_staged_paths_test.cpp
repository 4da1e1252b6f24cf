// faaslint's own index reader (git/index_content.h) and the cache-tree walk that finds
// the staged paths (git/staged_paths.h), against what git itself says of the same
// repositories: `git ls-files -s` for the entries, `git rev-parse` for the cache-tree's
// trees, and `git diff --cached` for what is staged.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>

#include "git/handles.h"
#include "git/index_content.h"
#include "git/revisions.h"
#include "git/staged_paths.h"
#include "support/test_support.h"
#include "unit/git_test_helpers.h"

namespace faaslint::testing {
namespace {

using git::IndexContent;

IndexContent ReadRepoIndex(const TempDir& repo) {
  IndexContent index;
  std::string why_not;
  EXPECT_TRUE(git::ReadIndex(repo / ".git/index", &index, &why_not)) << why_not;
  return index;
}

std::string WhyNot(const TempDir& repo) {
  IndexContent index;
  std::string why_not;
  EXPECT_FALSE(git::ReadIndex(repo / ".git/index", &index, &why_not));
  return why_not;
}

// git_oid_fmt needs no libgit2 initialisation (git_oid_tostr_s does).
std::string Hex(const git_oid& id) {
  char hex[GIT_OID_HEXSZ];
  git_oid_fmt(hex, &id);
  return std::string(hex, GIT_OID_HEXSZ);
}

// `git ls-files -s` lines: "MODE OID STAGE\tPATH".
std::vector<std::string> GitListing(const TempDir& repo) { return SplitNul(Git(repo.path(), {"ls-files", "-s", "-z"})); }

std::vector<std::string> Listing(const IndexContent& index) {
  std::vector<std::string> lines;
  char mode[8];
  for (const git::IndexEntry& entry : index.entries) {
    std::snprintf(mode, sizeof(mode), "%06o", entry.mode);
    lines.push_back(std::string(mode) + " " + Hex(entry.id) + " 0\t" + entry.path);
  }
  return lines;
}

std::string RevParse(const TempDir& repo, const std::string& rev) {
  std::string out = Git(repo.path(), {"rev-parse", rev});
  return out.substr(0, out.find('\n'));
}

// The folders of the base repository every scenario starts from.
void InitBase(const TempDir& repo) {
  GitInit(repo.path());
  repo.Write("app.py", "x = 1\n");
  repo.Write("z.py", "z = 1\n");
  repo.Write("api/index.py", "def handler():\n    return 1\n");
  repo.Write("api/util/helpers.py", "def helper():\n    return 2\n");
  repo.Write("pkg/a/b/c/deep.py", "DEEP = 1\n");
  repo.Write("docs/readme.md", "# docs\n");
  for (int i = 0; i < 12; ++i) repo.Write("many/f" + std::to_string(i) + "/mod.py", "N = " + std::to_string(i) + "\n");
  GitCommitAll(repo.path(), "base");
}

// Removes the cache-tree extension, as an index written by a tool that keeps none, and
// zeroes the checksum (index.skipHash), which git accepts.
void DropCacheTree(const TempDir& repo) {
  std::string index = repo.Read(".git/index");
  const size_t at = index.find("TREE");
  ASSERT_NE(at, std::string::npos);
  const auto* size = reinterpret_cast<const unsigned char*>(index.data() + at + 4);
  const size_t length = size_t{size[0]} << 24 | size_t{size[1]} << 16 | size_t{size[2]} << 8 | size[3];
  index.erase(at, 8 + length);
  index.replace(index.size() - 20, 20, std::string(20, '\0'));
  repo.Write(".git/index", index);
  ASSERT_EQ(repo.Read(".git/index").find("TREE"), std::string::npos);
}

git::StagedPaths FindStaged(const TempDir& repo) {
  git::LibGit2 library;
  git_repository* raw = nullptr;
  EXPECT_EQ(git_repository_open(&raw, repo.path().c_str()), 0);
  git::RepositoryHandle handle(raw);
  git::TreeHandle head;
  std::string error;
  EXPECT_TRUE(git::HeadTree(handle.get(), &head, &error)) << error;
  IndexContent index = ReadRepoIndex(repo);
  if (index.sparse) EXPECT_TRUE(git::ExpandSparseFolders(handle.get(), &index, &error)) << error;
  git::StagedPaths staged;
  EXPECT_TRUE(git::FindStagedPaths(handle.get(), head.get(), index, &staged, &error)) << error;
  return staged;
}

std::vector<std::string> GitStagedPaths(const TempDir& repo) {
  std::vector<std::string> paths =
      SplitNul(Git(repo.path(), {"-c", "core.quotepath=off", "diff", "--cached", "--name-only", "--no-renames", "-z"}));
  std::sort(paths.begin(), paths.end());
  return paths;
}

TEST(IndexContentTest, ReadsEveryFormatGitWrites) {
  TempDir repo;
  InitBase(repo);
  repo.Write("dir with space/ünïcode.py", "u = 1\n");
  repo.Write("run.sh", "#!/bin/sh\n");
  std::filesystem::permissions(repo / "run.sh", std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
  std::filesystem::create_symlink("app.py", repo / "link.py");
  GitCommitAll(repo.path(), "more");
  for (const char* version : {"2", "3", "4"}) {
    SCOPED_TRACE(std::string("index format ") + version);
    Git(repo.path(), {"update-index", "--index-version", version});
    // Format 3 exists for the extended flags; skip-worktree is one.
    if (std::string(version) != "2") Git(repo.path(), {"update-index", "--skip-worktree", "z.py"});
    Git(repo.path(), {"write-tree"});  // the flag change invalidated the cache-tree; this fills it again
    ASSERT_EQ(repo.Read(".git/index")[7], version[0] - '0');
    IndexContent index = ReadRepoIndex(repo);
    EXPECT_EQ(Listing(index), GitListing(repo));
    ASSERT_NE(index.CacheTreeRoot(), nullptr);
    EXPECT_TRUE(index.CacheTreeRoot()->valid());
    EXPECT_EQ(Hex(index.CacheTreeRoot()->id), RevParse(repo, "HEAD^{tree}"));
    Git(repo.path(), {"update-index", "--no-skip-worktree", "z.py"});
  }
}

TEST(IndexContentTest, CacheTreeIsInvalidOnlyAlongAStagedPath) {
  TempDir repo;
  InitBase(repo);
  repo.Write("pkg/a/b/c/deep.py", "DEEP = 2\n");
  Git(repo.path(), {"add", "pkg/a/b/c/deep.py"});
  IndexContent index = ReadRepoIndex(repo);
  const git::CacheTreeFolder* folder = index.CacheTreeRoot();
  ASSERT_NE(folder, nullptr);
  for (const char* name : {"pkg", "a", "b", "c"}) {
    EXPECT_FALSE(folder->valid()) << "above " << name;
    folder = index.Child(*folder, name);
    ASSERT_NE(folder, nullptr) << name;
  }
  EXPECT_FALSE(folder->valid()) << "pkg/a/b/c";
  EXPECT_EQ(index.Child(*folder, "d"), nullptr);
  const git::CacheTreeFolder* api = index.Child(*index.CacheTreeRoot(), "api");
  ASSERT_NE(api, nullptr);
  EXPECT_TRUE(api->valid());
  EXPECT_EQ(Hex(api->id), RevParse(repo, "HEAD:api"));
  const git::CacheTreeFolder* util = index.Child(*api, "util");
  ASSERT_NE(util, nullptr);
  EXPECT_EQ(Hex(util->id), RevParse(repo, "HEAD:api/util"));
  // Folders after a folder with subfolders are found too (its `end` skips them).
  const git::CacheTreeFolder* many_f11 = index.Child(*index.Child(*index.CacheTreeRoot(), "many"), "f11");
  ASSERT_NE(many_f11, nullptr);
  EXPECT_EQ(Hex(many_f11->id), RevParse(repo, "HEAD:many/f11"));
  EXPECT_EQ(index.Child(*index.CacheTreeRoot(), "z.py"), nullptr) << "only folders";
}

// What the reader does not take goes to libgit2, which reads it or names the problem.
TEST(IndexContentTest, RefusesWhatItDoesNotFullyUnderstand) {
  {
    TempDir repo;
    InitBase(repo);
    repo.Write("new.py", "n = 1\n");
    Git(repo.path(), {"add", "-N", "new.py"});
    EXPECT_EQ(WhyNot(repo), "an entry added with `git add -N`");
  }
  {
    TempDir repo;
    InitBase(repo);
    Git(repo.path(), {"update-index", "--split-index"});  // the entries live in a shared file
    EXPECT_NE(WhyNot(repo), "");
  }
  {
    TempDir repo;
    // One folder entry (mode 040000, "lib/") in an index without the `sdir` extension.
    std::string stat(40, '\0');
    stat[26] = '\x40';  // the mode, big-endian at offset 24: 0x00004000
    const std::string entry = stat + std::string(20, '\1') + std::string("\0\4", 2) + "lib/" + std::string(6, '\0');
    ASSERT_EQ(entry.size() % 8, 0u);
    repo.Write(".git/index", std::string("DIRC\0\0\0\2\0\0\0\1", 12) + entry + std::string(20, '\0'));
    EXPECT_EQ(WhyNot(repo), "folder entries outside a sparse index");
  }
  {
    TempDir repo;
    InitBase(repo);
    Git(repo.path(), {"checkout", "-q", "-b", "other"});
    repo.Write("app.py", "x = 2\n");
    GitCommitAll(repo.path(), "other");
    Git(repo.path(), {"checkout", "-q", "main"});
    repo.Write("app.py", "x = 3\n");
    GitCommitAll(repo.path(), "main");
    testing::Run({"git", "merge", "-q", "other"}, repo.path());  // stops on the conflict
    EXPECT_EQ(WhyNot(repo), "unresolved merge conflict");
  }
  {
    TempDir repo;
    repo.Write(".git/index", std::string("DIRC\0\0\0\5", 8) + std::string(40, '\0'));
    EXPECT_EQ(WhyNot(repo), "index format 5");
  }
}

// A truncated index is refused, or read whole (a cut that falls exactly between two
// extensions loses only an extension): never a partial list of entries.
TEST(IndexContentTest, ATruncatedIndexIsNeverReadAsAPartialList) {
  TempDir repo;
  InitBase(repo);
  repo.Write("app.py", "x = 2\n");
  Git(repo.path(), {"add", "app.py"});
  const std::string bytes = repo.Read(".git/index");
  IndexContent whole;
  std::string why_not;
  ASSERT_TRUE(git::ParseIndex(bytes, &whole, &why_not)) << why_not;
  size_t read = 0;
  for (size_t length = 0; length < bytes.size(); ++length) {
    IndexContent index;
    if (!git::ParseIndex(std::string_view(bytes).substr(0, length), &index, &why_not)) {
      EXPECT_FALSE(why_not.empty());
      continue;
    }
    ++read;
    EXPECT_EQ(Listing(index), Listing(whole)) << "cut at " << length;
  }
  EXPECT_LE(read, 2u);
}

struct Scenario {
  const char* name;
  std::function<void(const TempDir&)> stage;
};

const Scenario kScenarios[] = {
    {"a deep file edited", [](const TempDir& repo) {
       repo.Write("pkg/a/b/c/deep.py", "DEEP = 2\nimport threading\n");
       Git(repo.path(), {"add", "-A"});
     }},
    {"a file in a new folder", [](const TempDir& repo) {
       repo.Write("new/dir/x.py", "import threading\nthreading.Thread(target=print).start()\n");
       Git(repo.path(), {"add", "-A"});
     }},
    {"a folder deleted", [](const TempDir& repo) { Git(repo.path(), {"rm", "-r", "-q", "api/util"}); }},
    {"a file becomes a folder", [](const TempDir& repo) {
       Git(repo.path(), {"rm", "-q", "z.py"});
       repo.Write("z.py/inner.py", "inner = 1\n");
       Git(repo.path(), {"add", "-A"});
     }},
    {"a folder becomes a file", [](const TempDir& repo) {
       Git(repo.path(), {"rm", "-r", "-q", "docs"});
       repo.Write("docs", "now a file\n");
       Git(repo.path(), {"add", "-A"});
     }},
    {"only the mode changes", [](const TempDir& repo) {
       Git(repo.path(), {"update-index", "--chmod=+x", "app.py"});
     }},
    {"a symbolic link and a submodule added", [](const TempDir& repo) {
       std::filesystem::create_symlink("app.py", repo / "link.py");
       Git(repo.path(), {"add", "link.py"});
       Git(repo.path(), {"update-index", "--add", "--cacheinfo", "160000," + RevParse(repo, "HEAD") + ",vendor/sub"});
     }},
    {"a rename with an edit", [](const TempDir& repo) {
       Git(repo.path(), {"mv", "api/index.py", "api/main.py"});
       repo.Write("api/main.py", "def handler():\n    return 3\n");
       Git(repo.path(), {"add", "-A"});
     }},
    {"an edit staged and then undone", [](const TempDir& repo) {
       repo.Write("many/f3/mod.py", "changed\n");
       Git(repo.path(), {"add", "-A"});
       repo.Write("many/f3/mod.py", "N = 3\n");
       Git(repo.path(), {"add", "-A"});
     }},
    {"nothing staged, an unstaged edit", [](const TempDir& repo) { repo.Write("app.py", "x = 9\n"); }},
    {"the index of an older commit (read-tree)", [](const TempDir& repo) {
       repo.Write("api/index.py", "def handler():\n    return 5\n");
       repo.Write("many/f1/mod.py", "N = 100\n");
       GitCommitAll(repo.path(), "second");
       Git(repo.path(), {"read-tree", "HEAD~1"});  // a valid cache-tree of other trees
     }},
};

// The regular files of the index, as --staged lists them.
std::vector<std::string> IndexFiles(const TempDir& repo) {
  std::vector<std::string> files;
  for (const std::string& line : GitListing(repo)) {
    if (line.rfind("100", 0) == 0) files.push_back(line.substr(line.find('\t') + 1));
  }
  return files;
}

// The staged paths are git's; the lines and files are git's for regular files (links
// and submodules are not checked).
void ExpectAsGitSays(const TempDir& repo) {
  EXPECT_EQ(FindStaged(repo).paths, GitStagedPaths(repo));
  ChangeSet changes = Changes(repo.path(), git::DiffMode::kStaged);
  ASSERT_TRUE(changes.snapshot);
  const std::vector<std::string> files = IndexFiles(repo);
  LineMap expected = ParseUnifiedDiff(Git(repo.path(), {"-c", "core.quotepath=off", "diff", "--cached", "-U0"}));
  std::erase_if(expected, [&files](const auto& entry) {
    return !std::binary_search(files.begin(), files.end(), entry.first);
  });
  EXPECT_EQ(Show(LinesOf(changes)), Show(expected));
  EXPECT_EQ(changes.snapshot->files(), files);
}

TEST(StagedPathsTest, EqualTheStagedPathsGitNames) {
  for (const Scenario& scenario : kScenarios) {
    SCOPED_TRACE(scenario.name);
    TempDir repo;
    InitBase(repo);
    scenario.stage(repo);
    ExpectAsGitSays(repo);
  }
}

TEST(StagedPathsTest, WithoutACacheTreeEveryFolderIsComparedAndTheAnswerIsTheSame) {
  for (const Scenario& scenario : kScenarios) {
    SCOPED_TRACE(scenario.name);
    TempDir repo;
    InitBase(repo);
    scenario.stage(repo);
    DropCacheTree(repo);
    ExpectAsGitSays(repo);
  }
}

// A sparse index (git sparse-checkout --sparse-index) keeps each folder outside the
// checkout as one entry naming its tree; libgit2 1.5 cannot read it at all. The folders
// are expanded into their files, and the answer is git's.
TEST(StagedPathsTest, SparseIndexIsReadWithItsFoldersExpanded) {
  TempDir repo;
  InitBase(repo);
  Git(repo.path(), {"sparse-checkout", "init", "--cone", "--sparse-index"});
  Git(repo.path(), {"sparse-checkout", "set", "api"});
  repo.Write("api/index.py", "def handler():\n    return 7\n");
  repo.Write("api/new.py", "import threading\n");
  Git(repo.path(), {"add", "api"});
  IndexContent index = ReadRepoIndex(repo);
  EXPECT_TRUE(index.sparse);
  const auto folder = std::find_if(index.entries.begin(), index.entries.end(),
                                   [](const git::IndexEntry& entry) { return entry.path == "pkg/"; });
  ASSERT_NE(folder, index.entries.end()) << "pkg/ is one entry of the sparse index";
  EXPECT_EQ(folder->mode, 040000u);
  EXPECT_EQ(Hex(folder->id), RevParse(repo, "HEAD:pkg"));
  ExpectAsGitSays(repo);
}

// The point of the cache-tree: the folders read follow the change, not the repository.
TEST(StagedPathsTest, OnlyTheFoldersAlongTheChangeAreRead) {
  TempDir repo;
  InitBase(repo);
  repo.Write("pkg/a/b/c/deep.py", "DEEP = 2\n");
  // Named: `git add -A` hashes again the files written in the same second as the index
  // ("racily clean"), and that invalidates their folders too.
  Git(repo.path(), {"add", "pkg/a/b/c/deep.py"});
  EXPECT_EQ(FindStaged(repo).folders_compared, 5u) << "the root, pkg, pkg/a, pkg/a/b, pkg/a/b/c";
  const size_t folders = SplitNul(Git(repo.path(), {"ls-tree", "-r", "-d", "-z", "--name-only", "HEAD"})).size() + 1;
  DropCacheTree(repo);
  EXPECT_EQ(FindStaged(repo).folders_compared, folders);
  EXPECT_GT(folders, 20u);
}

}  // namespace
}  // namespace faaslint::testing
