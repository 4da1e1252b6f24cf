#include <algorithm>
#include <numeric>

#include "git/snapshots.h"

namespace faaslint::git {
namespace {

class IndexSnapshot final : public Snapshot {
 public:
  IndexSnapshot(std::string root, OdbHandle odb, std::vector<std::string> paths, std::vector<git_oid> blobs)
      : root_(std::move(root)), odb_(std::move(odb)), paths_(std::move(paths)), blobs_(std::move(blobs)) {
    // The files come in the index's order, which is already sorted by path (bytewise,
    // as std::string compares): sorting 14,000 paths again cost more than parsing a
    // staged file. Renames may move a file, so the order is checked.
    if (!std::is_sorted(paths_.begin(), paths_.end())) {
      std::vector<size_t> order(paths_.size());
      std::iota(order.begin(), order.end(), size_t{0});
      std::sort(order.begin(), order.end(), [this](size_t a, size_t b) { return paths_[a] < paths_[b]; });
      std::vector<std::string> sorted_paths;
      std::vector<git_oid> sorted_blobs;
      sorted_paths.reserve(order.size());
      sorted_blobs.reserve(order.size());
      for (size_t i : order) {
        sorted_paths.push_back(std::move(paths_[i]));
        sorted_blobs.push_back(blobs_[i]);
      }
      paths_ = std::move(sorted_paths);
      blobs_ = std::move(sorted_blobs);
    }
  }
  const std::string& root() const override { return root_; }
  const std::vector<std::string>& files() const override { return paths_; }
  bool Read(std::string_view path, std::string* content, std::string* error) const override {
    auto it = std::lower_bound(paths_.begin(), paths_.end(), path);
    if (it == paths_.end() || *it != path) {
      *error = "not in the index";
      return false;
    }
    return ReadBlob(odb_.get(), blobs_[it - paths_.begin()], content, error);
  }

 private:
  LibGit2 library_;  // first member: libgit2 stays initialised until odb_ is freed
  std::string root_;
  OdbHandle odb_;
  std::vector<std::string> paths_;  // sorted
  std::vector<git_oid> blobs_;      // blobs_[i] is the staged content of paths_[i]
};

}  // namespace

bool ReadBlob(git_odb* odb, const git_oid& id, std::string* content, std::string* error) {
  git_odb_object* raw = nullptr;
  int rc = git_odb_read(&raw, odb, &id);
  OdbObjectHandle object(raw);
  if (rc < 0) {
    *error = "cannot read blob " + std::string(git_oid_tostr_s(&id)) + ": " + LastGitError(rc);
    return false;
  }
  if (git_odb_object_type(raw) != GIT_OBJECT_BLOB) {
    *error = "object " + std::string(git_oid_tostr_s(&id)) + " is not a blob";
    return false;
  }
  content->assign(static_cast<const char*>(git_odb_object_data(raw)), git_odb_object_size(raw));
  return true;
}

bool ReadBlobStart(git_odb* odb, const git_oid& id, size_t max_bytes, std::string* content, std::string* error) {
  git_odb_stream* raw = nullptr;
  size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  // Packed objects cannot be streamed (libgit2 says so in odb.h); read those whole.
  if (git_odb_open_rstream(&raw, &size, &type, odb, &id) < 0) return ReadBlob(odb, id, content, error);
  OdbStreamHandle stream(raw);
  content->assign(std::min(size, max_bytes), '\0');
  size_t filled = 0;
  while (filled < content->size()) {
    int n = git_odb_stream_read(stream.get(), content->data() + filled, content->size() - filled);
    if (n < 0) {
      *error = "cannot read blob " + std::string(git_oid_tostr_s(&id)) + ": " + LastGitError(n);
      return false;
    }
    if (n == 0) break;
    filled += static_cast<size_t>(n);
  }
  content->resize(filled);
  return true;
}

std::unique_ptr<Snapshot> MakeIndexSnapshot(std::string root, OdbHandle odb, std::vector<std::string> paths,
                                             std::vector<git_oid> blobs) {
  return std::make_unique<IndexSnapshot>(std::move(root), std::move(odb), std::move(paths), std::move(blobs));
}

}  // namespace faaslint::git
