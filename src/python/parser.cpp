#include "python/parser.h"

#include <stdexcept>

#include "python/bracket_depth.h"

namespace faaslint::python {

Parser::Parser(std::chrono::microseconds time_limit) : parser_(ts_parser_new()) {
  if (!ts_parser_set_language(parser_, tree_sitter_python())) {
    ts_parser_delete(parser_);
    // Only possible when the grammar's ABI does not match the runtime: a build error.
    throw std::runtime_error("tree-sitter-python grammar ABI is not supported by the runtime");
  }
  ts_parser_set_timeout_micros(parser_, static_cast<uint64_t>(time_limit.count()));
}

Parser::~Parser() { ts_parser_delete(parser_); }

TreePtr Parser::Parse(std::string_view source) {
  // Refused for every caller; the linter reports the line (too_deep_line).
  too_deep_line_ = LineWhereBracketsNestDeeperThan(source);
  if (too_deep_line_ != 0) return nullptr;
  // A fresh external scanner for every file. tree-sitter-python 0.23.6's scanner keeps
  // "inside an f-string" across parses (its deserialize resets the indents and the
  // string delimiters, not that flag): after a file ending in an unterminated f-string
  // the next file this parser read came out as one ERROR node. ts_parser_reset keeps
  // the scanner; setting the language again recreates it, and drops what is left of a
  // parse the time limit stopped, so that it is not resumed on the next file.
  ts_parser_set_language(parser_, tree_sitter_python());
  return TreePtr(ts_parser_parse_string(parser_, nullptr, source.data(),
                                        static_cast<uint32_t>(source.size())));
}

}  // namespace faaslint::python
