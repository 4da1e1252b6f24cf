// SHA-1 as git's index checksum needs it: the FIPS 180 examples, every padding boundary
// against coreutils' sha1sum, and the checksum of an index git itself wrote.
#include <gtest/gtest.h>

#include <string>

#include "core/sha1.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

std::string Hex(const Sha1Digest& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (uint8_t byte : digest) hex += {kDigits[byte >> 4], kDigits[byte & 15]};
  return hex;
}

// FIPS 180-2, appendix A (one block, two blocks, a million bytes), and the empty message.
TEST(Sha1, PublishedExamples) {
  EXPECT_EQ(Hex(Sha1("")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(Hex(Sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(Hex(Sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(Hex(Sha1(std::string(1000000, 'a'))), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

// Lengths around each place the padding changes (55/56 bytes: the length still fits in
// the last block or not; 64: a whole block), with every byte value, against sha1sum.
TEST(Sha1, AgreesWithSha1sumAcrossPaddingBoundaries) {
  testing::TempDir dir;
  for (size_t size : {1u, 54u, 55u, 56u, 57u, 63u, 64u, 65u, 119u, 120u, 127u, 128u, 129u, 1000u}) {
    std::string data;
    for (size_t i = 0; i < size; ++i) data += static_cast<char>((i * 37 + size) & 0xff);
    dir.Write("data", data);
    testing::CommandResult sum = testing::Run({"sha1sum", dir / "data"}, dir.path());
    ASSERT_EQ(sum.exit_code, 0) << sum.err;
    EXPECT_EQ(Hex(Sha1(data)), sum.out.substr(0, 40)) << size << " bytes";
  }
}

TEST(Sha1, MatchesTheChecksumGitWritesAtTheEndOfItsIndex) {
  testing::TempDir repo;
  testing::GitInit(repo.path());
  for (int i = 0; i < 50; ++i) repo.Write("pkg/module_" + std::to_string(i) + ".py", "x = " + std::to_string(i) + "\n");
  testing::Git(repo.path(), {"add", "."});
  const std::string index = repo.Read(".git/index");
  ASSERT_GT(index.size(), 20u);
  Sha1Digest stored;
  std::copy(index.end() - 20, index.end(), stored.begin());
  EXPECT_EQ(Hex(Sha1(std::string_view(index).substr(0, index.size() - 20))), Hex(stored));
}

}  // namespace
}  // namespace faaslint
