#include "lint/lint.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "core/name_search.h"
#include "python/text_check.h"
#include "project/deployment_graph.h"
#include "project/module_callers.h"
#include "project/module_index.h"
#include "project/project.h"
#include "project/requirements.h"
#include "python/module.h"
#include "python/background.h"
#include "python/bracket_depth.h"
#include "python/off_platform.h"
#include "python/parser.h"
#include "python/values.h"

namespace faaslint::lint {
namespace {

bool IsPythonFile(std::string_view path) { return path.ends_with(".py") || path.ends_with(".pyi"); }

bool UnderAnyPath(std::string_view path, const std::vector<std::string>& narrow) {
  if (narrow.empty()) return true;
  return std::any_of(narrow.begin(), narrow.end(), [&](const std::string& prefix) {
    if (prefix.empty() || prefix == ".") return true;
    if (path == prefix) return true;
    return path.size() > prefix.size() && path.starts_with(prefix) &&
           (prefix.back() == '/' || path[prefix.size()] == '/');
  });
}

using NoqaMap = python::Module::NoqaMap;

// A finding keeps its source line for the fingerprint (report/fingerprint.cpp). Thousands
// of findings on one generated 160 KB line would otherwise copy it thousands of times
// (630 MB, found by the fuzzer), so the copy stops after 1 KiB, at a code point boundary.
std::string SourceLineForFinding(std::string_view line) {
  constexpr size_t kMaxBytes = 1024;
  if (line.size() <= kMaxBytes) return std::string(line);
  size_t end = kMaxBytes;
  while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
  return std::string(line.substr(0, end));
}

// A `# noqa` code that names no rule (`FL1O1`, a typo; `FL1`, a prefix: noqa takes whole
// codes) suppresses nothing, and would do so silently: the finding it was meant for stays,
// or the line is clean and the mistake waits for the day it is not. Only FL codes are
// ours to judge: the same comment may name another linter's (`# noqa: E501, FL101`).
void NoteUnknownNoqaCodes(const std::string& path, const NoqaMap& noqa, const LineSet& changed,
                          const rules::Registry& registry, std::vector<Problem>* problems) {
  for (const auto& [line, codes] : noqa) {
    if (!changed.Intersects(line, line)) continue;
    for (const std::string& code : codes) {
      if (!code.starts_with("FL") || registry.Find(code) != nullptr) continue;
      std::string_view why = registry.IsKnownPrefix(code) ? "a code prefix: noqa takes whole codes, such as FL101"
                                                          : "no faaslint rule (`faaslint rules` lists them)";
      problems->push_back({path, fmt::format("`# noqa: {}` suppresses nothing: {} is {}", code, code, why), false, line});
    }
  }
}

bool Suppressed(const Finding& finding, const std::vector<std::string>* noqa) {
  if (noqa == nullptr) return false;
  if (noqa->empty()) return true;
  return std::find(noqa->begin(), noqa->end(), finding.code()) != noqa->end();
}

// Whether the change reaches `dependency`: a changed line of it, lines removed from
// between two of its lines, or for a whole file any change, its deletion included.
bool Reaches(const ChangeSet& changes, const Dependency& dependency) {
  if (dependency.whole_file()) return changes.touched.count(dependency.path) > 0;
  return changes.Touches(dependency.path, dependency.first_line, dependency.last_line);
}

// Whether the change reaches what the finding was read from besides its own lines.
bool DependsOnChange(const Finding& finding, const ChangeSet& changes) {
  return std::any_of(finding.depends_on.begin(), finding.depends_on.end(),
                     [&](const Dependency& dependency) { return Reaches(changes, dependency); });
}

// What a project finding was read from besides its primary line: every line of its
// related locations (a route removed from app.py surfaces the cron entry in vercel.json
// that now breaks), and its dependencies.
std::vector<Dependency> WhatItReads(const Finding& finding) {
  std::vector<Dependency> read = finding.depends_on;
  for (const Location& related : finding.related) read.push_back(Dependency::LinesOf(related.path, related.range));
  return read;
}

// A project finding counts when its primary location's first line changed (where noqa
// and SARIF point), or what it was read from.
bool InChange(const Finding& finding, const ChangeSet& changes) {
  const Location& primary = finding.location;
  if (changes.Touches(primary.path, primary.range.start.line, primary.range.start.line)) return true;
  const std::vector<Dependency> read = WhatItReads(finding);
  return std::any_of(read.begin(), read.end(), [&](const Dependency& it) { return Reaches(changes, it); });
}

struct FileOutcome {
  std::vector<Finding> findings;
  std::vector<Problem> problems;
  // Kept for noqa of project findings; the module itself is dropped as soon as its
  // rules ran, so memory holds one tree and model per worker, not the whole repository.
  NoqaMap noqa;
  bool checked = false;
};

// Which claimed files have been parsed and published to the module index (or refused).
// A worker that needs a module another worker is parsing waits for it rather than parse
// it a second time (with 2 workers on the stdlib that was 5-7% of the bytes). The wait
// always ends: a worker publishes a file before it runs any rule on it, and before that
// it asks nothing of the index.
class Publications {
 public:
  explicit Publications(size_t files) : done_(files) {}
  void Done(size_t file) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_[file] = true;
    }
    published_.notify_all();
  }
  void Await(size_t file) {
    std::unique_lock<std::mutex> lock(mutex_);
    published_.wait(lock, [&] { return done_[file]; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable published_;
  std::vector<bool> done_;
};

class Linter {
 public:
  Linter(const ChangeSet& changes, const LintOptions& options, const rules::Registry& registry)
      : changes_(changes), options_(options), registry_(registry), project_(*changes.snapshot, &changes, options.jobs),
        modules_(*changes.snapshot, [this](const std::string& path) { CheckNow(path); }),
        callers_(
            *changes.snapshot, modules_, [this](const std::string& path) { return IsFunctionCode(path); },
            options.jobs,
            [this](const std::string& path) { return project_.deployment_graph().ImportsReadIn(path); }) {
    for (const rules::Rule& rule : registry.all()) {
      if (!options.filter.enabled(rule.info->code)) continue;
      auto it = options.rule_options.find(std::string(rule.info->code));
      rule_options_.emplace_back(*rule.info, it == options.rule_options.end() ? nullptr : &it->second);
      (rule.python ? python_rules_ : project_rules_).push_back({&rule, &rule_options_.back()});
      reads_imported_containers_ |= rule.info->reads_imported_containers;
      // Every Python rule's findings may rest on a call in another module: in a function that
      // its own module calls only under a guard, reported when platform code elsewhere calls
      // it (RecheckRunElsewhere); FL104, FL106 and FL402 ask ModuleCallers themselves.
      reads_callers_elsewhere_ |= rule.python != nullptr;
    }
    if (reads_callers_elsewhere_) modules_.KeepCallGraphs();
  }

  LintResult Run() {
    LintResult result;
    std::vector<std::string> files = PythonFilesToCheck();
    // Python rules apply to function code only (DESIGN §2, deployment graph).
    std::vector<std::string> left_out;
    if (!files.empty() && options_.settings.platform == Platform::kVercel) {
      const project::DeploymentGraph& graph = project_.deployment_graph();
      std::erase_if(files, [&](const std::string& path) {
        if (graph.IsFunctionCode(path)) return false;
        left_out.push_back(path);
        return true;
      });
    }
    std::vector<FileOutcome> outcomes(files.size());
    RunInParallel(files, outcomes);
    // Checking the edited files showed which containers the change redefines; the files
    // that store into them from elsewhere are checked next, for those findings only.
    std::vector<std::string> importers = FilesNamingEditedContainers(files);
    std::vector<FileOutcome> importer_outcomes(importers.size());
    if (!importers.empty()) RunInParallel(importers, importer_outcomes);
    // And the files of the functions that a call the change edits runs (or hands on): their
    // findings that rest on the call (FL106 in lib/worker.py's main(), which the handler
    // of api/cron.py now calls).
    std::vector<std::string> called = FilesWhoseCallersChanged(files, importers);
    std::vector<FileOutcome> called_outcomes(called.size());
    if (!called.empty()) RunInParallel(called, called_outcomes);
    if (files.empty() && importers.empty() && called.empty() && !left_out.empty()) {
      NoteWhyNamedPathsWereNotChecked(left_out, project_.deployment_graph(), &result.problems);
    }

    std::map<std::string, NoqaMap, std::less<>> suppressions;
    auto collect = [&](const std::vector<std::string>& checked, std::vector<FileOutcome>& their_outcomes) {
      for (size_t i = 0; i < checked.size(); ++i) {
        FileOutcome& outcome = their_outcomes[i];
        result.files_checked += outcome.checked;
        std::move(outcome.findings.begin(), outcome.findings.end(), std::back_inserter(result.findings));
        std::move(outcome.problems.begin(), outcome.problems.end(), std::back_inserter(result.problems));
        if (!outcome.noqa.empty()) suppressions.emplace(checked[i], std::move(outcome.noqa));
      }
    };
    collect(files, outcomes);
    collect(importers, importer_outcomes);
    collect(called, called_outcomes);
    RunProjectRules(suppressions, &result);
    std::sort(result.findings.begin(), result.findings.end(), FindingLess);
    return result;
  }

 private:
  struct ActiveRule {
    const rules::Rule* rule;
    const rules::RuleOptions* options;
  };

  // "All checks passed (0 files checked)" after naming a worker script says nothing of why:
  // each named path whose Python files were all left out as not function code gets a note.
  // Only when nothing is checked, so that a pre-commit run naming a worker beside the app,
  // or a folder of both, stays quiet.
  void NoteWhyNamedPathsWereNotChecked(const std::vector<std::string>& left_out,
                                       const project::DeploymentGraph& graph,
                                       std::vector<Problem>* problems) const {
    for (const std::string& named : options_.paths) {
      auto under_named = [&](const std::string& path) { return UnderAnyPath(path, {named}); };
      if (std::none_of(left_out.begin(), left_out.end(), under_named)) continue;
      const bool named_file = std::find(left_out.begin(), left_out.end(), named) != left_out.end();
      std::string why;
      if (graph.loads_by_name) {
        why = named_file ? "a Django management command runs in a terminal (`manage.py`), not in a Vercel function"
                         : "Django management commands run in a terminal (`manage.py`), not in a Vercel function";
      } else if (graph.entries.empty() && project_.vercel_config() && project_.vercel_config()->root() &&
                 project_.vercel_config()->root()->Get("builds")) {
        // QA round 6: "no ... `builds`" read as wrong beside a `builds` of Node and static entries.
        why = "vercel.json's `builds` names no Python file of the project, and with `builds` Vercel deploys only "
              "what it names";
      } else if (graph.entries.empty()) {
        why = fmt::format("the project (found by {}) has no function entry: api/*.py, vercel.json `functions` or "
                          "`builds`, or an app entry such as app.py",
                          graph.detected_by);
      } else {
        why = fmt::format("no function entry ({}) imports {}", ListOfAtMostThree(graph.entries),
                          named_file ? "it, so it does not run in a Vercel function"
                                     : "a Python file under it, so none of them runs in a Vercel function");
      }
      problems->push_back({named.empty() ? "." : named, "not checked: " + why});
    }
  }

  static std::string ListOfAtMostThree(const std::set<std::string, std::less<>>& names) {
    std::string list;
    size_t count = 0;
    for (const std::string& name : names) {
      if (count++ == 3) return list + ", ...";
      list += (list.empty() ? "" : ", ") + name;
    }
    return list;
  }

  // The Python files whose lines the change edits, and the function files whose findings
  // depend on a change elsewhere (sorted).
  std::vector<std::string> PythonFilesToCheck() const {
    std::set<std::string> files;
    for (const std::string& path : changes_.FilesWithEditedLines()) {
      if (!IsPythonFile(path)) continue;
      if (!UnderAnyPath(path, options_.paths) || options_.filter.excluded(path)) continue;
      files.insert(path);
    }
    if (ChangeTouchesPackagesARuleReads()) {
      // The change to requirements.txt (or pyproject.toml, Pipfile) is named, or the run
      // is not narrowed: every function file's imports are judged against it again.
      const bool declarations_named = !options_.paths.empty() && NamesADeclarationFile();
      for (const std::string& path : project_.FunctionCode()) {
        if (!IsPythonFile(path) || options_.filter.excluded(path)) continue;
        if (declarations_named || UnderAnyPath(path, options_.paths)) files.insert(path);
      }
    }
    return {files.begin(), files.end()};
  }

  // Whether an enabled Python rule judges files by the packages the project declares
  // (FL607), and the change touches a file that declares them.
  bool ChangeTouchesPackagesARuleReads() const {
    auto reads_them = [](const ActiveRule& active) { return active.rule->info->reads_declared_packages; };
    const bool a_rule_reads_them = std::any_of(python_rules_.begin(), python_rules_.end(), reads_them);
    return a_rule_reads_them && project_.ChangeTouchesDeclaredPackages();
  }

  bool NamesADeclarationFile() const {
    const std::vector<std::string> declaring = project::DeclarationFiles(project_.declared_packages());
    return std::any_of(declaring.begin(), declaring.end(),
                       [&](const std::string& path) { return UnderAnyPath(path, options_.paths); });
  }

  // The function files the run did not check that name a container whose definition the
  // change edits (NoteEditedContainers): their stores into it (FL301's `from state import
  // SESSIONS`) depend on those lines. A store into it spells its name somewhere in the
  // file (the store, the import, an alias's `import ... as`), so naming it is the test:
  // too wide a test costs a parse, not a finding, since only findings that depend on the
  // change are kept from these files. Not narrowed to the run's paths, like the findings
  // of project rules, since pre-commit names only the edited module. A file new as a
  // whole (every file in --all) was checked already if it runs in a function.
  std::vector<std::string> FilesNamingEditedContainers(const std::vector<std::string>& checked) {
    if (!reads_imported_containers_ || EveryLineChanged()) return {};
    // Every edited module, checked or not (not function code itself, outside the run's
    // paths, refused as text), may hold a container function code stores into: the
    // module index reads it as FL301 does.
    for (const std::string& path : changes_.FilesWithEditedLines()) {
      if (IsPythonFile(path)) NoteEditedContainers(path);
    }
    if (edited_containers_.empty()) return {};
    std::vector<std::string> naming;
    for (const std::string& path : changes_.snapshot->files()) {
      if (!IsPythonFile(path) || std::binary_search(checked.begin(), checked.end(), path)) continue;
      if (auto lines = changes_.changed.find(path); lines != changes_.changed.end() && lines->second.all()) continue;
      if (options_.filter.excluded(path)) continue;
      std::string content, error;
      if (!changes_.snapshot->Read(path, &content, &error)) continue;  // not part of the change
      auto names = [&](const std::string& name) { return ContainsName(content, name); };
      if (std::any_of(edited_containers_.begin(), edited_containers_.end(), names)) naming.push_back(path);
    }
    if (naming.empty() || options_.settings.platform != Platform::kVercel) return naming;
    // Only function code (every file when the deployment graph finds no project).
    const project::DeploymentGraph& graph = WholeDeploymentGraph();
    std::erase_if(naming, [&](const std::string& path) { return !graph.IsFunctionCode(path); });
    return naming;
  }

  // Whether `path` runs in a function: every file where no Vercel project decides (Run);
  // a changed file as the run's graph says, which reached every one of them; any other
  // by the whole graph.
  bool IsFunctionCode(const std::string& path) const {
    if (options_.settings.platform != Platform::kVercel) return true;
    const project::DeploymentGraph& graph = project_.deployment_graph();
    auto changed = changes_.changed.find(path);
    if (graph.complete || (path.ends_with(".py") && changed != changes_.changed.end() && !changed->second.empty())) {
      return graph.IsFunctionCode(path);
    }
    return WholeDeploymentGraph().IsFunctionCode(path);
  }

  // The deployment graph walked whole: the run's own may have stopped once it reached the
  // edited files.
  const project::DeploymentGraph& WholeDeploymentGraph() const {
    const project::DeploymentGraph& graph = project_.deployment_graph();
    if (graph.complete) return graph;
    std::call_once(whole_graph_once_, [&] {
      python::Parser parser;
      whole_graph_ = project::BuildDeploymentGraph(*changes_.snapshot, parser, nullptr, options_.jobs);
    });
    return whole_graph_;
  }

  // The function files the run did not check whose findings rest on a call the change
  // edits (ModuleCallers::FilesWhoseCallersChanged), for the rules that read callers in
  // other modules. Not narrowed to the run's paths, like FilesNamingEditedContainers.
  std::vector<std::string> FilesWhoseCallersChanged(const std::vector<std::string>& checked,
                                                    const std::vector<std::string>& importers) const {
    if (!reads_callers_elsewhere_ || EveryLineChanged()) return {};
    std::vector<std::string> found;
    for (std::string& path : callers_.FilesWhoseCallersChanged(changes_)) {
      if (!IsPythonFile(path) || options_.filter.excluded(path)) continue;
      if (std::binary_search(checked.begin(), checked.end(), path) ||
          std::binary_search(importers.begin(), importers.end(), path)) {
        continue;
      }
      if (options_.settings.platform == Platform::kVercel && !WholeDeploymentGraph().IsFunctionCode(path)) continue;
      found.push_back(std::move(path));
    }
    return found;
  }

  // Notes the module-level containers of `path` whose defining lines the change reaches,
  // for FilesNamingEditedContainers.
  void NoteEditedContainers(const std::string& path) {
    for (const auto& [name, container] : modules_.ContainersIn(path)) {
      if (changes_.Touches(path, container.first_line, container.last_line)) edited_containers_.insert(name);
    }
  }

  // --all: every file of the snapshot, every line; nothing is left to check for a change.
  bool EveryLineChanged() const {
    const std::vector<std::string>& files = changes_.snapshot->files();
    return std::all_of(files.begin(), files.end(), [&](const std::string& path) {
      auto lines = changes_.changed.find(path);
      return lines != changes_.changed.end() && lines->second.all();
    });
  }

  // Narrowed runs (pre-commit names the staged files) still report a finding whose related
  // location or dependency was named.
  bool NamedThroughWhatItReads(const Finding& finding) const {
    if (options_.paths.empty()) return false;
    const std::vector<Dependency> read = WhatItReads(finding);
    auto named = [&](const Dependency& it) { return UnderAnyPath(it.path, options_.paths); };
    return std::any_of(read.begin(), read.end(), named);
  }

  // Each file is checked once, by the first worker to claim it: in its turn, or earlier,
  // when the module index asks for it (CheckNow). Each worker starts on a stretch of the
  // sorted list of its own and then takes what is left of the others', from their ends.
  // Neighbouring files are one package and import each other: workers that took turns
  // along one list kept needing a module the other was still parsing, and waited.
  void RunInParallel(const std::vector<std::string>& files, std::vector<FileOutcome>& outcomes) {
    outcomes_ = &outcomes;
    file_numbers_.clear();  // a second round's numbers only: the first round's files are published
    claimed_ = std::make_unique<std::atomic<bool>[]>(files.size());
    published_ = std::make_unique<Publications>(files.size());
    for (size_t i = 0; i < files.size(); ++i) file_numbers_.emplace(files[i], i);
    const unsigned workers = std::max(1u, std::min<unsigned>(options_.jobs, static_cast<unsigned>(files.size())));
    auto stretch_start = [&](unsigned worker) { return files.size() * worker / workers; };
    auto work = [&](unsigned worker) {
      python::Parser parser(options_.parse_time_limit);  // one per worker: not thread-safe
      auto check = [&](size_t i) {
        if (!claimed_[i].exchange(true)) outcomes[i] = CheckFile(parser, i, files[i]);
      };
      for (size_t i = stretch_start(worker); i < stretch_start(worker + 1); ++i) check(i);
      for (unsigned step = 1; step < workers; ++step) {
        const unsigned other = (worker + step) % workers;
        for (size_t i = stretch_start(other + 1); i > stretch_start(other); --i) check(i - 1);
      }
    };
    if (workers == 1) {
      work(0);
      return;
    }
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < workers; ++i) threads.emplace_back(work, i);
    for (std::thread& thread : threads) thread.join();
  }

  // The module index needs `path` before its turn: a file to check that no worker has
  // claimed is checked now, on this thread (which is inside another file's rules, so it
  // gets a parser of its own), and published; a file another worker is parsing is waited
  // for; otherwise (not a file to check, or refused) the index parses it itself.
  // A chain of imports checks files inside files; each level holds its module until its
  // rules finish, so the nesting is capped (past it the index keeps just a summary).
  void CheckNow(const std::string& path) {
    constexpr int kMaxNested = 32;
    auto number = file_numbers_.find(path);
    if (number == file_numbers_.end()) return;
    const size_t file = number->second;
    if (nested_checks_.fetch_add(1) < kMaxNested && !claimed_[file].exchange(true)) {
      python::Parser parser(options_.parse_time_limit);
      (*outcomes_)[file] = CheckFile(parser, file, number->first);
    } else if (claimed_[file]) {
      published_->Await(file);
    }
    nested_checks_.fetch_sub(1);
  }

  // The module of `path`, or nullptr with the reason in `problems` (unreadable, not
  // Python text, over a limit).
  std::unique_ptr<const python::Module> ParseToCheck(python::Parser& parser, const std::string& path,
                                                     std::vector<Problem>* problems) const {
    std::string content, error;
    if (!changes_.snapshot->Read(path, &content, &error)) {
      problems->push_back({path, fmt::format("cannot read: {}", error), true});
      return nullptr;
    }
    if (content.size() > kMaxPythonFileBytes) {
      problems->push_back(
          {path, fmt::format("skipped: {} bytes is over the {} MiB limit for a Python file", content.size(),
                             kMaxPythonFileBytes >> 20)});
      return nullptr;
    }
    if (std::string reason = python::NotPythonText(content); !reason.empty()) {
      problems->push_back({path, "skipped: " + reason});
      return nullptr;
    }
    std::unique_ptr<const python::Module> module = python::ParseModule(parser, path, std::move(content));
    if (module->too_deep_line() != 0) {
      problems->push_back({path, fmt::format("skipped: brackets nested more than {} levels deep (line {})",
                                             python::kMaxBracketDepth, module->too_deep_line())});
      return nullptr;
    }
    if (module->parse_abandoned()) {
      problems->push_back(
          {path, fmt::format("skipped: parsing took longer than the {:g} s limit for a file",
                             std::chrono::duration<double>(options_.parse_time_limit).count())});
      return nullptr;
    }
    // Not findings: no rule owns them, and Python says it better. But such a file fails
    // the deployment (the import raises), so it fails the run, and one checked only in
    // part must not read as clean.
    auto unimportable = [&](uint32_t line, std::string message) {
      problems->push_back({path, std::move(message), /*fatal=*/false, /*line=*/0, /*unimportable=*/true, line});
    };
    if (module->has_syntax_errors()) {
      unimportable(module->first_error_line(),
                   fmt::format("syntax error on line {}: checked as far as it parses", module->first_error_line()));
    } else if (module->first_indentation_error_line() != 0) {
      unimportable(module->first_indentation_error_line(),
                   fmt::format("indentation error on line {}: Python will not import this file",
                               module->first_indentation_error_line()));
    } else if (python::InvisibleCharacter invisible = module->invisible_character(); invisible.line != 0) {
      unimportable(invisible.line, fmt::format("invisible character U+{:04X} on line {}: Python will not import this file",
                                               static_cast<uint32_t>(invisible.code_point), invisible.line));
    }
    return module;
  }

  // File number `file` of the queue: parsed, published to the module index, then checked.
  FileOutcome CheckFile(python::Parser& parser, size_t file, const std::string& path) const {
    FileOutcome outcome;
    std::unique_ptr<const python::Module> module = ParseToCheck(parser, path, &outcome.problems);
    if (!module) {
      published_->Done(file);
      return outcome;
    }
    outcome.checked = true;
    // A file checked for its dependencies, or with lines removed only, has no changed line.
    static const LineSet kNoLines;
    auto changed_lines = changes_.changed.find(path);
    const LineSet& changed = changed_lines == changes_.changed.end() ? kNoLines : changed_lines->second;
    std::vector<Finding> found;
    const python::Values values(*module);
    const python::ModuleBackground background(*module);
    modules_.Publish(*module, background);
    published_->Done(file);
    for (const ActiveRule& active : python_rules_) {
      if (options_.filter.ignored_for_path(active.rule->info->code, path)) continue;
      rules::Sink sink(*active.rule->info, path, &found, &changed);
      const project::ModuleCallers* callers = active.rule->info->reads_callers_elsewhere ? &callers_ : nullptr;
      rules::PyContext context{*module, *active.options, options_.settings, &project_, &modules_, values, background,
                               callers};
      active.rule->python(context, sink);
    }
    if (reads_callers_elsewhere_) RecheckRunElsewhere(*module, changed, &found);
    // A fix is planned on the tree, and tree-sitter rebuilds a tree around a syntax error
    // as best it can: there a fix can land in the wrong place (a second `if __name__ ==
    // "__main__":` around a call whose guard the broken tree lost). A file Python cannot
    // import is reported, not fixed.
    const bool fixable = !module->python_refuses();
    for (Finding& finding : found) {
      uint32_t line = finding.location.range.start.line;
      if (finding.location.path != path) continue;  // Python rules report in their own file
      if (!changed.Intersects(line, line) && !DependsOnChange(finding, changes_)) continue;
      if (Suppressed(finding, module->Noqa(line))) continue;
      if (!fixable) finding.fix.clear();
      finding.source_line = SourceLineForFinding(module->Line(line));
      outcome.findings.push_back(std::move(finding));
    }
    NoteUnknownNoqaCodes(path, module->noqa(), changed, registry_, &outcome.problems);
    outcome.noqa = module->noqa();
    return outcome;
  }

  // A function its own module runs only under a guard (`if __name__ == "__main__":
  // save_report()`) takes everything in it off the platform, but a request handler of
  // another module may call it (`report.save_report()` in api/index.py): then it runs there
  // (ModuleCallers::RunElsewhere). A copy of the module is marked again with those functions
  // taken to run (python::RemarkedCopy, no second parse), and the rules that do not ask
  // ModuleCallers themselves (RuleInfo::reads_callers_elsewhere) check the copy instead:
  // their findings that the module did not give name the call in the other module (related)
  // and depend on the calls that lead there (Verdict::via), so a diff run that adds or
  // removes that call reports them exactly. A module with no such function, nearly every
  // one, is checked once.
  void RecheckRunElsewhere(const python::Module& module, const LineSet& changed, std::vector<Finding>* found) const {
    // Only where the Vercel project is found, and so which modules deploy: with none, every
    // file counts as function code, and "platform code elsewhere calls it" would only say
    // that some other file does. On the standard library, a repository of scripts with
    // `main()`s and no project, asking cost 13% more instructions for 7 modules of 150.
    if (options_.settings.platform != Platform::kVercel || !project_.deployment_graph().detected) return;
    const std::vector<int> run_elsewhere = callers_.RunElsewhere(module);
    if (run_elsewhere.empty()) return;
    std::unique_ptr<const python::Module> rerun = python::RemarkedCopy(module, run_elsewhere);
    const python::Values values(*rerun);
    const python::ModuleBackground background(*rerun);
    std::vector<Finding> again;
    for (const ActiveRule& active : python_rules_) {
      if (active.rule->info->reads_callers_elsewhere ||
          options_.filter.ignored_for_path(active.rule->info->code, module.path())) {
        continue;
      }
      rules::Sink sink(*active.rule->info, module.path(), &again, &changed);
      rules::PyContext context{*rerun, *active.options, options_.settings, &project_, &modules_, values, background,
                               nullptr};
      active.rule->python(context, sink);
    }
    // The functions the copy runs and the module did not, by index: those named, and
    // those only they call.
    const std::vector<python::Function>& functions = module.functions();
    std::vector<bool> flipped(functions.size(), false);
    for (size_t i = 0; i < functions.size(); ++i) {
      flipped[i] = functions[i].off_platform && !rerun->functions()[i].off_platform;
    }
    std::map<int, project::ModuleCallers::Verdict> verdicts;
    auto verdict_of = [&](int function) -> const project::ModuleCallers::Verdict& {
      auto known = verdicts.find(function);
      if (known == verdicts.end()) known = verdicts.emplace(function, callers_.Of(module, function)).first;
      return known->second;
    };
    // The innermost function around a finding, if the copy alone runs it.
    auto flipped_around = [&](const Position& at) {
      int inner = -1;
      for (size_t i = 0; i < functions.size(); ++i) {
        if (Encloses(functions[i].range, Range{at, at})) inner = static_cast<int>(i);  // preorder: inner last
      }
      return inner >= 0 && flipped[inner] ? inner : -1;
    };
    auto same = [](const Finding& a, const Finding& b) {
      return a.rule == b.rule && a.location == b.location && a.message == b.message;
    };
    std::vector<Finding> first;  // the module's findings of those rules, replaced
    std::erase_if(*found, [&](Finding& finding) {
      if (finding.rule->reads_callers_elsewhere) return false;
      first.push_back(std::move(finding));
      return true;
    });
    for (Finding& finding : again) {
      const bool before = std::any_of(first.begin(), first.end(), [&](const Finding& f) { return same(f, finding); });
      if (!before && finding.location.path == module.path()) {
        // In a function that runs because of the other module's call: that call; elsewhere
        // (a finding the change made in code it did not flip), every such call.
        std::vector<int> through;
        if (int inner = flipped_around(finding.location.range.start); inner >= 0) {
          through.push_back(inner);
        } else {
          through = run_elsewhere;
        }
        for (int function : through) {
          const project::ModuleCallers::Verdict& verdict = verdict_of(function);
          if (verdict.called_from && std::find(finding.related.begin(), finding.related.end(),
                                               *verdict.called_from) == finding.related.end()) {
            finding.related.push_back(*verdict.called_from);
          }
          for (const Location& call : verdict.via) {
            Dependency dependency = Dependency::LinesOf(call.path, call.range);
            if (std::find(finding.depends_on.begin(), finding.depends_on.end(), dependency) ==
                finding.depends_on.end()) {
              finding.depends_on.push_back(std::move(dependency));
            }
          }
        }
      }
      found->push_back(std::move(finding));
    }
  }

  void RunProjectRules(const std::map<std::string, NoqaMap, std::less<>>& suppressions, LintResult* result) {
    std::vector<Finding> found;
    for (const ActiveRule& active : project_rules_) {
      std::vector<Finding> rule_findings;
      rules::Sink sink(*active.rule->info, "", &rule_findings);
      rules::ProjectContext context{project_, *active.options, options_.settings};
      active.rule->project(context, sink);
      for (Finding& finding : rule_findings) {
        const std::string& path = finding.location.path;
        if (options_.filter.ignored_for_path(finding.code(), path)) continue;
        if ((options_.filter.excluded(path) || !UnderAnyPath(path, options_.paths)) &&
            !NamedThroughWhatItReads(finding)) {
          continue;
        }
        if (!InChange(finding, changes_)) continue;
        uint32_t line = finding.location.range.start.line;
        if (auto file = suppressions.find(path); file != suppressions.end()) {
          auto noqa = file->second.find(line);
          if (noqa != file->second.end() && Suppressed(finding, &noqa->second)) continue;
        }
        finding.source_line = SourceLine(path, line);
        found.push_back(std::move(finding));
      }
    }
    std::move(found.begin(), found.end(), std::back_inserter(result->findings));
    // An edited vercel.json is a file the run checked, as a Python file is ("N files checked").
    if (const auto* config = project_.vercel_config(); config && !project_rules_.empty()) {
      if (changes_.EditsLinesOf(config->path) && UnderAnyPath(config->path, options_.paths) &&
          !options_.filter.excluded(config->path)) {
        ++result->files_checked;
      }
    }
    if (project_.regexes().exhausted() && project_.vercel_config()) {
      // Not silent: the crons left unjudged must not read as routed correctly.
      result->problems.push_back({project_.vercel_config()->path,
                                  "some cron paths were not followed to their handlers: matching them against "
                                  "the route patterns would cost more than faaslint allows (large repetition "
                                  "counts?)"});
    }
  }

  std::string SourceLine(const std::string& path, uint32_t line) {
    auto it = line_cache_.find(path);
    if (it == line_cache_.end()) {
      std::string content, error;
      if (!changes_.snapshot->Read(path, &content, &error)) content.clear();
      it = line_cache_.emplace(path, std::move(content)).first;
    }
    return SourceLineForFinding(python::LineOf(it->second, line));
  }

  const ChangeSet& changes_;
  const LintOptions& options_;
  const rules::Registry& registry_;
  project::Project project_;
  project::ModuleIndex modules_;  // lazily parsed local modules, shared by the workers
  mutable std::once_flag whole_graph_once_;
  mutable project::DeploymentGraph whole_graph_;  // WholeDeploymentGraph, when the run's is not
  project::ModuleCallers callers_;  // who runs a function, across modules; shared by the workers
  std::deque<rules::RuleOptions> rule_options_;  // stable addresses
  std::vector<ActiveRule> python_rules_;
  std::vector<ActiveRule> project_rules_;
  std::map<std::string, std::string, std::less<>> line_cache_;
  // RunInParallel's outcomes, its files' numbers, who claimed them and which are
  // published, for CheckNow.
  std::vector<FileOutcome>* outcomes_ = nullptr;
  std::unique_ptr<std::atomic<bool>[]> claimed_;
  std::unique_ptr<Publications> published_;
  std::unordered_map<std::string, size_t> file_numbers_;
  std::atomic<int> nested_checks_{0};  // CheckNow calls in progress, on all threads
  bool reads_imported_containers_ = false;  // an enabled rule's findings depend on them
  bool reads_callers_elsewhere_ = false;    // ... on calls in other modules
  std::set<std::string, std::less<>> edited_containers_;  // their names: NoteEditedContainers
};

}  // namespace

std::string ProblemText(const Problem& problem) {
  if (problem.line == 0) return fmt::format("{}: {}", problem.path, problem.message);
  return fmt::format("{}:{}: {}", problem.path, problem.line, problem.message);
}

LintResult Lint(const ChangeSet& changes, const LintOptions& options, const rules::Registry& registry) {
  return Linter(changes, options, registry).Run();
}

}  // namespace faaslint::lint
