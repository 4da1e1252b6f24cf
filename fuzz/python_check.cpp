// Python analysis on arbitrary bytes: the pipeline as `faaslint --all` runs it, and,
// for bytes the pipeline refuses as text, the parser and every rule directly (so the
// module walk also meets invalid UTF-8 and NUL bytes); and the two import scans of the
// deployment graph against each other.
#include <fmt/format.h>
#include <tree_sitter/api.h>

#include <algorithm>
#include <cstdio>

#include "harness.h"
#include "python/text_check.h"
#include "memory_project.h"
#include "python/background.h"
#include "python/import_tokens.h"
#include "python/module.h"
#include "python/parser.h"
#include "python/values.h"
#include "rules/registry.h"

namespace faaslint::fuzz {
namespace {

std::string CheckModuleDirectly(std::string_view data) {
  python::Parser parser;
  std::unique_ptr<python::Module> module = python::ParseModule(parser, "app.py", std::string(data));
  const rules::Registry& registry = rules::Registry::Get();
  Settings settings;
  std::vector<Finding> findings;
  python::Values values(*module);
  python::ModuleBackground background(*module);
  for (const rules::Rule& rule : registry.all()) {
    if (!rule.python) continue;
    rules::RuleOptions options(*rule.info, nullptr);
    rules::Sink sink(*rule.info, "app.py", &findings);
    rule.python(rules::PyContext{*module, options, settings, nullptr, nullptr, values, background}, sink);
  }
  for (const Finding& finding : findings) {
    uint32_t line = finding.location.range.start.line;
    if (line < 1 || line > module->line_count() + 1) {
      return fmt::format("{}: line {} of {}", finding.code(), line, module->line_count());
    }
    (void)module->Line(line);
    (void)module->Noqa(line);
  }
  return {};
}

// The deployment graph's import scan from tokens must agree with the one from the tree
// on every file the parser reads without an error (import_tokens.h).
std::string CheckImportScan(std::string_view data) {
  std::optional<python::ImportScan> by_tokens = python::ScanImportsByTokens(data);
  if (!by_tokens) return {};
  python::Parser parser;
  python::TreePtr tree = parser.Parse(data);
  if (!tree) return {};
  TSNode root = ts_tree_root_node(tree.get());
  if (ts_node_has_error(root)) return {};
  if (*by_tokens != python::ScanImportsInTree(root, data)) return "the import scans by tokens and by tree differ";
  return {};
}

}  // namespace

std::string CheckPython(std::string_view data) {
  if (std::string broken = CheckImportScan(data); !broken.empty()) return broken;
  Files files{{"app.py", std::string(data)}};
  lint::LintResult result = LintFiles(files);
  if (std::string broken = CheckFindingLocations(result, files); !broken.empty()) return broken;
  bool refused = !python::NotPythonText(data).empty() || data.size() > lint::kMaxPythonFileBytes;
  // Each file is either checked, with at most a note on its first syntax or indentation
  // error, or named in exactly one note (refused, over a limit).
  if (result.files_checked > 1) return "app.py checked more than once";
  if (result.files_checked == 0 && result.problems.size() != 1) return "app.py neither checked nor noted once";
  if (result.files_checked == 1 && !result.problems.empty()) {
    if (result.problems.size() != 1 || result.problems[0].fatal) return "a checked app.py with notes beyond one";
    const std::string& message = result.problems[0].message;
    unsigned line = 0;
    size_t number = message.find(" on line ");
    if (number != std::string::npos) std::sscanf(message.c_str() + number, " on line %u", &line);
    const bool known = message == fmt::format("syntax error on line {}: checked as far as it parses", line) ||
                       message == fmt::format("indentation error on line {}: Python will not import this file", line);
    if (!known || line == 0 || line > static_cast<unsigned>(std::count(data.begin(), data.end(), '\n')) + 1) {
      return "a checked app.py with a note that is not its syntax error: " + result.problems[0].message;
    }
  }
  if (refused && result.files_checked != 0) return "a file the text check refuses was checked";
  if (refused) return CheckModuleDirectly(data.substr(0, lint::kMaxPythonFileBytes));
  return {};
}

}  // namespace faaslint::fuzz
