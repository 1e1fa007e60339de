// Live revocation scenarios end to end: the fetcher collects evidence
// from the stand-in server and the core's VerifyCertificate judges it at
// kNow under the require policy.
#include "fetch/revocation_fetcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/verify/verifier.h"
#include "core/x509/trust_store.h"
#include "tests/core/fetch/stand_in.h"

namespace tinysign::fetch {
namespace {

using testing::CountingRandom;
using testing::FetchPki;
using testing::kDay;
using testing::kNow;
using testing::OcspMode;
using testing::SharedPki;
using testing::StandInServer;
using tinysign::testing::IssuedCertificate;

class RevocationFetcherTest : public ::testing::Test {
 protected:
  RevocationFetcherTest()
      : now_(std::make_shared<std::atomic<int64_t>>(kNow.unix_seconds)),
        config_(testing::TestConfig(now_)) {
    server_.MapNucUrls(&config_);
  }

  CollectedEvidence Collect(const IssuedCertificate& leaf) {
    const FetchPki& pki = SharedPki();
    RevocationFetcher fetcher(config_, random_);
    auto certificate = testing::Parsed(leaf.der);
    CollectedEvidence collected = fetcher.CollectForCertificate(
        {certificate, pki.root_certificate}, kNow, "leaf");
    metrics_text_ = fetcher.metrics().RenderPrometheus();
    return collected;
  }

  std::shared_ptr<std::atomic<int64_t>> now_;
  FetchConfig config_;
  CountingRandom random_;
  StandInServer server_;
  std::string metrics_text_;
};

verify::CertificateReport Judge(const IssuedCertificate& leaf,
                                const CollectedEvidence& collected) {
  x509::TrustStore trust;
  EXPECT_TRUE(trust.Add(SharedPki().root.der).has_value());
  verify::VerifyOptions options;
  options.validation_time = kNow;
  options.current_time = kNow;
  options.policy.revocation = verify::RevocationPolicy::kRequire;
  options.revocation = collected.evidence;
  auto report = verify::VerifyCertificate(leaf.der, {}, trust, options);
  EXPECT_TRUE(report.has_value()) << report.error().ToString();
  return report.has_value() ? *report : verify::CertificateReport{};
}

bool HasFetchFailure(const CollectedEvidence& collected, ErrorCode code) {
  return std::any_of(
      collected.failures.begin(), collected.failures.end(),
      [&](const FetchFailure& failure) { return failure.error.code == code; });
}

std::string Describe(const CollectedEvidence& collected) {
  std::string text;
  for (const FetchFailure& failure : collected.failures) {
    text += failure.subject + ": " + failure.error.ToString() + "\n";
  }
  return text;
}

void ExpectUnknownAndIndeterminate(const IssuedCertificate& leaf,
                                   const CollectedEvidence& collected) {
  const verify::CertificateReport report = Judge(leaf, collected);
  EXPECT_EQ(report.revocation, verify::RevocationStatus::kUnknown)
      << Describe(collected);
  EXPECT_EQ(report.verdict, verify::Verdict::kIndeterminate)
      << Describe(collected);
}

TEST_F(RevocationFetcherTest, GoodOcspIsValid) {
  const CollectedEvidence collected = Collect(SharedPki().good_leaf);
  EXPECT_EQ(collected.evidence.ocsp.size(), 1u);
  EXPECT_TRUE(collected.evidence.crls.empty());
  EXPECT_TRUE(collected.failures.empty()) << Describe(collected);
  const verify::CertificateReport report =
      Judge(SharedPki().good_leaf, collected);
  EXPECT_EQ(report.revocation, verify::RevocationStatus::kGood);
  EXPECT_EQ(report.verdict, verify::Verdict::kValid);
  EXPECT_EQ(server_.crl_requests(), 0);
}

TEST_F(RevocationFetcherTest, RevokedOcspIsInvalid) {
  const CollectedEvidence collected = Collect(SharedPki().revoked_leaf);
  const verify::CertificateReport report =
      Judge(SharedPki().revoked_leaf, collected);
  EXPECT_EQ(report.revocation, verify::RevocationStatus::kRevoked);
  EXPECT_EQ(report.verdict, verify::Verdict::kInvalid);
}

TEST_F(RevocationFetcherTest, UnreachableOcspIsUnknown) {
  config_.mapping.rewrites.insert(
      config_.mapping.rewrites.begin(),
      {"http://ocsp.pki.gov.kz/",
       "http://127.0.0.1:" + std::to_string(testing::ClosedPort()) + "/"});
  const CollectedEvidence collected = Collect(SharedPki().good_leaf);
  EXPECT_TRUE(collected.evidence.ocsp.empty());
  EXPECT_TRUE(HasFetchFailure(collected, ErrorCode::kFetchConnectionFailed))
      << Describe(collected);
  ExpectUnknownAndIndeterminate(SharedPki().good_leaf, collected);
}

const FetchFailure* FindFailure(const CollectedEvidence& collected,
                                ErrorCode code) {
  for (const FetchFailure& failure : collected.failures) {
    if (failure.error.code == code) {
      return &failure;
    }
  }
  return nullptr;
}

TEST_F(RevocationFetcherTest, RefusedConnectionNamesUrl) {
  const std::string url =
      "http://127.0.0.1:" + std::to_string(testing::ClosedPort()) + "/";
  config_.mapping.rewrites.insert(config_.mapping.rewrites.begin(),
                                  {"http://ocsp.pki.gov.kz/", url});
  const CollectedEvidence collected = Collect(SharedPki().good_leaf);
  const FetchFailure* failure =
      FindFailure(collected, ErrorCode::kFetchConnectionFailed);
  ASSERT_NE(failure, nullptr) << Describe(collected);
  EXPECT_EQ(failure->error.detail, "could not connect to " + url +
                                       ": the connection was refused or failed")
      << Describe(collected);
}

TEST_F(RevocationFetcherTest, TimeoutNamesUrlAndLimit) {
  server_.set_ocsp_mode(OcspMode::kSlow);
  config_.max_attempts = 1;
  const CollectedEvidence collected = Collect(SharedPki().good_leaf);
  const FetchFailure* failure =
      FindFailure(collected, ErrorCode::kFetchTimedOut);
  ASSERT_NE(failure, nullptr) << Describe(collected);
  // The stand-in maps the NUC OCSP URL to its own /ocsp path.
  EXPECT_NE(failure->error.detail.find("no response from " +
                                       server_.base_url() + "/ocsp"),
            std::string::npos)
      << failure->error.detail;
  EXPECT_NE(failure->error.detail.find(
                "within " + std::to_string(config_.timeout.count()) + " ms"),
            std::string::npos)
      << failure->error.detail;
}

TEST_F(RevocationFetcherTest, SlowOcspIsUnknown) {
  server_.set_ocsp_mode(OcspMode::kSlow);
  config_.max_attempts = 1;
  const CollectedEvidence collected = Collect(SharedPki().good_leaf);
  EXPECT_TRUE(HasFetchFailure(collected, ErrorCode::kFetchTimedOut))
      << Describe(collected);
  ExpectUnknownAndIndeterminate(SharedPki().good_leaf, collected);
}

TEST_F(RevocationFetcherTest, GarbageOcspIsUnknown) {
  server_.set_ocsp_mode(OcspMode::kGarbage);
  const CollectedEvidence collected = Collect(SharedPki().good_leaf);
  EXPECT_TRUE(collected.evidence.ocsp.empty());
  EXPECT_FALSE(collected.failures.empty());
  ExpectUnknownAndIndeterminate(SharedPki().good_leaf, collected);
}

TEST_F(RevocationFetcherTest, TryLaterOcspIsUnknown) {
  server_.set_ocsp_mode(OcspMode::kTryLater);
  const CollectedEvidence collected = Collect(SharedPki().good_leaf);
  ASSERT_EQ(collected.evidence.ocsp.size(), 1u);
  EXPECT_TRUE(HasFetchFailure(collected, ErrorCode::kOcspUnsuccessfulResponse))
      << Describe(collected);
  ExpectUnknownAndIndeterminate(SharedPki().good_leaf, collected);
}

TEST_F(RevocationFetcherTest, ServerErrorOcspIsUnknown) {
  server_.set_ocsp_mode(OcspMode::kServerError);
  const CollectedEvidence collected = Collect(SharedPki().good_leaf);
  EXPECT_TRUE(HasFetchFailure(collected, ErrorCode::kFetchHttpStatus))
      << Describe(collected);
  ExpectUnknownAndIndeterminate(SharedPki().good_leaf, collected);
}

TEST_F(RevocationFetcherTest, FallsBackToCrlWhenOcspFails) {
  server_.set_ocsp_mode(OcspMode::kGarbage);
  server_.set_crl("nca_gost2015.crl",
                  testing::BuildCrlBytes(testing::Shift(kNow, -kDay), 5));
  const CollectedEvidence good = Collect(SharedPki().good_leaf);
  ASSERT_EQ(good.evidence.crls.size(), 1u) << Describe(good);
  const verify::CertificateReport good_report =
      Judge(SharedPki().good_leaf, good);
  EXPECT_EQ(good_report.revocation, verify::RevocationStatus::kGood);
  EXPECT_EQ(good_report.verdict, verify::Verdict::kValid);

  const CollectedEvidence revoked = Collect(SharedPki().revoked_leaf);
  const verify::CertificateReport revoked_report =
      Judge(SharedPki().revoked_leaf, revoked);
  EXPECT_EQ(revoked_report.revocation, verify::RevocationStatus::kRevoked);
  EXPECT_EQ(revoked_report.verdict, verify::Verdict::kInvalid);
}

TEST_F(RevocationFetcherTest, UnknownOcspStatusFallsBackToCrl) {
  server_.set_ocsp_mode(OcspMode::kUnknownStatus);
  server_.set_crl("nca_gost2015.crl",
                  testing::BuildCrlBytes(testing::Shift(kNow, -kDay), 5));
  const CollectedEvidence collected = Collect(SharedPki().good_leaf);
  EXPECT_EQ(collected.evidence.ocsp.size(), 1u);
  ASSERT_EQ(collected.evidence.crls.size(), 1u) << Describe(collected);
  const verify::CertificateReport report =
      Judge(SharedPki().good_leaf, collected);
  EXPECT_EQ(report.revocation, verify::RevocationStatus::kGood);
  EXPECT_EQ(report.verdict, verify::Verdict::kValid);
}

TEST_F(RevocationFetcherTest, PathWithoutIssuerIsFailure) {
  RevocationFetcher fetcher(config_, random_);
  const CollectedEvidence collected = fetcher.CollectForCertificate(
      {SharedPki().good_certificate}, kNow, "leaf");
  EXPECT_TRUE(collected.evidence.empty());
  EXPECT_TRUE(HasFetchFailure(collected, ErrorCode::kChainIssuerNotFound));
  EXPECT_EQ(server_.ocsp_requests(), 0);
}

TEST_F(RevocationFetcherTest, DeltaCrlIsFetchedToo) {
  server_.set_ocsp_mode(OcspMode::kServerError);
  server_.set_crl("nca_gost2015.crl",
                  testing::BuildCrlBytes(testing::Shift(kNow, -kDay), 5));
  pki::CrlSpec delta =
      pki::CrlSpecFor(SharedPki().root, testing::Shift(kNow, -testing::kHour));
  delta.next_update = testing::Shift(kNow, kDay);
  delta.crl_number = 6;
  delta.base_crl_number = 5;
  server_.set_crl("nca_d_gost2015.crl",
                  tinysign::testing::ValueOrFail(
                      pki::BuildCrl(delta, *SharedPki().root.key), "delta"));
  const CollectedEvidence collected = Collect(SharedPki().good_leaf);
  ASSERT_EQ(collected.evidence.crls.size(), 2u) << Describe(collected);
  EXPECT_FALSE(collected.evidence.crls[0]->is_delta());
  EXPECT_TRUE(collected.evidence.crls[1]->is_delta());
  const verify::CertificateReport report =
      Judge(SharedPki().good_leaf, collected);
  EXPECT_EQ(report.revocation, verify::RevocationStatus::kGood);
}

TEST_F(RevocationFetcherTest, StaleCrlIsUnknown) {
  server_.set_ocsp_mode(OcspMode::kServerError);
  // Issued 10 days before kNow with a 7-day validity: nextUpdate passed
  // 3 days ago.
  server_.set_crl("nca_gost2015.crl",
                  testing::BuildCrlBytes(testing::Shift(kNow, -10 * kDay), 5));
  const CollectedEvidence collected = Collect(SharedPki().good_leaf);
  ASSERT_EQ(collected.evidence.crls.size(), 1u) << Describe(collected);
  const verify::CertificateReport report =
      Judge(SharedPki().good_leaf, collected);
  EXPECT_EQ(report.revocation, verify::RevocationStatus::kUnknown);
  EXPECT_TRUE(std::any_of(report.reasons.begin(), report.reasons.end(),
                          [](const verify::Reason& reason) {
                            return reason.code == ErrorCode::kCrlStale;
                          }));
  EXPECT_EQ(report.verdict, verify::Verdict::kIndeterminate);
}

TEST_F(RevocationFetcherTest, UnmappedUrlsAreRejected) {
  config_.mapping.rewrites.clear();
  const CollectedEvidence collected = Collect(SharedPki().good_leaf);
  EXPECT_TRUE(collected.evidence.empty());
  // One OCSP URL, one CRL URL and one delta CRL URL.
  EXPECT_EQ(std::count_if(collected.failures.begin(), collected.failures.end(),
                          [](const FetchFailure& failure) {
                            return failure.error.code ==
                                   ErrorCode::kFetchRemoteNotAllowed;
                          }),
            3);
  EXPECT_EQ(server_.ocsp_requests(), 0);
  EXPECT_EQ(server_.crl_requests(), 0);
  EXPECT_NE(metrics_text_.find(
                "tinysign_revocation_fetch_requests_total{kind=\"ocsp\"} 0"),
            std::string::npos)
      << metrics_text_;
  ExpectUnknownAndIndeterminate(SharedPki().good_leaf, collected);
}

TEST_F(RevocationFetcherTest, UnmappedUrlsReachTheReport) {
  config_.mapping.rewrites.clear();
  const CollectedEvidence collected = Collect(SharedPki().good_leaf);
  const auto& failed = collected.evidence.failed_fetches;
  // One OCSP URL, one CRL URL and one delta CRL URL.
  ASSERT_EQ(failed.size(), 3u) << Describe(collected);
  EXPECT_EQ(failed[0].source, "the OCSP response");
  for (const verify::FailedFetch& fetch : failed) {
    ASSERT_NE(fetch.certificate, nullptr);
    EXPECT_TRUE(fetch.certificate->der() ==
                der::Input(SharedPki().good_leaf.der));
    EXPECT_EQ(fetch.error.code, ErrorCode::kFetchRemoteNotAllowed);
  }
  const verify::CertificateReport report =
      Judge(SharedPki().good_leaf, collected);
  EXPECT_EQ(std::count_if(report.reasons.begin(), report.reasons.end(),
                          [](const verify::Reason& reason) {
                            return reason.code ==
                                   ErrorCode::kFetchRemoteNotAllowed;
                          }),
            3);
}

TEST_F(RevocationFetcherTest, MetricsCountRequests) {
  server_.set_ocsp_mode(OcspMode::kServerError);
  server_.set_crl("nca_gost2015.crl",
                  testing::BuildCrlBytes(testing::Shift(kNow, -kDay), 5));
  Collect(SharedPki().good_leaf);
  // Two OCSP attempts, then one complete CRL and one delta CRL request
  // (the 404 is not retried).
  EXPECT_NE(metrics_text_.find(
                "tinysign_revocation_fetch_requests_total{kind=\"ocsp\"} 2\n"),
            std::string::npos)
      << metrics_text_;
  EXPECT_NE(metrics_text_.find(
                "tinysign_revocation_fetch_requests_total{kind=\"crl\"} 2\n"),
            std::string::npos)
      << metrics_text_;
  EXPECT_NE(metrics_text_.find("tinysign_revocation_fetch_duration_seconds_"
                               "count{kind=\"ocsp\"} 2\n"),
            std::string::npos)
      << metrics_text_;
}

// SignedBy returns a CMS over "collect" signed by each of `signers`,
// carrying the certificates in `certificates`.
Bytes SignedBy(const std::vector<const IssuedCertificate*>& signers,
               const std::vector<Bytes>& certificates) {
  pki::CmsSpec spec;
  const std::string content = "collect";
  spec.content = Bytes(content.begin(), content.end());
  for (const IssuedCertificate* signer : signers) {
    pki::SignerSpec signer_spec;
    signer_spec.certificate = signer;
    signer_spec.signing_time = testing::Shift(kNow, -testing::kHour);
    spec.signers.push_back(signer_spec);
  }
  spec.certificates = certificates;
  return tinysign::testing::BuildSignedData(spec);
}

TEST_F(RevocationFetcherTest, CollectForCmsCoversEverySigner) {
  const FetchPki& pki = SharedPki();
  const Bytes cms = SignedBy({&pki.good_leaf, &pki.revoked_leaf},
                             {pki.good_leaf.der, pki.revoked_leaf.der});
  x509::TrustStore trust;
  ASSERT_TRUE(trust.Add(pki.root.der).has_value());
  RevocationFetcher fetcher(config_, random_);
  auto collected = fetcher.CollectForCms(cms, trust, kNow);
  ASSERT_TRUE(collected.has_value()) << collected.error().ToString();
  EXPECT_EQ(collected->evidence.ocsp.size(), 2u);
  EXPECT_TRUE(collected->failures.empty()) << Describe(*collected);
  EXPECT_EQ(server_.ocsp_requests(), 2);
}

TEST_F(RevocationFetcherTest, CollectForCmsReportsMissingCertificate) {
  const FetchPki& pki = SharedPki();
  const Bytes cms = SignedBy({&pki.good_leaf}, {});
  x509::TrustStore trust;
  ASSERT_TRUE(trust.Add(pki.root.der).has_value());
  RevocationFetcher fetcher(config_, random_);
  auto collected = fetcher.CollectForCms(cms, trust, kNow);
  ASSERT_TRUE(collected.has_value()) << collected.error().ToString();
  EXPECT_TRUE(collected->evidence.empty());
  EXPECT_TRUE(
      HasFetchFailure(*collected, ErrorCode::kCmsSignerCertificateMissing))
      << Describe(*collected);
  EXPECT_EQ(server_.ocsp_requests(), 0);
}

TEST_F(RevocationFetcherTest, CollectForCmsReportsUnknownIssuer) {
  const FetchPki& pki = SharedPki();
  const Bytes cms = SignedBy({&pki.good_leaf}, {pki.good_leaf.der});
  x509::TrustStore empty_trust;
  RevocationFetcher fetcher(config_, random_);
  auto collected = fetcher.CollectForCms(cms, empty_trust, kNow);
  ASSERT_TRUE(collected.has_value()) << collected.error().ToString();
  EXPECT_TRUE(HasFetchFailure(*collected, ErrorCode::kChainIssuerNotFound))
      << Describe(*collected);
  EXPECT_EQ(server_.ocsp_requests(), 0);
}

TEST_F(RevocationFetcherTest, CollectForCmsRejectsNonCms) {
  const std::string text = "not a CMS";
  x509::TrustStore trust;
  RevocationFetcher fetcher(config_, random_);
  auto collected = fetcher.CollectForCms(der::Input(text), trust, kNow);
  EXPECT_FALSE(collected.has_value());
}

}  // namespace
}  // namespace tinysign::fetch
