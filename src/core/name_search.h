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

// Where `name` next occurs in `text` as a whole name, from byte `from` on; npos if nowhere.
inline size_t FindName(std::string_view text, std::string_view name, size_t from = 0) {
  if (name.empty()) return std::string_view::npos;
  for (size_t at = text.find(name, from); at != std::string_view::npos; at = text.find(name, at + name.size())) {
    const size_t end = at + name.size();
    if ((at == 0 || !IsNameByte(text[at - 1])) && (end == text.size() || !IsNameByte(text[end]))) return at;
  }
  return std::string_view::npos;
}

inline bool ContainsName(std::string_view text, std::string_view name) {
  return FindName(text, name) != std::string_view::npos;
}

// How often `name` occurs in `text` as a whole name.
inline size_t CountName(std::string_view text, std::string_view name) {
  size_t count = 0;
  for (size_t at = FindName(text, name); at != std::string_view::npos; at = FindName(text, name, at + name.size())) {
    ++count;
  }
  return count;
}

}  // namespace faaslint
