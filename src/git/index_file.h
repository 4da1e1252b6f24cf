// Reading git's index when git wrote it without a checksum.
//
// git 2.40 added index.skipHash (on with feature.manyFiles, which git recommends for
// large repositories): the index then ends in 20 zero bytes where the SHA-1 of its
// content goes. libgit2 1.5, the one Debian 12 ships, refuses such an index with
// "invalid data in index - calculated checksum does not match expected" (libgit2
// issue #6531, fixed in 1.8), so every mode failed in those repositories. faaslint reads
// such an index from an in-memory copy that carries the checksum; the file itself is
// never written.
#pragma once

#include <optional>
#include <string>

#include "core/file_descriptor.h"
#include "git/handles.h"

namespace faaslint::git {

// libgit2's message about an index it cannot read, with the git command that makes it
// readable where there is one: a sparse or split index (mandatory extensions libgit2 1.5
// refuses), or a damaged checksum.
std::string WithIndexRemedy(std::string message);

// True when the file at `path` is an index that ends in a zero checksum.
bool IndexHasNoChecksum(const std::string& path);

// Opens the index at `path` as git_index_open does; an index without a checksum is read
// from a copy in memory, held open by `*copy` because libgit2 may look at the file
// again while the index lives (`*copy` must outlive every user of `*index`). Returns
// libgit2's status; on failure libgit2's last error says why.
int OpenIndexFile(const std::string& path, std::optional<FileDescriptor>* copy, IndexHandle* index);

}  // namespace faaslint::git
