// The GitLab CI job (action/gitlab/faaslint.gitlab-ci.yml): its script,
// action/gitlab/run.sh, run with the CI_* variables of a merge-request pipeline in a
// clone made the way the runner makes it (GIT_DEPTH 20), its Code Quality report
// checked against the fields GitLab requires; the template parsed with yaml-cpp.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "support/integrations.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

using json = nlohmann::json;
using testing::CommandResult;
using testing::Git;
using testing::TempDir;

using testing::kMainApp;

class GitlabCiTest : public ::testing::Test {
 protected:
  // origin: main holds a clean app importing legacy.py (a thread start from before); the
  // merge request's branch starts a thread in app.py, then adds 25 more commits, so a
  // GIT_DEPTH 20 clone does not reach the base.
  void SetUp() override {
    origin_ = tmp_ / "origin";
    base_ = testing::InitMainWithLegacyThread(tmp_, "origin");
    tmp_.Write("origin/app.py", std::string(kMainApp) + "import threading\nthreading.Thread(target=index).start()\n");
    testing::GitCommitAll(origin_, "start a thread");
    for (int i = 0; i < 25; ++i) {
      tmp_.Write("origin/notes/" + std::to_string(i) + ".txt", "note\n");
      testing::GitCommitAll(origin_, "note " + std::to_string(i));
    }
    Git(origin_, {"checkout", "-q", "main"});
    tmp_.Write("origin/main.txt", "main moved on\n");
    testing::GitCommitAll(origin_, "main moves on");
    head_ = testing::RevParse(origin_, "feature");
  }

  // What the runner does with GIT_DEPTH 20 (its default), in short.
  std::string ShallowClone(const std::string& branch, int depth = 20) {
    std::string clone = tmp_ / ("clone-" + branch);
    Git(tmp_.path(), {"clone", "-q", "--depth", std::to_string(depth), "--branch", branch, "file://" + origin_, clone});
    return clone;
  }

  // The predefined variables of a merge request pipeline (docs.gitlab.com, "Predefined
  // CI/CD variables reference"); CI_COMMIT_BEFORE_SHA is all zeros there.
  CommandResult RunJob(const std::string& project_dir, std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> env = {
        {"GITLAB_CI", "true"},
        {"CI", "true"},
        {"CI_PROJECT_DIR", project_dir},
        {"CI_PIPELINE_SOURCE", "merge_request_event"},
        {"CI_MERGE_REQUEST_DIFF_BASE_SHA", base_},
        {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"},
        {"CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feature"},
        {"CI_COMMIT_SHA", head_},
        {"CI_COMMIT_BEFORE_SHA", std::string(40, '0')},
        {"CI_COMMIT_REF_NAME", "feature"},
        {"CI_DEFAULT_BRANCH", "main"},
        {"FAASLINT_BIN", FAASLINT_BINARY},
        {"HOME", tmp_.path()},
        {"GIT_CONFIG_NOSYSTEM", "1"}};
    for (auto& [key, value] : extra) env[key] = value;
    return testing::Run({std::string(FAASLINT_SOURCE_DIR) + "/action/gitlab/run.sh"}, project_dir, env);
  }

  TempDir tmp_;
  std::string origin_, base_, head_;
};

// GitLab's Code Quality report format (docs.gitlab.com, "Code Quality", implement a
// custom tool): description, check_name, fingerprint, severity, location.path,
// location.lines.begin are required; severity is one of info, minor, major, critical,
// blocker; GitLab stops at the first invalid entry.
void ExpectValidCodeQualityReport(const json& report, const std::string& project_dir) {
  ASSERT_TRUE(report.is_array()) << report.dump(2);
  std::set<std::string> fingerprints;
  for (const json& issue : report) {
    for (const char* key : {"description", "check_name", "fingerprint", "severity"}) {
      ASSERT_TRUE(issue.contains(key) && issue[key].is_string() && !issue[key].get<std::string>().empty())
          << key << " in " << issue.dump(2);
    }
    EXPECT_TRUE(std::set<std::string>({"info", "minor", "major", "critical", "blocker"}).count(issue["severity"]))
        << issue.dump(2);
    EXPECT_TRUE(fingerprints.insert(issue["fingerprint"]).second) << "duplicate fingerprint " << issue.dump(2);
    ASSERT_TRUE(issue["location"]["path"].is_string()) << issue.dump(2);
    ASSERT_TRUE(issue["location"]["lines"]["begin"].is_number_integer()) << issue.dump(2);
    EXPECT_GE(issue["location"]["lines"]["begin"].get<int>(), 1);
    std::string path = issue["location"]["path"];
    EXPECT_TRUE(std::filesystem::exists(project_dir + "/" + path)) << "not repository-relative: " << path;
  }
}

TEST_F(GitlabCiTest, MergeRequestInADepth20CloneFetchesTheBaseAndReportsTheChangedLines) {
  std::string clone = ShallowClone("feature");
  ASSERT_NE(testing::Run({"git", "cat-file", "-e", base_}, clone).exit_code, 0) << "the test needs a clone without the base";
  CommandResult run = RunJob(clone);
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  // The text report is in the job log; the legacy thread start is not reported.
  EXPECT_NE(run.out.find("app.py:12:1: FL101"), std::string::npos) << run.out << run.err;
  EXPECT_EQ(run.out.find("legacy.py"), std::string::npos) << run.out;

  json report = json::parse(testing::ReadFile(clone + "/gl-code-quality-report.json"), nullptr, false);
  ASSERT_FALSE(report.is_discarded());
  ExpectValidCodeQualityReport(report, clone);
  ASSERT_EQ(report.size(), 1u) << report.dump(2);
  EXPECT_EQ(report[0]["check_name"], "FL101");
  EXPECT_EQ(report[0]["location"]["path"], "app.py");
  EXPECT_EQ(report[0]["location"]["lines"]["begin"], 12);
  EXPECT_EQ(report[0]["severity"], "critical");
  // The job's own files stay out of the change (info/exclude).
  EXPECT_EQ(Git(clone, {"status", "--porcelain"}), "");
}

// A partial clone (GIT_FETCH_EXTRA_FLAGS: --filter=blob:none) has none of the base's
// files, which faaslint alone cannot fetch; the job has git fetch the ones it compares.
TEST_F(GitlabCiTest, PartialCloneFetchesTheBaseFilesItCompares) {
  Git(origin_, {"config", "uploadpack.allowFilter", "true"});
  std::string clone = tmp_ / "partial";
  Git(tmp_.path(), {"clone", "-q", "--filter=blob:none", "--branch", "feature", "file://" + origin_, clone});
  CommandResult alone = testing::RunFaaslint({"check", "--base", base_}, clone);
  ASSERT_EQ(alone.exit_code, 2) << "the test needs a clone without the base's files: " << alone.out;
  EXPECT_NE(alone.err.find("this is a partial clone"), std::string::npos) << alone.err;

  CommandResult run = RunJob(clone);
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("faaslint: a partial clone: fetching the files of"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("app.py:12:1: FL101"), std::string::npos) << run.out << run.err;
  EXPECT_EQ(run.out.find("legacy.py"), std::string::npos) << run.out;
}

TEST_F(GitlabCiTest, CleanMergeRequestPassesWithAnEmptyReport) {
  Git(origin_, {"checkout", "-q", "-b", "clean", base_});
  tmp_.Write("origin/README.md", "docs\n");
  testing::GitCommitAll(origin_, "docs only");
  std::string clean = ShallowClone("clean");
  CommandResult run = RunJob(clean, {{"CI_COMMIT_SHA", testing::RevParse(clean, "HEAD")}});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  json report = json::parse(testing::ReadFile(clean + "/gl-code-quality-report.json"), nullptr, false);
  EXPECT_TRUE(report.is_array() && report.empty()) << report.dump(2);
}

TEST_F(GitlabCiTest, FailOnDecidesWhetherAWarningFailsTheJob) {
  Git(origin_, {"checkout", "-q", "-b", "warning", base_});
  tmp_.Write("origin/alerts.py", "import requests\n\n\ndef send():\n    return requests.get(\"https://x.example\")\n");
  tmp_.Write("origin/app.py", std::string(kMainApp) + "import alerts\n");
  testing::GitCommitAll(origin_, "a call without a timeout");
  std::string clone = ShallowClone("warning");
  std::map<std::string, std::string> vars = {{"CI_COMMIT_SHA", testing::RevParse(clone, "HEAD")}};

  vars["FAASLINT_FAIL_ON"] = "error";
  CommandResult errors_only = RunJob(clone, vars);
  EXPECT_EQ(errors_only.exit_code, 0) << errors_only.out << errors_only.err;
  json report = json::parse(testing::ReadFile(clone + "/gl-code-quality-report.json"), nullptr, false);
  ExpectValidCodeQualityReport(report, clone);
  EXPECT_EQ(report.size(), 1u) << "reported, though it does not fail the job: " << report.dump(2);

  vars["FAASLINT_FAIL_ON"] = "warning";
  EXPECT_EQ(RunJob(clone, vars).exit_code, 1);

  vars["FAASLINT_FAIL_ON"] = "fatal";
  CommandResult unknown = RunJob(clone, vars);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("fail-on"), std::string::npos) << unknown.err;
}

TEST_F(GitlabCiTest, TooShallowToDeepenFailsWithTheGitDepthHint) {
  // Deepening disabled by a fetch that cannot work (no origin): faaslint must not
  // report "no changes" but fail and say how to fix it.
  std::string clone = ShallowClone("feature");
  Git(clone, {"remote", "set-url", "origin", tmp_ / "gone"});
  CommandResult run = RunJob(clone);
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("GIT_DEPTH: 0"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(clone + "/gl-code-quality-report.json"));
}

TEST_F(GitlabCiTest, BranchPipelineUsesBeforeShaOrTheDefaultBranch) {
  std::string clone = ShallowClone("feature");
  std::map<std::string, std::string> push = {{"CI_PIPELINE_SOURCE", "push"},
                                             {"CI_MERGE_REQUEST_DIFF_BASE_SHA", ""},
                                             {"CI_COMMIT_BRANCH", "feature"},
                                             {"CI_COMMIT_BEFORE_SHA", testing::RevParse(origin_, "feature~1")}};
  // The last push added a note only: nothing to report.
  CommandResult last_push = RunJob(clone, push);
  EXPECT_EQ(last_push.exit_code, 0) << last_push.out << last_push.err;

  // A new branch (before = zeros): compared with the default branch.
  push["CI_COMMIT_BEFORE_SHA"] = std::string(40, '0');
  CommandResult new_branch = RunJob(clone, push);
  EXPECT_EQ(new_branch.exit_code, 1) << new_branch.out << new_branch.err;
  EXPECT_NE(new_branch.out.find("app.py:12:1: FL101"), std::string::npos) << new_branch.out;
  EXPECT_EQ(new_branch.out.find("legacy.py"), std::string::npos) << new_branch.out;
}

TEST(GitlabTemplate, ParsesAndDefinesTheJob) {
  const std::string path = std::string(FAASLINT_SOURCE_DIR) + "/action/gitlab/faaslint.gitlab-ci.yml";
  YAML::Node ci = YAML::LoadFile(path);
  YAML::Node hidden = ci[".faaslint"];
  ASSERT_TRUE(hidden.IsMap());
  ASSERT_TRUE(hidden["script"].IsSequence());
  std::string script;
  for (const YAML::Node& line : hidden["script"]) script += line.as<std::string>() + "\n";
  EXPECT_NE(script.find("action/gitlab/run.sh"), std::string::npos) << script;
  EXPECT_EQ(hidden["artifacts"]["reports"]["codequality"].as<std::string>(), "gl-code-quality-report.json");
  EXPECT_EQ(hidden["artifacts"]["when"].as<std::string>(), "always") << "the report must survive a failing job";
  EXPECT_EQ(hidden["cache"]["when"].as<std::string>(), "always") << "so must the build";
  for (const char* variable : {"FAASLINT_SOURCE", "FAASLINT_REF", "FAASLINT_BIN", "FAASLINT_FAIL_ON", "FAASLINT_CONFIG",
                               "FAASLINT_ALL"}) {
    EXPECT_TRUE(hidden["variables"][variable]) << variable;
    std::string run_sh = testing::ReadFile(std::string(FAASLINT_SOURCE_DIR) + "/action/gitlab/run.sh");
    if (std::string(variable) != "FAASLINT_SOURCE" && std::string(variable) != "FAASLINT_REF") {
      EXPECT_NE(run_sh.find(variable), std::string::npos) << variable << " is declared but run.sh ignores it";
    }
  }
  YAML::Node job = ci["faaslint"];
  ASSERT_TRUE(job.IsMap());
  EXPECT_EQ(job["extends"].as<std::string>(), ".faaslint");
  bool merge_requests = false;
  for (const YAML::Node& rule : job["rules"]) {
    merge_requests = merge_requests || rule["if"].as<std::string>().find("merge_request_event") != std::string::npos;
  }
  EXPECT_TRUE(merge_requests);
}

}  // namespace
}  // namespace faaslint
