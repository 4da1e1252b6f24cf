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
  std::string_view text_;
  std::vector<uint32_t> line_starts_;  // byte offset of each line's first byte
};

}  // namespace faaslint::vercel
