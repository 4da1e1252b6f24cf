// The vercel.json and cron rules through the real binary on a project folder.
#include <gtest/gtest.h>

#include "support/test_support.h"

namespace faaslint::testing {
namespace {

void WriteProject(const TempDir& dir, const std::string& vercel_json) {
  dir.Write("vercel.json", vercel_json);
  dir.Write("requirements.txt", "flask\n");
  dir.Write("api/index.py",
            "import os\n\nfrom flask import Flask, abort, request\n\napp = Flask(__name__)\n\n\n"
            "@app.get(\"/api/cron\")\ndef cron():\n"
            "    if request.headers.get(\"Authorization\") != f\"Bearer {os.environ['CRON_SECRET']}\":\n"
            "        abort(401)\n    return \"ok\"\n");
}

constexpr const char* kBroken = R"J({
  // every five minutes
  "rewrites": [{"source": "/(.*)", "destination": "/api/index"}],
  "crons": [{"path": "/api/cron", "schedule": "*/5 * * * MON"}],
  "public": true
}
)J";

TEST(VercelProjectCli, ReportsEveryConfigProblemWithPositions) {
  TempDir dir;
  WriteProject(dir, kBroken);
  CommandResult result = RunFaaslint({"check", "--all", "--color", "never"}, dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("vercel.json:2:3: FL601 comments are not allowed in JSON (`//` comment)"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("vercel.json:4:58: FL701 invalid cron schedule \"*/5 * * * MON\": day of week field: "
                            "names like `MON` are not supported, use numbers; the day of week field takes 0-6 "
                            "(Sunday is 0)"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("vercel.json:5:3: FL602 unknown property `public` at the top level of vercel.json"),
            std::string::npos)
      << result.out;
}

TEST(VercelProjectCli, CleanProjectPasses) {
  TempDir dir;
  WriteProject(dir, R"J({
  "rewrites": [{"source": "/(.*)", "destination": "/api/index"}],
  "crons": [{"path": "/api/cron", "schedule": "0 8 * * 1-5"}]
}
)J");
  CommandResult result = RunFaaslint({"check", "--all", "--color", "never"}, dir.path());
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

TEST(VercelProjectCli, PlanAndPlatformChangeWhatIsReported) {
  TempDir dir;
  WriteProject(dir, R"J({
  "rewrites": [{"source": "/(.*)", "destination": "/api/index"}],
  "crons": [{"path": "/api/cron", "schedule": "*/5 * * * *"}]
}
)J");
  CommandResult hobby = RunFaaslint({"check", "--all", "--color", "never"}, dir.path());
  EXPECT_EQ(hobby.exit_code, 1);
  EXPECT_NE(hobby.out.find("FL702 cron schedule \"*/5 * * * *\" runs 288 times a day"), std::string::npos)
      << hobby.out;
  CommandResult pro = RunFaaslint({"check", "--all", "--plan", "pro", "--color", "never"}, dir.path());
  EXPECT_EQ(pro.exit_code, 0) << pro.out << pro.err;
  CommandResult generic = RunFaaslint({"check", "--all", "--platform", "generic", "--color", "never"}, dir.path());
  EXPECT_EQ(generic.out.find("FL702"), std::string::npos) << generic.out;
}

}  // namespace
}  // namespace faaslint::testing
