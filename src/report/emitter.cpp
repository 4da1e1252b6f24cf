#include "report/emitter.h"

namespace faaslint::report {

namespace {
struct FormatEntry {
  Format format;
  std::string_view name;
};
constexpr FormatEntry kFormats[] = {
    {Format::kText, "text"},     {Format::kJson, "json"},     {Format::kSarif, "sarif"},
    {Format::kGithub, "github"}, {Format::kGitlab, "gitlab"}, {Format::kMarkdown, "markdown"},
};
}  // namespace

std::optional<Format> ParseFormat(std::string_view name) {
  for (const FormatEntry& entry : kFormats) {
    if (entry.name == name) return entry.format;
  }
  return std::nullopt;
}

std::string_view FormatName(Format format) {
  for (const FormatEntry& entry : kFormats) {
    if (entry.format == format) return entry.name;
  }
  return "text";
}

void Emit(Format format, const std::vector<Finding>& findings, const EmitContext& context,
          std::ostream& out) {
  switch (format) {
    case Format::kText: return EmitText(findings, context, out);
    case Format::kJson: return EmitJson(findings, context, out);
    case Format::kSarif: return EmitSarif(findings, context, out);
    case Format::kGithub: return EmitGithub(findings, context, out);
    case Format::kGitlab: return EmitGitlab(findings, context, out);
    case Format::kMarkdown: return EmitMarkdown(findings, context, out);
  }
}

}  // namespace faaslint::report
