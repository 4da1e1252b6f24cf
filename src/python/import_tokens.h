// The deployment graph's import scan read from tokens instead of a syntax tree: the
// same ImportScan for the files it is sure of, at a fraction of a parse's cost.
#pragma once

#include <optional>
#include <string_view>

#include "python/import_scan.h"

namespace faaslint::python {

// nullopt when the file needs the tree: sys.path shims, indentation by tabs, an unclosed
// string or bracket, indentation Python rejects, a `lambda` in a block header, nesting
// over 50 blocks, a control character or non-ASCII byte outside strings and comments.
// Files the parser finds errors in may differ from the tree scan.
std::optional<ImportScan> ScanImportsByTokens(std::string_view source);

}  // namespace faaslint::python
