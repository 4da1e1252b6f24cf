#include "vercel/line_index.h"

#include <algorithm>

namespace faaslint::vercel {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
}

Position LineIndex::At(uint32_t byte_offset) const {
  byte_offset = std::min<uint32_t>(byte_offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin());
  uint32_t start = line_starts_[line - 1];
  uint32_t column = 1;
  for (uint32_t i = start; i < byte_offset; ++i) {
    // UTF-8 continuation bytes (10xxxxxx) belong to the code point before them.
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return {line, column};
}

}  // namespace faaslint::vercel
