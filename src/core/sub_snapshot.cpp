#include <algorithm>

#include "core/change_set.h"

namespace faaslint {
namespace {

class SubSnapshot final : public Snapshot {
 public:
  SubSnapshot(const Snapshot& parent, std::string prefix)
      : parent_(parent), prefix_(std::move(prefix)), root_(parent_.root() + "/" + prefix_) {
    if (!root_.empty() && root_.back() == '/') root_.pop_back();
    for (const std::string& file : parent_.files()) {
      if (file.starts_with(prefix_)) files_.push_back(file.substr(prefix_.size()));
    }
  }
  const std::string& root() const override { return root_; }
  const std::vector<std::string>& files() const override { return files_; }
  bool Read(std::string_view path, std::string* content, std::string* error) const override {
    return parent_.Read(prefix_ + std::string(path), content, error);
  }

 private:
  const Snapshot& parent_;
  std::string prefix_;
  std::string root_;
  std::vector<std::string> files_;
};

}  // namespace

ChangeSet ChangeSetBelow(const ChangeSet& changes, const std::string& prefix) {
  ChangeSet below;
  for (const auto& [path, lines] : changes.changed) {
    if (path.starts_with(prefix)) below.changed.emplace(path.substr(prefix.size()), lines);
  }
  for (const auto& [path, lines] : changes.removed_after) {
    if (path.starts_with(prefix)) below.removed_after.emplace(path.substr(prefix.size()), lines);
  }
  for (const std::string& path : changes.touched) {
    if (path.starts_with(prefix)) below.touched.insert(path.substr(prefix.size()));
  }
  below.notes = changes.notes;
  below.snapshot = std::make_unique<SubSnapshot>(*changes.snapshot, prefix);
  return below;
}

}  // namespace faaslint
