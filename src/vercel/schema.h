// The vercel.json schema: which properties exist at every level and what type and
// range each takes. It mirrors the validators Vercel publishes — the CLI's
// `validateConfig` (vercel@58.10.0, src/util/validate-config.ts, built from
// @vercel/build-utils `getFunctionsSchema`/`buildsSchema` and @vercel/routing-utils
// schemas 6.6.0) and @vercel/fs-detectors `validateFunctions` (7.7.3) — plus the
// deployment API's rule that unknown top-level properties are rejected (the CLI lets
// them pass; a deploy fails). Top-level property list: @vercel/config 0.7.2
// `VercelConfig` (dist/types.d.ts) and the CLI schema's own top-level keys.
// Where they disagree faaslint follows the stricter; docs/vercel-compat.md lists each case.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"
#include "vercel/json.h"

namespace faaslint::vercel {

enum class SchemaIssueKind {
  kUnknownProperty,  // FL602
  kInvalidValue,     // FL603: wrong type, out of range, missing required property
};

struct SchemaIssue {
  SchemaIssueKind kind;
  Range range;
  std::string path;     // `functions['api/*.py'].memory`, as Vercel's errors write it
  std::string message;
  std::string help;
};

// Validates a whole vercel.json document (the root value). Plan-independent: the
// plan's caps are checked by FL603 itself (vercel/plan_limits.h).
std::vector<SchemaIssue> ValidateSchema(const JsonValue& root);

}  // namespace faaslint::vercel
