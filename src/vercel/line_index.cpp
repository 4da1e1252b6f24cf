#include "vercel/line_index.h"

#include <algorithm>

#include "core/utf8.h"

namespace faaslint::vercel {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  code_points_before_.reserve(text.size() / kStride + 1);
  for (uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
  uint32_t code_points = 0;
  for (size_t block = 0; block <= text.size(); block += kStride) {  // one past the end too: At(size)
    code_points_before_.push_back(code_points);
    code_points += static_cast<uint32_t>(CodePointCount(text.substr(block, kStride)));
  }
}

uint32_t LineIndex::CodePointsBefore(uint32_t offset) const {
  const uint32_t checkpoint = offset / kStride;
  const uint32_t from = checkpoint * kStride;
  return code_points_before_[checkpoint] + static_cast<uint32_t>(CodePointCount(text_.substr(from, offset - from)));
}

Position LineIndex::At(uint32_t byte_offset) const {
  byte_offset = std::min<uint32_t>(byte_offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin());
  uint32_t start = line_starts_[line - 1];
  return {line, CodePointsBefore(byte_offset) - CodePointsBefore(start) + 1};
}

}  // namespace faaslint::vercel
