#include <algorithm>

#include "core/change_set.h"

namespace faaslint {

LineSet LineSet::All() {
  LineSet set;
  set.all_ = true;
  return set;
}

void LineSet::AddRange(uint32_t first, uint32_t last) {
  if (all_ || last < first) return;
  auto it = std::lower_bound(ranges_.begin(), ranges_.end(), std::make_pair(first, last));
  it = ranges_.insert(it, {first, last});
  // Merge with the neighbours that overlap or touch.
  if (it != ranges_.begin() && std::prev(it)->second + 1 >= it->first) {
    --it;
    it->second = std::max(it->second, std::next(it)->second);
    ranges_.erase(std::next(it));
  }
  while (std::next(it) != ranges_.end() && it->second + 1 >= std::next(it)->first) {
    it->second = std::max(it->second, std::next(it)->second);
    ranges_.erase(std::next(it));
  }
}

bool LineSet::Contains(uint32_t line) const { return Intersects(line, line); }

bool LineSet::Intersects(uint32_t first, uint32_t last) const {
  if (all_) return true;
  // First range whose end is >= first.
  auto it = std::lower_bound(ranges_.begin(), ranges_.end(), first,
                             [](const auto& range, uint32_t line) { return range.second < line; });
  return it != ranges_.end() && it->first <= last;
}

}  // namespace faaslint
