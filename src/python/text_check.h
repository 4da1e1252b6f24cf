// Small text facts the pipeline needs before parsing.
#pragma once

#include <string>
#include <string_view>

namespace faaslint::python {

// Why `content` cannot be Python source (NUL bytes, invalid UTF-8), or "" when it can.
std::string NotPythonText(std::string_view content);

// Whether Python reads `content` as source at all: no NUL byte, and valid UTF-8 unless a
// coding declaration (PEP 263: `# -*- coding: latin-1 -*-` on one of the first two
// lines) names the encoding. Looser than NotPythonText: the rules read UTF-8 only.
bool PythonReadsAsSource(std::string_view content);

// The text of a 1-based line without its line ending; empty past the end.
std::string_view LineOf(std::string_view content, uint32_t line);

}  // namespace faaslint::python
