#include "python/module.h"

#include <algorithm>

#include "core/utf8.h"

namespace faaslint::python {
namespace {

constexpr size_t kColumnBlock = 256;

// One level of indentation as the lines write it: the indentation a block adds over
// the line that opens it (the first such line ending in ':'), four spaces when no line
// does. A rough cut of the line's code, enough to see a trailing ':'.
std::string FirstIndentUnit(const Module& module) {
  auto leading_whitespace = [](std::string_view line) {
    return line.substr(0, std::min(line.size(), line.find_first_not_of(" \t\f")));
  };
  std::string_view opener;  // indentation of the last line that opened a block
  bool after_colon = false;
  for (uint32_t line = 1; line <= module.line_count(); ++line) {
    std::string_view text = module.Line(line);
    if (text.find_first_not_of(" \t\r\f") == std::string_view::npos) continue;  // blank
    std::string_view indent = leading_whitespace(text);
    if (text.substr(indent.size()).starts_with("#")) continue;
    if (after_colon && indent.size() > opener.size() && indent.starts_with(opener)) {
      return std::string(indent.substr(opener.size()));
    }
    std::string_view code = text.substr(0, text.find('#'));
    while (!code.empty() && (code.back() == ' ' || code.back() == '\t')) code.remove_suffix(1);
    after_colon = code.ends_with(":");
    opener = indent;
  }
  return "    ";
}

}  // namespace

bool IsFastApiDependency(std::string_view callee) {
  size_t dot = callee.rfind('.');
  std::string_view name = dot == std::string_view::npos ? callee : callee.substr(dot + 1);
  if (name != "Depends" && name != "Security") return false;
  return dot == std::string_view::npos || callee.starts_with("fastapi.");
}

bool Expr::IsTrue() const {
  switch (kind) {
    case Kind::kBool:
    case Kind::kNumber: return number != 0;
    case Kind::kString: return !str.empty() || is_fstring;
    default: return false;
  }
}

const Argument* Call::Keyword(std::string_view name) const {
  for (const Argument& arg : args) {
    if (arg.name == name) return &arg;
  }
  return nullptr;
}

const Argument* Call::Positional(size_t index) const {
  size_t seen = 0;
  for (const Argument& arg : args) {
    if (!arg.name.empty() || arg.double_star) continue;
    if (arg.star) return nullptr;  // positions after *args are unknown
    if (seen++ == index) return &arg;
  }
  return nullptr;
}

const Argument* Call::Arg(size_t index, std::string_view name) const {
  if (const Argument* arg = Positional(index)) return arg;
  return Keyword(name);
}

Module::Module(std::string path, std::string source) : path_(std::move(path)), source_(std::move(source)) {
  line_starts_.push_back(0);
  const std::string_view text(source_);
  for (size_t start = 0;;) {
    size_t newline = text.find('\n', start);
    size_t end = newline == std::string_view::npos ? text.size() : newline;
    line_is_ascii_.push_back(AsciiPrefixLength(text.substr(start, end - start)) == end - start);
    if (newline == std::string_view::npos) break;
    start = newline + 1;
    line_starts_.push_back(static_cast<uint32_t>(start));
  }
  indent_unit_ = FirstIndentUnit(*this);
  if (std::find(line_is_ascii_.begin(), line_is_ascii_.end(), false) == line_is_ascii_.end()) return;
  code_points_before_block_.reserve(source_.size() / kColumnBlock + 1);
  uint32_t count = 0;
  for (size_t block = 0; block <= text.size(); block += kColumnBlock) {  // one past the end too
    code_points_before_block_.push_back(count);
    count += static_cast<uint32_t>(CodePointCount(text.substr(block, kColumnBlock)));
  }
}

uint32_t Module::CodePointsBefore(size_t offset) const {
  offset = std::min(offset, source_.size());
  const size_t from = offset / kColumnBlock * kColumnBlock;
  return code_points_before_block_[from / kColumnBlock] +
         static_cast<uint32_t>(CodePointCount(std::string_view(source_).substr(from, offset - from)));
}

std::string_view Module::Line(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  size_t start = line_starts_[line - 1];
  size_t end = line < line_starts_.size() ? line_starts_[line] - 1 : source_.size();
  std::string_view text(source_.data() + start, end - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

uint32_t Module::LineStartByte(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return static_cast<uint32_t>(source_.size());
  return line_starts_[line - 1];
}

uint32_t Module::LineOfByte(uint32_t byte) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte);
  return static_cast<uint32_t>(it - line_starts_.begin());
}

const std::vector<std::string>* Module::Noqa(uint32_t line) const {
  auto it = noqa_.find(line);
  return it == noqa_.end() ? nullptr : &it->second;
}

std::string Module::Resolve(std::string_view dotted) const {
  size_t dot = dotted.find('.');
  std::string_view head = dotted.substr(0, dot);
  auto it = aliases_.find(head);
  if (it == aliases_.end()) return std::string(dotted);
  std::string resolved = it->second;
  if (dot != std::string_view::npos) resolved += dotted.substr(dot);
  return resolved;
}

int Module::FindDef(int scope, std::string_view name) const {
  std::span<const int> found = defs_.Find({scope, name});
  return found.empty() ? -1 : found.front();
}

bool Module::InLambdaBody(const Range& range) const {
  return std::any_of(lambda_bodies_.begin(), lambda_bodies_.end(),
                     [&](const Range& body) { return Encloses(body, range); });
}

std::string_view Module::ModuleLevelConstructor(std::string_view name) const {
  std::string_view found;
  for (const Assignment& assignment : assignments_) {
    if (assignment.function != -1 || assignment.target.kind != Expr::Kind::kName) continue;
    if (assignment.target.text != name || assignment.value.kind != Expr::Kind::kCall) continue;
    found = calls_[assignment.value.call].callee;
  }
  return found;
}

bool Module::IsInHandler(int function) const {
  for (; function >= 0; function = functions_[function].parent) {
    if (functions_[function].is_handler) return true;
  }
  return false;
}

bool Module::IsInColdStart(int function) const {
  for (; function >= 0; function = functions_[function].parent) {
    if (functions_[function].is_cold_start) return true;
  }
  return false;
}

}  // namespace faaslint::python
