#include "fetch/cache_directory.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "core/limits.h"
#include "tests/support/files.h"
#include "tests/support/openssl.h"

namespace tinysign::fetch {
namespace {

namespace fs = std::filesystem;

using tinysign::testing::ReadFileBytes;
using tinysign::testing::TempDir;
using tinysign::testing::WriteFileBytes;

// FilesIn returns the names of the files directly in `folder`.
std::vector<std::string> FilesIn(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

TEST(CacheFileNameTest, IsSha256OfLengthPrefixedParts) {
  // The input for the parts "ab" and {0x01}, written out by hand: each
  // part after its length as 8 big-endian bytes.
  const Bytes input = {0, 0, 0, 0, 0, 0, 0, 2, 'a', 'b',
                       0, 0, 0, 0, 0, 0, 0, 1, 0x01};
  const fs::path file = TempDir("cache-name") / "input.bin";
  WriteFileBytes(file, input);
  const auto digest = tinysign::testing::RunCommand(
      {"openssl", "dgst", "-sha256", "-r", file.string()});
  ASSERT_EQ(digest.exit_code, 0);
  const std::string expected = digest.output.substr(0, 64);

  const Bytes one = {0x01};
  EXPECT_EQ(
      CacheFileName({der::Input(std::string_view("ab")), der::Input(one)}),
      expected);
  // Moving a byte from one part to the other changes the name.
  const Bytes two = {'b', 0x01};
  EXPECT_NE(CacheFileName({der::Input(std::string_view("a")), der::Input(two)}),
            expected);
}

TEST(CacheDirectoryTest, WriteThenReadReturnsContents) {
  const fs::path root = TempDir("cache-write");
  CacheDirectory cache(root);
  ASSERT_TRUE(cache.Prepare().has_value());
  const Bytes contents = {0x30, 0x03, 0x02, 0x01, 0x05};
  ASSERT_TRUE(cache.Write(CacheKind::kCrl, "name", contents).has_value());

  EXPECT_EQ(ReadFileBytes(root / "crl" / "name.crl"), contents);
  // The temporary file was renamed, and Prepare's probe file removed.
  EXPECT_EQ(FilesIn(root / "crl"), std::vector<std::string>{"name.crl"});
  EXPECT_TRUE(FilesIn(root / "ocsp").empty());

  auto read = cache.Read(CacheKind::kCrl, "name");
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  ASSERT_TRUE(read->has_value());
  EXPECT_EQ((*read)->contents, contents);
}

TEST(CacheDirectoryTest, WriteReplacesFile) {
  const fs::path root = TempDir("cache-replace");
  CacheDirectory cache(root);
  ASSERT_TRUE(cache.Prepare().has_value());
  ASSERT_TRUE(cache.Write(CacheKind::kOcsp, "n", Bytes{1, 2, 3}).has_value());
  ASSERT_TRUE(cache.Write(CacheKind::kOcsp, "n", Bytes{4}).has_value());
  EXPECT_EQ(ReadFileBytes(root / "ocsp" / "n.der"), Bytes{4});
  EXPECT_EQ(FilesIn(root / "ocsp"), std::vector<std::string>{"n.der"});
}

TEST(CacheDirectoryTest, MissingFileIsNullopt) {
  CacheDirectory cache(TempDir("cache-missing"));
  ASSERT_TRUE(cache.Prepare().has_value());
  auto read = cache.Read(CacheKind::kOcsp, "absent");
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  EXPECT_FALSE(read->has_value());
}

TEST(CacheDirectoryTest, FileAtLimitIsRead) {
  const fs::path root = TempDir("cache-at-limit");
  CacheDirectory cache(root);
  ASSERT_TRUE(cache.Prepare().has_value());
  WriteFileBytes(root / "crl" / "big.crl", Bytes{});
  fs::resize_file(root / "crl" / "big.crl", limits::kMaxInputBytes);
  auto read = cache.Read(CacheKind::kCrl, "big");
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  ASSERT_TRUE(read->has_value());
  EXPECT_EQ((*read)->contents.size(), limits::kMaxInputBytes);
}

TEST(CacheDirectoryTest, FileOnePastLimitIsTooLarge) {
  const fs::path root = TempDir("cache-past-limit");
  CacheDirectory cache(root);
  ASSERT_TRUE(cache.Prepare().has_value());
  WriteFileBytes(root / "crl" / "big.crl", Bytes{});
  fs::resize_file(root / "crl" / "big.crl", limits::kMaxInputBytes + 1);
  auto read = cache.Read(CacheKind::kCrl, "big");
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kInputTooLarge);
  EXPECT_NE(read.error().detail.find("big.crl"), std::string::npos)
      << read.error().detail;
}

TEST(CacheDirectoryTest, FolderInPlaceOfFileFails) {
  const fs::path root = TempDir("cache-folder-file");
  CacheDirectory cache(root);
  ASSERT_TRUE(cache.Prepare().has_value());
  fs::create_directories(root / "crl" / "odd.crl");
  auto read = cache.Read(CacheKind::kCrl, "odd");
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kFetchCacheFileFailed);
}

TEST(CacheDirectoryTest, FifoInPlaceOfFileFails) {
  const fs::path root = TempDir("cache-fifo-file");
  CacheDirectory cache(root);
  ASSERT_TRUE(cache.Prepare().has_value());
  // Opening a FIFO for reading waits for a writer without O_NONBLOCK.
  ASSERT_EQ(mkfifo((root / "ocsp" / "pipe.der").c_str(), 0600), 0);
  auto read = cache.Read(CacheKind::kOcsp, "pipe");
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kFetchCacheFileFailed);
  EXPECT_NE(read.error().detail.find("not a regular file"), std::string::npos)
      << read.error().detail;
}

TEST(CacheDirectoryTest, PrepareCreatesMissingFolders) {
  const fs::path root = TempDir("cache-prepare") / "a" / "b";
  CacheDirectory cache(root);
  ASSERT_TRUE(cache.Prepare().has_value());
  EXPECT_TRUE(fs::is_directory(root / "crl"));
  EXPECT_TRUE(fs::is_directory(root / "ocsp"));
}

TEST(CacheDirectoryTest, PrepareRemovesStaleTemporaryFiles) {
  const fs::path root = TempDir("cache-stale-temporary");
  fs::create_directories(root / "crl");
  const fs::path stale = root / "crl" / "a.crl.tmp-1-0";
  const fs::path recent = root / "crl" / "b.crl.tmp-1-1";
  const fs::path kept = root / "crl" / "c.crl";
  for (const fs::path& file : {stale, recent, kept}) {
    WriteFileBytes(file, Bytes{1});
  }
  // Two hours is past the one-hour limit; the other files were just
  // written, and the finished cache file is kept whatever its age.
  const auto two_hours_ago =
      fs::file_time_type::clock::now() - std::chrono::hours(2);
  fs::last_write_time(stale, two_hours_ago);
  fs::last_write_time(kept, two_hours_ago);
  ASSERT_TRUE(CacheDirectory(root).Prepare().has_value());
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(recent));
  EXPECT_TRUE(fs::exists(kept));
}

TEST(CacheDirectoryTest, WriteIntoMissingFolderFails) {
  const fs::path root = TempDir("cache-write-missing");
  CacheDirectory cache(root);
  ASSERT_TRUE(cache.Prepare().has_value());
  fs::remove_all(root / "ocsp");
  WriteFileBytes(root / "ocsp", Bytes{1});
  auto written = cache.Write(CacheKind::kOcsp, "n", Bytes{1, 2});
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, ErrorCode::kFetchCacheFileFailed);
  EXPECT_NE(written.error().detail.find((root / "ocsp").string()),
            std::string::npos)
      << written.error().detail;
}

TEST(CacheDirectoryTest, PrepareFailsBelowRegularFile) {
  const fs::path file = TempDir("cache-below-file") / "file";
  WriteFileBytes(file, Bytes{1});
  auto prepared = CacheDirectory(file / "cache").Prepare();
  ASSERT_FALSE(prepared.has_value());
  EXPECT_EQ(prepared.error().code, ErrorCode::kFetchCacheFileFailed);
  EXPECT_NE(prepared.error().detail.find((file / "cache").string()),
            std::string::npos)
      << prepared.error().detail;
}

TEST(CacheDirectoryTest, PrepareFailsOnReadOnlyFolder) {
  if (geteuid() == 0) {
    GTEST_SKIP() << "root may write a read-only folder";
  }
  const fs::path root = TempDir("cache-read-only");
  fs::create_directories(root / "crl");
  fs::permissions(root / "crl", fs::perms::owner_read | fs::perms::owner_exec);
  auto prepared = CacheDirectory(root).Prepare();
  fs::permissions(root / "crl", fs::perms::owner_all);
  ASSERT_FALSE(prepared.has_value());
  EXPECT_EQ(prepared.error().code, ErrorCode::kFetchCacheFileFailed);
  EXPECT_NE(prepared.error().detail.find((root / "crl").string()),
            std::string::npos)
      << prepared.error().detail;
}

}  // namespace
}  // namespace tinysign::fetch
