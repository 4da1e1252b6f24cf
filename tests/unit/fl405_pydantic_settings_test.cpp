// FL405 on pydantic-settings (QA round 7): `settings = Settings()` at import, where the
// BaseSettings class declares fields without a default, fails every cold start with
// ValidationError when a variable is missing. The message names the fields; the finding
// depends on the class, so a commit that only adds a required field to it shows it.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "support/project_fixture.h"

namespace faaslint::testing {
namespace {

constexpr const char* kSettings =
    "from pydantic_settings import BaseSettings, SettingsConfigDict\n"  // 1
    "\n"                                                                 // 2
    "class Settings(BaseSettings):\n"                                    // 3
    "    model_config = SettingsConfigDict(env_file=\".env\")\n"         // 4
    "    OPENAI_API_KEY: str\n"                                          // 5
    "    db_host: str\n"                                                 // 6
    "    db_port: int = 5432\n"                                          // 7
    "    debug: bool | None\n"                                           // 8
    "\n"                                                                 // 9
    "settings = Settings()\n";                                           // 10

TEST(FL405, PydanticSettingsWithRequiredFieldsMadeAtImport) {
  std::vector<Finding> findings = RunProjectRule("FL405", {{"app.py", kSettings}});
  ASSERT_EQ(findings.size(), 1u) << Render(findings);
  EXPECT_EQ(Render(findings),
            "app.py:10:12: `Settings()` runs at import time and reads `OPENAI_API_KEY`, `db_host` from the "
            "environment (fields without a default): if one is missing from the deployment's environment, every "
            "cold start fails with pydantic's ValidationError\n");
  const std::vector<Dependency>& depends_on = findings[0].depends_on;
  EXPECT_NE(std::find(depends_on.begin(), depends_on.end(), Dependency::Lines("app.py", 3, 8)), depends_on.end());
}

TEST(FL405, PydanticV1SettingsAndAnAliasedBase) {
  for (const char* import : {"from pydantic import BaseSettings\n", "import pydantic_settings as ps\nBaseSettings = 0\n"}) {
    const std::string base = std::string(import).starts_with("import") ? "ps.BaseSettings" : "BaseSettings";
    const std::string source =
        std::string(import) + "class Config(" + base + "):\n    token: str\nconfig = Config()\n";
    EXPECT_EQ(RunProjectRule("FL405", {{"app.py", source}}).size(), 1u) << source;
  }
}

TEST(FL405, PydanticSettingsThatCannotFailAreNotReported) {
  const std::map<std::string, std::string> cases = {
      // every field has a default, or is Optional
      {"defaults",
       "from pydantic_settings import BaseSettings\n"
       "from typing import Optional\n"
       "class Settings(BaseSettings):\n"
       "    db_host: str = \"localhost\"\n"
       "    token: Optional[str]\n"
       "    _cache: dict\n"
       "settings = Settings()\n"},
      // made where it is first used, not at import
      {"lazy",
       "import functools\n"
       "from pydantic_settings import BaseSettings\n"
       "class Settings(BaseSettings):\n"
       "    db_host: str\n"
       "@functools.lru_cache\n"
       "def get_settings():\n"
       "    return Settings()\n"},
      // the values given, or the failure caught
      {"given",
       "from pydantic import BaseSettings, ValidationError\n"
       "class Settings(BaseSettings):\n"
       "    db_host: str\n"
       "settings = Settings(db_host=\"localhost\")\n"
       "try:\n"
       "    other = Settings()\n"
       "except ValidationError:\n"
       "    other = None\n"},
      // a pydantic model, not settings: it reads nothing from the environment
      {"model",
       "from pydantic import BaseModel\n"
       "class Item(BaseModel):\n"
       "    name: str\n"
       "    class Config:\n"
       "        title: str\n"
       "item = Item()\n"},
  };
  for (const auto& [name, source] : cases) {
    EXPECT_EQ(Render(RunProjectRule("FL405", {{"app.py", source}})), "") << name;
  }
}

TEST(FL405, PydanticSettingsWithACommittedEnvFileAreNotReported) {
  EXPECT_EQ(Render(RunProjectRule("FL405", {{"app.py", kSettings}, {".env", "OPENAI_API_KEY=x\ndb_host=y\n"}})), "");
}

}  // namespace
}  // namespace faaslint::testing
