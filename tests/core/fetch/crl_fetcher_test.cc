#include "fetch/crl_fetcher.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/encoding/input_form.h"
#include "core/limits.h"
#include "fetch/revocation_fetcher.h"
#include "tests/core/fetch/stand_in.h"
#include "tests/support/files.h"

namespace tinysign::fetch {
namespace {

using testing::CountingRandom;
using testing::FetchPki;
using testing::kDay;
using testing::kHour;
using testing::kNow;
using testing::SharedPki;
using testing::Shift;
using testing::StandInServer;

constexpr char kCrlName[] = "nca_gost2015.crl";

class CrlFetcherTest : public ::testing::Test {
 protected:
  CrlFetcherTest()
      : now_(std::make_shared<std::atomic<int64_t>>(kNow.unix_seconds)),
        config_(testing::TestConfig(now_)) {
    server_.MapNucUrls(&config_);
  }

  Result<std::shared_ptr<const crl::Crl>> Fetch(RevocationFetcher& fetcher) {
    return fetcher.crls().Fetch(testing::kNucCrlUrl,
                                SharedPki().root_certificate);
  }

  std::shared_ptr<std::atomic<int64_t>> now_;
  FetchConfig config_;
  CountingRandom random_;
  StandInServer server_;
};

// CrlNumberHex returns the cRLNumber of `crl` in hexadecimal.
std::string CrlNumberHex(const crl::Crl& crl) {
  return crl.crl_number().has_value() ? encoding::HexEncode(*crl.crl_number())
                                      : "";
}

// ForgedCrl names the root as issuer but is signed by another key.
Bytes ForgedCrl(Time this_update) {
  pki::CrlSpec spec = pki::CrlSpecFor(SharedPki().root, this_update);
  spec.next_update = Shift(this_update, 7 * kDay);
  spec.crl_number = 9;
  return tinysign::testing::ValueOrFail(
      pki::BuildCrl(
          spec, tinysign::testing::TestKeyFor(pki::KeyType::kGost2015_512, 5)),
      "forged CRL");
}

TEST_F(CrlFetcherTest, FreshCrlIsCacheHit) {
  server_.set_crl(kCrlName, testing::BuildCrlBytes(Shift(kNow, -kDay), 5));
  RevocationFetcher fetcher(config_, random_);
  ASSERT_TRUE(Fetch(fetcher).has_value());
  auto second = Fetch(fetcher);
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_EQ(CrlNumberHex(**second), "05");
  EXPECT_EQ(server_.crl_requests(), 1);
  EXPECT_EQ(fetcher.metrics().crl.cache_hits.load(), 1u);
}

TEST_F(CrlFetcherTest, KeepsLastGoodCrlWhenDownloadFails) {
  server_.set_crl(kCrlName, testing::BuildCrlBytes(Shift(kNow, -kDay), 5));
  RevocationFetcher fetcher(config_, random_);
  ASSERT_TRUE(Fetch(fetcher).has_value());
  // Seven days after kNow the CRL's nextUpdate (kNow + 6 days) has passed.
  *now_ = Shift(kNow, 7 * kDay).unix_seconds;
  server_.set_crl(kCrlName, {});
  auto kept = Fetch(fetcher);
  ASSERT_TRUE(kept.has_value()) << kept.error().ToString();
  EXPECT_EQ(CrlNumberHex(**kept), "05");
  EXPECT_EQ(server_.crl_requests(), 2);

  const std::vector<CachedCrl> snapshot = fetcher.crls().Snapshot();
  ASSERT_EQ(snapshot.size(), 1u);
  EXPECT_EQ(snapshot[0].url, testing::kNucCrlUrl);
  EXPECT_EQ(snapshot[0].age_seconds, 8 * kDay);
  EXPECT_TRUE(snapshot[0].stale);
  EXPECT_EQ(snapshot[0].fetched_at.unix_seconds, kNow.unix_seconds);
  ASSERT_TRUE(snapshot[0].last_error.has_value());
  EXPECT_EQ(snapshot[0].last_error->code, ErrorCode::kFetchHttpStatus);
}

TEST_F(CrlFetcherTest, ForgedCrlIsRejected) {
  server_.set_crl(kCrlName, ForgedCrl(Shift(kNow, -kDay)));
  RevocationFetcher fetcher(config_, random_);
  auto crl = Fetch(fetcher);
  ASSERT_FALSE(crl.has_value());
  EXPECT_EQ(crl.error().code, ErrorCode::kCryptoSignatureMismatch)
      << crl.error().ToString();
}

TEST_F(CrlFetcherTest, ForgedCrlDoesNotReplaceKeptOne) {
  server_.set_crl(kCrlName, testing::BuildCrlBytes(Shift(kNow, -kDay), 5));
  RevocationFetcher fetcher(config_, random_);
  ASSERT_TRUE(Fetch(fetcher).has_value());
  *now_ = Shift(kNow, 7 * kDay).unix_seconds;
  server_.set_crl(kCrlName, ForgedCrl(Shift(kNow, 6 * kDay)));
  auto kept = Fetch(fetcher);
  ASSERT_TRUE(kept.has_value()) << kept.error().ToString();
  EXPECT_EQ(CrlNumberHex(**kept), "05");
  EXPECT_EQ(fetcher.metrics().crl.errors.load(), 1u);
}

TEST_F(CrlFetcherTest, OlderCrlDoesNotReplaceKeptOne) {
  server_.set_crl(kCrlName, testing::BuildCrlBytes(Shift(kNow, -kDay), 5));
  RevocationFetcher fetcher(config_, random_);
  ASSERT_TRUE(Fetch(fetcher).has_value());
  *now_ = Shift(kNow, 7 * kDay).unix_seconds;
  server_.set_crl(kCrlName, testing::BuildCrlBytes(Shift(kNow, -2 * kDay), 4));
  auto kept = Fetch(fetcher);
  ASSERT_TRUE(kept.has_value()) << kept.error().ToString();
  EXPECT_EQ(CrlNumberHex(**kept), "05");
  const std::vector<CachedCrl> snapshot = fetcher.crls().Snapshot();
  ASSERT_EQ(snapshot.size(), 1u);
  ASSERT_TRUE(snapshot[0].last_error.has_value());
  EXPECT_EQ(snapshot[0].last_error->code, ErrorCode::kCrlStale);
}

TEST_F(CrlFetcherTest, NewerCrlReplacesStaleOne) {
  server_.set_crl(kCrlName, testing::BuildCrlBytes(Shift(kNow, -kDay), 5));
  RevocationFetcher fetcher(config_, random_);
  ASSERT_TRUE(Fetch(fetcher).has_value());
  *now_ = Shift(kNow, 7 * kDay).unix_seconds;
  server_.set_crl(kCrlName, testing::BuildCrlBytes(Shift(kNow, 6 * kDay), 6));
  auto replaced = Fetch(fetcher);
  ASSERT_TRUE(replaced.has_value()) << replaced.error().ToString();
  EXPECT_EQ(CrlNumberHex(**replaced), "06");
}

TEST_F(CrlFetcherTest, BackgroundRefreshFetchesBeforeNextUpdate) {
  config_.crl_refresh_margin = std::chrono::hours(24);
  server_.set_crl(kCrlName, testing::BuildCrlBytes(Shift(kNow, -kDay), 5));
  RevocationFetcher fetcher(config_, random_);
  ASSERT_TRUE(Fetch(fetcher).has_value());
  // nextUpdate is kNow + 6 days, so 12 hours before it is inside the
  // margin.
  *now_ = Shift(kNow, 5 * kDay + 12 * kHour).unix_seconds;
  server_.set_crl(kCrlName, testing::BuildCrlBytes(Shift(kNow, 5 * kDay), 6));
  fetcher.crls().StartBackgroundRefresh(std::chrono::milliseconds(10));
  for (int i = 0; i < 500 && server_.crl_requests() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  fetcher.crls().StopBackgroundRefresh();
  EXPECT_GE(server_.crl_requests(), 2);
  const std::vector<CachedCrl> snapshot = fetcher.crls().Snapshot();
  ASSERT_EQ(snapshot.size(), 1u);
  EXPECT_EQ(snapshot[0].this_update.unix_seconds,
            Shift(kNow, 5 * kDay).unix_seconds);
  EXPECT_FALSE(snapshot[0].last_error.has_value());
}

TEST_F(CrlFetcherTest, RefreshDueSkipsCrlsOutsideMargin) {
  config_.crl_refresh_margin = std::chrono::hours(1);
  server_.set_crl(kCrlName, testing::BuildCrlBytes(Shift(kNow, -kDay), 5));
  RevocationFetcher fetcher(config_, random_);
  ASSERT_TRUE(Fetch(fetcher).has_value());
  fetcher.crls().RefreshDue();
  EXPECT_EQ(server_.crl_requests(), 1);
}

// CrlCacheFileTest runs the CRL fetcher with a cache folder. A second
// fetcher on the same folder stands for the process after a restart.
class CrlCacheFileTest : public CrlFetcherTest {
 protected:
  CrlCacheFileTest() : cache_dir_(tinysign::testing::TempDir("crl-cache")) {
    config_.cache_dir = cache_dir_.string();
    config_.cache_file_error_handler =
        [errors = errors_](const std::string& path, const Error& error) {
          errors->Record(path, error);
        };
    EXPECT_TRUE(CacheDirectory(cache_dir_).Prepare().has_value());
  }

  // CrlFile returns the one file in crl/, which the first fetcher wrote.
  std::filesystem::path CrlFile() const {
    std::vector<std::filesystem::path> files;
    for (const auto& entry :
         std::filesystem::directory_iterator(cache_dir_ / "crl")) {
      files.push_back(entry.path());
    }
    EXPECT_EQ(files.size(), 1u);
    return files.empty() ? std::filesystem::path() : files.front();
  }

  // FetchWithFirstFetcher fetches the CRL served as number 05 with a first
  // fetcher, which writes it to the cache folder, and returns its DER.
  Bytes FetchWithFirstFetcher() {
    const Bytes served = testing::BuildCrlBytes(Shift(kNow, -kDay), 5);
    server_.set_crl(kCrlName, served);
    RevocationFetcher first(config_, random_);
    auto fetched = Fetch(first);
    EXPECT_TRUE(fetched.has_value()) << fetched.error().ToString();
    return served;
  }

  // UnreachableConfig is `config_` with the NUC URLs mapped to a closed
  // port, so that every download fails.
  FetchConfig UnreachableConfig() const {
    FetchConfig config = config_;
    config.mapping.rewrites.clear();
    const std::string closed =
        "http://127.0.0.1:" + std::to_string(testing::ClosedPort());
    config.mapping.rewrites.push_back({"http://crl.pki.gov.kz/", closed + "/"});
    return config;
  }

  std::filesystem::path cache_dir_;
  std::shared_ptr<testing::CacheFileErrors> errors_ =
      std::make_shared<testing::CacheFileErrors>();
};

TEST_F(CrlCacheFileTest, AcceptedCrlIsWrittenAsServed) {
  const Bytes served = FetchWithFirstFetcher();
  EXPECT_EQ(tinysign::testing::ReadFileBytes(CrlFile()), served);
  EXPECT_EQ(CrlFile().extension(), ".crl");
  EXPECT_TRUE(errors_->reported.empty());
}

TEST_F(CrlCacheFileTest, RestartUsesFileWithoutDownload) {
  FetchWithFirstFetcher();
  ASSERT_EQ(server_.crl_requests(), 1);
  RevocationFetcher restarted(UnreachableConfig(), random_);
  auto crl = Fetch(restarted);
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  EXPECT_EQ(CrlNumberHex(**crl), "05");
  EXPECT_EQ(server_.crl_requests(), 1);
  // Before nextUpdate the file's CRL is returned without any request.
  EXPECT_EQ(restarted.metrics().crl.requests.load(), 0u);
  EXPECT_EQ(restarted.metrics().crl.cache_file_loads.load(), 1u);
  EXPECT_EQ(restarted.metrics().crl.cache_hits.load(), 1u);
  EXPECT_TRUE(errors_->reported.empty());
}

TEST_F(CrlCacheFileTest, StaleFileIsLastGoodCrl) {
  FetchWithFirstFetcher();
  // Seven days after kNow the CRL's nextUpdate (kNow + 6 days) has passed.
  *now_ = Shift(kNow, 7 * kDay).unix_seconds;
  RevocationFetcher restarted(UnreachableConfig(), random_);
  auto crl = Fetch(restarted);
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  EXPECT_EQ(CrlNumberHex(**crl), "05");
  // max_attempts is 2 in TestConfig.
  EXPECT_EQ(restarted.metrics().crl.requests.load(), 2u);
  const std::vector<CachedCrl> snapshot = restarted.crls().Snapshot();
  ASSERT_EQ(snapshot.size(), 1u);
  EXPECT_TRUE(snapshot[0].stale);
  ASSERT_TRUE(snapshot[0].last_error.has_value());
  EXPECT_EQ(snapshot[0].last_error->code, ErrorCode::kFetchConnectionFailed);
}

TEST_F(CrlCacheFileTest, NewerDownloadReplacesFile) {
  FetchWithFirstFetcher();
  *now_ = Shift(kNow, 7 * kDay).unix_seconds;
  const Bytes newer = testing::BuildCrlBytes(Shift(kNow, 6 * kDay), 6);
  server_.set_crl(kCrlName, newer);
  RevocationFetcher restarted(config_, random_);
  auto crl = Fetch(restarted);
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  EXPECT_EQ(CrlNumberHex(**crl), "06");
  EXPECT_EQ(tinysign::testing::ReadFileBytes(CrlFile()), newer);
}

TEST_F(CrlCacheFileTest, OlderDownloadLeavesFile) {
  const Bytes first_crl = FetchWithFirstFetcher();
  *now_ = Shift(kNow, 7 * kDay).unix_seconds;
  server_.set_crl(kCrlName, testing::BuildCrlBytes(Shift(kNow, -2 * kDay), 4));
  RevocationFetcher restarted(config_, random_);
  auto crl = Fetch(restarted);
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  EXPECT_EQ(CrlNumberHex(**crl), "05");
  EXPECT_EQ(tinysign::testing::ReadFileBytes(CrlFile()), first_crl);
}

TEST_F(CrlCacheFileTest, CorruptFileIsIgnored) {
  const Bytes served = FetchWithFirstFetcher();
  const std::filesystem::path file = CrlFile();
  tinysign::testing::WriteFileBytes(file, Bytes{0x30, 0x82, 0x01});
  RevocationFetcher restarted(config_, random_);
  auto crl = Fetch(restarted);
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  EXPECT_EQ(CrlNumberHex(**crl), "05");
  EXPECT_EQ(server_.crl_requests(), 2);
  EXPECT_EQ(restarted.metrics().crl.cache_file_errors.load(), 1u);
  EXPECT_EQ(restarted.metrics().crl.cache_file_loads.load(), 0u);
  ASSERT_EQ(errors_->reported.size(), 1u);
  EXPECT_EQ(errors_->reported[0].first, file.string());
  EXPECT_EQ(errors_->reported[0].second.code, ErrorCode::kDerTruncated)
      << errors_->reported[0].second.ToString();
  // The download replaced the corrupt file.
  EXPECT_EQ(tinysign::testing::ReadFileBytes(file), served);
}

TEST_F(CrlCacheFileTest, CorruptFileIsReportedOnce) {
  FetchWithFirstFetcher();
  tinysign::testing::WriteFileBytes(CrlFile(), Bytes{0x04, 0x00});
  RevocationFetcher restarted(UnreachableConfig(), random_);
  EXPECT_FALSE(Fetch(restarted).has_value());
  EXPECT_FALSE(Fetch(restarted).has_value());
  EXPECT_EQ(restarted.metrics().crl.cache_file_errors.load(), 1u);
  EXPECT_EQ(errors_->reported.size(), 1u);
}

TEST_F(CrlCacheFileTest, FileOnePastSizeLimitIsIgnored) {
  FetchWithFirstFetcher();
  const std::filesystem::path file = CrlFile();
  std::filesystem::resize_file(file, limits::kMaxInputBytes + 1);
  RevocationFetcher restarted(config_, random_);
  auto crl = Fetch(restarted);
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  EXPECT_EQ(server_.crl_requests(), 2);
  ASSERT_EQ(errors_->reported.size(), 1u);
  EXPECT_EQ(errors_->reported[0].first, file.string());
  EXPECT_EQ(errors_->reported[0].second.code, ErrorCode::kInputTooLarge);
}

TEST_F(CrlCacheFileTest, CrlOfAnotherCaIsRejected) {
  FetchWithFirstFetcher();
  // Another CA with its own key signs a CRL of its own, which is then
  // placed under the file name of the root's CRL.
  const auto& other_key =
      tinysign::testing::TestKeyFor(pki::KeyType::kGost2015_512, 5);
  const tinysign::testing::IssuedCertificate other_root =
      tinysign::testing::Issue(pki::RootSpec("Other Fetch Test Root"),
                               other_key, other_key);
  pki::CrlSpec spec = pki::CrlSpecFor(other_root, Shift(kNow, -kHour));
  spec.next_update = Shift(kNow, 7 * kDay);
  spec.crl_number = 50;
  tinysign::testing::WriteFileBytes(
      CrlFile(), tinysign::testing::ValueOrFail(pki::BuildCrl(spec, other_key),
                                                "other CA's CRL"));
  RevocationFetcher restarted(UnreachableConfig(), random_);
  auto crl = Fetch(restarted);
  EXPECT_FALSE(crl.has_value());
  EXPECT_EQ(restarted.metrics().crl.cache_file_loads.load(), 0u);
  ASSERT_EQ(errors_->reported.size(), 1u);
  EXPECT_EQ(errors_->reported[0].second.code, ErrorCode::kCrlIssuerMismatch)
      << errors_->reported[0].second.ToString();
}

TEST_F(CrlCacheFileTest, ForgedCrlFileIsRejected) {
  FetchWithFirstFetcher();
  // ForgedCrl names the root as issuer but another key signed it.
  tinysign::testing::WriteFileBytes(CrlFile(), ForgedCrl(Shift(kNow, -kHour)));
  RevocationFetcher restarted(UnreachableConfig(), random_);
  EXPECT_FALSE(Fetch(restarted).has_value());
  ASSERT_EQ(errors_->reported.size(), 1u);
  EXPECT_EQ(errors_->reported[0].second.code,
            ErrorCode::kCryptoSignatureMismatch)
      << errors_->reported[0].second.ToString();
}

TEST_F(CrlCacheFileTest, UnusableFolderIsReported) {
  // A regular file in place of crl/ fails the read and then the write.
  std::filesystem::remove_all(cache_dir_ / "crl");
  tinysign::testing::WriteFileBytes(cache_dir_ / "crl", Bytes{1});
  server_.set_crl(kCrlName, testing::BuildCrlBytes(Shift(kNow, -kDay), 5));
  RevocationFetcher fetcher(config_, random_);
  auto crl = Fetch(fetcher);
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  EXPECT_EQ(CrlNumberHex(**crl), "05");
  EXPECT_EQ(fetcher.metrics().crl.cache_file_errors.load(), 2u);
  ASSERT_EQ(errors_->reported.size(), 2u);
  for (const auto& [path, error] : errors_->reported) {
    EXPECT_EQ(error.code, ErrorCode::kFetchCacheFileFailed) << error.ToString();
    EXPECT_EQ(std::filesystem::path(path).parent_path(), cache_dir_ / "crl");
  }
}

TEST_F(CrlCacheFileTest, FileOfAnotherIssuerKeyIsNotRead) {
  FetchWithFirstFetcher();
  // The same URL for another issuer names another file, so the root's
  // CRL file is not read for it.
  RevocationFetcher restarted(UnreachableConfig(), random_);
  auto crl =
      restarted.crls().Fetch(testing::kNucCrlUrl, SharedPki().good_certificate);
  EXPECT_FALSE(crl.has_value());
  EXPECT_EQ(restarted.metrics().crl.cache_file_loads.load(), 0u);
  EXPECT_TRUE(errors_->reported.empty());
}

}  // namespace
}  // namespace tinysign::fetch
