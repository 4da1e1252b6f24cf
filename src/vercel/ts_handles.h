// RAII owners for the tree-sitter handles vercel/ uses: a parser and the tree it
// produces. Each frees its handle exactly once; both are move-only.
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

}  // namespace faaslint::vercel
