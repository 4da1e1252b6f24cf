#include "git/index_content.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/mapped_file.h"

namespace faaslint::git {
namespace {

// Facts of the format, from git's Documentation/gitformat-index.txt.
constexpr size_t kHeaderSize = 12;       // "DIRC", version, entry count
constexpr size_t kChecksumSize = 20;     // SHA-1 of all before it (or zeros: index.skipHash)
constexpr size_t kStatDataSize = 40;     // ctime, mtime, dev, ino, mode, uid, gid, size
constexpr size_t kModeOffset = 24;       // within the stat data
constexpr size_t kIdSize = 20;           // a SHA-1 object name
constexpr uint16_t kFlagExtended = 0x4000;
constexpr uint16_t kFlagStageMask = 0x3000;
constexpr uint16_t kExtendedIntentToAdd = 0x2000;  // `git add -N`
constexpr uint32_t kModeRegular = 0100644, kModeExecutable = 0100755, kModeLink = 0120000, kModeGitlink = 0160000;
constexpr uint32_t kModeSparseDirectory = 040000;  // only in a sparse index
// A cache-tree deeper than any path git accepts is not one this reader recurses into.
constexpr int kMaxCacheTreeDepth = 4096;

uint32_t Big32(const char* at) {
  const auto* b = reinterpret_cast<const unsigned char*>(at);
  return uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | uint32_t{b[3]};
}
uint16_t Big16(const char* at) {
  const auto* b = reinterpret_cast<const unsigned char*>(at);
  return static_cast<uint16_t>(b[0] << 8 | b[1]);
}

// A cursor over the bytes between the header and the checksum; every read is bounded.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  size_t left() const { return bytes_.size() - at_; }
  size_t offset() const { return at_; }
  const char* Take(size_t n) {
    if (n > left()) return nullptr;
    const char* start = bytes_.data() + at_;
    at_ += n;
    return start;
  }
  // The bytes up to the next NUL, which is consumed too.
  bool TakeString(std::string_view* out) {
    const void* nul = std::memchr(bytes_.data() + at_, '\0', left());
    if (nul == nullptr) return false;
    const size_t length = static_cast<const char*>(nul) - (bytes_.data() + at_);
    *out = bytes_.substr(at_, length);
    at_ += length + 1;
    return true;
  }
  // git's varint (varint.c): 7 bits a byte, most significant first, each continuation
  // adding one so that every value has a single encoding.
  bool TakeVarint(uint64_t* out) {
    const char* byte = Take(1);
    if (byte == nullptr) return false;
    uint64_t value = static_cast<unsigned char>(*byte) & 127;
    while (static_cast<unsigned char>(*byte) & 128) {
      if ((byte = Take(1)) == nullptr || value >= (uint64_t{1} << 56)) return false;
      value = ((value + 1) << 7) | (static_cast<unsigned char>(*byte) & 127);
    }
    *out = value;
    return true;
  }
  // An ASCII decimal ending at `end` (consumed); "-1" allowed where `negative_ok`.
  bool TakeNumber(char end, bool negative_ok, int64_t* out) {
    bool negative = false;
    if (negative_ok && left() > 0 && bytes_[at_] == '-') {
      negative = true;
      ++at_;
    }
    int64_t value = 0;
    size_t digits = 0;
    while (left() > 0 && bytes_[at_] >= '0' && bytes_[at_] <= '9' && digits < 10) {
      value = value * 10 + (bytes_[at_++] - '0');
      ++digits;
    }
    if (digits == 0 || left() == 0 || bytes_[at_] != end) return false;
    ++at_;
    *out = negative ? -value : value;
    return true;
  }

 private:
  std::string_view bytes_;
  size_t at_ = 0;
};

bool Fail(std::string* why_not, std::string text) {
  *why_not = std::move(text);
  return false;
}

bool ReadEntry(Reader* in, uint32_t version, std::string* path, IndexEntry* entry, std::string* why_not) {
  const size_t start = in->offset();
  const char* fixed = in->Take(kStatDataSize + kIdSize + 2);
  if (fixed == nullptr) return Fail(why_not, "truncated entry");
  const uint32_t mode = Big32(fixed + kModeOffset);
  const uint16_t flags = Big16(fixed + kStatDataSize + kIdSize);
  if ((flags & kFlagStageMask) != 0) return Fail(why_not, "unresolved merge conflict");
  if (flags & kFlagExtended) {
    const char* extended = version >= 3 ? in->Take(2) : nullptr;
    if (extended == nullptr) return Fail(why_not, "bad extended flags");
    if (Big16(extended) & kExtendedIntentToAdd) return Fail(why_not, "an entry added with `git add -N`");
  }
  if (mode != kModeRegular && mode != kModeExecutable && mode != kModeLink && mode != kModeGitlink &&
      mode != kModeSparseDirectory) {
    return Fail(why_not, "entry mode " + std::to_string(mode));
  }
  std::string_view name;
  if (version == 4) {
    uint64_t strip = 0;
    if (!in->TakeVarint(&strip) || strip > path->size() || !in->TakeString(&name)) {
      return Fail(why_not, "bad compressed path");
    }
    path->resize(path->size() - strip);
    path->append(name);
  } else {
    if (!in->TakeString(&name)) return Fail(why_not, "bad path");
    path->assign(name);
    // NUL padding to a multiple of 8 bytes, at least the one NUL already read.
    const size_t length = in->offset() - start;
    const size_t padding = (8 - length % 8) % 8;
    const char* pad = in->Take(padding);
    if (pad == nullptr || std::any_of(pad, pad + padding, [](char byte) { return byte != '\0'; })) {
      return Fail(why_not, "bad entry padding");
    }
  }
  if (path->empty()) return Fail(why_not, "empty path");
  if ((mode == kModeSparseDirectory) != (path->back() == '/')) return Fail(why_not, "bad folder entry");
  entry->path = *path;
  std::memcpy(entry->id.id, fixed + kStatDataSize, kIdSize);
  entry->mode = mode;
  return true;
}

// One folder and, after it, its subfolders, appended to *folders depth-first.
bool ReadCacheTree(Reader* in, int depth, std::vector<CacheTreeFolder>* folders) {
  std::string_view name;
  int64_t entry_count = 0, subfolders = 0;
  if (depth > kMaxCacheTreeDepth || !in->TakeString(&name) || !in->TakeNumber(' ', true, &entry_count) ||
      !in->TakeNumber('\n', false, &subfolders)) {
    return false;
  }
  const size_t at = folders->size();
  CacheTreeFolder& folder = folders->emplace_back();
  folder.name = name;
  folder.entry_count = entry_count;
  if (folder.valid()) {
    const char* id = in->Take(kIdSize);
    if (id == nullptr) return false;
    std::memcpy(folder.id.id, id, kIdSize);
  }
  if (static_cast<uint64_t>(subfolders) > in->left()) return false;  // each takes bytes
  for (int64_t i = 0; i < subfolders; ++i) {
    if (!ReadCacheTree(in, depth + 1, folders)) return false;
  }
  (*folders)[at].end = folders->size();
  return true;
}

bool ReadExtensions(Reader* in, IndexContent* out, std::string* why_not) {
  while (in->left() > 0) {
    const char* header = in->Take(8);
    if (header == nullptr) return Fail(why_not, "truncated extension");
    const std::string_view signature(header, 4);
    const char* data = in->Take(Big32(header + 4));
    if (data == nullptr) return Fail(why_not, "truncated extension");
    if (signature == "TREE") {
      if (!out->cache_tree.empty()) return Fail(why_not, "two cache-trees");
      Reader tree(std::string_view(data, Big32(header + 4)));
      if (tree.left() > 0 && (!ReadCacheTree(&tree, 0, &out->cache_tree) || tree.left() != 0)) {
        return Fail(why_not, "bad cache-tree");
      }
    } else if (signature == "sdir") {
      out->sparse = true;  // folder entries (040000) stand for whole trees
    } else if (!(signature[0] >= 'A' && signature[0] <= 'Z')) {
      // Optional extensions start with a capital letter; the others ("link" of a split
      // index) change what the entries mean.
      return Fail(why_not, "mandatory extension '" + std::string(signature) + "'");
    }
  }
  return true;
}

}  // namespace

const CacheTreeFolder* IndexContent::Child(const CacheTreeFolder& folder, std::string_view name) const {
  // Subfolders follow their folder; each one's `end` is where the next one starts.
  for (size_t i = static_cast<size_t>(&folder - cache_tree.data()) + 1; i < folder.end; i = cache_tree[i].end) {
    if (cache_tree[i].name == name) return &cache_tree[i];
  }
  return nullptr;
}

bool ParseIndex(std::string_view bytes, IndexContent* out, std::string* why_not) {
  *out = IndexContent{};
  if (bytes.size() < kHeaderSize + kChecksumSize || bytes.substr(0, 4) != "DIRC") {
    return Fail(why_not, "not an index");
  }
  const uint32_t version = Big32(bytes.data() + 4);
  if (version < 2 || version > 4) return Fail(why_not, "index format " + std::to_string(version));
  const uint32_t count = Big32(bytes.data() + 8);
  Reader in(bytes.substr(kHeaderSize, bytes.size() - kHeaderSize - kChecksumSize));
  if (count > in.left() / (kStatDataSize + kIdSize + 2)) return Fail(why_not, "bad entry count");
  out->entries.resize(count);
  std::string path;  // the previous entry's, which format 4 compresses against
  bool has_folders = false;
  for (uint32_t i = 0; i < count; ++i) {
    if (!ReadEntry(&in, version, &path, &out->entries[i], why_not)) return false;
    // git keeps entries sorted; the walk over them relies on it.
    if (i > 0 && !(out->entries[i - 1].path < out->entries[i].path)) return Fail(why_not, "entries out of order");
    has_folders |= out->entries[i].mode == kModeSparseDirectory;
  }
  if (!ReadExtensions(&in, out, why_not)) return false;
  if (has_folders && !out->sparse) return Fail(why_not, "folder entries outside a sparse index");
  return true;
}

bool ReadIndex(const std::string& path, IndexContent* out, std::string* why_not) {
  MappedFile file;  // not read into a buffer: 46,694 entries are a 6.6 MB index
  if (!file.Open(path)) return Fail(why_not, path + ": " + std::strerror(errno));
  return ParseIndex(file.bytes(), out, why_not);
}

}  // namespace faaslint::git
