#include "git/config_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "git/handles.h"

namespace faaslint::git {
namespace {

// Where libgit2 1.5 looks for each level's file: each folder of the level's search path
// (':'-separated; $XDG_CONFIG_HOME/git or ~/.config/git for XDG, $HOME for global, /etc
// for system) joined with this name (libgit2 src/libgit2/config.h, GIT_CONFIG_FILENAME_*).
struct Level {
  git_config_level_t level;
  const char* file_name;
};
constexpr Level kLevels[] = {
    {GIT_CONFIG_LEVEL_SYSTEM, "gitconfig"},
    {GIT_CONFIG_LEVEL_XDG, "config"},
    {GIT_CONFIG_LEVEL_GLOBAL, ".gitconfig"},
};

// Why `path` cannot be read, or "" when it can be or does not exist (a missing file is
// no config at all, for git and libgit2 alike).
std::string UnreadableBecause(const std::string& path) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0) {
    return errno == ENOENT || errno == ENOTDIR ? "" : std::strerror(errno);
  }
  if (access(path.c_str(), R_OK) != 0) return std::strerror(errno);
  return "";
}

}  // namespace

std::vector<std::string> LeaveOutUnreadableConfigFiles() {
  std::vector<std::string> notes;
  for (const Level& level : kLevels) {
    GitBuf search_path;
    if (git_libgit2_opts(GIT_OPT_GET_SEARCH_PATH, level.level, search_path.get()) < 0) continue;
    const std::string folders = search_path.str();
    std::string kept;
    bool left_out = false;
    for (size_t start = 0; start <= folders.size();) {
      size_t end = folders.find(':', start);
      if (end == std::string::npos) end = folders.size();
      const std::string folder = folders.substr(start, end - start);
      start = end + 1;
      if (folder.empty()) continue;
      const std::string file = folder + "/" + level.file_name;
      if (std::string cause = UnreadableBecause(file); !cause.empty()) {
        notes.push_back(file + ": cannot read: " + cause + "; checked without it, as git does");
        left_out = true;
        continue;
      }
      kept += (kept.empty() ? "" : ":") + folder;
    }
    if (left_out) git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level.level, kept.c_str());
  }
  return notes;
}

}  // namespace faaslint::git
