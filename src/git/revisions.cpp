#include "git/revisions.h"

#include <memory>

namespace faaslint::git {
namespace {

// Where CI checkouts get their history from: actions/checkout's `fetch-depth` input and
// GitLab's GIT_DEPTH variable (0 = full history in both).
constexpr char kShallowHint[] =
    "the clone is shallow; fetch the history: actions/checkout with fetch-depth: 0, or GIT_DEPTH: 0 in GitLab";

bool TreeOfCommit(git_repository* repo, const git_oid& id, TreeHandle* tree, std::string* error) {
  git_commit* commit_raw = nullptr;
  int rc = git_commit_lookup(&commit_raw, repo, &id);
  CommitHandle commit(commit_raw);
  git_tree* tree_raw = nullptr;
  if (rc >= 0) rc = git_commit_tree(&tree_raw, commit.get());
  tree->reset(tree_raw);
  if (rc < 0) {
    *error = std::string("cannot read commit ") + git_oid_tostr_s(&id) + ": " + LastGitError(rc);
    return false;
  }
  return true;
}

}  // namespace

bool HeadTree(git_repository* repo, TreeHandle* tree, std::string* error) {
  git_oid head;
  int rc = git_reference_name_to_id(&head, repo, "HEAD");
  if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
    tree->reset();
    return true;
  }
  if (rc < 0) {
    *error = "cannot resolve HEAD: " + LastGitError(rc);
    return false;
  }
  return TreeOfCommit(repo, head, tree, error);
}

namespace {

// True when `base` is HEAD or one of its ancestors (a push, a linear branch): then the
// merge-base is `base` itself. The walk from HEAD stops there, before it can reach the
// missing parents of a shallow clone, which make git_merge_base fail even when the
// answer is in the fetched history (libgit2 1.5 has no shallow support; its merge-base
// walk order depends on commit times, so the failure came and went).
bool IsAncestorOfHead(git_repository* repo, const git_oid& base, const git_oid& head) {
  constexpr int kMaxCommits = 10000;
  git_revwalk* raw = nullptr;
  if (git_revwalk_new(&raw, repo) < 0) return false;
  std::unique_ptr<git_revwalk, decltype(&git_revwalk_free)> walk(raw, &git_revwalk_free);
  if (git_revwalk_push(walk.get(), &head) < 0) return false;
  git_oid next;
  for (int seen = 0; seen < kMaxCommits && git_revwalk_next(&next, walk.get()) == 0; ++seen) {
    if (git_oid_equal(&next, &base)) return true;
  }
  return false;
}

}  // namespace

bool MergeBaseTree(git_repository* repo, const std::string& ref, TreeHandle* tree, std::string* error) {
  const bool shallow = git_repository_is_shallow(repo) == 1;
  git_object* raw = nullptr;
  int rc = git_revparse_single(&raw, repo, ref.c_str());
  ObjectHandle object(raw);
  git_object* commit_raw = nullptr;
  if (rc >= 0) rc = git_object_peel(&commit_raw, object.get(), GIT_OBJECT_COMMIT);
  ObjectHandle commit(commit_raw);
  if (rc < 0) {
    *error = "--base " + ref + ": unknown revision or not a commit" +
             (shallow ? "; " + std::string(kShallowHint) : " (" + LastGitError(rc) + ")");
    return false;
  }
  git_oid head;
  rc = git_reference_name_to_id(&head, repo, "HEAD");
  if (rc < 0) {
    *error = "--base " + ref + ": HEAD has no commit to compare (" + LastGitError(rc) + ")";
    return false;
  }
  if (IsAncestorOfHead(repo, *git_object_id(commit.get()), head)) {
    return TreeOfCommit(repo, *git_object_id(commit.get()), tree, error);
  }
  git_oid base;
  rc = git_merge_base(&base, repo, git_object_id(commit.get()), &head);
  if (rc < 0) {
    // In a shallow clone libgit2 fails with -1 (a parent is missing), not GIT_ENOTFOUND.
    if (shallow) {
      *error = "--base " + ref + ": no merge-base with HEAD in the fetched history; " + kShallowHint;
    } else if (rc == GIT_ENOTFOUND) {
      *error = "--base " + ref + ": no common ancestor with HEAD";
    } else {
      *error = "--base " + ref + ": cannot compute the merge-base with HEAD: " + LastGitError(rc);
    }
    return false;
  }
  return TreeOfCommit(repo, base, tree, error);
}

}  // namespace faaslint::git
