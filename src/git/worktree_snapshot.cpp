#include "core/read_below.h"
#include "git/snapshots.h"

namespace faaslint::git {
namespace {

class WorkTreeSnapshot final : public Snapshot {
 public:
  WorkTreeSnapshot(std::string root, std::vector<std::string> files)
      : root_(std::move(root)), files_(std::move(files)) {}
  const std::string& root() const override { return root_; }
  const std::vector<std::string>& files() const override { return files_; }
  bool Read(std::string_view path, std::string* content, std::string* error) const override {
    return ReadFileBelow(root_, path, static_cast<size_t>(-1), content, error);
  }

 private:
  std::string root_;
  std::vector<std::string> files_;
};

}  // namespace

bool LooksBinary(std::string_view content) {
  return content.substr(0, kBinaryProbeBytes).find('\0') != std::string_view::npos;
}

std::unique_ptr<Snapshot> MakeWorkTreeSnapshot(std::string root, std::vector<std::string> files) {
  return std::make_unique<WorkTreeSnapshot>(std::move(root), std::move(files));
}

}  // namespace faaslint::git
