// Bytes as a git index file through faaslint's own reader (git/index_content.h), which
// --staged trusts to list what a commit records: it must refuse with a reason, or
// return exactly the entries the header counts, each a path git could have written
// (a folder only in a sparse index), in git's order; and a cache-tree whose folders nest.
#include <fmt/format.h>

#include "git/index_content.h"
#include "harness.h"

namespace faaslint::fuzz {

std::string CheckIndex(std::string_view data) {
  git::IndexContent index;
  std::string why_not;
  if (!git::ParseIndex(data, &index, &why_not)) return why_not.empty() ? "refused without saying why" : "";
  const auto* count = reinterpret_cast<const unsigned char*>(data.data() + 8);
  const size_t counted = size_t{count[0]} << 24 | size_t{count[1]} << 16 | size_t{count[2]} << 8 | count[3];
  if (index.entries.size() != counted) {
    return fmt::format("{} entries read where the header counts {}", index.entries.size(), counted);
  }
  for (size_t i = 0; i < index.entries.size(); ++i) {
    const git::IndexEntry& entry = index.entries[i];
    if (entry.path.empty() || entry.path.find('\0') != std::string::npos) return fmt::format("entry {}: bad path", i);
    if (entry.mode != 0100644 && entry.mode != 0100755 && entry.mode != 0120000 && entry.mode != 0160000 &&
        !(entry.mode == 040000 && index.sparse && entry.path.back() == '/')) {
      return fmt::format("entry {}: mode {:o} accepted", i, entry.mode);
    }
    if (i > 0 && !(index.entries[i - 1].path < entry.path)) return fmt::format("entry {}: out of order", i);
  }
  // Each cache-tree folder's subfolders lie after it and within its own: the walk from
  // a folder to its subfolders (IndexContent::Child) moves forward and ends.
  const std::vector<git::CacheTreeFolder>& folders = index.cache_tree;
  for (size_t i = 0; i < folders.size(); ++i) {
    if (folders[i].end <= i || folders[i].end > folders.size()) return fmt::format("folder {}: bad extent", i);
    for (size_t child = i + 1; child < folders[i].end; child = folders[child].end) {
      if (folders[child].end <= child || folders[child].end > folders[i].end) {
        return fmt::format("folder {}: a subfolder reaches outside it", i);
      }
    }
  }
  if (!folders.empty() && folders[0].end != folders.size()) return "the root does not hold every folder";
  return {};
}

}  // namespace faaslint::fuzz
