#include "git/staged_paths.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace faaslint::git {
namespace {

// git's order of the names in one folder (base_name_compare in git's tree.c): bytewise,
// a folder's name compared as if it ended in '/'. The index lists paths bytewise, so
// its entries, grouped by their first name below a folder, come in this same order.
int CompareNames(std::string_view a, bool a_folder, std::string_view b, bool b_folder) {
  const size_t common = std::min(a.size(), b.size());
  if (int c = std::memcmp(a.data(), b.data(), common); c != 0) return c;
  const unsigned char next_a = a.size() > common ? a[common] : (a_folder ? '/' : '\0');
  const unsigned char next_b = b.size() > common ? b[common] : (b_folder ? '/' : '\0');
  return next_a < next_b ? -1 : next_a > next_b ? 1 : 0;
}

bool LookupTree(git_repository* repo, const git_oid& id, const std::string& path, TreeHandle* tree,
                std::string* error) {
  git_tree* raw = nullptr;
  const int rc = git_tree_lookup(&raw, repo, &id);
  tree->reset(raw);
  if (rc < 0) *error = "cannot read the tree of " + path + ": " + LastGitError(rc);
  return rc >= 0;
}

// Appends every file below `tree` (tree order, which is the index's bytewise order of
// the full paths) to *entries, its path prefixed with `prefix`.
bool AppendTreeFiles(git_repository* repo, const git_oid& tree_id, const std::string& prefix,
                     std::vector<IndexEntry>* entries, std::string* error) {
  TreeHandle tree;
  if (!LookupTree(repo, tree_id, prefix, &tree, error)) return false;
  for (size_t k = 0, count = git_tree_entrycount(tree.get()); k < count; ++k) {
    const git_tree_entry* entry = git_tree_entry_byindex(tree.get(), k);
    const std::string path = prefix + git_tree_entry_name(entry);
    if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
      if (!AppendTreeFiles(repo, *git_tree_entry_id(entry), path + '/', entries, error)) return false;
    } else {
      entries->push_back({path, *git_tree_entry_id(entry), static_cast<uint32_t>(git_tree_entry_filemode(entry))});
    }
  }
  return true;
}

class Walk {
 public:
  Walk(git_repository* repo, const IndexContent& index, StagedPaths* out)
      : repo_(repo), index_(index), entries_(index.entries), out_(out) {}

  // The folder `prefix` ("" or ending in '/'): HEAD's `tree` against index entries
  // [first, last), which all start with `prefix`; `cached` is the cache-tree's folder.
  bool Folder(const git_tree* tree, const std::string& prefix, size_t first, size_t last,
              const CacheTreeFolder* cached, std::string* error) {
    if (cached != nullptr && cached->valid() && git_oid_equal(&cached->id, git_tree_id(tree))) return true;
    ++out_->folders_compared;
    const size_t tree_count = git_tree_entrycount(tree);
    size_t i = first, k = 0;
    while (i < last || k < tree_count) {
      std::string_view name;
      bool folder = false;
      size_t group_end = i;
      if (i < last) {
        name = std::string_view(entries_[i].path).substr(prefix.size());
        const size_t slash = name.find('/');
        folder = slash != std::string_view::npos;
        name = name.substr(0, slash);
        group_end = folder ? GroupEnd(prefix, name, i, last) : i + 1;
      }
      const git_tree_entry* head_entry = k < tree_count ? git_tree_entry_byindex(tree, k) : nullptr;
      const bool head_folder = head_entry != nullptr && git_tree_entry_type(head_entry) == GIT_OBJECT_TREE;
      const int order = i >= last                ? 1
                        : head_entry == nullptr ? -1
                                                : CompareNames(name, folder, git_tree_entry_name(head_entry), head_folder);
      if (order < 0) {  // only in the index: added
        for (size_t e = i; e < group_end; ++e) Add(e);
        i = group_end;
        continue;
      }
      if (order > 0) {  // only in HEAD: deleted
        if (!Deleted(prefix, head_entry, error)) return false;
        ++k;
        continue;
      }
      if (folder) {
        TreeHandle subtree;
        const std::string sub_prefix = prefix + std::string(name) + '/';
        if (!LookupTree(repo_, *git_tree_entry_id(head_entry), sub_prefix, &subtree, error) ||
            !Folder(subtree.get(), sub_prefix, i, group_end, cached != nullptr ? index_.Child(*cached, name) : nullptr,
                    error)) {
          return false;
        }
      } else if (!git_oid_equal(git_tree_entry_id(head_entry), &entries_[i].id) ||
                 git_tree_entry_filemode(head_entry) != static_cast<git_filemode_t>(entries_[i].mode)) {
        Add(i);
      }
      i = group_end;
      ++k;
    }
    return true;
  }

 private:
  // The end of the entries under folder `prefix + name + '/'`, which start at `first`:
  // everything with that prefix sorts before `prefix + name + '0'` ('0' follows '/').
  size_t GroupEnd(const std::string& prefix, std::string_view name, size_t first, size_t last) const {
    const std::string bound = prefix + std::string(name) + '0';
    return std::lower_bound(entries_.begin() + static_cast<ptrdiff_t>(first),
                            entries_.begin() + static_cast<ptrdiff_t>(last), bound,
                            [](const IndexEntry& entry, const std::string& key) { return entry.path < key; }) -
           entries_.begin();
  }

  void Add(size_t entry) {
    out_->entries.push_back(entry);
    out_->paths.push_back(entries_[entry].path);
  }

  // A path of HEAD the index no longer has: every file below it when it is a folder.
  bool Deleted(const std::string& prefix, const git_tree_entry* entry, std::string* error) {
    const std::string path = prefix + git_tree_entry_name(entry);
    if (git_tree_entry_type(entry) != GIT_OBJECT_TREE) {
      out_->paths.push_back(path);
      return true;
    }
    std::vector<IndexEntry> files;
    if (!AppendTreeFiles(repo_, *git_tree_entry_id(entry), path + '/', &files, error)) return false;
    for (IndexEntry& file : files) out_->paths.push_back(std::move(file.path));
    return true;
  }

  git_repository* repo_;
  const IndexContent& index_;
  const std::vector<IndexEntry>& entries_;
  StagedPaths* out_;
};

}  // namespace

bool ExpandSparseFolders(git_repository* repo, IndexContent* index, std::string* error) {
  std::vector<IndexEntry> expanded;
  expanded.reserve(index->entries.size());
  for (IndexEntry& entry : index->entries) {
    if (entry.mode != GIT_FILEMODE_TREE) {
      expanded.push_back(std::move(entry));
    } else if (!AppendTreeFiles(repo, entry.id, entry.path, &expanded, error)) {
      return false;
    }
  }
  index->entries = std::move(expanded);
  index->sparse = false;
  return true;
}

bool FindStagedPaths(git_repository* repo, git_tree* head, const IndexContent& index, StagedPaths* out,
                     std::string* error) {
  *out = StagedPaths{};
  if (!Walk(repo, index, out).Folder(head, "", 0, index.entries.size(), index.CacheTreeRoot(), error)) {
    return false;
  }
  std::sort(out->paths.begin(), out->paths.end());
  return true;
}

}  // namespace faaslint::git
