// Bytes as a configuration file, through config::Load exactly as the CLI calls it (the
// file is read from disk: a temporary folder made once per process).
#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <fstream>

#include "config/config.h"
#include "harness.h"
#include "rules/registry.h"

namespace faaslint::fuzz {
namespace {

class ScratchFolder {
 public:
  ScratchFolder() {
    std::string pattern = (getenv("TMPDIR") ? std::string(getenv("TMPDIR")) : "/tmp") + "/faaslint-fuzz-XXXXXX";
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchFolder() {
    for (const char* name : {".faaslint.yaml", "pyproject.toml"}) unlink((path_ + "/" + name).c_str());
    rmdir(path_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string CheckOne(const std::string& path, std::string_view data) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) return "cannot write " + path;
  }
  config::Config config;
  std::string error;
  if (config::Load(path, rules::Registry::Get(), &config, &error)) {
    if (config.source != path) return "a loaded config does not name its file";
    return {};
  }
  if (!error.starts_with(path + ":")) return "the error does not start with the file: " + error;
  for (char c : error) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "a control character in the error: " + error;
  }
  return {};
}

}  // namespace

std::string CheckConfig(std::string_view data) {
  static const ScratchFolder folder;  // one per process: a fuzzer runs millions of inputs
  if (folder.path().empty()) return "cannot create a temporary folder";
  for (const char* name : {".faaslint.yaml", "pyproject.toml"}) {
    if (std::string broken = CheckOne(folder.path() + "/" + name, data); !broken.empty()) {
      return fmt::format("{}: {}", name, broken);
    }
  }
  return {};
}

}  // namespace faaslint::fuzz
