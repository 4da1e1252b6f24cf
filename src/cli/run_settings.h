// Settings of one check run: the configuration file merged with the command line.
#pragma once

#include <string>

#include "cli/options.h"
#include "core/finding.h"
#include "lint/lint.h"
#include "rules/registry.h"

namespace faaslint::cli {

struct RunSettings {
  lint::LintOptions lint;  // settings, filter and rule options; paths/jobs set by the caller
  Severity fail_on = Severity::kWarning;
};

bool ResolveRunSettings(const CheckOptions& options, const std::string& cwd, const rules::Registry& registry,
                        RunSettings* out, std::string* error);

}  // namespace faaslint::cli
