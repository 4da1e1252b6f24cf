// Times ComputeChanges on an existing repository: faaslint_git_bench DIR MODE [BASE] [RUNS]
// MODE is staged | worktree | base | all. Prints the fastest and the median run, so the
// cost can be put next to `git diff --cached` on the same tree (bench/git_staged.sh).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "git/changes.h"
#include "git/handles.h"

int main(int argc, char** argv) {
  using faaslint::git::DiffMode;
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s DIR staged|worktree|base|all [BASE] [RUNS]\n", argv[0]);
    return 2;
  }
  const std::string mode_name = argv[2];
  DiffMode mode = mode_name == "staged"     ? DiffMode::kStaged
                  : mode_name == "base"     ? DiffMode::kBase
                  : mode_name == "all"      ? DiffMode::kAll
                                            : DiffMode::kWorkingTree;
  const std::string base = argc > 3 ? argv[3] : "";
  const int runs = argc > 4 ? std::max(1, std::atoi(argv[4])) : 20;
  // libgit2's initialisation loads the CA certificates (Debian builds it with mbedTLS),
  // once per process; timed apart so the runs below measure the diff itself.
  auto init_start = std::chrono::steady_clock::now();
  faaslint::git::LibGit2 library;
  std::printf("libgit2 init (once per process): %.1f ms\n",
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - init_start).count());
  std::vector<double> millis;
  size_t files = 0, changed = 0;
  for (int i = 0; i < runs; ++i) {
    faaslint::ChangeSet changes;
    std::string error;
    auto start = std::chrono::steady_clock::now();
    bool ok = faaslint::git::ComputeChanges({argv[1], mode, base}, &changes, &error);
    millis.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    if (!ok) {
      std::fprintf(stderr, "error: %s\n", error.c_str());
      return 2;
    }
    files = changes.snapshot->files().size();
    changed = changes.changed.size();
  }
  std::sort(millis.begin(), millis.end());
  std::printf("%s: %zu files, %zu changed; %d runs: min %.1f ms, median %.1f ms\n", mode_name.c_str(), files,
              changed, runs, millis.front(), millis[millis.size() / 2]);
  return 0;
}
