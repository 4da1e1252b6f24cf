// Arbitrary findings through every emitter. The bytes decide paths, messages, help,
// source lines, positions and related locations; the rules are the registered ones.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "ci_log.h"
#include "core/utf8.h"
#include "harness.h"
#include "report/emitter.h"

namespace faaslint::fuzz {
namespace {

using nlohmann::json;

class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}
  bool empty() const { return pos_ >= data_.size(); }
  uint8_t Byte() { return empty() ? 0 : static_cast<uint8_t>(data_[pos_++]); }
  // Mostly small numbers, sometimes huge ones.
  uint32_t Number() {
    uint8_t kind = Byte();
    if (kind < 250) return kind;
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) value = (value << 8) | Byte();
    return value;
  }
  std::string Text() {
    size_t length = Byte();
    if (length >= 200) length = (length - 200) * 256 + Byte();
    std::string text(data_.substr(std::min(pos_, data_.size()), length));
    pos_ += text.size();
    return text;
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

Range ReadRange(ByteReader& in) {
  Range range;
  range.start = {std::max<uint32_t>(1, in.Number()), std::max<uint32_t>(1, in.Number())};
  range.end = {range.start.line + in.Byte() % 3, std::max<uint32_t>(1, in.Number())};
  if (range.end.line == range.start.line) range.end.column = std::max(range.end.column, range.start.column);
  return range;
}

std::vector<Finding> ReadFindings(ByteReader& in, const rules::Registry& registry) {
  std::vector<Finding> findings;
  const size_t count = in.Byte() % 12;
  for (size_t i = 0; i < count && !in.empty(); ++i) {
    Finding finding;
    finding.rule = registry.all()[in.Byte() % registry.all().size()].info;
    finding.location.path = in.Text();
    finding.location.range = ReadRange(in);
    finding.message = in.Text();
    finding.help = in.Text();
    finding.source_line = in.Text();
    for (size_t related = in.Byte() % 3; related > 0; --related) {
      finding.related.push_back(Location{in.Text(), ReadRange(in)});
    }
    findings.push_back(std::move(finding));
  }
  std::sort(findings.begin(), findings.end(), FindingLess);  // as the pipeline hands them over
  return findings;
}

std::string Render(report::Format format, const std::vector<Finding>& findings, const report::EmitContext& context) {
  std::ostringstream out;
  report::Emit(format, findings, context, out);
  return std::move(out).str();
}

bool ValidUtf8(std::string_view text) { return !FindInvalidUtf8(text).has_value(); }

// What one input emits: the findings and the files Python will not import (taken from
// the findings' own hostile paths and messages, see CheckEmitters).
struct Emitted {
  const std::vector<Finding>& findings;
  const std::vector<report::UnimportableFile>& unimportable;
};

std::string CheckJson(const std::string& output, const Emitted& emitted) {
  const std::vector<Finding>& findings = emitted.findings;
  json document = json::parse(output, nullptr, false);
  if (document.is_discarded()) return "json: not valid JSON";
  const json& list = document["findings"];
  if (!list.is_array() || list.size() != findings.size()) return "json: not one entry per finding";
  const json& unimportable = document["unimportable"];
  if (!unimportable.is_array() || unimportable.size() != emitted.unimportable.size() ||
      document["summary"]["files_unimportable"] != emitted.unimportable.size()) {
    return "json: not one entry per file Python will not import";
  }
  for (size_t i = 0; i < emitted.unimportable.size(); ++i) {
    const report::UnimportableFile& file = emitted.unimportable[i];
    if (ValidUtf8(file.path) && unimportable[i]["path"] != file.path) return "json: an unimportable path changed";
    if (unimportable[i]["line"] != file.line) return "json: an unimportable line changed";
  }
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& finding = findings[i];
    if (ValidUtf8(finding.message) && list[i]["message"] != finding.message) return "json: a message changed";
    if (ValidUtf8(finding.location.path) && list[i]["location"]["path"] != finding.location.path) {
      return "json: a path changed";
    }
  }
  return {};
}

// Per input: the results, and each result's ruleIndex naming its rule in the catalogue.
// The catalogue holds only the findings' rules here (see CheckEmitters).
std::string CheckSarif(const std::string& output, const Emitted& emitted) {
  const std::vector<Finding>& findings = emitted.findings;
  json document = json::parse(output, nullptr, false);
  if (document.is_discarded()) return "sarif: not valid JSON";
  if (document["version"] != "2.1.0") return "sarif: not version 2.1.0";
  const json& run = document["runs"][0];
  if (emitted.unimportable.empty() == run.contains("invocations")) {
    return "sarif: invocations present exactly when a file Python will not import is";
  }
  if (!emitted.unimportable.empty()) {
    const json& notifications = run["invocations"][0]["toolExecutionNotifications"];
    if (!notifications.is_array() || notifications.size() != emitted.unimportable.size()) {
      return "sarif: not one notification per file Python will not import";
    }
    for (const json& notification : notifications) {
      const json& region = notification["locations"][0]["physicalLocation"]["region"];
      if (!region["startLine"].is_number_integer() || region["startLine"].get<int64_t>() < 1) {
        return "sarif: a notification region without a startLine >= 1";
      }
    }
  }
  const json& rules = document["runs"][0]["tool"]["driver"]["rules"];
  const json& results = document["runs"][0]["results"];
  if (!results.is_array() || results.size() != findings.size()) return "sarif: not one result per finding";
  for (const json& result : results) {
    const json& region = result["locations"][0]["physicalLocation"]["region"];
    if (!region["startLine"].is_number_integer() || region["startLine"].get<int64_t>() < 1) {
      return "sarif: a region without a startLine >= 1";
    }
    const json& index = result["ruleIndex"];
    if (!index.is_number_unsigned() || index.get<size_t>() >= rules.size() ||
        rules[index.get<size_t>()]["id"] != result["ruleId"]) {
      return "sarif: a ruleIndex that does not name the result's rule";
    }
  }
  return {};
}

// The catalogue of every registered rule with its full help does not depend on the
// input, and dumping and parsing it cost 95% of each run: it is checked once per
// process (each rule once, with the texts GitHub requires), and the inputs are emitted
// against a registry without rules, so their catalogue lists only the rules they use.
const std::string& CatalogueProblem() {
  static const std::string problem = [] {
    const rules::Registry& registry = rules::Registry::Get();
    const std::string output = Render(report::Format::kSarif, {}, report::EmitContext{registry, "/project"});
    json document = json::parse(output, nullptr, false);
    if (document.is_discarded()) return std::string("sarif: the rule catalogue is not valid JSON");
    const json& rules = document["runs"][0]["tool"]["driver"]["rules"];
    if (!rules.is_array() || rules.size() != registry.all().size()) return std::string("sarif: not every rule listed");
    for (size_t i = 0; i < rules.size(); ++i) {
      if (rules[i]["id"] != registry.all()[i].info->code) return fmt::format("sarif: rule {} out of order", i);
      for (const char* key : {"shortDescription", "fullDescription", "help"}) {
        const json& text = rules[i][key]["text"];
        if (!text.is_string() || text.get<std::string>().empty()) {
          return fmt::format("sarif: rule {} has no {}", registry.all()[i].info->code, key);
        }
      }
    }
    return std::string();
  }();
  return problem;
}

std::string CheckGitlab(const std::string& output, const Emitted& emitted) {
  json document = json::parse(output, nullptr, false);
  if (document.is_discarded()) return "gitlab: not valid JSON";
  if (!document.is_array() || document.size() != emitted.findings.size() + emitted.unimportable.size()) {
    return "gitlab: not one issue per finding and per file Python will not import";
  }
  std::set<std::string> fingerprints;
  for (const json& issue : document) {
    for (const char* key : {"description", "check_name", "fingerprint", "severity"}) {
      if (!issue[key].is_string()) return fmt::format("gitlab: '{}' is not a string", key);
    }
    if (!issue["location"]["path"].is_string()) return "gitlab: location.path is not a string";
    if (!issue["location"]["lines"]["begin"].is_number_integer()) return "gitlab: location.lines.begin";
    if (!fingerprints.insert(issue["fingerprint"].get<std::string>()).second) return "gitlab: duplicate fingerprint";
  }
  return {};
}

std::string CheckGithub(const std::string& output, const Emitted& emitted) {
  std::vector<std::string_view> lines = RunnerLines(output);
  if (lines.size() != emitted.findings.size() + emitted.unimportable.size()) {
    return fmt::format("github: {} lines for {} findings and {} files Python will not import", lines.size(),
                       emitted.findings.size(), emitted.unimportable.size());
  }
  // An empty path (a project-wide finding) is an annotation without a file: the runner
  // drops an empty property, so only non-empty paths are expected back.
  std::multiset<std::string> expected_files, seen_files;
  for (const Finding& finding : emitted.findings) {
    if (!finding.location.path.empty()) expected_files.insert(finding.location.path);
  }
  for (const report::UnimportableFile& file : emitted.unimportable) {
    if (!file.path.empty()) expected_files.insert(file.path);
  }
  for (std::string_view line : lines) {
    std::optional<WorkflowCommand> command = ParseV2Command(line);
    if (!command) return "github: a line that is not a workflow command";
    if (command->name != "error" && command->name != "warning" && command->name != "notice") {
      return "github: unexpected command " + command->name;
    }
    if (!command->properties.count("line") && command->properties["title"] != "Python will not import this file") {
      return "github: a command without a line";
    }
    if (command->properties.count("file")) seen_files.insert(command->properties["file"]);
  }
  // The runner's unescaping gives back exactly the paths: no property was cut short.
  if (seen_files != expected_files) return "github: a file property does not survive the runner's unescaping";
  return {};
}

// Text goes to CI logs: none of its lines may be a workflow command.
std::string CheckNoCommands(std::string_view format, const std::string& output) {
  for (std::string_view line : RunnerLines(output)) {
    if (ParseV2Command(line)) return fmt::format("{}: a line is a workflow command: {}", format, line);
    if (HasLegacyCommandPrefix(line)) return fmt::format("{}: a line holds '##[': {}", format, line);
  }
  return {};
}

// Both tables have four columns: five unescaped '|' per row, whatever a cell holds.
std::string CheckMarkdown(const std::string& output) {
  for (std::string_view line : RunnerLines(output)) {
    if (!line.starts_with('|')) continue;
    size_t pipes = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\') ++i;
      else pipes += line[i] == '|';
    }
    if (pipes != 5) return fmt::format("markdown: a table row with {} cell borders: {}", pipes, line);
  }
  return {};
}

}  // namespace

std::string CheckEmitters(std::string_view data) {
  if (const std::string& broken = CatalogueProblem(); !broken.empty()) return broken;
  const rules::Registry& registry = rules::Registry::Get();
  static const rules::Registry kNoRules(std::vector<rules::Rule>{});
  ByteReader in(data);
  const uint8_t flags = in.Byte();
  report::EmitContext context{registry, "/" + in.Text(), (flags & 1) != 0, in.Number(), (flags & 2) != 0};
  const std::vector<Finding> findings = ReadFindings(in, registry);
  // With flag 4, the first findings' files (up to three, one each) are also files Python
  // will not import, with their hostile paths and messages, as the CLI passes them on.
  for (const Finding& finding : findings) {
    if ((flags & 4) == 0 || context.unimportable.size() == 3) break;
    const bool seen = std::any_of(context.unimportable.begin(), context.unimportable.end(),
                                  [&](const report::UnimportableFile& file) { return file.path == finding.location.path; });
    if (!seen) context.unimportable.push_back({finding.location.path, finding.location.range.start.line, finding.message});
  }
  std::sort(context.unimportable.begin(), context.unimportable.end(),
            [](const report::UnimportableFile& a, const report::UnimportableFile& b) { return a.path < b.path; });
  const Emitted emitted{findings, context.unimportable};

  const std::string text = Render(report::Format::kText, findings, context);
  if (std::string broken = CheckNoCommands("text", text); !broken.empty()) return broken;
  report::EmitContext without_catalogue{kNoRules,         context.root,  context.color, context.files_checked,
                                        context.quiet, context.unimportable};
  if (std::string broken = CheckSarif(Render(report::Format::kSarif, findings, without_catalogue), emitted);
      !broken.empty()) {
    return broken;
  }
  using Check = std::string (*)(const std::string&, const Emitted&);
  const std::pair<Check, report::Format> checks[] = {{CheckJson, report::Format::kJson},
                                                     {CheckGitlab, report::Format::kGitlab},
                                                     {CheckGithub, report::Format::kGithub}};
  for (auto [check, format] : checks) {
    if (std::string broken = check(Render(format, findings, context), emitted); !broken.empty()) return broken;
  }
  return CheckMarkdown(Render(report::Format::kMarkdown, findings, context));
}

}  // namespace faaslint::fuzz
