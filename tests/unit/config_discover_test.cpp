// Finding the config: walk up from the working folder, stop at the repository root.
#include <filesystem>

#include <gtest/gtest.h>

#include "config/config.h"
#include "support/test_support.h"

namespace faaslint::config {
namespace {

using faaslint::testing::TempDir;
namespace fs = std::filesystem;

TEST(ConfigDiscover, FindsTheConfigOfAParentFolderUpToTheRoot) {
  TempDir dir;
  dir.Write("repo/.faaslint.yaml", "select: [FL1]\n");
  dir.Write("repo/api/v1/handlers/x.py", "");
  EXPECT_EQ(Discover(dir / "repo/api/v1/handlers", dir / "repo"), dir / "repo/.faaslint.yaml");
  EXPECT_EQ(Discover(dir / "repo", dir / "repo"), dir / "repo/.faaslint.yaml");
}

TEST(ConfigDiscover, TheNearestConfigWins) {
  TempDir dir;
  dir.Write("repo/.faaslint.yaml", "");
  dir.Write("repo/api/.faaslint.yml", "");
  EXPECT_EQ(Discover(dir / "repo/api", dir / "repo"), dir / "repo/api/.faaslint.yml");
}

TEST(ConfigDiscover, StopsAtTheRepositoryRoot) {
  TempDir dir;
  dir.Write(".faaslint.yaml", "");  // above the repository: not this project's config
  dir.Write("repo/api/x.py", "");
  EXPECT_EQ(Discover(dir / "repo/api", dir / "repo"), std::nullopt);
  // Without a stop folder the walk goes on up and finds it.
  EXPECT_EQ(Discover(dir / "repo/api", ""), dir / ".faaslint.yaml");
}

TEST(ConfigDiscover, YamlBeatsPyprojectInTheSameFolder) {
  TempDir dir;
  dir.Write("pyproject.toml", "[tool.faaslint]\nselect = [\"FL1\"]\n");
  dir.Write(".faaslint.yml", "");
  EXPECT_EQ(Discover(dir.path(), dir.path()), dir / ".faaslint.yml");
  dir.Write(".faaslint.yaml", "");
  EXPECT_EQ(Discover(dir.path(), dir.path()), dir / ".faaslint.yaml");
}

TEST(ConfigDiscover, PyprojectCountsOnlyWithAFaaslintTable) {
  TempDir dir;
  dir.Write("repo/pyproject.toml", "[tool.faaslint]\nignore = [\"FL205\"]\n");
  dir.Write("repo/app/pyproject.toml", "[project]\nname = \"app\"\n[tool.ruff]\nline-length = 100\n");
  EXPECT_EQ(Discover(dir / "repo/app", dir / "repo"), dir / "repo/pyproject.toml");
  dir.Write("repo/pyproject.toml", "[project]\nname = \"x\"\n");
  EXPECT_EQ(Discover(dir / "repo/app", dir / "repo"), std::nullopt);
}

TEST(ConfigDiscover, ABrokenPyprojectThatNamesTheTableIsReturnedForLoadToReport) {
  TempDir dir;
  dir.Write("pyproject.toml", "[tool.faaslint]\nselect = [\"FL1\"\n");
  EXPECT_EQ(Discover(dir.path(), dir.path()), dir / "pyproject.toml");
  dir.Write("pyproject.toml", "[project\nname = 1\n");  // broken, but not about us
  EXPECT_EQ(Discover(dir.path(), dir.path()), std::nullopt);
}

TEST(ConfigDiscover, AFolderNamedLikeTheConfigIsReturnedSoLoadCanSayWhatItIs) {
  TempDir dir;
  fs::create_directories(dir / "repo/.faaslint.yaml");
  EXPECT_EQ(Discover(dir / "repo", dir / "repo"), dir / "repo/.faaslint.yaml");
}

TEST(ConfigDiscover, RelativeStartFoldersAreResolved) {
  TempDir dir;
  dir.Write("repo/.faaslint.yaml", "");
  fs::create_directories(dir / "repo/sub");
  fs::path previous = fs::current_path();
  fs::current_path(dir / "repo/sub");
  auto found = Discover(".", "..");
  fs::current_path(previous);
  EXPECT_EQ(found, dir / "repo/.faaslint.yaml");
}

}  // namespace
}  // namespace faaslint::config
