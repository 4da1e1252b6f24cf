#include "git/changes.h"

#include <git2/sys/repository.h>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/read_below.h"
#include "git/config_files.h"
#include "git/diff_scan.h"
#include "git/handles.h"
#include "git/index_content.h"
#include "git/index_file.h"
#include "git/repository.h"
#include "git/revisions.h"
#include "git/snapshots.h"
#include "git/staged_paths.h"

namespace faaslint::git {
namespace {

// The remote a partial clone fetches missing objects from: `remote.NAME.promisor = true`
// (git 2.39's clone --filter), or the older `extensions.partialClone = NAME`; "" if none.
std::string PromisorRemote(git_repository* repo) {
  git_config* config_raw = nullptr;
  if (git_repository_config_snapshot(&config_raw, repo) < 0) return "";
  ConfigHandle config(config_raw);
  std::string remote;
  const char* name = nullptr;
  if (git_config_get_string(&name, config.get(), "extensions.partialclone") == 0) remote = name;
  git_config_foreach_match(
      config.get(), "^remote\\..*\\.promisor$",
      [](const git_config_entry* entry, void* payload) {
        int on = 0;
        if (git_config_parse_bool(&on, entry->value) == 0 && on) {
          std::string_view key = entry->name;  // remote.NAME.promisor
          key.remove_prefix(std::string_view("remote.").size());
          key.remove_suffix(std::string_view(".promisor").size());
          *static_cast<std::string*>(payload) = key;
        }
        return 0;
      },
      &remote);
  git_error_clear();
  return remote;
}

// A partial clone (git clone --filter=blob:none, or actions/checkout's `filter:`) lacks
// the files of commits never checked out. git fetches them when a diff needs them;
// libgit2 1.5 cannot, and says "object not found". The remedy lets git fetch them.
std::string WithPartialCloneRemedy(git_repository* repo, const ChangeOptions& options, std::string message) {
  if (message.find("object not found") == std::string::npos) return message;
  const std::string remote = PromisorRemote(repo);
  if (remote.empty()) return message;
  const std::string old_side =
      options.mode == DiffMode::kBase ? "$(git merge-base " + options.base_ref + " HEAD)" : std::string("HEAD");
  return message + "; this is a partial clone, whose missing files git fetches from " + remote +
         " when it needs them and libgit2 cannot: `git diff " + old_side + " >/dev/null` fetches them";
}

// The scan's lines, touched files and notes into the change set (after any notes of
// the repository's opening).
void TakeLines(DiffScan scan, ChangeSet* out) {
  out->changed = std::move(scan.changed);
  out->removed_after = std::move(scan.removed_after);
  out->touched = std::move(scan.touched);
  out->notes.insert(out->notes.end(), scan.notes.begin(), scan.notes.end());
}

git_diff_options BaseDiffOptions() {
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  // 0 context lines: every hunk is exactly the changed run, as `git diff -U0`.
  options.context_lines = 0;
  options.interhunk_lines = 0;
  // UNMODIFIED lists the whole new side in one pass (it becomes Snapshot::files());
  // INDENT_HEURISTIC places ambiguous hunks where git (diff.indentHeuristic, on by
  // default since git 2.14) does. FORCE_TEXT: a `-diff` or `binary` attribute
  // (`*_pb2.py -diff` in .gitattributes) hides a file's lines from `git diff`, but they
  // are still deployed code; whether a file is binary is decided by its content
  // instead (ScanDiff's probe).
  options.flags = GIT_DIFF_INCLUDE_UNMODIFIED | GIT_DIFF_IGNORE_SUBMODULES | GIT_DIFF_INDENT_HEURISTIC |
                  GIT_DIFF_FORCE_TEXT;
  return options;
}

// libgit2 finds renames only when asked; git diff does by default (50% similarity).
bool FindRenames(git_diff* diff, std::string* error) {
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  find.flags = GIT_DIFF_FIND_RENAMES;
  int rc = git_diff_find_similar(diff, &find);
  if (rc < 0) *error = "rename detection failed: " + LastGitError(rc);
  return rc >= 0;
}

// Every file of the index: its path and its staged blob.
struct IndexFiles {
  std::vector<std::string> paths;
  std::vector<git_oid> blobs;
};

// The staged side as a snapshot, from the diff of HEAD against the index (null: nothing
// staged); `files` lists every file of the index, or is null to list the diff's.
bool TakeStagedSide(git_diff* diff, OdbHandle odb, const std::string& root, IndexFiles* files, ChangeSet* out,
                    std::string* error) {
  if (diff != nullptr && !FindRenames(diff, error)) return false;
  BinaryProbe probe = [&odb](const git_diff_file& file, bool* binary, std::string* probe_error) {
    std::string start;
    if (!ReadBlobStart(odb.get(), file.id, kBinaryProbeBytes, &start, probe_error)) return false;
    *binary = LooksBinary(start);
    return true;
  };
  DiffScan scan;
  if (diff != nullptr && !ScanDiff(diff, LineDetail::kChangedLines, probe, &scan, error)) return false;
  IndexFiles listed;
  if (files == nullptr) {
    listed.paths.reserve(scan.files.size());
    listed.blobs.reserve(scan.files.size());
    for (NewSideFile& file : scan.files) {
      listed.paths.push_back(std::move(file.path));
      listed.blobs.push_back(file.id);
    }
    files = &listed;
  }
  out->snapshot = MakeIndexSnapshot(root, std::move(odb), std::move(files->paths), std::move(files->blobs));
  TakeLines(std::move(scan), out);
  return true;
}

bool OpenOdb(git_repository* repo, OdbHandle* odb, std::string* error) {
  git_odb* raw = nullptr;
  int rc = git_repository_odb(&raw, repo);
  odb->reset(raw);
  if (rc < 0) *error = "cannot open the object database: " + LastGitError(rc);
  return rc >= 0;
}

// libgit2 reads the index whole and diffs every tree of HEAD against it.
bool StagedChangesThroughLibgit2(Repository* opened, git_tree* head, const std::string& root, ChangeSet* out,
                                 std::string* error) {
  git_repository* repo = opened->handle.get();
  if (!AttachIndex(opened, error)) return false;
  git_index* index_raw = nullptr;
  int rc = git_repository_index(&index_raw, repo);
  IndexHandle index(index_raw);
  git_odb* odb_raw = nullptr;
  if (rc >= 0) rc = git_repository_odb(&odb_raw, repo);
  OdbHandle odb(odb_raw);
  git_diff_options options = BaseDiffOptions();
  git_diff* diff_raw = nullptr;
  // Tree vs index compares ids only: no work tree scan.
  if (rc >= 0) rc = git_diff_tree_to_index(&diff_raw, repo, head, index.get(), &options);
  DiffHandle diff(diff_raw);
  if (rc < 0) {
    *error = WithIndexRemedy("cannot diff HEAD against the index: " + LastGitError(rc));
    return false;
  }
  return TakeStagedSide(diff.get(), std::move(odb), root, nullptr, out, error);
}

// The index as faaslint reads it (git/index_content.h): only the paths the cache-tree
// cannot vouch for are compared, and libgit2 diffs just the ones that changed, against
// an index in memory that holds only those.
bool StagedChangesByCacheTree(Repository* opened, git_tree* head, IndexContent index, const std::string& root,
                              ChangeSet* out, std::string* error) {
  git_repository* repo = opened->handle.get();
  StagedPaths staged;
  OdbHandle odb;
  if (!FindStagedPaths(repo, head, index, &staged, error) || !OpenOdb(repo, &odb, error)) return false;
  git_index* small_raw = nullptr;
  int rc = git_index_new(&small_raw);
  IndexHandle small(small_raw);
  for (size_t i = 0; rc >= 0 && i < staged.entries.size(); ++i) {
    const IndexEntry& entry = index.entries[staged.entries[i]];
    git_index_entry added{};
    added.path = entry.path.c_str();
    added.id = entry.id;
    added.mode = entry.mode;
    rc = git_index_add(small.get(), &added);
  }
  // libgit2 checks each path it adds; one git took but libgit2 will not is libgit2's to
  // read from the index file, or to name.
  if (rc < 0) return StagedChangesThroughLibgit2(opened, head, root, out, error);
  // libgit2 looks up each patched file's `diff` attribute, which may come from a
  // .gitattributes in the index, and it would read the whole index for that. The diff is
  // forced to text, where the attribute changes no line, so the index in memory stands in.
  git_repository_set_index(repo, small.get());
  git_diff* diff_raw = nullptr;
  std::vector<char*> paths;
  for (std::string& path : staged.paths) paths.push_back(path.data());
  git_diff_options options = BaseDiffOptions();
  // Exactly these paths; none means no diff at all (an empty pathspec means all).
  options.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
  options.pathspec = {paths.data(), paths.size()};
  if (!paths.empty()) rc = git_diff_tree_to_index(&diff_raw, repo, head, small.get(), &options);
  DiffHandle diff(diff_raw);
  if (rc < 0) {
    *error = "cannot diff HEAD against the index: " + LastGitError(rc);
    return false;
  }
  IndexFiles files;
  files.paths.reserve(index.entries.size());
  files.blobs.reserve(index.entries.size());
  for (IndexEntry& entry : index.entries) {
    if (entry.mode == GIT_FILEMODE_BLOB || entry.mode == GIT_FILEMODE_BLOB_EXECUTABLE) {
      files.paths.push_back(std::move(entry.path));
      files.blobs.push_back(entry.id);
    }
  }
  return TakeStagedSide(diff.get(), std::move(odb), root, &files, out, error);
}

// libgit2 sorts and matches paths ignoring case when core.ignorecase is set; faaslint's
// reader does not, so such a repository goes through libgit2.
bool IgnoresCase(git_repository* repo) {
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, repo) < 0) return false;
  ConfigHandle config(raw);
  int ignore_case = 0;
  if (git_config_get_bool(&ignore_case, config.get(), "core.ignorecase") < 0) ignore_case = 0;
  git_error_clear();
  return ignore_case != 0;
}

bool StagedChanges(Repository* opened, const std::string& root, ChangeSet* out, std::string* error) {
  git_repository* repo = opened->handle.get();
  TreeHandle head;
  if (!HeadTree(repo, &head, error)) return false;
  IndexContent index;
  std::string why_not;
  // An unborn branch has no tree to skip folders of; an index this reader does not take
  // is libgit2's to read or to refuse with its own message.
  if (head != nullptr && !IgnoresCase(repo) && ReadIndex(opened->index_path, &index, &why_not)) {
    // libgit2 1.5 cannot read a sparse index at all; its folders are expanded here.
    return (!index.sparse || ExpandSparseFolders(repo, &index, error)) &&
           StagedChangesByCacheTree(opened, head.get(), std::move(index), root, out, error);
  }
  return StagedChangesThroughLibgit2(opened, head.get(), root, out, error);
}

// A tracked file the process may not read fails the whole work tree diff, as it fails
// `git diff` ("fatal: cannot hash vercel.json"), with libgit2's misleading "failed open
// - '.../vercel.json' is locked: Permission denied". The error names the file instead.
void NameUnreadableTrackedFile(git_repository* repo, const std::string& root, std::string* error) {
  git_index* index_raw = nullptr;
  if (git_repository_index(&index_raw, repo) < 0) return;
  IndexHandle index(index_raw);
  for (size_t i = 0, count = git_index_entrycount(index.get()); i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index.get(), i);
    if (entry == nullptr || (entry->mode != GIT_FILEMODE_BLOB && entry->mode != GIT_FILEMODE_BLOB_EXECUTABLE)) {
      continue;
    }
    if (access((root + "/" + entry->path).c_str(), R_OK) != 0 && errno == EACCES) {
      *error = std::string(entry->path) + ": cannot read: " + std::strerror(EACCES);
      return;
    }
  }
}

// `old_tree` (null = nothing) vs the work tree, through the index like `git diff TREE`.
bool WorkTreeChanges(git_repository* repo, const std::string& root, git_tree* old_tree, LineDetail detail,
                     ChangeSet* out, std::string* error) {
  git_diff_options options = BaseDiffOptions();
  options.flags |= GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
  git_diff* diff_raw = nullptr;
  int rc = git_diff_tree_to_workdir_with_index(&diff_raw, repo, old_tree, &options);
  DiffHandle diff(diff_raw);
  if (rc < 0) {
    *error = WithIndexRemedy("cannot diff the work tree: " + LastGitError(rc));
    NameUnreadableTrackedFile(repo, root, error);
    return false;
  }
  // Untracked files stay all new (DESIGN §1); renames are found among tracked files.
  if (detail == LineDetail::kChangedLines && !FindRenames(diff.get(), error)) return false;
  BinaryProbe probe = [&root](const git_diff_file& file, bool* binary, std::string* probe_error) {
    std::string start;
    if (!ReadFileBelow(root, file.path, kBinaryProbeBytes, &start, probe_error)) return false;
    *binary = LooksBinary(start);
    return true;
  };
  DiffScan scan;
  if (!ScanDiff(diff.get(), detail, probe, &scan, error)) return false;
  std::vector<std::string> files;
  files.reserve(scan.files.size());
  for (NewSideFile& file : scan.files) files.push_back(std::move(file.path));
  if (!std::is_sorted(files.begin(), files.end())) std::sort(files.begin(), files.end());  // already, but for renames
  out->snapshot = MakeWorkTreeSnapshot(root, std::move(files));
  TakeLines(std::move(scan), out);
  return true;
}

bool FolderChanges(const std::string& start_dir, ChangeSet* out, std::string* error) {
  out->snapshot = MakeFolderSnapshot(start_dir.empty() ? "." : start_dir, error);
  if (!out->snapshot) return false;
  out->changed.clear();
  for (const std::string& file : out->snapshot->files()) {
    out->changed.emplace(file, LineSet::All());
    out->touched.insert(file);
  }
  return true;
}

}  // namespace

bool ComputeChanges(const ChangeOptions& options, ChangeSet* out, std::string* error) {
  LibGit2 library;
  std::vector<std::string> notes = LeaveOutUnreadableConfigFiles();
  Repository opened;
  std::string root;
  switch (OpenRepository(options.start_dir, &opened, &root, error)) {
    case OpenResult::kNotARepository:
      if (options.mode == DiffMode::kAll) return FolderChanges(options.start_dir, out, error);
      *error += "; use --all to check every file of a folder";
      return false;
    case OpenResult::kFailed:
      return false;
    case OpenResult::kOpened:
      break;
  }
  out->notes = std::move(notes);  // about git's config: only for a repository
  git_repository* repo = opened.handle.get();
  TreeHandle old_tree;
  bool done = false;
  switch (options.mode) {
    case DiffMode::kStaged:
      done = StagedChanges(&opened, root, out, error);
      break;
    case DiffMode::kWorkingTree:
      done = AttachIndex(&opened, error) && HeadTree(repo, &old_tree, error) &&
             WorkTreeChanges(repo, root, old_tree.get(), LineDetail::kChangedLines, out, error);
      break;
    case DiffMode::kBase:
      done = AttachIndex(&opened, error) && MergeBaseTree(repo, options.base_ref, &old_tree, error) &&
             WorkTreeChanges(repo, root, old_tree.get(), LineDetail::kChangedLines, out, error);
      break;
    case DiffMode::kAll:
      // Against nothing: every tracked file present on disk plus untracked ones.
      done = AttachIndex(&opened, error) && WorkTreeChanges(repo, root, nullptr, LineDetail::kEveryLine, out, error);
      break;
  }
  if (!done) *error = WithPartialCloneRemedy(repo, options, std::move(*error));
  return done;
}

}  // namespace faaslint::git
