// A multimap that is filled once and then only read: entries are added in order, sorted
// once by key (stably, so a key's values keep the order they were added in), and a key's
// values come back as one contiguous span. Per-module indexes are built for every file
// and mostly asked little; a std::map of vectors costs a node and a vector per key.
#pragma once

#include <algorithm>
#include <span>
#include <utility>
#include <vector>

namespace faaslint {

template <typename Key, typename Value>
class FlatMultimap {
 public:
  // Before Seal only.
  void Add(Key key, Value value) { pending_.emplace_back(std::move(key), std::move(value)); }

  void Seal() {
    std::stable_sort(pending_.begin(), pending_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    keys_.reserve(pending_.size());
    values_.reserve(pending_.size());
    for (auto& [key, value] : pending_) {
      keys_.push_back(std::move(key));
      values_.push_back(std::move(value));
    }
    pending_ = {};
  }

  // After Seal: the values added under `key`, in the order they were added.
  std::span<const Value> Find(const Key& key) const {
    auto [first, last] = std::equal_range(keys_.begin(), keys_.end(), key);
    return {values_.data() + (first - keys_.begin()), static_cast<size_t>(last - first)};
  }

  // After Seal: the values of every key in [from, to), by key, then in the order added.
  std::span<const Value> FindRange(const Key& from, const Key& to) const {
    auto first = std::lower_bound(keys_.begin(), keys_.end(), from);
    auto last = std::lower_bound(first, keys_.end(), to);
    return {values_.data() + (first - keys_.begin()), static_cast<size_t>(last - first)};
  }

 private:
  std::vector<std::pair<Key, Value>> pending_;
  std::vector<Key> keys_;  // sorted
  std::vector<Value> values_;  // values_[i] was added under keys_[i]
};

}  // namespace faaslint
