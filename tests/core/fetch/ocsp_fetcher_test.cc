#include "fetch/ocsp_fetcher.h"

#include <gtest/gtest.h>

#include <memory>
#include <thread>
#include <vector>

#include "core/encoding/input_form.h"
#include "fetch/revocation_fetcher.h"
#include "tests/core/fetch/stand_in.h"

namespace tinysign::fetch {
namespace {

using testing::CountingRandom;
using testing::FetchPki;
using testing::OcspMode;
using testing::SharedPki;
using testing::StandInServer;

class OcspFetcherTest : public ::testing::Test {
 protected:
  OcspFetcherTest()
      : now_(
            std::make_shared<std::atomic<int64_t>>(testing::kNow.unix_seconds)),
        config_(testing::TestConfig(now_)) {}

  std::unique_ptr<RevocationFetcher> MakeFetcher() {
    return std::make_unique<RevocationFetcher>(config_, random_);
  }

  std::shared_ptr<std::atomic<int64_t>> now_;
  FetchConfig config_;
  CountingRandom random_;
  StandInServer server_;
};

TEST_F(OcspFetcherTest, SendsNonceAndReturnsIt) {
  server_.MapNucUrls(&config_);
  auto fetcher = MakeFetcher();
  const FetchPki& pki = SharedPki();
  auto evidence =
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate);
  ASSERT_TRUE(evidence.has_value()) << evidence.error().ToString();
  // CountingRandom writes 01 02 ... 10 into the 16-byte nonce.
  ASSERT_TRUE(evidence->nonce.has_value());
  EXPECT_EQ(encoding::HexEncode(*evidence->nonce),
            "0102030405060708090a0b0c0d0e0f10");
  auto basic = evidence->response->basic_response();
  ASSERT_TRUE(basic.has_value()) << basic.error().ToString();
  ASSERT_TRUE((*basic)->nonce.has_value());
  EXPECT_EQ(encoding::HexEncode(*(*basic)->nonce),
            "0102030405060708090a0b0c0d0e0f10");
  EXPECT_EQ(server_.ocsp_requests(), 1);
}

TEST_F(OcspFetcherTest, SecondFetchIsCacheHit) {
  server_.MapNucUrls(&config_);
  auto fetcher = MakeFetcher();
  const FetchPki& pki = SharedPki();
  ASSERT_TRUE(
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate));
  auto second =
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate);
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_EQ(server_.ocsp_requests(), 1);
  EXPECT_EQ(fetcher->metrics().ocsp.cache_hits.load(), 1u);
  EXPECT_EQ(fetcher->metrics().ocsp.requests.load(), 1u);
  EXPECT_EQ(random_.calls(), 1);
}

TEST_F(OcspFetcherTest, CacheExpiresAtNextUpdate) {
  server_.MapNucUrls(&config_);
  auto fetcher = MakeFetcher();
  const FetchPki& pki = SharedPki();
  ASSERT_TRUE(
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate));
  // The stand-in's nextUpdate is kNow plus one day.
  *now_ = testing::kNow.unix_seconds + testing::kDay;
  ASSERT_TRUE(
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate));
  EXPECT_EQ(server_.ocsp_requests(), 2);
  EXPECT_EQ(fetcher->metrics().ocsp.cache_hits.load(), 0u);
}

TEST_F(OcspFetcherTest, TryLaterIsNotCached) {
  server_.MapNucUrls(&config_);
  server_.set_ocsp_mode(OcspMode::kTryLater);
  auto fetcher = MakeFetcher();
  const FetchPki& pki = SharedPki();
  auto first =
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate);
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(first->response->response_status(),
            ocsp::ResponseStatus::kTryLater);
  ASSERT_TRUE(
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate));
  EXPECT_EQ(server_.ocsp_requests(), 2);
  EXPECT_EQ(fetcher->ocsp().num_cached(), 0u);
  EXPECT_EQ(fetcher->metrics().ocsp.errors.load(), 2u);
}

TEST_F(OcspFetcherTest, RejectsUnmappedNucUrlWithoutRequest) {
  auto fetcher = MakeFetcher();
  const FetchPki& pki = SharedPki();
  auto evidence =
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate);
  ASSERT_FALSE(evidence.has_value());
  EXPECT_EQ(evidence.error().code, ErrorCode::kFetchRemoteNotAllowed);
  EXPECT_NE(evidence.error().detail.find("ocsp.pki.gov.kz"), std::string::npos);
  EXPECT_EQ(fetcher->metrics().ocsp.requests.load(), 0u);
  EXPECT_EQ(server_.ocsp_requests(), 0);
}

TEST_F(OcspFetcherTest, DisabledFetchingSendsNothing) {
  server_.MapNucUrls(&config_);
  config_.mapping.enabled = false;
  auto fetcher = MakeFetcher();
  const FetchPki& pki = SharedPki();
  auto evidence =
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate);
  ASSERT_FALSE(evidence.has_value());
  EXPECT_EQ(evidence.error().code, ErrorCode::kFetchDisabled);
  EXPECT_EQ(server_.ocsp_requests(), 0);
}

TEST_F(OcspFetcherTest, IssuerOverrideReplacesAiaUrl) {
  const FetchPki& pki = SharedPki();
  config_.ocsp_overrides[encoding::HexEncode(pki.root.subject_key_identifier)] =
      server_.base_url() + "/ocsp";
  auto fetcher = MakeFetcher();
  auto evidence =
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate);
  ASSERT_TRUE(evidence.has_value()) << evidence.error().ToString();
  EXPECT_EQ(server_.ocsp_requests(), 1);
}

TEST_F(OcspFetcherTest, ServerErrorIsRetriedThenFails) {
  server_.MapNucUrls(&config_);
  server_.set_ocsp_mode(OcspMode::kServerError);
  auto fetcher = MakeFetcher();
  const FetchPki& pki = SharedPki();
  auto evidence =
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate);
  ASSERT_FALSE(evidence.has_value());
  EXPECT_EQ(evidence.error().code, ErrorCode::kFetchHttpStatus);
  // max_attempts is 2 in TestConfig.
  EXPECT_EQ(server_.ocsp_requests(), 2);
  EXPECT_EQ(fetcher->metrics().ocsp.requests.load(), 2u);
  EXPECT_EQ(fetcher->metrics().ocsp.errors.load(), 1u);
}

TEST_F(OcspFetcherTest, SlowResponderTimesOut) {
  server_.MapNucUrls(&config_);
  server_.set_ocsp_mode(OcspMode::kSlow);
  config_.max_attempts = 1;
  auto fetcher = MakeFetcher();
  const FetchPki& pki = SharedPki();
  auto evidence =
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate);
  ASSERT_FALSE(evidence.has_value());
  EXPECT_EQ(evidence.error().code, ErrorCode::kFetchTimedOut);
}

TEST_F(OcspFetcherTest, ConcurrencyIsCappedPerResponder) {
  server_.MapNucUrls(&config_);
  server_.set_ocsp_mode(OcspMode::kSlow);
  server_.set_slow_delay(std::chrono::milliseconds(100));
  config_.max_concurrent_per_responder = 1;
  config_.max_attempts = 1;
  auto fetcher = MakeFetcher();
  const FetchPki& pki = SharedPki();
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&] {
      auto evidence =
          fetcher->ocsp().Fetch(pki.revoked_certificate, pki.root_certificate);
      EXPECT_TRUE(evidence.has_value()) << evidence.error().ToString();
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_GE(server_.ocsp_requests(), 1);
  EXPECT_EQ(server_.max_ocsp_in_flight(), 1);
}

}  // namespace
}  // namespace tinysign::fetch
