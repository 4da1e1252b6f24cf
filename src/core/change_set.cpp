#include "core/change_set.h"

#include <set>

namespace faaslint {

bool ChangeSet::Touches(std::string_view path, uint32_t first, uint32_t last) const {
  if (auto lines = changed.find(path); lines != changed.end() && lines->second.Intersects(first, last)) return true;
  // Removed lines sit between the line they followed and the next: inside the range when
  // both are in it. A removal just before or after it may have been the neighbour's.
  auto removed = removed_after.find(path);
  return removed != removed_after.end() && last > first && removed->second.Intersects(first, last - 1);
}

bool ChangeSet::EditsLinesOf(std::string_view path) const {
  auto edits = [&](const std::map<std::string, LineSet, std::less<>>& lines) {
    auto it = lines.find(path);
    return it != lines.end() && !it->second.empty();
  };
  return edits(changed) || edits(removed_after);
}

std::vector<std::string> ChangeSet::FilesWithEditedLines() const {
  std::set<std::string> files;
  for (const auto* edits : {&changed, &removed_after}) {
    for (const auto& [path, lines] : *edits) {
      if (!lines.empty()) files.insert(path);
    }
  }
  return {files.begin(), files.end()};
}

}  // namespace faaslint
