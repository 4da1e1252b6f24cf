// A Python name searched for in source text as a whole name: `CACHE` in `state.CACHE[k]`,
// not in `CACHE_TTL` or `lru_cache`. Bytes of non-ASCII identifiers count as name bytes.
#pragma once

#include <cctype>
#include <cstddef>
#include <string_view>

namespace faaslint {

inline bool IsNameByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return std::isalnum(byte) || c == '_' || byte >= 0x80;
}

// How often `name` occurs in `text` as a whole name.
inline size_t CountName(std::string_view text, std::string_view name) {
  size_t count = 0;
  if (name.empty()) return 0;
  for (size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + name.size())) {
    const size_t end = at + name.size();
    count += (at == 0 || !IsNameByte(text[at - 1])) && (end == text.size() || !IsNameByte(text[end]));
  }
  return count;
}

inline bool ContainsName(std::string_view text, std::string_view name) {
  if (name.empty()) return false;
  for (size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + name.size())) {
    const size_t end = at + name.size();
    if ((at == 0 || !IsNameByte(text[at - 1])) && (end == text.size() || !IsNameByte(text[end]))) return true;
  }
  return false;
}

}  // namespace faaslint
