#include "git/diff_scan.h"

namespace faaslint::git {
namespace {

bool IsRegularFile(uint16_t mode) { return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE; }

// New-side lines of a modified or renamed file. With 0 context lines every hunk is
// exactly a run of changed lines; a pure deletion (new_lines == 0) changes no new line,
// and is kept in `removed_after` by the new line it follows (libgit2's new_start: 0 at
// the file's start). A binary file yields a patch without hunks.
bool ChangedLines(git_diff* diff, size_t index, LineSet* lines, LineSet* removed_after, std::string* error) {
  git_patch* raw = nullptr;
  int rc = git_patch_from_diff(&raw, diff, index);
  PatchHandle patch(raw);
  if (rc < 0) {
    *error = LastGitError(rc);
    return false;
  }
  if (!patch) return true;  // unchanged content
  for (size_t h = 0; h < git_patch_num_hunks(patch.get()); ++h) {
    const git_diff_hunk* hunk = nullptr;
    if ((rc = git_patch_get_hunk(&hunk, nullptr, patch.get(), h)) < 0) {
      *error = LastGitError(rc);
      return false;
    }
    const auto start = static_cast<uint32_t>(hunk->new_start);
    if (hunk->new_lines > 0) {
      lines->AddRange(start, start + static_cast<uint32_t>(hunk->new_lines) - 1);
    } else {
      removed_after->AddRange(start, start);
    }
  }
  return true;
}

}  // namespace

bool ScanDiff(git_diff* diff, LineDetail detail, const BinaryProbe& probe, DiffScan* out, std::string* error) {
  const size_t count = git_diff_num_deltas(diff);
  for (size_t i = 0; i < count; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff, i);
    // Deleted files have no new side, but a finding may depend on one (requirements.txt).
    if (delta->status == GIT_DELTA_DELETED) {
      if (IsRegularFile(delta->old_file.mode)) out->touched.insert(delta->old_file.path);
      continue;
    }
    if (delta->status == GIT_DELTA_IGNORED || delta->status == GIT_DELTA_UNREADABLE) continue;
    if (delta->status == GIT_DELTA_CONFLICTED) {
      // A merge stopped on this file. The index holds its conflict stages but nothing to
      // commit (libgit2 gives the new side mode 0); the work tree holds the file with its
      // conflict markers, which is what the user sees: checked whole, the merge being
      // the change. Silence either way would read as "all checks passed".
      const std::string path = delta->new_file.path;
      if (!IsRegularFile(delta->new_file.mode)) {
        out->notes.push_back(path + ": unresolved merge conflict: nothing of it is staged yet; not checked");
        continue;
      }
      out->notes.push_back(path + ": unresolved merge conflict: checked as it is on disk, markers and all");
      out->files.push_back({path, delta->new_file.id});
      out->touched.insert(path);
      out->changed.emplace(path, LineSet::All());
      continue;
    }
    // Submodules (gitlinks), symbolic links and untracked nested repositories are not
    // project source; libgit2 would report a gitlink's commit id as a changed line 1.
    if (!IsRegularFile(delta->new_file.mode)) continue;
    const std::string path = delta->new_file.path;
    out->files.push_back({path, delta->new_file.id});
    if (delta->status != GIT_DELTA_UNMODIFIED) out->touched.insert(path);
    if (detail == LineDetail::kEveryLine) {
      out->changed.emplace(path, LineSet::All());
      continue;
    }
    if (delta->status == GIT_DELTA_UNMODIFIED) continue;
    // The diff is forced to text (see BaseDiffOptions): binary content is told here, by
    // the start of the new side, before libgit2 would diff it line by line.
    bool binary = false;
    if (!probe(delta->new_file, &binary, error)) {
      *error = path + ": " + *error;
      return false;
    }
    if (binary) continue;
    if (delta->status == GIT_DELTA_MODIFIED || delta->status == GIT_DELTA_RENAMED ||
        delta->status == GIT_DELTA_COPIED) {
      LineSet lines, removed_after;
      if (!ChangedLines(diff, i, &lines, &removed_after, error)) {
        *error = path + ": " + *error;
        return false;
      }
      if (!lines.empty()) out->changed.emplace(path, std::move(lines));
      if (!removed_after.empty()) out->removed_after.emplace(path, std::move(removed_after));
    } else {
      // Added, untracked, or a type change into a regular file: all new. No line diff
      // against nothing: it only costs time (measured on a first commit of a
      // stdlib-sized tree: 0.5 s through libgit2 patches, 0.14 s for git).
      out->changed.emplace(path, LineSet::All());
    }
  }
  return true;
}

}  // namespace faaslint::git
