#include "core/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <cerrno>

#include "core/file_descriptor.h"

namespace faaslint {

MappedFile::~MappedFile() {
  if (data_ != nullptr) munmap(data_, size_);
}

bool MappedFile::Open(const std::string& path) {
  // O_NONBLOCK: opening a FIFO in the file's place must not wait for a writer.
  FileDescriptor fd(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  struct stat info;
  if (fd.get() < 0 || fstat(fd.get(), &info) != 0) return false;
  if (!S_ISREG(info.st_mode)) {
    errno = EINVAL;
    return false;
  }
  if (info.st_size == 0) return true;  // mmap refuses a length of 0
  // MAP_POPULATE: the pages are mapped in one call rather than one fault each.
  void* data = mmap(nullptr, static_cast<size_t>(info.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd.get(), 0);
  if (data == MAP_FAILED) return false;
  data_ = data;
  size_ = static_cast<size_t>(info.st_size);
  return true;
}

}  // namespace faaslint
