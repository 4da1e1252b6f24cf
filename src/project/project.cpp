#include "project/project.h"

#include <algorithm>

namespace faaslint::project {

namespace {
constexpr std::string_view kVercelJson = "vercel.json";
}  // namespace

Project::Project(const Snapshot& snapshot) : snapshot_(snapshot) {
  if (!HasFile(kVercelJson)) return;
  VercelConfig config;
  config.path = std::string(kVercelJson);
  std::string error;
  if (!snapshot_.Read(kVercelJson, &config.text, &error)) {
    vercel_read_error_ = std::string(kVercelJson) + ": " + error;
    return;
  }
  config.document = vercel::ParseJson(config.text);
  vercel_config_ = std::move(config);
}

bool Project::HasFile(std::string_view path) const {
  const std::vector<std::string>& files = snapshot_.files();
  return std::binary_search(files.begin(), files.end(), path,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

}  // namespace faaslint::project
