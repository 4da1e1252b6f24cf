// `faaslint check`: changes -> lint -> emitters, and the exit code.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "cli/options.h"
#include "cli/pre_commit_mode.h"
#include "cli/project_folder.h"
#include "cli/run_settings.h"
#include "core/atomic_file.h"
#include "core/log_text.h"
#include "core/text_edit.h"
#include "lint/fix.h"
#include "lint/lint.h"
#include "report/emitter.h"

namespace faaslint::cli {
namespace {

namespace fs = std::filesystem;

// One line each, whatever a file name holds: CI shows stderr in the job log.
void PrintError(const std::string& message) { std::fprintf(stderr, "faaslint: %s\n", LogSafe(message).c_str()); }

bool UseColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && !(no_color && *no_color) && !(term && std::string_view(term) == "dumb");
}

// A PATH that does not exist is most often a mistyped subcommand (`faaslint explain`).
std::string NoSuchPath(std::string_view path) {
  return fmt::format("{}: no such file or directory (`faaslint --help` lists the subcommands)", path);
}

// PATH arguments are relative to where faaslint runs; the pipeline wants them
// relative to the project root.
bool RootRelativePaths(const std::vector<std::string>& paths, const Snapshot& snapshot,
                       std::vector<std::string>* out, std::string* error) {
  fs::path root(snapshot.root());
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
    fs::path relative = absolute.lexically_relative(root);
    std::string text = relative.generic_string();
    if (ec || relative.empty() || text == ".." || text.starts_with("../")) {
      *error = fmt::format("{}: outside the project at {}", path, root.string());
      return false;
    }
    if (text == ".") text.clear();
    bool known = text.empty() || fs::exists(absolute, ec) ||
                 std::binary_search(snapshot.files().begin(), snapshot.files().end(), text);
    if (!known) {
      *error = NoSuchPath(path);
      return false;
    }
    out->push_back(text);
  }
  return true;
}

// `--diff`: the fixes as a unified diff on stdout; exit 1 when there is one (like ruff).
int PrintFixDiff(const std::vector<lint::FileFix>& fixes, bool quiet) {
  size_t count = 0, files = 0;
  for (const lint::FileFix& fix : fixes) {
    std::string diff = UnifiedDiff(fix.before, fix.after, fix.path);
    if (diff.empty()) continue;
    std::fwrite(diff.data(), 1, diff.size(), stdout);
    count += fix.fixed.size();
    ++files;
  }
  std::fflush(stdout);
  if (!quiet) {
    std::fprintf(stderr, "faaslint: %zu fix%s in %zu file%s would be applied by --fix\n", count,
                 count == 1 ? "" : "es", files, files == 1 ? "" : "s");
  }
  return files > 0 ? kExitFindings : kExitClean;
}

void PrintFixSummary(const std::vector<lint::FileFix>& fixes, bool staged) {
  size_t count = 0, files = 0;
  for (const lint::FileFix& fix : fixes) {
    count += fix.fixed.size();
    files += !fix.fixed.empty();
    for (const Finding* skipped : fix.skipped) {
      PrintError(fmt::format("{}:{}:{}: {} not fixed: its fix overlaps one applied first; run --fix again",
                             skipped->location.path, skipped->location.range.start.line,
                             skipped->location.range.start.column, skipped->code()));
    }
  }
  PrintError(fmt::format("fixed {} finding{} in {} file{}", count, count == 1 ? "" : "s", files,
                         files == 1 ? "" : "s"));
  if (staged && count > 0) {
    PrintError("the fixes are in the working tree, not the index: review them and `git add` them to commit");
  }
}

}  // namespace

int RunCheck(const CheckOptions& options) {
  std::error_code ec;
  std::string cwd = fs::current_path(ec).string();
  if (ec) {
    PrintError("cannot read the working directory: " + ec.message());
    return kExitError;
  }
  const rules::Registry& registry = rules::Registry::Get();

  RunSettings settings;
  std::string error;
  if (!ResolveRunSettings(options, cwd, registry, &settings, &error)) {
    PrintError(error);
    return kExitError;
  }
  settings.lint.jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());

  git::DiffMode mode = options.mode;
  std::string base_ref = options.base_ref;
  if (options.pre_commit) StartPreCommitMode(&mode, &base_ref);

  ChangeSet changes;
  lint::LintResult result;
  std::string root;
  // Like ruff and flake8, no PATH means the folder faaslint runs in (the project rules
  // still see the whole project).
  std::vector<std::string> paths = options.paths;
  if (paths.empty()) paths.push_back(".");
  bool notes_printed = false;
  auto read_changes = [&]() {
    changes = {};
    settings.lint.paths.clear();
    bool read = git::ComputeChanges({cwd, mode, base_ref}, &changes, &error);
    if (!read) {
      // A mistyped subcommand (`faaslint explain FL301`) is a PATH that does not exist:
      // say that, not that the folder is no repository.
      auto missing = std::find_if(options.paths.begin(), options.paths.end(), [](const std::string& path) {
        std::error_code ec;
        return !fs::exists(path, ec);
      });
      if (missing != options.paths.end()) error = NoSuchPath(*missing);
    }
    if (!notes_printed && !options.quiet) {
      for (const std::string& note : changes.notes) PrintError(note);
    }
    notes_printed = true;
    if (!read || !RootRelativePaths(paths, *changes.snapshot, &settings.lint.paths, &error)) {
      PrintError(error);
      return false;
    }
    return true;
  };
  // Changes -> lint; run again after --fix so the report shows what remains.
  auto lint_changes = [&]() {
    if (!read_changes()) return false;
    if (options.pre_commit && mode == git::DiffMode::kStaged && !options.paths.empty() &&
        NamesUnstagedFile(settings.lint.paths, changes)) {
      if (!options.quiet) {
        PrintError("pre-commit named files with nothing staged (`pre-commit run --all-files` or --files): "
                   "checking them whole");
      }
      mode = git::DiffMode::kAll;
      if (!read_changes()) return false;
    }
    root = changes.snapshot->root();
    result = LintEachProject(changes, settings.lint, registry);
    return true;
  };
  if (!lint_changes()) return kExitError;

  if (options.fix || options.diff) {
    std::vector<lint::FileFix> fixes = lint::PlanFixes(result.findings, *changes.snapshot, &result.problems);
    if (options.diff) {
      for (const lint::Problem& problem : result.problems) {
        if (problem.fatal) PrintError(lint::ProblemText(problem));
      }
      bool fatal = std::any_of(result.problems.begin(), result.problems.end(),
                               [](const lint::Problem& problem) { return problem.fatal; });
      int status = PrintFixDiff(fixes, options.quiet);
      return fatal ? kExitError : status;
    }
    bool staged = mode == git::DiffMode::kStaged;
    if (!lint::WriteFixes(fixes, changes.snapshot->root(), staged, &error)) {
      PrintError(error);
      return kExitError;
    }
    if (!options.quiet) PrintFixSummary(fixes, staged);
    if (!fixes.empty() && !lint_changes()) return kExitError;
  }

  bool fatal = false;
  std::map<std::string_view, const lint::Problem*> unimportable;  // the first problem of each file
  for (const lint::Problem& problem : result.problems) {
    fatal = fatal || problem.fatal;
    if (problem.unimportable) unimportable.emplace(problem.path, &problem);
    if (problem.fatal || !options.quiet) PrintError(lint::ProblemText(problem));
  }

  report::EmitContext context{registry, root, false, result.files_checked, options.quiet};
  for (const auto& [path, problem] : unimportable) {
    context.unimportable.push_back({problem->path, problem->refused_line, problem->message});
  }
  for (const OutputSpec& output : options.outputs) {
    report::Format format = *report::ParseFormat(output.format);
    std::ostringstream rendered;
    context.color = output.file.empty() && format == report::Format::kText && UseColor(options.color);
    report::Emit(format, result.findings, context, rendered);
    if (output.file.empty()) {
      std::fwrite(rendered.str().data(), 1, rendered.str().size(), stdout);
      continue;
    }
    std::fflush(stdout);  // the file may be stdout by another name (/dev/stdout): keep the order
    if (!WriteFileAtomically(output.file, rendered.str(), &error)) {
      PrintError(error);
      fatal = true;
    }
  }
  std::fflush(stdout);

  if (fatal) return kExitError;
  if (options.exit_zero) return kExitClean;
  // A file Python will not import fails the deployment like an error finding, whatever
  // --fail-on says (QA round 4: a commit with a syntax error passed the hook).
  bool failing = !unimportable.empty() ||
                 std::any_of(result.findings.begin(), result.findings.end(),
                             [&](const Finding& finding) { return finding.severity() >= settings.fail_on; });
  return failing ? kExitFindings : kExitClean;
}

}  // namespace faaslint::cli
