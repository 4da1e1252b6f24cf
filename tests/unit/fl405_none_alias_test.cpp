// FL405 on a None kept in a name first (`raw = os.getenv("PORT")`, then `int(raw)`): the
// message says where the None came from, and the finding at the conversion depends on the
// assignment, so a commit that only deletes the default there still shows it.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "support/project_fixture.h"

namespace faaslint::testing {
namespace {

TEST(FL405, ANoneKeptInANameIsTracedToItsRead) {
  std::map<std::string, std::string> files = {{"app.py",
                                               "import os\n"
                                               "raw_port = os.getenv(\"REDIS_PORT\")\n"
                                               "REDIS_PORT = int(raw_port)\n"}};
  std::vector<Finding> findings = RunProjectRule("FL405", files);
  ASSERT_EQ(findings.size(), 1u) << Render(findings);
  EXPECT_EQ(Render(findings),
            "app.py:3:14: `int(raw_port)` runs at import time: when REDIS_PORT is missing from the deployment's "
            "environment, `os.getenv(\"REDIS_PORT\")` (line 2, into `raw_port`) returns None and every cold start "
            "fails with TypeError\n");
  const std::vector<Dependency>& depends_on = findings[0].depends_on;
  EXPECT_NE(std::find(depends_on.begin(), depends_on.end(), Dependency::Lines("app.py", 2, 2)), depends_on.end());
}

TEST(FL405, ANameUsedBeforeItHoldsTheReadIsNotTraced) {
  std::map<std::string, std::string> files = {{"app.py",
                                               "import os\n"
                                               "def port():\n"
                                               "    return int(raw_port)\n"
                                               "raw_port = os.getenv(\"REDIS_PORT\")\n"}};
  EXPECT_EQ(Render(RunProjectRule("FL405", files)), "");
}

}  // namespace
}  // namespace faaslint::testing
