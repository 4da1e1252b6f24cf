// What a run looks at: the new side of a change (a Snapshot of files) and, per file,
// which lines of the new side changed. Produced by git/ (or a plain folder walk),
// consumed by lint/. Nothing downstream knows where content came from.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace faaslint {

// A set of 1-based line numbers; `all` means every line of the file.
class LineSet {
 public:
  static LineSet All();
  void AddRange(uint32_t first, uint32_t last);  // inclusive; ranges may arrive unsorted
  bool all() const { return all_; }
  bool empty() const { return !all_ && ranges_.empty(); }
  bool Contains(uint32_t line) const;
  bool Intersects(uint32_t first, uint32_t last) const;  // inclusive
  // Sorted, disjoint, non-adjacent inclusive ranges (empty when all()).
  const std::vector<std::pair<uint32_t, uint32_t>>& ranges() const { return ranges_; }

 private:
  bool all_ = false;
  std::vector<std::pair<uint32_t, uint32_t>> ranges_;
};

// The new side of a change: every file of the project as it will be (the index for
// --staged, the disk otherwise). Paths are root-relative with '/' separators.
class Snapshot {
 public:
  virtual ~Snapshot() = default;
  // Absolute path of the project root (the work tree, or the folder for a plain walk).
  virtual const std::string& root() const = 0;
  // Every file of the project, sorted: tracked + untracked non-ignored in a repository.
  virtual const std::vector<std::string>& files() const = 0;
  // Reads a file's content. On failure returns false and sets *error to a cause.
  virtual bool Read(std::string_view path, std::string* content, std::string* error) const = 0;
};

struct ChangeSet {
  std::unique_ptr<Snapshot> snapshot;
  // Files with changed lines on the new side (deleted files are absent). In --all mode
  // every file of the snapshot maps to LineSet::All().
  std::map<std::string, LineSet, std::less<>> changed;
  // Where a hunk removed lines and added none, per file: the new-side line the removed
  // lines followed (0: the file's start). Such a removal changes no new-side line, yet a
  // range of lines that held it changed all the same: a check deleted from a handler.
  std::map<std::string, LineSet, std::less<>> removed_after;
  // Files the diff lists as changed in any way: added, edited, renamed, deleted, a mode
  // change. A superset of `changed`'s keys (deleting lines changes no new-side line but
  // touches the file). Every file in --all mode.
  std::set<std::string, std::less<>> touched;
  // What was worked around to read the change, for the user ("/root/.gitconfig: cannot
  // read: Permission denied; checked without it, as git does"). Not errors.
  std::vector<std::string> notes;

  // Whether the change reaches lines `first`..`last` (inclusive) of `path`: one of them
  // changed, or lines were removed from between two of them.
  bool Touches(std::string_view path, uint32_t first, uint32_t last) const;
  // Whether the change edits lines of `path`: changes some, or removes some.
  bool EditsLinesOf(std::string_view path) const;
  // Every file it edits lines of, sorted.
  std::vector<std::string> FilesWithEditedLines() const;
};

// A plain folder walk: every regular file below `root` except VCS folders and
// virtualenv/dependency caches. Used for --all outside a repository.
std::unique_ptr<Snapshot> MakeFolderSnapshot(const std::string& root, std::string* error);

}  // namespace faaslint

namespace faaslint {

// The same change seen from a subfolder (`prefix`, '/'-terminated, root-relative): a
// project whose vercel.json lives below the repository root (Vercel's "Root
// Directory"). Paths lose the prefix; the result reads through `changes.snapshot`,
// which must outlive it.
ChangeSet ChangeSetBelow(const ChangeSet& changes, const std::string& prefix);

}  // namespace faaslint
