#include "vercel/line_index.h"

#include <algorithm>

namespace faaslint::vercel {
namespace {

// UTF-8 continuation bytes (10xxxxxx) belong to the code point before them.
bool StartsCodePoint(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  code_points_before_.reserve(text.size() / kStride + 1);
  uint32_t code_points = 0;
  for (uint32_t i = 0; i < text.size(); ++i) {
    if (i % kStride == 0) code_points_before_.push_back(code_points);
    if (text[i] == '\n') line_starts_.push_back(i + 1);
    code_points += StartsCodePoint(text[i]);
  }
  if (text.size() % kStride == 0) code_points_before_.push_back(code_points);  // At(size)
}

uint32_t LineIndex::CodePointsBefore(uint32_t offset) const {
  const uint32_t checkpoint = offset / kStride;
  uint32_t count = code_points_before_[checkpoint];
  for (uint32_t i = checkpoint * kStride; i < offset; ++i) count += StartsCodePoint(text_[i]);
  return count;
}

Position LineIndex::At(uint32_t byte_offset) const {
  byte_offset = std::min<uint32_t>(byte_offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin());
  uint32_t start = line_starts_[line - 1];
  return {line, CodePointsBefore(byte_offset) - CodePointsBefore(start) + 1};
}

}  // namespace faaslint::vercel
