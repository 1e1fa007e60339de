#include "fetch/ocsp_fetcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
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

TEST_F(OcspFetcherTest, CacheKeepsAtMostItsLimit) {
  server_.MapNucUrls(&config_);
  config_.max_cached_ocsp_responses = 1;
  auto fetcher = MakeFetcher();
  const FetchPki& pki = SharedPki();
  ASSERT_TRUE(
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate));
  ASSERT_TRUE(
      fetcher->ocsp().Fetch(pki.revoked_certificate, pki.root_certificate));
  EXPECT_EQ(fetcher->ocsp().num_cached(), 1u);
  // The first response made room for the second, so it is fetched again.
  ASSERT_TRUE(
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate));
  EXPECT_EQ(server_.ocsp_requests(), 3);
  EXPECT_EQ(fetcher->ocsp().num_cached(), 1u);
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

TEST_F(OcspFetcherTest, OverrideUrlIsMapped) {
  const FetchPki& pki = SharedPki();
  // The fetch map applies to an override URL as to a certificate's own.
  config_.ocsp_overrides[encoding::HexEncode(pki.root.subject_key_identifier)] =
      "http://ocsp.override.invalid/";
  config_.mapping.rewrites.push_back(
      {"http://ocsp.override.invalid/", server_.base_url() + "/ocsp"});
  auto fetcher = MakeFetcher();
  auto evidence =
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate);
  ASSERT_TRUE(evidence.has_value()) << evidence.error().ToString();
  EXPECT_EQ(server_.ocsp_requests(), 1);
}

TEST_F(OcspFetcherTest, OverrideToRemoteHostIsRejected) {
  const FetchPki& pki = SharedPki();
  // The certificate's own URL would reach the stand-in, but the override
  // replaces it, and its host is not a loopback address.
  server_.MapNucUrls(&config_);
  config_.ocsp_overrides[encoding::HexEncode(pki.root.subject_key_identifier)] =
      "http://ocsp.override.invalid/";
  auto fetcher = MakeFetcher();
  auto evidence =
      fetcher->ocsp().Fetch(pki.good_certificate, pki.root_certificate);
  ASSERT_FALSE(evidence.has_value());
  EXPECT_EQ(evidence.error().code, ErrorCode::kFetchRemoteNotAllowed);
  EXPECT_EQ(fetcher->metrics().ocsp.requests.load(), 0u);
  EXPECT_EQ(server_.ocsp_requests(), 0);
}

// OcspCacheFileTest runs the OCSP fetcher with a cache folder. A second
// fetcher on the same folder stands for the process after a restart.
class OcspCacheFileTest : public OcspFetcherTest {
 protected:
  OcspCacheFileTest() : cache_dir_(tinysign::testing::TempDir("ocsp-cache")) {
    server_.MapNucUrls(&config_);
    config_.cache_dir = cache_dir_.string();
    config_.cache_file_error_handler =
        [errors = errors_](const std::string& path, const Error& error) {
          errors->Record(path, error);
        };
    EXPECT_TRUE(CacheDirectory(cache_dir_).Prepare().has_value());
  }

  // OcspFiles returns the files in ocsp/.
  std::vector<std::filesystem::path> OcspFiles() const {
    std::vector<std::filesystem::path> files;
    for (const auto& entry :
         std::filesystem::directory_iterator(cache_dir_ / "ocsp")) {
      files.push_back(entry.path());
    }
    return files;
  }

  // FetchWithFirstFetcher fetches the status of `certificate` with a
  // fetcher that then goes away, and returns the response's DER and the
  // file it was written to.
  std::pair<Bytes, std::filesystem::path> FetchWithFirstFetcher(
      const CertificatePtr& certificate) {
    const std::vector<std::filesystem::path> before = OcspFiles();
    RevocationFetcher first(config_, random_);
    auto evidence =
        first.ocsp().Fetch(certificate, SharedPki().root_certificate);
    EXPECT_TRUE(evidence.has_value()) << evidence.error().ToString();
    std::vector<std::filesystem::path> added;
    for (const auto& file : OcspFiles()) {
      if (std::find(before.begin(), before.end(), file) == before.end()) {
        added.push_back(file);
      }
    }
    EXPECT_EQ(added.size(), 1u);
    if (!evidence.has_value() || added.empty()) {
      return {};
    }
    return {evidence->response->der().ToBytes(), added.front()};
  }

  // UnreachableConfig is `config_` with the NUC URLs mapped to a closed
  // port, so that every request fails.
  FetchConfig UnreachableConfig() const {
    FetchConfig config = config_;
    config.mapping.rewrites.clear();
    config.mapping.rewrites.push_back(
        {"http://ocsp.pki.gov.kz/",
         "http://127.0.0.1:" + std::to_string(testing::ClosedPort()) + "/"});
    return config;
  }

  std::filesystem::path cache_dir_;
  std::shared_ptr<testing::CacheFileErrors> errors_ =
      std::make_shared<testing::CacheFileErrors>();
};

TEST_F(OcspCacheFileTest, CachedResponseIsWrittenAsServed) {
  const auto [der, file] = FetchWithFirstFetcher(SharedPki().good_certificate);
  EXPECT_EQ(tinysign::testing::ReadFileBytes(file), der);
  EXPECT_EQ(file.extension(), ".der");
  EXPECT_TRUE(errors_->reported.empty());
}

TEST_F(OcspCacheFileTest, RestartUsesFileWithoutRequest) {
  const FetchPki& pki = SharedPki();
  const auto [der, file] = FetchWithFirstFetcher(pki.good_certificate);
  ASSERT_EQ(server_.ocsp_requests(), 1);
  RevocationFetcher restarted(UnreachableConfig(), random_);
  auto evidence =
      restarted.ocsp().Fetch(pki.good_certificate, pki.root_certificate);
  ASSERT_TRUE(evidence.has_value()) << evidence.error().ToString();
  EXPECT_EQ(evidence->response->der().ToBytes(), der);
  // The response echoes the nonce CountingRandom wrote, 01 02 ... 10.
  ASSERT_TRUE(evidence->nonce.has_value());
  EXPECT_EQ(encoding::HexEncode(*evidence->nonce),
            "0102030405060708090a0b0c0d0e0f10");
  EXPECT_EQ(server_.ocsp_requests(), 1);
  EXPECT_EQ(restarted.metrics().ocsp.requests.load(), 0u);
  EXPECT_EQ(restarted.metrics().ocsp.cache_file_loads.load(), 1u);
  EXPECT_EQ(restarted.ocsp().num_cached(), 1u);
  EXPECT_TRUE(errors_->reported.empty());

  // The second fetch is a hit in memory, so the file is not read again.
  ASSERT_TRUE(
      restarted.ocsp().Fetch(pki.good_certificate, pki.root_certificate));
  EXPECT_EQ(restarted.metrics().ocsp.cache_file_loads.load(), 1u);
  EXPECT_EQ(restarted.metrics().ocsp.cache_hits.load(), 2u);
}

TEST_F(OcspCacheFileTest, ExpiredFileIsIgnored) {
  const FetchPki& pki = SharedPki();
  const auto [der, file] = FetchWithFirstFetcher(pki.good_certificate);
  // The stand-in's nextUpdate is kNow plus one day.
  *now_ = testing::kNow.unix_seconds + testing::kDay;
  RevocationFetcher restarted(UnreachableConfig(), random_);
  auto evidence =
      restarted.ocsp().Fetch(pki.good_certificate, pki.root_certificate);
  ASSERT_FALSE(evidence.has_value());
  EXPECT_EQ(evidence.error().code, ErrorCode::kFetchConnectionFailed);
  ASSERT_EQ(errors_->reported.size(), 1u);
  EXPECT_EQ(errors_->reported[0].first, file.string());
  EXPECT_EQ(errors_->reported[0].second.code, ErrorCode::kOcspStale);
  EXPECT_EQ(restarted.metrics().ocsp.cache_file_errors.load(), 1u);
  // The expired file is removed, so the next restart does not report it.
  EXPECT_FALSE(std::filesystem::exists(file));
}

TEST_F(OcspCacheFileTest, CorruptFileIsIgnored) {
  const FetchPki& pki = SharedPki();
  const auto [der, file] = FetchWithFirstFetcher(pki.good_certificate);
  tinysign::testing::WriteFileBytes(file, Bytes{0x30, 0x05, 0x0a, 0x01});
  RevocationFetcher restarted(config_, random_);
  auto evidence =
      restarted.ocsp().Fetch(pki.good_certificate, pki.root_certificate);
  ASSERT_TRUE(evidence.has_value()) << evidence.error().ToString();
  EXPECT_EQ(server_.ocsp_requests(), 2);
  EXPECT_EQ(restarted.metrics().ocsp.cache_file_errors.load(), 1u);
  EXPECT_EQ(restarted.metrics().ocsp.cache_file_loads.load(), 0u);
  ASSERT_EQ(errors_->reported.size(), 1u);
  EXPECT_EQ(errors_->reported[0].first, file.string());
  EXPECT_EQ(errors_->reported[0].second.code, ErrorCode::kDerTruncated)
      << errors_->reported[0].second.ToString();
  // The new response replaced the corrupt file.
  EXPECT_EQ(tinysign::testing::ReadFileBytes(file),
            evidence->response->der().ToBytes());
}

TEST_F(OcspCacheFileTest, FileOnePastSizeLimitIsIgnored) {
  const FetchPki& pki = SharedPki();
  const auto [der, file] = FetchWithFirstFetcher(pki.good_certificate);
  std::filesystem::resize_file(file, limits::kMaxInputBytes + 1);
  RevocationFetcher restarted(config_, random_);
  auto evidence =
      restarted.ocsp().Fetch(pki.good_certificate, pki.root_certificate);
  ASSERT_TRUE(evidence.has_value()) << evidence.error().ToString();
  EXPECT_EQ(server_.ocsp_requests(), 2);
  ASSERT_EQ(errors_->reported.size(), 1u);
  EXPECT_EQ(errors_->reported[0].second.code, ErrorCode::kInputTooLarge);
}

TEST_F(OcspCacheFileTest, ResponseForAnotherCertificateIsRejected) {
  const FetchPki& pki = SharedPki();
  const auto [good_der, good_file] =
      FetchWithFirstFetcher(pki.good_certificate);
  const auto [revoked_der, revoked_file] =
      FetchWithFirstFetcher(pki.revoked_certificate);
  ASSERT_NE(good_file, revoked_file);
  // The revoked leaf's genuine response under the good leaf's file name.
  tinysign::testing::WriteFileBytes(good_file, revoked_der);
  RevocationFetcher restarted(UnreachableConfig(), random_);
  auto evidence =
      restarted.ocsp().Fetch(pki.good_certificate, pki.root_certificate);
  ASSERT_FALSE(evidence.has_value());
  ASSERT_EQ(errors_->reported.size(), 1u);
  EXPECT_EQ(errors_->reported[0].second.code, ErrorCode::kOcspCertIdMismatch);
}

}  // namespace
}  // namespace tinysign::fetch
