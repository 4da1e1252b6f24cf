// A snapshot that counts the reads of each file (from any thread) and passes them on:
// tests of what a run reads, not only what it reports.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/change_set.h"

namespace faaslint::testing {

class ReadCountingSnapshot final : public Snapshot {
 public:
  explicit ReadCountingSnapshot(std::unique_ptr<Snapshot> inner) : inner_(std::move(inner)) {}
  const std::string& root() const override { return inner_->root(); }
  const std::vector<std::string>& files() const override { return inner_->files(); }
  bool Read(std::string_view path, std::string* content, std::string* error) const override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++reads_[std::string(path)];
    }
    return inner_->Read(path, content, error);
  }
  // How often `path` was read.
  int reads(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = reads_.find(path);
    return it == reads_.end() ? 0 : it->second;
  }
  // Every file read at least once.
  std::set<std::string> read() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::set<std::string> paths;
    for (const auto& [path, count] : reads_) paths.insert(path);
    return paths;
  }

 private:
  std::unique_ptr<Snapshot> inner_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, int, std::less<>> reads_;
};

}  // namespace faaslint::testing
