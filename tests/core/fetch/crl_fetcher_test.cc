#include "fetch/crl_fetcher.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "core/encoding/input_form.h"
#include "fetch/revocation_fetcher.h"
#include "tests/core/fetch/stand_in.h"

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

}  // namespace
}  // namespace tinysign::fetch
