// RAII owners for the tree-sitter handles vercel/ uses: a parser, the tree it produces
// and a cursor over it. Each frees its handle exactly once; none is copyable.
#pragma once

#include <tree_sitter/api.h>

#include <memory>

namespace faaslint::vercel {

struct TsParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};
struct TsTreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};

using TsParser = std::unique_ptr<TSParser, TsParserDeleter>;
using TsTree = std::unique_ptr<TSTree, TsTreeDeleter>;

class TsCursor {
 public:
  explicit TsCursor(TSNode node) : cursor_(ts_tree_cursor_new(node)) {}
  ~TsCursor() { ts_tree_cursor_delete(&cursor_); }
  TsCursor(const TsCursor&) = delete;
  TsCursor& operator=(const TsCursor&) = delete;
  TSTreeCursor* get() { return &cursor_; }

 private:
  TSTreeCursor cursor_;
};

}  // namespace faaslint::vercel
