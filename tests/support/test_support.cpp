#include "support/test_support.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace faaslint::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/faaslint-test-XXXXXX";
  char* made = mkdtemp(pattern.data());
  if (made == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = fs::canonical(made).string();
}

TempDir::~TempDir() {
  std::error_code ec;
  // Tests may chmod files to unreadable; make them removable again.
  for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  }
  fs::remove_all(path_, ec);
}

void TempDir::Write(const std::string& relative, const std::string& content) const {
  fs::path target = fs::path(path_) / relative;
  fs::create_directories(target.parent_path());
  std::ofstream out(target, std::ios::binary);
  out << content;
}

std::string TempDir::Read(const std::string& relative) const { return ReadFile(path_ + "/" + relative); }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

CommandResult Run(const std::vector<std::string>& argv, const std::string& cwd,
                  const std::map<std::string, std::string>& env) {
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(cwd.c_str()) != 0) _exit(127);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    close(out_pipe[0]);
    close(err_pipe[0]);
    for (const auto& [key, value] : env) setenv(key.c_str(), value.c_str(), 1);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  CommandResult result;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  char buffer[65536];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        (i == 0 ? result.out : result.err).append(buffer, static_cast<size_t>(n));
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

CommandResult RunFaaslint(const std::vector<std::string>& args, const std::string& cwd,
                          const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv{FAASLINT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return Run(argv, cwd, env);
}

CommandResult RunFaaslintAsNobody(const std::vector<std::string>& args, const std::string& cwd,
                                  const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv{"timeout", "60", FAASLINT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  if (geteuid() == 0) argv.insert(argv.begin(), {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
  return Run(argv, cwd, env);
}

std::string Git(const std::string& cwd, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main",
                                "-c", "core.autocrlf=false"};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult result = Run(argv, cwd, {{"GIT_CONFIG_NOSYSTEM", "1"}, {"HOME", cwd}});
  EXPECT_EQ(result.exit_code, 0) << "git failed: " << result.err;
  return result.out;
}

void GitInit(const std::string& dir) { Git(dir, {"init", "-q"}); }

void GitCommitAll(const std::string& dir, const std::string& message) {
  Git(dir, {"add", "-A"});
  Git(dir, {"commit", "-q", "--allow-empty", "-m", message});
}

std::string ToolsDir() {
  std::error_code ec;
  return fs::is_directory(FAASLINT_TOOLS_DIR, ec) ? std::string(FAASLINT_TOOLS_DIR) : std::string();
}

}  // namespace faaslint::testing
