// A file mapped read-only into memory for as long as the object lives.
//
// git replaces its index by renaming a new file over it, never by rewriting it in
// place, so a mapped index keeps its bytes while faaslint reads it (git maps it too).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace faaslint {

class MappedFile {
 public:
  MappedFile() = default;
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  // Maps the regular file at `path`; false with errno set when it cannot.
  bool Open(const std::string& path);
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace faaslint
