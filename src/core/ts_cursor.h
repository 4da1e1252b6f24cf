// RAII owner of a tree-sitter tree cursor, for python/ and vercel/ alike: freed exactly
// once, not copyable.
#pragma once

#include <tree_sitter/api.h>

namespace faaslint {

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

}  // namespace faaslint
