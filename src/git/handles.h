// RAII ownership for every libgit2 object faaslint touches, and the library guard.
// Every git_* pointer lives in one of these handles from the moment libgit2 hands it
// over, so no early return can leak it.
#pragma once

#include <git2.h>

#include <memory>
#include <string>

namespace faaslint::git {

// Keeps libgit2 initialised while alive. git_libgit2_init/shutdown are reference
// counted by libgit2, so guards nest: a Snapshot that reads blobs holds its own.
class LibGit2 {
 public:
  LibGit2();
  ~LibGit2();
  LibGit2(const LibGit2&) = delete;
  LibGit2& operator=(const LibGit2&) = delete;
};

template <typename T, void (*Free)(T*)>
struct GitDeleter {
  void operator()(T* object) const { Free(object); }
};
template <typename T, void (*Free)(T*)>
using GitHandle = std::unique_ptr<T, GitDeleter<T, Free>>;

using RepositoryHandle = GitHandle<git_repository, git_repository_free>;
using IndexHandle = GitHandle<git_index, git_index_free>;
using ObjectHandle = GitHandle<git_object, git_object_free>;
using CommitHandle = GitHandle<git_commit, git_commit_free>;
using TreeHandle = GitHandle<git_tree, git_tree_free>;
using DiffHandle = GitHandle<git_diff, git_diff_free>;
using PatchHandle = GitHandle<git_patch, git_patch_free>;
using OdbHandle = GitHandle<git_odb, git_odb_free>;
using OdbObjectHandle = GitHandle<git_odb_object, git_odb_object_free>;
using OdbStreamHandle = GitHandle<git_odb_stream, git_odb_stream_free>;
using ConfigHandle = GitHandle<git_config, git_config_free>;

// A buffer libgit2 fills (git_buf), freed with the scope.
class GitBuf {
 public:
  GitBuf() = default;
  ~GitBuf() { git_buf_dispose(&buf_); }
  GitBuf(const GitBuf&) = delete;
  GitBuf& operator=(const GitBuf&) = delete;
  git_buf* get() { return &buf_; }
  std::string str() const { return buf_.ptr != nullptr ? std::string(buf_.ptr, buf_.size) : std::string(); }

 private:
  git_buf buf_ = GIT_BUF_INIT;
};

// The message of libgit2's last error on this thread, or a generic text naming `code`.
std::string LastGitError(int code);

}  // namespace faaslint::git
