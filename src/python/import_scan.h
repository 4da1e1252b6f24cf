// A cheap look at a Python file for the deployment graph: which modules it imports,
// which folders it adds to sys.path, and whether it binds a top-level `app`,
// `application` or `handler` (what Vercel's Python runtime loads). Read from tokens
// where the file allows (import_tokens.h: a fraction of a parse), else from the syntax
// tree, walking statements only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

namespace faaslint::python {

class Parser;

struct ImportRef {
  std::string module;               // "app.services" (empty for `from . import x`)
  int level = 0;                    // leading dots of a relative import
  std::vector<std::string> names;   // the names of a from-import (submodules, maybe)
  friend bool operator==(const ImportRef&, const ImportRef&) = default;
};

// A folder put on sys.path: `sys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))`.
struct PathAddition {
  bool from_file_folder = true;  // relative to the file's folder; else to the working directory
  std::string relative;          // "..", "../src", "src", "" ('/'-separated, not normalised)
  friend bool operator==(const PathAddition&, const PathAddition&) = default;
};

struct ImportScan {
  std::vector<ImportRef> imports;  // every import not under `if __name__ == "__main__":`
  std::vector<PathAddition> path_additions;
  bool binds_entry_name = false;   // a top-level app / application / handler
  friend bool operator==(const ImportScan&, const ImportScan&) = default;
};

// What Vercel's Python runtime loads from an entry file: `app`, `application`, `handler`.
bool IsVercelEntryName(std::string_view name);

// From tokens when the file allows (import_tokens.h), else from the syntax tree.
ImportScan ScanImports(Parser& parser, std::string_view source);
// From the syntax tree, always: what the token scan must agree with.
ImportScan ScanImportsByTree(Parser& parser, std::string_view source);
// The same from a tree the caller has parsed already (`root` is its root node).
ImportScan ScanImportsInTree(TSNode root, std::string_view source);

}  // namespace faaslint::python
