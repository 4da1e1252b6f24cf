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
  return TreePtr(ts_parser_parse_string(parser_, nullptr, source.data(),
                                        static_cast<uint32_t>(source.size())));
}

}  // namespace faaslint::python
