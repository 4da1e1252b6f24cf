// The `json` format: faaslint's own schema for scripts, documented field by field in
// docs/output-formats.md. Bump kSchemaVersion on any change a script could notice
// (renamed or removed fields, changed meaning); adding a field does not bump it.
#include "core/rule_info.h"
#include "report/counts.h"
#include "report/emitter.h"
#include "report/fingerprint.h"
#include "report/json_output.h"

namespace faaslint::report {
namespace {

constexpr int kSchemaVersion = 1;

Json PositionJson(const Position& position) {
  return Json{{"line", position.line}, {"column", position.column}};
}

Json LocationJson(const Location& location) {
  return Json{{"path", location.path},
              {"start", PositionJson(location.range.start)},
              {"end", PositionJson(location.range.end)}};
}

}  // namespace

void EmitJson(const std::vector<Finding>& findings, const EmitContext& context, std::ostream& out) {
  const std::vector<Fingerprint> fingerprints = ComputeFingerprints(findings);
  Json list = Json::array();
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& finding = findings[i];
    Json related = Json::array();
    for (const Location& location : finding.related) related.push_back(LocationJson(location));
    list.push_back(Json{{"code", finding.code()},
                        {"name", finding.rule->name},
                        {"severity", SeverityName(finding.severity())},
                        {"message", finding.message},
                        {"help", finding.help},
                        {"location", LocationJson(finding.location)},
                        {"related", std::move(related)},
                        {"fingerprint", fingerprints[i].ToString()}});
  }
  Json unimportable = Json::array();
  for (const UnimportableFile& file : context.unimportable) {
    unimportable.push_back(Json{{"path", file.path}, {"line", file.line}, {"message", file.message}});
  }
  const SeverityCounts counts = CountBySeverity(findings);
  Json document{
      {"version", kSchemaVersion},
      {"tool", {{"name", "faaslint"}, {"version", FAASLINT_VERSION}}},
      {"summary",
       {{"files_checked", context.files_checked},
        {"findings", findings.size()},
        {"errors", counts.errors},
        {"warnings", counts.warnings},
        {"notes", counts.notes},
        {"files_unimportable", context.unimportable.size()}}},
      {"findings", std::move(list)},
      {"unimportable", std::move(unimportable)}};
  WriteJson(document, out);
}

}  // namespace faaslint::report
