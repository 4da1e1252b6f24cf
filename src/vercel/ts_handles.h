// RAII owners for the tree-sitter handles vercel/ uses: a parser, the tree it produces
// and (from core/) a cursor over it. Each frees its handle exactly once; none is copyable.
#pragma once

#include <tree_sitter/api.h>

#include <memory>

#include "core/ts_cursor.h"

namespace faaslint::vercel {

struct TsParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};
struct TsTreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};

using TsParser = std::unique_ptr<TSParser, TsParserDeleter>;
using TsTree = std::unique_ptr<TSTree, TsTreeDeleter>;

using faaslint::TsCursor;  // core/ts_cursor.h

}  // namespace faaslint::vercel
