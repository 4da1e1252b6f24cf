#include "git/handles.h"

namespace faaslint::git {

LibGit2::LibGit2() {
  git_libgit2_init();
  // libgit2 >= 1.4.3 refuses repositories owned by another user (GIT_EOWNER, -36; or a
  // misleading -3 "not found"), and 1.5 ignores `safe.directory=*`. The check keeps git
  // from running programs named in another user's repository config; faaslint only
  // reads objects and files and runs nothing, so it turns the check off. See docs/git.md.
  git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
  // By default libgit2 re-hashes every object it reads (with the slow collision-detecting
  // SHA-1): half the time of a staged check of a stdlib-sized first commit. git itself
  // does not verify on read either; `git fsck` is the tool for that.
  git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  // `git clone --filter=blob:none --sparse` then `git sparse-checkout set` (the
  // monorepo recipe) leaves repositoryformatversion = 1 with extensions.worktreeConfig,
  // which libgit2 1.5 does not know and so refuses the repository ("unsupported
  // extension name extensions.worktreeconfig"). The extension only adds a per-worktree
  // config file (config.worktree: the sparse-checkout switches, which the index's
  // skip-worktree bits already carry); reading without it is what faaslint needs.
  const char* understood[] = {"worktreeconfig"};
  git_libgit2_opts(GIT_OPT_SET_EXTENSIONS, understood, sizeof understood / sizeof understood[0]);
}

LibGit2::~LibGit2() { git_libgit2_shutdown(); }

std::string LastGitError(int code) {
  const git_error* last = git_error_last();
  if (last != nullptr && last->message != nullptr && last->message[0] != '\0') {
    return last->message;
  }
  return "libgit2 error " + std::to_string(code);
}

}  // namespace faaslint::git
