// One emitter per format, all fed the same sorted Finding list. Emitters never
// decide anything: what is reported was settled before they run.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "rules/registry.h"

namespace faaslint::report {

enum class Format { kText, kJson, kSarif, kGithub, kGitlab, kMarkdown };

std::optional<Format> ParseFormat(std::string_view name);
std::string_view FormatName(Format format);

// A file Python will not import (a syntax, indentation or invisible-character error): the
// run fails on it like on an error finding, so the formats scripts and CI read carry it
// beside the findings (QA round 6: a JSON report of no findings from a run that exited 1).
struct UnimportableFile {
  std::string path;
  uint32_t line = 0;    // 1-based: where Python stops; 0 when unknown
  std::string message;  // "syntax error on line 4: checked as far as it parses"
};

struct EmitContext {
  const rules::Registry& registry;
  std::string root;           // absolute project root (SARIF's %SRCROOT%)
  bool color = false;         // text only: ANSI colours
  size_t files_checked = 0;   // for summaries
  bool quiet = false;         // text only: findings without the closing summary
  std::vector<UnimportableFile> unimportable;  // one per file, sorted by path
};

void Emit(Format format, const std::vector<Finding>& findings, const EmitContext& context,
          std::ostream& out);

// The per-format writers, one file each.
void EmitText(const std::vector<Finding>& findings, const EmitContext& context, std::ostream& out);
void EmitJson(const std::vector<Finding>& findings, const EmitContext& context, std::ostream& out);
void EmitSarif(const std::vector<Finding>& findings, const EmitContext& context, std::ostream& out);
void EmitGithub(const std::vector<Finding>& findings, const EmitContext& context, std::ostream& out);
void EmitGitlab(const std::vector<Finding>& findings, const EmitContext& context, std::ostream& out);
void EmitMarkdown(const std::vector<Finding>& findings, const EmitContext& context, std::ostream& out);

}  // namespace faaslint::report
