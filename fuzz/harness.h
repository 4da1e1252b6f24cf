// The fuzz targets' bodies, shared by the libFuzzer binaries (fuzz/*_fuzzer) and the
// regression test (tests/unit/fuzz_regression_test.cpp) that replays every committed
// corpus and crash input through the same code. Each check feeds one input to real
// faaslint code and returns "" when every invariant held, or what broke; a crash or a
// sanitizer report is a failure of its own.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace faaslint::fuzz {

// Bytes as app.py (or, split at lines `#>>>`, as app.py, lib1.py, ... that can import
// each other) through the lint pipeline (text check, parse, every rule, noqa), then
// `--fix` on the findings; bytes that the pipeline refuses as text are also parsed and
// checked directly.
std::string CheckPython(std::string_view data);
// One module's marks of code off the platform when the linter takes functions that
// another module runs to run (python::RemarkedCopy, lint.cpp) against a second parse with
// them taken to run, which the copy stands in for: every top-level function off the
// platform at once and, with `each_alone`, each on its own. Part of CheckPython.
std::string CheckRemarkedCopy(std::string_view source, bool each_alone = false);
// Bytes as .faaslint.yaml and as pyproject.toml: parse and validate.
std::string CheckConfig(std::string_view data);
// Bytes decoded into findings with arbitrary paths, messages and positions, emitted in
// every format: JSON formats must parse, `github` must print one command per finding,
// no other format may print a line a CI runner would take for a command.
std::string CheckEmitters(std::string_view data);
// The first byte picks the parser (cron schedule, JavaScript regex, path pattern), the
// rest is the text: errors must carry a message and point into the text.
std::string CheckCron(std::string_view data);
// Bytes as vercel.json: the JSON reader (every range inside the text, every diagnostic
// with a message), then the whole pipeline on a Flask project with that vercel.json.
std::string CheckVercel(std::string_view data);
// Bytes as a git index file through faaslint's own reader, which --staged relies on.
std::string CheckIndex(std::string_view data);

struct Target {
  std::string_view name;  // fuzz/corpus/<name>/, fuzz/regressions/<name>/, <name>_fuzzer
  std::string (*check)(std::string_view data);
};

// Every target, for the regression test.
std::span<const Target> Targets();

}  // namespace faaslint::fuzz
