// The command line only: parse arguments, call the library, map results to exit codes.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "cli/options.h"
#include "report/emitter.h"

namespace {

using faaslint::cli::CheckOptions;

constexpr std::string_view kCommands[] = {"check", "rules", "rule", "init"};

// `check` is the default command: `faaslint src/` means `faaslint check src/`.
std::vector<std::string> WithDefaultCommand(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  bool top_level_only = !args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "--version" ||
                                          args[0] == "-V");
  bool has_command = !args.empty() && std::find(std::begin(kCommands), std::end(kCommands), args[0]) != std::end(kCommands);
  if (!top_level_only && !has_command) args.insert(args.begin(), "check");
  std::reverse(args.begin(), args.end());  // CLI11 consumes a reversed vector
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"faaslint: find what breaks a Python app on serverless platforms before it is committed", "faaslint"};
  app.set_version_flag("-V,--version", fmt::format("faaslint {}", FAASLINT_VERSION));
  app.require_subcommand(1);

  CheckOptions check;
  std::vector<std::string> formats, select, ignore;
  bool staged = false, all = false;
  CLI::App* check_cmd = app.add_subcommand("check", "Check the Python and Vercel files a change touches (the default command)");
  check_cmd->add_option("PATH", check.paths, "Files or folders to check (default: the folder faaslint runs in); project rules still see the whole project");
  check_cmd->footer(
      "Exit status: 0 nothing at or above --fail-on, 1 findings or a file Python will not import, 2 usage, config, "
      "repository or internal error.");
  auto* staged_opt = check_cmd->add_flag("--staged", staged, "Check what is staged: HEAD vs the index, content from the index (pre-commit)");
  auto* base_opt = check_cmd->add_option("--base", check.base_ref, "Check the lines changed since merge-base(REF, HEAD) (CI on a branch)");
  auto* all_opt = check_cmd->add_flag("--all", all, "Check every line of every file, changed or not");
  auto* pre_commit_opt = check_cmd->add_flag(
      "--pre-commit", check.pre_commit,
      "What the pre-commit hooks run: the staged lines of a commit; the named files whole under `pre-commit run "
      "--all-files` or `--files`; the lines changed since --from-ref under `--from-ref/--to-ref` (pre-push)");
  staged_opt->excludes(base_opt)->excludes(all_opt)->excludes(pre_commit_opt);
  base_opt->excludes(all_opt)->excludes(pre_commit_opt);
  all_opt->excludes(pre_commit_opt);
  // The list options take one value per occurrence (repeat the option, or separate codes
  // with commas): CLI11's default for a vector takes every word that follows, and
  // `--select FL401 app.py` read `app.py` as a rule code.
  auto one_value_each = [](CLI::Option* option) {
    option->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  };
  one_value_each(check_cmd->add_option(
      "--format", formats,
      "Output format, repeatable: text, json, sarif, github, gitlab, markdown; FMT:FILE writes it to FILE")
      ->type_name("FMT[:FILE]"));
  auto* config_opt = check_cmd->add_option("--config", check.config_file, "Read this configuration file instead of discovering one");
  auto* no_config_opt = check_cmd->add_flag("--no-config", check.no_config, "Ignore configuration files");
  config_opt->excludes(no_config_opt);
  one_value_each(check_cmd->add_option(
      "--select", select,
      "Only these rule codes, prefixes or names (comma-separated or repeated, e.g. FL1,FL401); replaces the config's select"));
  one_value_each(check_cmd->add_option(
      "--ignore", ignore,
      "Skip these rule codes, prefixes or names (comma-separated or repeated); adds to the config's ignore"));
  check_cmd->add_option("--platform", check.platform, "Target platform (default: vercel)")
      ->check(CLI::IsMember({"vercel", "aws-lambda", "generic"}));
  check_cmd->add_option("--plan", check.plan, "Vercel plan for duration and cron limits (default: hobby)")
      ->check(CLI::IsMember({"hobby", "pro", "enterprise"}));
  check_cmd->add_option("--fail-on", check.fail_on, "Lowest severity that fails the run (default: warning)")
      ->check(CLI::IsMember({"error", "warning", "note"}));
  check_cmd->add_flag("--exit-zero", check.exit_zero, "Exit 0 even when there are findings");
  check_cmd->add_option("-j,--jobs", check.jobs, "Parallel workers (default: one per core)")->check(CLI::Range(1u, 256u));
  check_cmd->add_flag("-q,--quiet", check.quiet, "Print findings only: no summary, no notes");
  check_cmd->add_option("--color", check.color, "Colour text output (default: auto, on a terminal)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  auto* fix_opt = check_cmd->add_flag(
      "--fix", check.fix,
      "Apply the mechanical fixes (FL101/FL401 guards, FL403 timeout=) to the reported lines, then report what "
      "remains; refused with --staged on a file with unstaged changes");
  auto* diff_opt = check_cmd->add_flag("--diff", check.diff,
                                       "Print what --fix would change as a unified diff and change nothing "
                                       "(exit 1 when there is something to fix)");
  fix_opt->excludes(diff_opt);

  CLI::App* rules_cmd = app.add_subcommand("rules", "List every rule: code, name, severity, summary");
  std::string rule_name;
  CLI::App* rule_cmd = app.add_subcommand("rule", "Explain a rule: what it finds, why it breaks, an example, the fix");
  rule_cmd->add_option("CODE", rule_name, "A rule code (FL101) or name (background-thread)")->required();
  std::string init_dir = ".";
  CLI::App* init_cmd = app.add_subcommand(
      "init", "Write the missing Vercel files for the app in DIR: vercel.json, api/index.py, .vercelignore. "
              "Never overwrites: exits 1 and writes nothing when one exists");
  init_cmd->add_option("DIR", init_dir, "The project folder (default: the current one)");
  init_cmd->footer(
      "Exit status: 0 the files were written (or already hold what init writes), 1 a file exists with other "
      "content (its diff is printed, nothing is written), 2 no app found, or an error.");

  // Set after the commands are added, which would otherwise inherit it.
  app.footer("With no SUBCOMMAND, `check` runs: `faaslint --all` is `faaslint check --all`.");
  try {
    app.parse(WithDefaultCommand(argc, argv));
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    std::replace(message.begin(), message.end(), '\n', ' ');
    std::fprintf(stderr, "faaslint: %s (see faaslint --help)\n", message.c_str());
    return faaslint::cli::kExitError;
  }

  if (rules_cmd->parsed()) return faaslint::cli::RunRules();
  if (rule_cmd->parsed()) return faaslint::cli::RunRule(rule_name);
  if (init_cmd->parsed()) return faaslint::cli::RunInit(init_dir);

  if (staged) check.mode = faaslint::git::DiffMode::kStaged;
  if (all) check.mode = faaslint::git::DiffMode::kAll;
  if (!check.base_ref.empty()) check.mode = faaslint::git::DiffMode::kBase;
  check.select = select;
  check.ignore = ignore;
  for (const std::string& spec : formats) {
    size_t colon = spec.find(':');
    faaslint::cli::OutputSpec output{spec.substr(0, colon), colon == std::string::npos ? "" : spec.substr(colon + 1)};
    if (!faaslint::report::ParseFormat(output.format)) {
      std::fprintf(stderr, "faaslint: unknown format '%s' (text, json, sarif, github, gitlab, markdown)\n",
                   output.format.c_str());
      return faaslint::cli::kExitError;
    }
    if (colon != std::string::npos && output.file.empty()) {
      std::fprintf(stderr, "faaslint: --format %s: the file name after ':' is empty\n", spec.c_str());
      return faaslint::cli::kExitError;
    }
    check.outputs.push_back(std::move(output));
  }
  if (check.outputs.empty()) check.outputs.push_back({"text", ""});
  return faaslint::cli::RunCheck(check);
}
