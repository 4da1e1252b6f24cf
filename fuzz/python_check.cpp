// Python analysis on arbitrary bytes: the pipeline as `faaslint --all` runs it, on one
// module or several that import each other; `--fix` on its findings; for bytes the
// pipeline refuses as text, the parser and every rule directly (so the module walk also
// meets invalid UTF-8 and NUL bytes); and the two import scans of the deployment graph
// against each other; a module marked again for functions another module runs against a
// second parse.
#include <fmt/format.h>
#include <tree_sitter/api.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <map>
#include <tuple>

#include "core/text_edit.h"
#include "harness.h"
#include "memory_project.h"
#include "python/background.h"
#include "python/import_tokens.h"
#include "python/module.h"
#include "python/off_platform.h"
#include "python/parser.h"
#include "python/text_check.h"
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

// An input is one module, or several: a line `#>>>` starts the next one. The first is
// app.py and the others lib1.py to lib3.py, which the first can import (`import lib1`),
// so that calls into another module of the project (FL103's summaries, the module
// index, the deployment graph) meet fuzzed code as well.
constexpr std::string_view kNextModule = "\n#>>>\n";

Files SplitIntoModules(std::string_view data) {
  Files files;
  for (int index = 0;; ++index) {
    std::string path = index == 0 ? "app.py" : fmt::format("lib{}.py", index);
    size_t marker = index < 3 ? data.find(kNextModule) : std::string_view::npos;
    if (marker == std::string_view::npos) {
      files.emplace(std::move(path), std::string(data));
      return files;
    }
    files.emplace(std::move(path), std::string(data.substr(0, marker + 1)));
    data.remove_prefix(marker + kNextModule.size());
  }
}

bool Refused(std::string_view content) {
  return !python::NotPythonText(content).empty() || content.size() > lint::kMaxPythonFileBytes;
}

bool ParsesWithoutError(std::string_view content) {
  python::Parser parser;
  python::TreePtr tree = parser.Parse(content);
  return tree && !ts_node_has_error(ts_tree_root_node(tree.get()));
}

// A file the pipeline reads is checked, with at most a note on its first syntax error,
// indentation error or invisible character; a file it `refused` (not text, over the size
// limit) is named in one note. `function_code`: the file is certainly checked (app.py); a
// lib*.py that the entry does not import is left out without a note (DESIGN.md,
// "Deployment graph").
std::string CheckNotes(const lint::LintResult& result, const std::string& path, std::string_view content,
                       bool refused, bool function_code) {
  const auto lines = static_cast<uint32_t>(std::count(content.begin(), content.end(), '\n')) + 1;
  std::vector<const lint::Problem*> notes;
  for (const lint::Problem& problem : result.problems) {
    if (problem.path != path) continue;
    if (problem.line == 0) {
      notes.push_back(&problem);
    } else if (!problem.message.starts_with("`# noqa: ") || problem.line > lines) {
      return path + ": a note on a line that is not a noqa code's: " + lint::ProblemText(problem);
    }
  }
  if (refused) {
    return notes.size() == 1 || (notes.empty() && !function_code) ? "" : path + " refused but not noted once";
  }
  if (notes.empty()) return {};
  if (notes.size() != 1 || notes[0]->fatal) return path + ": a checked file with notes beyond one";
  const std::string& message = notes[0]->message;
  unsigned line = 0;
  size_t number = message.find(" on line ");
  if (number != std::string::npos) std::sscanf(message.c_str() + number, " on line %u", &line);
  const std::string not_imported = fmt::format(" on line {}: Python will not import this file", line);
  const bool known = message == fmt::format("syntax error on line {}: checked as far as it parses", line) ||
                     message == "indentation error" + not_imported ||
                     (message.starts_with("invisible character U+") && message.ends_with(not_imported));
  if (!known || line == 0 || line > lines) {
    return path + ": a checked file with a note that is not its syntax error: " + message;
  }
  return {};
}

std::map<std::string, size_t> CountByCode(const lint::LintResult& result, const std::string& path) {
  std::map<std::string, size_t> counts;
  for (const Finding& finding : result.findings) {
    if (finding.location.path == path) ++counts[std::string(finding.code())];
  }
  return counts;
}

// `check --fix`: every fix is applied or skipped as overlapping; the diff shows exactly
// the change; a fix keeps a file UTF-8 text and, if it parsed without an error, still
// parsing so; and a finding that was fixed is gone when the fixed project is checked again.
std::string CheckFixes(const lint::LintResult& result, const Files& files) {
  std::vector<lint::Problem> problems;
  std::vector<lint::FileFix> plans = PlanFixes(result, files, &problems);
  if (!problems.empty()) return "fixes planned for a file that cannot be read: " + problems[0].message;
  if (plans.empty()) return {};
  Files fixed_files = files;
  for (const lint::FileFix& plan : plans) {
    size_t fixable = 0;
    for (const Finding& finding : result.findings) fixable += finding.location.path == plan.path && !finding.fix.empty();
    if (plan.fixed.size() + plan.skipped.size() != fixable) return plan.path + ": a fix neither applied nor skipped";
    if (plan.after != plan.before && plan.fixed.empty()) return plan.path + ": changed by no fix";
    if (UnifiedDiff(plan.before, plan.after, plan.path).empty() != (plan.after == plan.before)) {
      return plan.path + ": the diff does not show the fix";
    }
    if (!Refused(plan.before) && Refused(plan.after)) return plan.path + ": a fix made the file unreadable as text";
    if (ParsesWithoutError(plan.before) && !ParsesWithoutError(plan.after)) {
      return plan.path + ": a fix broke the syntax:\n" + UnifiedDiff(plan.before, plan.after, plan.path);
    }
    fixed_files[plan.path] = plan.after;
  }
  lint::LintResult again = LintFiles(fixed_files);
  for (const lint::FileFix& plan : plans) {
    std::map<std::string, size_t> before = CountByCode(result, plan.path), after = CountByCode(again, plan.path);
    std::map<std::string, size_t> fixed;
    for (const Finding* finding : plan.fixed) ++fixed[std::string(finding->code())];
    for (const auto& [code, count] : fixed) {
      if (after[code] + count > before[code]) {
        return fmt::format("{}: {} of {} {} fixed, {} left after the fix:\n{}", plan.path, count, before[code], code,
                           after[code], UnifiedDiff(plan.before, plan.after, plan.path));
      }
    }
  }
  return {};
}

bool SameFindings(const std::vector<Finding>& a, const std::vector<Finding>& b) {
  auto fields = [](const Finding& f) {
    return std::tie(f.rule, f.location, f.message, f.help, f.related, f.source_line, f.fix);
  };
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [&](const Finding& x, const Finding& y) { return fields(x) == fields(y); });
}

// A diff run reports exactly the findings of a full run that start on a kept line or
// depend on one (Finding::depends_on: FL301's on the lines defining the container): a
// rule may skip work for lines that are not kept (Sink::Keeps, which FL103 asks before
// following calls into other modules), never change what it finds. The run changes the
// odd lines of every file or, for half of the inputs of several modules (by the parity
// of their size), of the lib*.py files only: then app.py is checked only if it imports
// a container whose definition changed, for the stores into it that depend on that.
std::string CheckChangedLines(const lint::LintResult& all, const Files& files, bool libraries_only) {
  if (all.findings.empty()) return {};
  ChangedLines changed;
  for (const auto& [path, content] : files) {
    if (libraries_only && path == "app.py") continue;
    LineSet& odd = changed[path];
    const auto lines = static_cast<uint32_t>(std::count(content.begin(), content.end(), '\n')) + 1;
    for (uint32_t line = 1; line <= lines; line += 2) odd.AddRange(line, line);
  }
  auto odd_line_of_changed_file = [&](const std::string& path, uint32_t first_line, uint32_t last_line) {
    return changed.count(path) > 0 && (first_line % 2 == 1 || last_line > first_line);
  };
  std::vector<Finding> expected;
  std::copy_if(all.findings.begin(), all.findings.end(), std::back_inserter(expected), [&](const Finding& finding) {
    const uint32_t line = finding.location.range.start.line;
    return odd_line_of_changed_file(finding.location.path, line, line) ||
           std::any_of(finding.depends_on.begin(), finding.depends_on.end(), [&](const Dependency& dependency) {
             return dependency.whole_file()
                        ? changed.count(dependency.path) > 0
                        : odd_line_of_changed_file(dependency.path, dependency.first_line, dependency.last_line);
           });
  });
  if (!SameFindings(LintFiles(files, 1, &changed).findings, expected)) {
    return fmt::format("a run of the odd lines of {} reports other findings than a full run on them",
                       libraries_only ? "lib*.py" : "every file");
  }
  return {};
}

// Every mark python::MarkOffPlatform sets, one line per item.
std::vector<std::string> OffPlatformMarks(const python::Module& module) {
  std::vector<std::string> marks;
  auto items = [&](std::string_view list, const auto& all) {
    for (size_t i = 0; i < all.size(); ++i) {
      marks.push_back(fmt::format("{}[{}]{}{}", list, i, all[i].guarded ? " guarded" : "",
                                  all[i].guarded_by_callers ? " by callers" : ""));
    }
  };
  items("call", module.calls());
  items("import", module.imports());
  items("assignment", module.assignments());
  items("subscript", module.subscripts());
  items("loop", module.loops());
  items("function", module.functions());
  for (const python::Function& function : module.functions()) {
    marks.push_back(fmt::format("{}{}{}", function.qualified_name, function.off_platform ? " off" : "",
                                function.off_platform_by_callers ? " off by callers" : ""));
  }
  return marks;
}

}  // namespace

std::string CheckRemarkedCopy(std::string_view source, bool each_alone) {
  python::Parser parser;
  std::unique_ptr<const python::Module> module = python::ParseModule(parser, "app.py", std::string(source));
  std::vector<int> off;
  for (size_t i = 0; i < module->functions().size(); ++i) {
    const python::Function& function = module->functions()[i];
    if (function.parent == -1 && function.off_platform) off.push_back(static_cast<int>(i));
  }
  std::vector<std::vector<int>> choices;
  if (!off.empty()) choices.push_back(off);
  if (each_alone && off.size() > 1) {
    for (int function : off) choices.push_back({function});
  }
  for (const std::vector<int>& run : choices) {
    const std::vector<std::string> copied = OffPlatformMarks(*python::RemarkedCopy(*module, run));
    const std::vector<std::string> parsed =
        OffPlatformMarks(*python::ParseModule(parser, "app.py", std::string(source), run));
    const auto [copy_at, parse_at] = std::mismatch(copied.begin(), copied.end(), parsed.begin(), parsed.end());
    if (copy_at != copied.end() || parse_at != parsed.end()) {
      return fmt::format("running {} function(s) from {}: the remarked copy has `{}` where a second parse has `{}`",
                         run.size(), module->functions()[run.front()].qualified_name,
                         copy_at == copied.end() ? "" : *copy_at, parse_at == parsed.end() ? "" : *parse_at);
    }
  }
  return {};
}

std::string CheckPython(std::string_view data) {
  Files files = SplitIntoModules(data);
  for (const auto& [path, content] : files) {
    if (std::string broken = CheckImportScan(content); !broken.empty()) return path + ": " + broken;
    // Only a file the pipeline reads as text is checked as a remarked copy (lint.cpp), and
    // only a def can run off the platform: the rest would cost a parse for nothing.
    if (Refused(content) || content.find("def") == std::string::npos) continue;
    if (std::string broken = CheckRemarkedCopy(content); !broken.empty()) return path + ": " + broken;
  }
  lint::LintResult result = LintFiles(files);
  if (std::string broken = CheckFindingLocations(result, files); !broken.empty()) return broken;
  std::map<std::string, bool> refused;
  for (const auto& [path, content] : files) refused[path] = Refused(content);
  size_t readable = 0;
  for (const auto& [path, content] : files) {
    if (std::string broken = CheckNotes(result, path, content, refused[path], path == "app.py"); !broken.empty()) {
      return broken;
    }
    readable += !refused[path];
  }
  // app.py is checked whenever it is readable: it is either a zero-config Vercel entry
  // (it defines `app`) or, with no entry in the project, function code like every file.
  const size_t at_least = refused["app.py"] ? 0 : 1;
  if (result.files_checked > readable || result.files_checked < at_least) {
    return fmt::format("{} files checked, {} readable of {}", result.files_checked, readable, files.size());
  }
  if (std::string broken = CheckFixes(result, files); !broken.empty()) return broken;
  const bool libraries_only = files.size() > 1 && data.size() % 2 == 1;
  if (std::string broken = CheckChangedLines(result, files, libraries_only); !broken.empty()) return broken;
  // Modules are checked in parallel, each publishing what the others may ask of it (FL103
  // waits for the summary of an imported module): the findings must not depend on it.
  if (files.size() > 1 && !SameFindings(LintFiles(files, 2).findings, result.findings)) {
    return "two workers report other findings than one";
  }
  // Refused bytes are also parsed and checked directly, so that the module walk and the
  // rules meet invalid UTF-8 and NUL bytes too.
  for (const auto& [path, content] : files) {
    if (!refused[path]) continue;
    if (std::string broken = CheckModuleDirectly(content.substr(0, lint::kMaxPythonFileBytes)); !broken.empty()) {
      return path + ": " + broken;
    }
  }
  return {};
}

}  // namespace faaslint::fuzz
