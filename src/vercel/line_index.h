// Maps byte offsets of a text to Positions: 1-based lines and 1-based columns counted
// in Unicode code points (what editors show), as Position in core/finding.h promises.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace faaslint::vercel {

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  Position At(uint32_t byte_offset) const;
  Range Span(uint32_t start_byte, uint32_t end_byte) const { return {At(start_byte), At(end_byte)}; }

 private:
  // Code points in text[0, offset): a checkpoint plus at most kStride bytes counted, so
  // a column costs the same on a megabyte-long line (a minified vercel.json, or a
  // hostile one with thousands of errors on it) as on a short one.
  uint32_t CodePointsBefore(uint32_t offset) const;

  static constexpr uint32_t kStride = 256;
  std::string_view text_;
  std::vector<uint32_t> line_starts_;         // byte offset of each line's first byte
  std::vector<uint32_t> code_points_before_;  // [k]: code points in text[0, k * kStride)
};

}  // namespace faaslint::vercel
