#include "python/text_check.h"

#include <cctype>
#include <cstring>
#include <fmt/format.h>

#include "core/utf8.h"

namespace faaslint::python {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t n;
  unsigned char min2 = 0x80, max2 = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c == 0xE0) n = 3, min2 = 0xA0;
  else if (c == 0xED) n = 3, max2 = 0x9F;
  else if (c >= 0xE1 && c <= 0xEF) n = 3;
  else if (c == 0xF0) n = 4, min2 = 0x90;
  else if (c == 0xF4) n = 4, max2 = 0x8F;
  else if (c >= 0xF1 && c <= 0xF3) n = 4;
  else return 0;
  if (i + n > s.size()) return 0;
  unsigned char c2 = static_cast<unsigned char>(s[i + 1]);
  if (c2 < min2 || c2 > max2) return 0;
  for (size_t k = 2; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  return n;
}

// The offset of the first byte that is not valid UTF-8, or npos.
size_t FirstInvalidUtf8(std::string_view content) {
  for (size_t i = 0; i < content.size();) {
    i += AsciiPrefixLength(content.substr(i));
    if (i == content.size()) break;
    size_t n = Utf8SequenceLength(content, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

uint32_t LineAt(std::string_view content, size_t offset) {
  uint32_t line = 1;
  for (size_t i = 0; i < offset; ++i) line += content[i] == '\n';
  return line;
}

// The encoding a PEP 263 declaration names, or "": a comment on line 1, or on line 2
// below a line that is blank or a comment, holding `coding[:=][ \t]*NAME`.
std::string_view DeclaredEncoding(std::string_view content) {
  auto declared = [](std::string_view line) -> std::string_view {
    size_t start = line.find_first_not_of(" \t\f");
    if (start == std::string_view::npos || line[start] != '#') return {};
    for (size_t at = line.find("coding", start); at != std::string_view::npos; at = line.find("coding", at + 1)) {
      size_t i = at + 6;
      if (i >= line.size() || (line[i] != ':' && line[i] != '=')) continue;
      for (++i; i < line.size() && (line[i] == ' ' || line[i] == '\t');) ++i;
      size_t end = i;
      while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '-' ||
                                   line[end] == '_' || line[end] == '.')) {
        ++end;
      }
      if (end > i) return line.substr(i, end - i);
    }
    return {};
  };
  std::string_view first = LineOf(content, 1);
  if (std::string_view name = declared(first); !name.empty()) return name;
  size_t start = first.find_first_not_of(" \t\f");
  if (start != std::string_view::npos && first[start] != '#') return {};
  return declared(LineOf(content, 2));
}

// Whether `content` declares an encoding other than UTF-8 (utf-8, utf8, UTF_8, utf-8-sig
// all name UTF-8 to Python's codec lookup).
bool DeclaresAnotherEncoding(std::string_view content) {
  std::string name;
  for (char c : DeclaredEncoding(content)) {
    if (c != '-' && c != '_') name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return !name.empty() && !name.starts_with("utf8");
}

}  // namespace

bool PythonReadsAsSource(std::string_view content) {
  if (std::memchr(content.data(), '\0', content.size())) return false;
  return FirstInvalidUtf8(content) == std::string_view::npos || DeclaresAnotherEncoding(content);
}

std::string NotPythonText(std::string_view content) {
  if (const void* nul = std::memchr(content.data(), '\0', content.size())) {
    size_t offset = static_cast<const char*>(nul) - content.data();
    return fmt::format("binary file (NUL byte on line {})", LineAt(content, offset));
  }
  const size_t invalid = FirstInvalidUtf8(content);
  if (invalid == std::string_view::npos) return {};
  // A legacy file may be valid Python in the encoding it declares; say why it is still
  // skipped rather than let the note read as a broken file.
  return fmt::format("not UTF-8 text (invalid byte on line {}{})", LineAt(content, invalid),
                     DeclaresAnotherEncoding(content) ? "; faaslint reads UTF-8 only, not the encoding the file declares"
                                                      : "");
}

std::string_view LineOf(std::string_view content, uint32_t line) {
  size_t start = 0;
  for (uint32_t current = 1; current < line; ++current) {
    size_t newline = content.find('\n', start);
    if (newline == std::string_view::npos) return {};
    start = newline + 1;
  }
  size_t end = content.find('\n', start);
  std::string_view text = content.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

}  // namespace faaslint::python
