// Report files: a regular file is replaced whole, by a rename; anything else that already
// has the name (a device, a pipe, a descriptor's name) is written into and stays what it is.
#include "core/atomic_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "support/test_support.h"

namespace faaslint {
namespace {

namespace fs = std::filesystem;

mode_t ModeOf(const std::string& path) {
  struct stat info {};
  EXPECT_EQ(lstat(path.c_str(), &info), 0) << path;
  return info.st_mode;
}

TEST(WriteFileAtomically, CreatesANewFileAndReplacesAnOldOneWhole) {
  testing::TempDir dir;
  std::string error;
  ASSERT_TRUE(WriteFileAtomically(dir / "report.json", "{}\n", &error)) << error;
  EXPECT_EQ(dir.Read("report.json"), "{}\n");
  EXPECT_EQ(ModeOf(dir / "report.json") & 0777, 0644u);
  chmod((dir / "report.json").c_str(), 0600);
  ASSERT_TRUE(WriteFileAtomically(dir / "report.json", "[]\n", &error)) << error;
  EXPECT_EQ(dir.Read("report.json"), "[]\n");
  EXPECT_EQ(ModeOf(dir / "report.json") & 0777, 0600u);  // the owner's choice stays
  // Nothing but the report is left in the folder.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(WriteFileAtomically, WritesThroughASymlinkAndKeepsTheLink) {
  testing::TempDir dir;
  dir.Write("shared/report.sarif", "old");
  fs::create_symlink("shared/report.sarif", dir / "report.sarif");
  std::string error;
  ASSERT_TRUE(WriteFileAtomically(dir / "report.sarif", "new", &error)) << error;
  EXPECT_TRUE(S_ISLNK(ModeOf(dir / "report.sarif")));
  EXPECT_EQ(dir.Read("shared/report.sarif"), "new");
}

// A CI step may read the report from a named pipe: it gets the bytes, the pipe stays.
// (The read end is opened first and without blocking, so a regression fails, not hangs.)
TEST(WriteFileAtomically, WritesIntoAPipeAndLeavesItAPipe) {
  testing::TempDir dir;
  const std::string fifo = dir / "report.fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  int reader = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  std::string error;
  EXPECT_TRUE(WriteFileAtomically(fifo, "{\"findings\": []}\n", &error)) << error;
  char buffer[256];
  ssize_t n = read(reader, buffer, sizeof buffer);
  close(reader);
  EXPECT_EQ(std::string(buffer, n > 0 ? static_cast<size_t>(n) : 0), "{\"findings\": []}\n");
  EXPECT_TRUE(S_ISFIFO(ModeOf(fifo)));
}

// A device node like /dev/null (made in a temp folder, so that a regression cannot
// replace the system's own): written into, still a device afterwards.
TEST(WriteFileAtomically, WritesIntoADeviceAndLeavesItADevice) {
  testing::TempDir dir;
  const std::string device = dir / "null";
  if (mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) GTEST_SKIP() << "mknod needs root";
  std::string error;
  EXPECT_TRUE(WriteFileAtomically(device, "{}\n", &error)) << error;
  EXPECT_TRUE(S_ISCHR(ModeOf(device)));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

// /proc/self/fd/N and /dev/stdout name an open descriptor: the bytes go to it.
TEST(WriteFileAtomically, WritesIntoADescriptorNamedUnderProc) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  std::string error;
  EXPECT_TRUE(WriteFileAtomically("/proc/self/fd/" + std::to_string(fds[1]), "sarif\n", &error)) << error;
  close(fds[1]);
  char buffer[64];
  ssize_t n = read(fds[0], buffer, sizeof buffer);
  close(fds[0]);
  EXPECT_EQ(std::string(buffer, n > 0 ? static_cast<size_t>(n) : 0), "sarif\n");
}

TEST(WriteFileAtomically, ADirectoryIsAnErrorNamingIt) {
  testing::TempDir dir;
  fs::create_directory(dir / "out");
  std::string error;
  EXPECT_FALSE(WriteFileAtomically(dir / "out", "{}", &error));
  EXPECT_EQ(error, dir / "out" + ": is a directory");
}

}  // namespace
}  // namespace faaslint
