// examples/README.md promises that `faaslint init` and `check --fix` take the broken
// example most of the way, and lists what is left for a person. This runs exactly that,
// with the real binary on a copy of the example, and holds the README to it.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "support/test_support.h"

namespace faaslint {
namespace {

namespace fs = std::filesystem;
using testing::RunFaaslint;
using testing::TempDir;

std::string ExamplesDir() { return std::string(FAASLINT_SOURCE_DIR) + "/examples"; }

std::set<std::string> Codes(const std::string& text, const std::regex& pattern) {
  std::set<std::string> codes;
  for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) codes.insert((*it)[1]);
  return codes;
}

// The codes on the README's "Left after init and --fix:" line.
std::set<std::string> DocumentedRemaining() {
  std::string readme = testing::ReadFile(ExamplesDir() + "/README.md");
  size_t at = readme.find("Left after `init` and `check --fix`:");
  if (at == std::string::npos) return {"(the README has no 'Left after' line)"};
  std::string line = readme.substr(at, readme.find('\n', at) - at);
  return Codes(line, std::regex(R"((FL\d{3}))"));
}

bool RuleExists(const std::string& code, const std::string& cwd) {
  return RunFaaslint({"rule", code}, cwd).exit_code == 0;
}

TEST(ExampleInitFix, BrokenAppBecomesDeployableExceptWhatTheReadmeLists) {
  TempDir dir;
  std::string app = dir / "app";
  fs::copy(ExamplesDir() + "/broken-flask-app", app, fs::copy_options::recursive);
  std::string broken_app_py = testing::ReadFile(app + "/app.py");

  // init never overwrites: the broken vercel.json is shown, not replaced.
  auto refused = RunFaaslint({"init"}, app);
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.out.find("vercel.json exists; init would change it:"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("-  // send every request to the Flask app"), std::string::npos) << refused.out;
  EXPECT_FALSE(fs::exists(app + "/api/index.py"));

  // As the story does: throw the broken vercel.json away and start from init's.
  fs::remove(app + "/vercel.json");
  auto init = RunFaaslint({"init"}, app);
  ASSERT_EQ(init.exit_code, 0) << init.out << init.err;
  EXPECT_NE(init.out.find("found the Flask app `app` in app.py:15"), std::string::npos) << init.out;
  EXPECT_NE(init.out.find("check_events() runs as a thread"), std::string::npos) << init.out;
  EXPECT_NE(testing::ReadFile(app + "/vercel.json").find("\"path\": \"/api/check-events\""), std::string::npos);

  auto fixed = RunFaaslint({"check", "--all", "--fix", "--color", "never"}, app);
  EXPECT_NE(fixed.err.find("fixed "), std::string::npos) << fixed.err;
  std::string app_py = testing::ReadFile(app + "/app.py");
  EXPECT_NE(app_py.find("requests.post(WEBHOOK_URL, json={\"event\": event[\"name\"]}, timeout=10)"),
            std::string::npos)
      << app_py;
  if (RuleExists("FL103", app)) {
    EXPECT_NE(app_py.find("if not os.environ.get(\"VERCEL\"):\n    start_background_checker()\n"), std::string::npos)
        << app_py;
  }

  // What remains is what the README says remains; the fixable rules are silent.
  std::set<std::string> remaining = Codes(fixed.out, std::regex(R"(\n?[^\n:]+:\d+:\d+: (FL\d{3}) )"));
  for (const char* fixable : {"FL103", "FL401", "FL403"}) EXPECT_EQ(remaining.count(fixable), 0u) << fixable;
  EXPECT_EQ(remaining, DocumentedRemaining()) << fixed.out;

  // --fix changed only what its fixes touch: every original line is still there.
  EXPECT_GT(app_py.size(), broken_app_py.size());
  auto second = RunFaaslint({"check", "--all", "--diff"}, app);
  EXPECT_EQ(second.out, "") << "nothing left to fix mechanically";
}

}  // namespace
}  // namespace faaslint
