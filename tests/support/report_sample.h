// The one sample every report format renders (tests/unit/report_*_test.cpp), with the
// characters that break naive emitters: '%', CR/LF, ':' and ',', '|' and backticks,
// HTML and Markdown syntax, unicode, a workflow-command injection in a file name, every
// severity, multi-line ranges and related locations.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"
#include "report/emitter.h"
#include "rules/registry.h"

namespace faaslint::testing {

// Sorted with FindingLess, as the pipeline hands findings to emitters. Its rules are
// test-only RuleInfos that are not registered.
const std::vector<Finding>& ReportSample();
// The project root the sample is rendered against (has a space and non-ASCII).
inline constexpr const char* kSampleRoot = "/home/dev/my app/événements";
inline constexpr size_t kSampleFilesChecked = 7;

// Renders findings in one format. With no registry given, an empty one, so goldens do
// not change when real rules are added or reworded.
std::string Render(report::Format format, const std::vector<Finding>& findings,
                   const rules::Registry* registry = nullptr);

// Compares `actual` with tests/fixtures/report/<name>. The tool version and repository
// URL are replaced by {{version}} and {{repository}} first, so a release does not
// touch the goldens. To accept new output after a deliberate change, run the tests
// with FAASLINT_UPDATE_GOLDEN=1: the goldens are rewritten (review the git diff).
void ExpectMatchesGolden(const std::string& name, const std::string& actual);

// The SARIF validator's native executable (installed by scripts/install-test-tools.sh),
// or empty when the tools are not installed. Called directly, not through npm's
// bin.js, which passes arguments through a shell and so splits "Gh;Sarif" at ';'.
std::string SarifMultitool();

// One problem the validator reports about a SARIF file.
struct SarifProblem {
  std::string rule_id;  // e.g. "GH2012", "SARIF1004"
  std::string level;    // "error" or "warning"
  std::string json;     // the validator's whole result, for failure messages
};

// Runs `Sarif.Multitool validate --rule-kind "Gh;Sarif"` (SARIF's own rules plus
// GitHub's ingestion rules) on `sarif` and returns its error- and warning-level
// results. The tool exits 0 even when the input is invalid, so the verdict is read
// from the log it writes. Needs SarifMultitool() to be non-empty.
std::vector<SarifProblem> ValidateSarif(const std::string& sarif);
std::string Describe(const std::vector<SarifProblem>& problems);

}  // namespace faaslint::testing
