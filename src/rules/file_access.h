// What a call does to the filesystem, when that is known: the path it reads or writes
// and which. FL201 (writes outside /tmp) and FL205 (reads by relative path) share it.
#pragma once

#include <optional>
#include <string>

#include "python/module.h"
#include "python/values.h"

namespace faaslint::rules {

struct FileAccess {
  const python::Expr* path = nullptr;  // the path argument (or the Path object a method is called on)
  bool write = false;
  std::string what;  // the call as shown in messages: "open(..., 'w')", "Path.write_text()"
};

// Null when the call is not a known file access, or its mode is not a constant.
std::optional<FileAccess> ClassifyFileAccess(const python::Values& values, const python::Call& call);

}  // namespace faaslint::rules
