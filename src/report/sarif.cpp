// The `sarif` format: SARIF 2.1.0 for GitHub code scanning. Facts GitHub relies on are
// from its docs ("SARIF support for code scanning", docs.github.com):
// - rules need shortDescription, fullDescription and help; results need a ruleId and a
//   location; the validator's "Gh" rules check exactly these.
// - a PR alert is shown only when every line of its region is in the diff, so regions
//   are single-line (the end is clamped to the start line).
// - partialFingerprints.primaryLocationLineHash keeps alerts stable across pushes.
#include <fmt/format.h>

#include <map>

#include "core/rule_info.h"
#include "report/emitter.h"
#include "report/fingerprint.h"
#include "report/json_output.h"

namespace faaslint::report {
namespace {

constexpr std::string_view kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kSrcRoot = "%SRCROOT%";

// RFC 3986: everything but unreserved characters and the '/' separator is
// percent-encoded byte by byte (UTF-8 and any other bytes alike). ':' in particular:
// a relative path like "a:b.py" would otherwise parse as scheme "a".
std::string PercentEncodePath(std::string_view path) {
  std::string encoded;
  for (unsigned char c : path) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                            c == '~' || c == '/';
    if (unreserved) {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += fmt::format("%{:02X}", c);
    }
  }
  return encoded;
}

std::string_view SarifLevel(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "warning";
}

// The text under "## What it does" (up to the next heading): the rule's description
// without the example and the fix, which `help` carries.
std::string WhatItDoes(const RuleInfo& rule) {
  constexpr std::string_view kHeading = "## What it does";
  const std::string_view text = rule.explanation;
  size_t start = text.find(kHeading);
  if (start == std::string_view::npos) return std::string(rule.summary);
  start += kHeading.size();
  size_t end = text.find("\n#", start);
  std::string_view section = text.substr(start, end == std::string_view::npos ? end : end - start);
  const size_t first = section.find_first_not_of(" \t\r\n");
  const size_t last = section.find_last_not_of(" \t\r\n");
  if (first == std::string_view::npos) return std::string(rule.summary);
  return std::string(section.substr(first, last - first + 1));
}

Json RuleJson(const RuleInfo& rule) {
  const std::string explanation(rule.explanation.empty() ? rule.summary : rule.explanation);
  return Json{
      {"id", rule.code},
      {"name", rule.name},
      {"shortDescription", {{"text", rule.summary}}},
      {"fullDescription", {{"text", WhatItDoes(rule)}}},
      {"help", {{"text", explanation}, {"markdown", explanation}}},
      {"helpUri", fmt::format("{}/blob/main/docs/rules/{}.md", FAASLINT_REPOSITORY_URL, rule.code)},
      {"defaultConfiguration", {{"level", SarifLevel(rule.severity)}}},
  };
}

// A single-line region (see the file comment). Without endColumn a region runs to the
// end of its line, which is what a range continuing onto later lines needs (and what
// an empty range is shown as, rather than an invisible zero-width region).
Json RegionJson(const Range& range) {
  Json region{{"startLine", range.start.line},
              {"startColumn", range.start.column},
              {"endLine", range.start.line}};
  if (range.end.line == range.start.line && range.end.column > range.start.column) {
    region["endColumn"] = range.end.column;
  }
  return region;
}

Json PhysicalLocationJson(const Location& location) {
  return Json{{"physicalLocation",
               {{"artifactLocation",
                 {{"uri", PercentEncodePath(location.path)}, {"uriBaseId", kSrcRoot}}},
                {"region", RegionJson(location.range)}}}};
}

// Every registered rule, in registry order, then rules only findings know about (tests
// and plugins): ruleIndex is the position in this list.
class RuleTable {
 public:
  explicit RuleTable(const rules::Registry& registry) {
    for (const rules::Rule& rule : registry.all()) Add(*rule.info);
  }
  size_t IndexOf(const RuleInfo& rule) {
    auto it = index_.find(rule.code);
    if (it != index_.end()) return it->second;
    return Add(rule);
  }
  Json ToJson() const {
    Json list = Json::array();
    for (const RuleInfo* rule : rules_) list.push_back(RuleJson(*rule));
    return list;
  }

 private:
  size_t Add(const RuleInfo& rule) {
    index_.emplace(rule.code, rules_.size());
    rules_.push_back(&rule);
    return rules_.size() - 1;
  }
  std::vector<const RuleInfo*> rules_;
  std::map<std::string_view, size_t> index_;
};

std::string MessageText(const Finding& finding) {
  if (finding.help.empty()) return finding.message;
  return fmt::format("{}\n\nHelp: {}", finding.message, finding.help);
}

}  // namespace

void EmitSarif(const std::vector<Finding>& findings, const EmitContext& context, std::ostream& out) {
  const std::vector<Fingerprint> fingerprints = ComputeFingerprints(findings);
  RuleTable rules(context.registry);
  Json results = Json::array();
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& finding = findings[i];
    Json result{{"ruleId", finding.code()},
                {"ruleIndex", rules.IndexOf(*finding.rule)},
                {"level", SarifLevel(finding.severity())},
                {"message", {{"text", MessageText(finding)}}},
                {"locations", Json::array({PhysicalLocationJson(finding.location)})},
                {"partialFingerprints", {{"primaryLocationLineHash", fingerprints[i].ToString()}}}};
    if (!finding.related.empty()) {
      Json related = Json::array();
      for (size_t r = 0; r < finding.related.size(); ++r) {
        Json location = PhysicalLocationJson(finding.related[r]);
        location["id"] = r + 1;
        related.push_back(std::move(location));
      }
      result["relatedLocations"] = std::move(related);
    }
    results.push_back(std::move(result));
  }

  Json run{{"tool",
            {{"driver",
              {{"name", "faaslint"},
               {"version", FAASLINT_VERSION},
               {"semanticVersion", FAASLINT_VERSION},
               {"informationUri", FAASLINT_REPOSITORY_URL},
               {"rules", rules.ToJson()}}}}}};
  if (!context.root.empty()) {
    std::string root = context.root;
    if (root.back() != '/') root.push_back('/');
    run["originalUriBaseIds"] = {{kSrcRoot, {{"uri", "file://" + PercentEncodePath(root)}}}};
  }
  run["results"] = std::move(results);
  run["columnKind"] = "unicodeCodePoints";
  // A file Python will not import is no result of a rule: SARIF's place for what kept the
  // tool from analysing something is the invocation's notifications (SARIF 2.1.0,
  // 3.20.21 toolExecutionNotifications), at level "error" since the run fails on it.
  if (!context.unimportable.empty()) {
    Json notifications = Json::array();
    for (const UnimportableFile& file : context.unimportable) {
      Location location{file.path, Range{{std::max<uint32_t>(file.line, 1), 1}, {std::max<uint32_t>(file.line, 1), 1}}};
      notifications.push_back(Json{{"level", "error"},
                                   {"message", {{"text", "Python will not import this file: " + file.message}}},
                                   {"locations", Json::array({PhysicalLocationJson(location)})}});
    }
    run["invocations"] = Json::array(
        {Json{{"executionSuccessful", true}, {"toolExecutionNotifications", std::move(notifications)}}});
  }

  WriteJson(Json{{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", Json::array({std::move(run)})}},
            out);
}

}  // namespace faaslint::report
