// Fingerprints decide whether code scanning and Code Quality see "the same problem"
// across runs: they must survive moved and re-indented lines, and change with the code.
#include <gtest/gtest.h>

#include <set>

#include "core/rule_info.h"
#include "report/fingerprint.h"
#include "support/report_sample.h"

namespace faaslint::report {
namespace {

constexpr RuleInfo kThread{"FL101", "background-thread", Severity::kError, "thread", ""};
constexpr RuleInfo kSleep{"FL402", "long-sleep", Severity::kWarning, "sleep", ""};

Finding At(const RuleInfo& rule, std::string path, uint32_t line, std::string source_line) {
  Finding finding;
  finding.rule = &rule;
  finding.location = Location{std::move(path), Range{{line, 1}, {line, 5}}};
  finding.message = "message";
  finding.source_line = std::move(source_line);
  return finding;
}

std::string FingerprintOf(const Finding& finding) { return ComputeFingerprints({finding})[0].ToString(); }

TEST(ReportFingerprint, SurvivesMovedAndReindentedLines) {
  const std::string original = FingerprintOf(At(kThread, "app.py", 3, "t = Thread(target=f)"));
  EXPECT_EQ(FingerprintOf(At(kThread, "app.py", 40, "t = Thread(target=f)")), original);
  EXPECT_EQ(FingerprintOf(At(kThread, "app.py", 3, "        t = Thread( target=f )\r")), original);
  EXPECT_EQ(original.size(), 16u + 2u);  // 16 hex digits, ":1"
  EXPECT_TRUE(original.ends_with(":1"));
}

TEST(ReportFingerprint, ChangesWithTextPathAndRule) {
  const std::string original = FingerprintOf(At(kThread, "app.py", 3, "t = Thread(target=f)"));
  EXPECT_NE(FingerprintOf(At(kThread, "app.py", 3, "t = Thread(target=g)")), original);
  EXPECT_NE(FingerprintOf(At(kThread, "api/app.py", 3, "t = Thread(target=f)")), original);
  EXPECT_NE(FingerprintOf(At(kSleep, "app.py", 3, "t = Thread(target=f)")), original);
}

TEST(ReportFingerprint, PartsCannotRunIntoEachOther) {
  EXPECT_NE(FingerprintOf(At(kThread, "a", 1, "bc")), FingerprintOf(At(kThread, "ab", 1, "c")));
}

TEST(ReportFingerprint, RepeatedLinesAreCountedNotMerged) {
  const std::vector<Fingerprint> fingerprints = ComputeFingerprints(
      {At(kThread, "app.py", 3, "start()"), At(kThread, "app.py", 5, "x = 1"), At(kThread, "app.py", 9, "start()")});
  EXPECT_EQ(fingerprints[0].line_hash, fingerprints[2].line_hash);
  EXPECT_EQ(fingerprints[0].occurrence, 1u);
  EXPECT_EQ(fingerprints[1].occurrence, 1u);
  EXPECT_EQ(fingerprints[2].occurrence, 2u);
  EXPECT_NE(fingerprints[0].ToString(), fingerprints[2].ToString());
}

TEST(ReportFingerprint, SampleFingerprintsAreUnique) {
  std::set<std::string> unique;
  for (const Fingerprint& fingerprint : ComputeFingerprints(testing::ReportSample())) {
    unique.insert(fingerprint.ToString());
  }
  EXPECT_EQ(unique.size(), testing::ReportSample().size());
}

TEST(ReportFingerprint, NormalizeDropsOnlyWhitespace) {
  EXPECT_EQ(NormalizeLineText("  a = b\t# c\r\n"), "a=b#c");
  EXPECT_EQ(NormalizeLineText("é 文"), "é文");
  EXPECT_EQ(NormalizeLineText(""), "");
}

}  // namespace
}  // namespace faaslint::report
