// Folders a module adds to sys.path at import time — the shim an api/index.py uses to
// import the app from elsewhere in the repository:
//   sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "backend"))
//   sys.path.append(str(Path(__file__).resolve().parent.parent))
//   sys.path.insert(0, "backend")
#pragma once

#include <string>
#include <vector>

#include "python/module.h"

namespace faaslint::python {

// The folders (relative to the project root, "" for the root itself, '/'-separated) that
// unguarded module-level sys.path.insert/append calls add, in the order Python searches
// them (inserts at 0 first). Paths that cannot be evaluated, or that leave the project,
// are left out. Relative strings count from the project root, the working directory of
// a Vercel function.
std::vector<std::string> SysPathAdditions(const Module& module);

}  // namespace faaslint::python
