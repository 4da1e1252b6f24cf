#include "ci_log.h"

namespace faaslint::fuzz {
namespace {

// The code point at text[i] and its length in bytes; invalid bytes decode as U+FFFD
// (what the runner's UTF-8 decoder substitutes), length 1.
std::pair<char32_t, size_t> DecodeAt(std::string_view text, size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return {c, 1};
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (n == 0 || i + n > text.size()) return {0xFFFD, 1};
  char32_t value = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return {0xFFFD, 1};
    value = (value << 6) | (next & 0x3F);
  }
  return {value, n};
}

// .NET Char.IsWhiteSpace: Unicode Zs, Zl, Zp and U+0009-U+000D, U+0085.
bool IsDotnetWhiteSpace(char32_t c) {
  return c == 0x20 || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

std::string_view TrimStart(std::string_view line) {
  size_t i = 0;
  while (i < line.size()) {
    auto [c, n] = DecodeAt(line, i);
    if (!IsDotnetWhiteSpace(c)) break;
    i += n;
  }
  return line.substr(i);
}

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string UnescapeProperty(std::string text) {
  for (auto [from, to] : {std::pair{"%0D", "\r"}, {"%0A", "\n"}, {"%3A", ":"}, {"%2C", ","}, {"%25", "%"}}) {
    text = ReplaceAll(std::move(text), from, to);
  }
  return text;
}

std::string UnescapeData(std::string text) {
  for (auto [from, to] : {std::pair{"%0D", "\r"}, {"%0A", "\n"}, {"%25", "%"}}) {
    text = ReplaceAll(std::move(text), from, to);
  }
  return text;
}

}  // namespace

std::vector<std::string_view> RunnerLines(std::string_view output) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < output.size(); ++i) {
    if (output[i] != '\n' && output[i] != '\r') continue;
    lines.push_back(output.substr(start, i - start));
    if (output[i] == '\r' && i + 1 < output.size() && output[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < output.size()) lines.push_back(output.substr(start));
  return lines;
}

std::optional<WorkflowCommand> ParseV2Command(std::string_view line) {
  line = TrimStart(line);
  if (!line.starts_with("::")) return std::nullopt;
  size_t end = line.find("::", 2);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view info = line.substr(2, end - 2);
  WorkflowCommand command;
  size_t space = info.find(' ');
  command.name = std::string(info.substr(0, space));
  if (command.name.empty()) return std::nullopt;
  if (space != std::string_view::npos) {
    std::string_view properties = info.substr(space + 1);
    while (!properties.empty()) {
      size_t comma = properties.find(',');
      std::string_view property = properties.substr(0, comma);
      size_t equals = property.find('=');
      if (equals != std::string_view::npos && equals > 0 && equals + 1 < property.size()) {
        command.properties[std::string(property.substr(0, equals))] =
            UnescapeProperty(std::string(property.substr(equals + 1)));
      }
      if (comma == std::string_view::npos) break;
      properties.remove_prefix(comma + 1);
    }
  }
  command.data = UnescapeData(std::string(line.substr(end + 2)));
  return command;
}

bool HasLegacyCommandPrefix(std::string_view line) { return line.find("##[") != std::string_view::npos; }

}  // namespace faaslint::fuzz
