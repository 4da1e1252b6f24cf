// RAII owners of tree-sitter handles for Python. One Parser per worker thread.
#pragma once

#include <tree_sitter/api.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>

extern "C" const TSLanguage* tree_sitter_python();

namespace faaslint::python {

struct TreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};
using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;

// How long one file may take to parse. tree-sitter parses the CPython standard library
// (11 MB) in about 1 s, so a 16 MiB file (lint::kMaxPythonFileBytes) takes a few
// seconds; its error recovery on bracket soup is far slower (2 MB of random brackets:
// 18 s), and such a file must not stall a pre-commit hook or a CI job for minutes.
// tree-sitter measures wall-clock time, so the limit leaves room for a busy CI machine
// (a 1 MB line took 10 s of wall-clock time with 12 jobs on 2 cores).
constexpr std::chrono::microseconds kParseTimeLimit = std::chrono::seconds(30);

class Parser {
 public:
  explicit Parser(std::chrono::microseconds time_limit = kParseTimeLimit);
  ~Parser();
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  // Null if tree-sitter gives up (the time limit) or brackets nest too deep to parse
  // safely (python/bracket_depth.h).
  TreePtr Parse(std::string_view source);
  // After a null Parse: the line where brackets nest too deep, or 0 (tree-sitter gave up).
  uint32_t too_deep_line() const { return too_deep_line_; }

 private:
  TSParser* parser_;
  uint32_t too_deep_line_ = 0;
};

}  // namespace faaslint::python
