#include "rules/fixes.h"

#include <fmt/format.h>

#include <optional>

namespace faaslint::rules {
namespace {

constexpr std::string_view kPlatformOff = "not os.environ.get(\"VERCEL\")";

bool IsBlank(std::string_view text) { return text.find_first_not_of(" \t\r\f") == std::string_view::npos; }

std::string_view LeadingWhitespace(std::string_view line) {
  return line.substr(0, std::min(line.size(), line.find_first_not_of(" \t\f")));
}

// Where `import os` goes: before the first unindented import statement, so it joins the
// imports and stays after a docstring or `from __future__` line.
std::optional<uint32_t> FirstTopLevelImportByte(const python::Module& module) {
  for (const python::Import& import : module.imports()) {
    if (import.function != -1 || import.guarded || import.in_try) continue;
    std::string_view line = module.Line(import.range.start.line);
    if (line.starts_with("import ") || line.starts_with("from ")) return module.LineStartByte(import.range.start.line);
  }
  return std::nullopt;
}

}  // namespace

std::string_view NewlineOf(std::string_view source) {
  size_t newline = source.find('\n');
  return newline != std::string_view::npos && newline > 0 && source[newline - 1] == '\r' ? "\r\n" : "\n";
}

std::vector<Edit> GuardStatement(const python::Module& module, const python::Call& call,
                                 std::string_view condition) {
  const python::ByteSpan span = call.statement_bytes;
  if (span.empty()) return {};
  std::string_view source = module.source();
  uint32_t first = module.LineOfByte(span.start);
  uint32_t last = module.LineOfByte(span.end - 1);
  uint32_t line_start = module.LineStartByte(first);
  std::string_view indent = source.substr(line_start, span.start - line_start);
  if (!IsBlank(indent)) return {};  // another statement before it on the line
  uint32_t last_end = module.LineStartByte(last) + static_cast<uint32_t>(module.Line(last).size());
  std::string_view rest = source.substr(span.end, last_end > span.end ? last_end - span.end : 0);
  size_t rest_start = rest.find_first_not_of(" \t");
  if (rest_start != std::string_view::npos && rest[rest_start] != '#') return {};  // `app.run(); more()`
  std::string_view text = source.substr(span.start, span.end - span.start);
  if (first != last && (text.find("\"\"\"") != std::string_view::npos || text.find("'''") != std::string_view::npos)) {
    return {};
  }
  std::string unit = module.indent_unit();
  // Follow the statement's own indentation where it disagrees with the file's first block.
  if (indent.find('\t') != std::string_view::npos && unit.find('\t') == std::string::npos) unit = "\t";
  if (!indent.empty() && indent.find('\t') == std::string_view::npos && unit.find('\t') != std::string::npos) {
    unit = "    ";
  }
  std::string_view newline = NewlineOf(source);
  std::vector<Edit> edits;
  edits.push_back({line_start, line_start, fmt::format("{}if {}:{}{}", indent, condition, newline, unit)});
  for (uint32_t line = first + 1; line <= last; ++line) {
    if (IsBlank(module.Line(line))) continue;
    uint32_t at = module.LineStartByte(line);
    edits.push_back({at, at, unit});
  }
  return edits;
}

std::vector<Edit> GuardOffPlatform(const python::Module& module, const python::Call& call) {
  bool has_os = false;
  for (const python::Import& import : module.imports()) {
    if (import.bound != "os") continue;
    if (import.module != "os" || !import.name.empty()) return {};  // `os` is something else here
    has_os = has_os || (import.function == -1 && !import.guarded);
  }
  std::vector<Edit> edits = GuardStatement(module, call, kPlatformOff);
  if (edits.empty() || has_os) return edits;
  std::string import_line = fmt::format("import os{}", NewlineOf(module.source()));
  std::optional<uint32_t> at = FirstTopLevelImportByte(module);
  if (at && *at <= edits.front().start_byte) {
    edits.insert(edits.begin(), Edit{*at, *at, import_line});
  } else {
    // No imports to join: import it right above the guard, at the guard's indentation.
    uint32_t line_start = edits.front().start_byte;
    std::string_view indent = module.Line(module.LineOfByte(line_start));
    edits.front().replacement = std::string(LeadingWhitespace(indent)) + import_line + edits.front().replacement;
  }
  return edits;
}

std::vector<Edit> AddKeywordArgument(const python::Call& call, std::string_view keyword, std::string_view value) {
  if (call.arguments_bytes.empty() || call.Keyword(keyword)) return {};
  std::string argument = fmt::format("{}={}", keyword, value);
  if (call.args.empty()) return {Edit{call.arguments_bytes.start + 1, call.arguments_bytes.start + 1, argument}};
  uint32_t after_last = call.args.back().bytes.end;
  return {Edit{after_last, after_last, ", " + argument}};
}

}  // namespace faaslint::rules
