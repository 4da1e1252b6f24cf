// The lexical pre-pass of the JSON reader: finds what strict JSON forbids but is easy
// to spot without a grammar (a BOM, comments, trailing commas) and blanks it out, so
// that the tree-sitter parse that follows sees clean JSON and recovers nothing twice.
// Byte offsets are preserved: blanking replaces bytes with spaces, never removes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faaslint::vercel {

struct LexicalIssue {
  uint32_t start_byte;
  uint32_t end_byte;
  std::string message;
  std::string help;
};

// Returns `text` with the issues blanked out and appends one issue per finding.
std::string BlankLexicalIssues(std::string_view text, std::vector<LexicalIssue>* issues);

// The offset of the first `[` or `{` outside a string that opens a level deeper than
// `limit` (closing brackets count back down; unclosed ones do not), or nullopt. The
// reader checks this before parsing: tree-sitter 0.20 frees an invalid pointer when
// error recovery meets about 65,535 unclosed levels (`[` repeated, `{"a":` repeated).
std::optional<uint32_t> FindNestingDeeperThan(std::string_view text, int limit);

}  // namespace faaslint::vercel
