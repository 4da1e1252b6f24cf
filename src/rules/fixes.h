// Mechanical fixes that several rules share: each returns the edits (bytes of the
// module's source) or nothing when the code is not in a shape it can change safely.
// A fix keeps the file's line endings and indentation style.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "python/module.h"

namespace faaslint::rules {

// "\r\n" when the file's first line ends so, else "\n".
std::string_view NewlineOf(std::string_view source);

// Puts the statement that is exactly `call` under `if <condition>:`, re-indenting all of
// its lines. Nothing when the call is not a statement of its own lines (`x; app.run()`)
// or a string literal spans its lines (re-indenting would change the string).
std::vector<Edit> GuardStatement(const python::Module& module, const python::Call& call,
                                 std::string_view condition);

// The seed's guard: `if not os.environ.get("VERCEL"):` (Vercel sets VERCEL=1 in every
// function), adding `import os` when the module lacks it. Nothing when `os` names
// something else.
std::vector<Edit> GuardOffPlatform(const python::Module& module, const python::Call& call);

// Adds `keyword=value` as the last argument of a call that has no such keyword.
std::vector<Edit> AddKeywordArgument(const python::Call& call, std::string_view keyword, std::string_view value);

}  // namespace faaslint::rules
