#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "config/tree.h"

namespace faaslint::config {
namespace {

namespace fs = std::filesystem;

// A pyproject.toml is a config only with a [tool.faaslint] table. When it cannot be
// parsed, the text decides: if it names the table, Load will report the syntax error;
// if not, the file is not ours to complain about.
bool IsFaaslintPyproject(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return false;
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = std::move(buffer).str();
  Value table;
  bool found = false;
  Problem problem;
  if (ParsePyproject(text, &table, &found, &problem)) return found;
  return MentionsFaaslintTable(text);
}

fs::path Normalize(const std::string& dir) {
  std::error_code ec;
  fs::path path = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  return ec ? fs::absolute(dir).lexically_normal() : path;
}

}  // namespace

std::optional<std::string> Discover(const std::string& start_dir, const std::string& stop_dir) {
  fs::path dir = Normalize(start_dir);
  const std::optional<fs::path> stop =
      stop_dir.empty() ? std::nullopt : std::optional<fs::path>(Normalize(stop_dir));
  for (;;) {
    for (const char* name : {".faaslint.yaml", ".faaslint.yml"}) {
      std::error_code ec;
      fs::path candidate = dir / name;
      // symlink_status: a dangling link or a folder of that name is reported by Load.
      if (fs::exists(fs::symlink_status(candidate, ec))) return candidate.string();
    }
    fs::path pyproject = dir / "pyproject.toml";
    if (IsFaaslintPyproject(pyproject)) return pyproject.string();
    if ((stop && dir == *stop) || dir == dir.parent_path()) return std::nullopt;
    dir = dir.parent_path();
  }
}

}  // namespace faaslint::config
