#include "git/index_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/sha1.h"

namespace faaslint::git {
namespace {

// git's index format (Documentation/gitformat-index.txt): a 12-byte header, entries and
// extensions, then the SHA-1 of everything before it.
constexpr size_t kHeaderSize = 12;
constexpr size_t kChecksumSize = 20;

bool ReadAll(int fd, off_t size, std::string* content) {
  content->resize(static_cast<size_t>(size));
  size_t done = 0;
  while (done < content->size()) {
    ssize_t got = pread(fd, content->data() + done, content->size() - done, static_cast<off_t>(done));
    if (got < 0 && errno == EINTR) continue;
    if (got == 0) errno = EIO;  // shorter than it was a moment ago
    if (got <= 0) return false;
    done += static_cast<size_t>(got);
  }
  return true;
}

bool WriteAll(int fd, const std::string& content) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t wrote = write(fd, content.data() + done, content.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return false;
    done += static_cast<size_t>(wrote);
  }
  return true;
}

// Whether the index open at `fd`, `size` bytes long, ends in a zero checksum.
bool EndsInZeroChecksum(int fd, off_t size) {
  char trailer[kChecksumSize];
  return size >= off_t{kHeaderSize + kChecksumSize} &&
         pread(fd, trailer, kChecksumSize, size - off_t{kChecksumSize}) == off_t{kChecksumSize} &&
         std::all_of(trailer, trailer + kChecksumSize, [](char byte) { return byte == 0; });
}

// A file that lives in memory only, or -1 with errno set.
int MemoryFile() {
#ifdef __linux__
  return memfd_create("faaslint-index", MFD_CLOEXEC);
#else
  errno = ENOSYS;
  return -1;
#endif
}

int Fail(const std::string& message) {
  git_error_set_str(GIT_ERROR_INDEX, message.c_str());
  return -1;
}

}  // namespace

// libgit2 1.5 reads neither git's sparse index nor a split index: both are mandatory
// index extensions it refuses ("unsupported mandatory extension: 'sdir'" / "'link'",
// libgit2 src/libgit2/index.c). git converts either back to a plain index.
std::string WithIndexRemedy(std::string message) {
  if (message.find("'sdir'") != std::string::npos) {
    message += "; the index is a sparse index (index.sparse), which libgit2 cannot read: "
               "`git sparse-checkout init --no-sparse-index` rewrites it as a full one";
  } else if (message.find("'link'") != std::string::npos) {
    message += "; the index is split (core.splitIndex), which libgit2 cannot read: "
               "`git config core.splitIndex false && git update-index --no-split-index` joins it";
  } else if (message.find("checksum does not match") != std::string::npos) {
    // git itself does not check the index's checksum when it reads it (index.c,
    // verify_index_checksum is off by default), so `git status` may still work.
    message += "; the index is damaged: if `git status` still reads it, "
               "`git update-index --force-write-index` writes it again whole";
  }
  return message;
}

bool IndexHasNoChecksum(const std::string& path) {
  // O_NONBLOCK: a FIFO in the index's place must not wait for a writer (OpenRepository
  // refuses anything but a regular file there).
  FileDescriptor fd(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  struct stat info;
  return fd.get() >= 0 && fstat(fd.get(), &info) == 0 && S_ISREG(info.st_mode) &&
         EndsInZeroChecksum(fd.get(), info.st_size);
}

int OpenIndexFile(const std::string& path, std::optional<FileDescriptor>* copy, IndexHandle* index) {
  git_index* raw = nullptr;
  FileDescriptor original(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  struct stat info;
  if (original.get() < 0 || fstat(original.get(), &info) != 0 || !EndsInZeroChecksum(original.get(), info.st_size)) {
    // libgit2 reads it as it is, or says why it cannot.
    int rc = git_index_open(&raw, path.c_str());
    index->reset(raw);
    return rc;
  }
  std::string content;
  if (!ReadAll(original.get(), info.st_size, &content)) return Fail(std::strerror(errno));
  Sha1Digest checksum = Sha1(std::string_view(content).substr(0, content.size() - kChecksumSize));
  std::copy(checksum.begin(), checksum.end(), content.end() - kChecksumSize);

  copy->emplace(MemoryFile());
  const std::string copy_path = "/proc/self/fd/" + std::to_string((*copy)->get());
  // The copy keeps the index's modification time: libgit2 compares each entry's time
  // with it to find entries written in the same instant as the index ("racily clean",
  // which it must hash instead of trusting their size and time).
  const struct timespec times[2] = {info.st_atim, info.st_mtim};
  // git_index_open of a path that does not exist gives an empty index, not an error: a
  // copy that cannot be reopened by its path (no /proc) must not get that far.
  if ((*copy)->get() < 0 || !WriteAll((*copy)->get(), content) || futimens((*copy)->get(), times) != 0 ||
      access(copy_path.c_str(), R_OK) != 0) {
    return Fail(std::string("it has no checksum (index.skipHash, which feature.manyFiles sets), which "
                            "libgit2 1.5 cannot read, and no copy could be made in memory (") + std::strerror(errno) +
                "): `git config index.skipHash false && git update-index --force-write-index` gives it one");
  }
  int rc = git_index_open(&raw, copy_path.c_str());
  index->reset(raw);
  return rc;
}

}  // namespace faaslint::git
