// The two new sides a git change can have: the work tree on disk, and the index (the
// blobs `git commit` will record). Both implement core's Snapshot.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/change_set.h"
#include "git/handles.h"

namespace faaslint::git {

// git calls content binary when its first 8000 bytes hold a NUL (FIRST_FEW_BYTES and
// buffer_is_binary in git's xdiff-interface.c); libgit2's git_blob_is_binary looks at
// the same 8000 bytes.
constexpr size_t kBinaryProbeBytes = 8000;
bool LooksBinary(std::string_view content);

// Reads a blob's content from the object database.
bool ReadBlob(git_odb* odb, const git_oid& id, std::string* content, std::string* error);
// Reads about the first `max_bytes` of a blob: streamed where the object is loose (so a
// 13 MB archive costs 8 KB of inflating), the whole blob from a pack.
bool ReadBlobStart(git_odb* odb, const git_oid& id, size_t max_bytes, std::string* content, std::string* error);

// The work tree: Read() returns the file on disk, read with ReadFileBelow (core/read_below.h).
std::unique_ptr<Snapshot> MakeWorkTreeSnapshot(std::string root, std::vector<std::string> files);

// The index: Read() returns the staged blob, not the file on disk. Holds its own
// reference to the object database (thread-safe in libgit2), so Read may run on
// several threads at once and the repository may be closed. blobs[i] is the staged
// content of paths[i].
std::unique_ptr<Snapshot> MakeIndexSnapshot(std::string root, OdbHandle odb, std::vector<std::string> paths,
                                             std::vector<git_oid> blobs);

}  // namespace faaslint::git
