// faaslint's own reader of git's index, for --staged.
//
// libgit2 1.5 reads an index whole before it can diff against it: it checks the SHA-1
// of the file and builds a map of every entry, and its tree-to-index diff then walks
// every tree of HEAD. In a repository of 46,694 files that was 84% of `check --staged`
// (docs/BENCHMARKS.md, eleventh round). git does neither: it trusts the checksum and
// skips the folders its cache-tree says are unchanged. This reader gives faaslint the
// same two shortcuts: the entries (path, blob, mode) without the checksum, and the
// cache-tree ("TREE" extension).
//
// It takes only what it fully understands, and says why not otherwise; the caller
// then lets libgit2 read the index (which names its own errors and remedies).
#pragma once

#include <git2/oid.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace faaslint::git {

struct IndexEntry {
  std::string path;
  git_oid id;
  // 0100644, 0100755, 0120000 (link) or 0160000 (submodule); in a sparse index also
  // 040000: a folder outside the sparse checkout, its path ending in '/' and `id` its tree.
  uint32_t mode;
};

// One folder of the cache-tree: the tree object git would write for it, when it still
// knows it. A folder git has changed since is "invalid" (entry_count < 0).
struct CacheTreeFolder {
  std::string name;  // the folder's own name; "" at the root
  int64_t entry_count = -1;
  git_oid id{};
  size_t end = 0;  // the position after this folder's last subfolder in IndexContent::cache_tree

  bool valid() const { return entry_count >= 0; }
};

struct IndexContent {
  std::vector<IndexEntry> entries;        // in the index's order: sorted bytewise by path
  std::vector<CacheTreeFolder> cache_tree;  // folders in depth-first order, the root first; empty when none
  bool sparse = false;  // a sparse index (`sdir` extension): some entries are folders (mode 040000)

  // The root folder of the cache-tree, or null when the index has none.
  const CacheTreeFolder* CacheTreeRoot() const { return cache_tree.empty() ? nullptr : &cache_tree.front(); }
  // The subfolder `name` of `folder` (one of cache_tree), or null when the cache-tree
  // knows nothing of it.
  const CacheTreeFolder* Child(const CacheTreeFolder& folder, std::string_view name) const;
};

// Reads an index file's bytes (formats 2, 3 and 4; docs: git's
// Documentation/gitformat-index.txt). Returns false, with *why_not set, for anything it
// does not take: a damaged or truncated file, another format, merge conflicts (stages
// 1-3), entries added with `git add -N`, a split index, or any other mandatory extension
// than the sparse index's.
bool ParseIndex(std::string_view bytes, IndexContent* out, std::string* why_not);

// Reads and parses the index file at `path`. A missing file is a why_not too.
bool ReadIndex(const std::string& path, IndexContent* out, std::string* why_not);

}  // namespace faaslint::git
