// RAII owners of tree-sitter handles for Python. One Parser per worker thread.
#pragma once

#include <tree_sitter/api.h>

#include <memory>
#include <string_view>

extern "C" const TSLanguage* tree_sitter_python();

namespace faaslint::python {

struct TreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};
using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;

class Parser {
 public:
  Parser();
  ~Parser();
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  // Null only if tree-sitter gives up (timeout or cancellation).
  TreePtr Parse(std::string_view source);

 private:
  TSParser* parser_;
};

}  // namespace faaslint::python
