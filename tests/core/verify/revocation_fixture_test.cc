// Revocation with NUC's own OCSP responses and CRLs. The certificates come
// out of NUC's test key files through OpenSSL, and every expected time,
// serial and status below is what `openssl ocsp -resp_text` and
// `openssl crl -text` print for the same files.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/crl/crl.h"
#include "core/encoding/input_form.h"
#include "core/ocsp/response.h"
#include "core/verify/verifier.h"
#include "tests/support/files.h"
#include "tests/support/fixture_trust.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl_certs.h"

namespace tinysign::verify {
namespace {

using testing::FixturePath;

// The NCANode key files and what OpenSSL prints about them.
constexpr char kIndividualRsa[] =
    "nuc/ncanode-kz_NCANode/groovy-constants/"
    "KEY_INDIVIDUAL_VALID_SIGN_2004.p12";  // 2021-01-18 to 2022-01-18.
constexpr char kCeoGost2004[] =
    "nuc/ncanode-kz_NCANode/groovy-constants/"
    "KEY_CEO_SIGN_REVOKED_2004.p12";  // 2022-01-18T04:46:14Z to 2023.
constexpr char kCeoGost2015[] =
    "nuc/ncanode-kz_NCANode/groovy-constants/KEY_CEO_REVOKED_2015.p12";
constexpr char kOcspIndividualGood[] =
    "nuc/ncanode-kz_NCANode/ocsp/ocsp_response_individual_sign_2004.bin";
constexpr char kOcspCeo2004Revoked[] =
    "nuc/ncanode-kz_NCANode/ocsp/ocsp_response_ceo_sign_2004_revoked.bin";
constexpr char kOcspCeo2015Revoked[] =
    "nuc/ncanode-kz_NCANode/ocsp/ocsp_response_ceo_2015_revoked.bin";

// Two GOST 2015 keys of NUC's 2024 bundle, valid 2024-10-29 to
// 2025-10-29: 1d79679f... is on no CRL, 1860d966... was revoked at
// 2024-10-29T11:45:53Z.
constexpr char kNotRevoked2015[] =
    "nuc/skarm_kalkan/p12/GOST512_0d79679f360a2da49a631a0b1ac76f76c34b6f24.p12";
constexpr char kRevoked2015[] =
    "nuc/skarm_kalkan/p12/GOST512_0860d9665327c26760c213126760a3b73072218d.p12";
// Complete CRL 14 of 2025-04-29 (nextUpdate 2025-10-26T04:46:49Z) and the
// delta CRL 10 that updates it.
constexpr char kCrl2022Full[] = "nuc/skarm_kalkan/certs/nca_gost2022_test.crl";
constexpr char kCrl2022Delta[] =
    "nuc/skarm_kalkan/certs/nca_gost2022_d_test.crl";
constexpr char kCrlRsa[] = "nuc/ncanode-kz_NCANode/crl/nca_rsa_test.crl";

// The clock of the machine that checks, later than every piece of evidence.
constexpr Time kToday{1796378400};  // 2026-12-04T10:00:00Z

Time At(const char* rfc3339) {
  auto time = ParseRfc3339(rfc3339);
  EXPECT_TRUE(time.has_value()) << rfc3339;
  return time.has_value() ? *time : Time{};
}

// CertificateOf returns the DER certificate of a key file, as OpenSSL
// extracts it.
Bytes CertificateOf(const char* p12) {
  const auto certificates =
      testing::CertificatesInPkcs12(FixturePath(p12), {"Qwerty12", "Aa123456"});
  EXPECT_EQ(certificates.size(), 1u) << p12;
  if (certificates.empty()) {
    return {};
  }
  auto der = encoding::NormalizeToDer(der::Input(certificates[0].pem));
  EXPECT_TRUE(der.has_value());
  return der.has_value() ? *der : Bytes{};
}

OcspEvidence Ocsp(const char* path) {
  auto response =
      ocsp::ParseOcspResponse(testing::ReadFileBytes(FixturePath(path)));
  EXPECT_TRUE(response.has_value()) << path;
  return OcspEvidence{response.has_value() ? *response : nullptr, {}};
}

std::shared_ptr<const crl::Crl> Crl(const char* path) {
  auto list = crl::ParseCrl(testing::ReadFileBytes(FixturePath(path)));
  EXPECT_TRUE(list.has_value()) << path;
  return list.has_value() ? *list : nullptr;
}

CertificateReport Check(const char* p12, Time at, RevocationEvidence evidence) {
  const x509::TrustStore trust = testing::LoadFixtureTrust("trust/nuc-test");
  VerifyOptions options;
  options.validation_time = at;
  options.current_time = kToday;
  options.policy.revocation = RevocationPolicy::kRequire;
  options.revocation = std::move(evidence);
  auto report = VerifyCertificate(CertificateOf(p12), {}, trust, options);
  EXPECT_TRUE(report.has_value());
  return report.has_value() ? *report : CertificateReport{};
}

bool HasReason(const CertificateReport& report, ErrorCode code) {
  return std::any_of(report.reasons.begin(), report.reasons.end(),
                     [&](const Reason& reason) { return reason.code == code; });
}

std::string Describe(const CertificateReport& report) {
  std::string text;
  for (const Reason& reason : report.reasons) {
    text += std::string(ErrorId(reason.code)) + ": " + reason.message + "\n";
  }
  return text;
}

TEST(RevocationFixtureTest, OcspGoodMakesValid) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CertificateReport report =
      Check(kIndividualRsa, At("2021-06-01T00:00:00Z"),
            {{Ocsp(kOcspIndividualGood)}, {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kGood) << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kValid) << Describe(report);
  ASSERT_TRUE(report.revocation_evidence.has_value());
  EXPECT_EQ(report.revocation_evidence->source, "ocsp");
  EXPECT_EQ(FormatRfc3339(report.revocation_evidence->this_update),
            "2022-09-02T16:53:59Z");
  EXPECT_FALSE(report.revocation_evidence->evidence.empty());
}

TEST(RevocationFixtureTest, OcspRevokedBeforeControlTimeIsInvalid) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CertificateReport report =
      Check(kCeoGost2004, At("2022-06-01T00:00:00Z"),
            {{Ocsp(kOcspCeo2004Revoked)}, {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kRevoked) << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kInvalid);
  EXPECT_TRUE(HasReason(report, ErrorCode::kRevocationRevoked));
  ASSERT_TRUE(report.revocation_evidence.has_value());
  ASSERT_TRUE(report.revocation_evidence->revocation_time.has_value());
  EXPECT_EQ(FormatRfc3339(*report.revocation_evidence->revocation_time),
            "2022-01-18T06:30:55Z");
  EXPECT_EQ(report.revocation_evidence->revocation_reason, "superseded");
}

TEST(RevocationFixtureTest, GostTwentyFifteenResponderRevokes) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CertificateReport report =
      Check(kCeoGost2015, At("2022-08-01T00:00:00Z"),
            {{Ocsp(kOcspCeo2015Revoked)}, {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kRevoked) << Describe(report);
  ASSERT_TRUE(report.revocation_evidence.has_value());
  EXPECT_EQ(report.revocation_evidence->revocation_reason, "certificateHold");
  EXPECT_EQ(FormatRfc3339(*report.revocation_evidence->revocation_time),
            "2022-07-27T10:25:30Z");
}

// Revoked at 06:30:55 on the day of issue: at 05:00 the certificate was
// still good, and the response of September shows it.
TEST(RevocationFixtureTest, OcspRevokedAfterControlTimeIsGoodThen) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CertificateReport report =
      Check(kCeoGost2004, At("2022-01-18T05:00:00Z"),
            {{Ocsp(kOcspCeo2004Revoked)}, {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kGood) << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kValid) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kRevocationRevokedLater));
  ASSERT_TRUE(report.revocation_evidence.has_value());
  EXPECT_EQ(report.revocation_evidence->status, RevocationStatus::kGood);
  EXPECT_EQ(FormatRfc3339(*report.revocation_evidence->revocation_time),
            "2022-01-18T06:30:55Z");
}

TEST(RevocationFixtureTest, OcspForAnotherCertificateIsUnknown) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CertificateReport report =
      Check(kCeoGost2004, At("2022-06-01T00:00:00Z"),
            {{Ocsp(kOcspIndividualGood)}, {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown);
  EXPECT_EQ(report.verdict, Verdict::kIndeterminate);
  EXPECT_TRUE(HasReason(report, ErrorCode::kOcspCertIdMismatch))
      << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kRevocationUnknown));
}

// The good response has no nextUpdate, so it covers no time
// after its thisUpdate, 2022-09-02T16:53:59Z, plus the skew.
TEST(RevocationFixtureTest, OcspWithoutNextUpdateIsStaleLater) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CertificateReport report =
      Check(kIndividualRsa, At("2022-09-02T17:00:00Z"),
            {{Ocsp(kOcspIndividualGood)}, {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown);
  EXPECT_TRUE(HasReason(report, ErrorCode::kOcspStale)) << Describe(report);
}

TEST(RevocationFixtureTest, CrlWithDeltaShowsGood) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CertificateReport report =
      Check(kNotRevoked2015, At("2025-05-01T00:00:00Z"),
            {{}, {Crl(kCrl2022Full), Crl(kCrl2022Delta)}});
  EXPECT_EQ(report.revocation, RevocationStatus::kGood) << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kValid) << Describe(report);
  ASSERT_TRUE(report.revocation_evidence.has_value());
  EXPECT_EQ(report.revocation_evidence->source, "crl");
  // The delta is the newest evidence: CRL number 10.
  EXPECT_EQ(report.revocation_evidence->crl_number, "0a");
}

TEST(RevocationFixtureTest, CompleteCrlAloneShowsGood) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CertificateReport report = Check(
      kNotRevoked2015, At("2025-05-01T00:00:00Z"), {{}, {Crl(kCrl2022Full)}});
  EXPECT_EQ(report.revocation, RevocationStatus::kGood) << Describe(report);
  EXPECT_EQ(report.revocation_evidence->crl_number, "0e");
}

TEST(RevocationFixtureTest, CrlRevokedBeforeControlTimeIsInvalid) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CertificateReport report = Check(
      kRevoked2015, At("2025-05-01T00:00:00Z"), {{}, {Crl(kCrl2022Full)}});
  EXPECT_EQ(report.revocation, RevocationStatus::kRevoked) << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kInvalid);
  EXPECT_EQ(FormatRfc3339(*report.revocation_evidence->revocation_time),
            "2024-10-29T11:45:53Z");
}

// The certificate was issued at 11:43:58 and revoked at 11:45:53.
TEST(RevocationFixtureTest, CrlRevokedAfterControlTimeIsGoodThen) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CertificateReport report = Check(
      kRevoked2015, At("2024-10-29T11:44:30Z"), {{}, {Crl(kCrl2022Full)}});
  EXPECT_EQ(report.revocation, RevocationStatus::kGood) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kRevocationRevokedLater));
}

TEST(RevocationFixtureTest, CrlPastNextUpdateIsStale) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CertificateReport report = Check(
      kNotRevoked2015, At("2025-10-27T00:00:00Z"), {{}, {Crl(kCrl2022Full)}});
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown);
  EXPECT_EQ(report.verdict, Verdict::kIndeterminate);
  EXPECT_TRUE(HasReason(report, ErrorCode::kCrlStale)) << Describe(report);
}

TEST(RevocationFixtureTest, CrlOfAnotherIssuerIsUnknown) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CertificateReport report =
      Check(kNotRevoked2015, At("2025-05-01T00:00:00Z"), {{}, {Crl(kCrlRsa)}});
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown);
  EXPECT_TRUE(HasReason(report, ErrorCode::kCrlIssuerMismatch))
      << Describe(report);
}

TEST(RevocationFixtureTest, DeltaCrlWithoutBaseIsUnknown) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CertificateReport report = Check(
      kNotRevoked2015, At("2025-05-01T00:00:00Z"), {{}, {Crl(kCrl2022Delta)}});
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown);
  EXPECT_TRUE(HasReason(report, ErrorCode::kCrlDeltaWithoutBase))
      << Describe(report);
}

TEST(RevocationFixtureTest, PreferKeepsValidWithWarning) {
  TINYSIGN_REQUIRE_FIXTURES();
  const x509::TrustStore trust = testing::LoadFixtureTrust("trust/nuc-test");
  VerifyOptions options;
  options.validation_time = At("2025-05-01T00:00:00Z");
  options.policy.revocation = RevocationPolicy::kPrefer;
  auto report =
      VerifyCertificate(CertificateOf(kNotRevoked2015), {}, trust, options);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->revocation, RevocationStatus::kUnknown);
  EXPECT_EQ(report->verdict, Verdict::kValid);
  EXPECT_TRUE(HasReason(*report, ErrorCode::kRevocationSkipped));
  options.policy.revocation = RevocationPolicy::kOff;
  report =
      VerifyCertificate(CertificateOf(kNotRevoked2015), {}, trust, options);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->revocation, RevocationStatus::kSkipped);
  EXPECT_TRUE(report->reasons.empty()) << Describe(*report);
}

}  // namespace
}  // namespace tinysign::verify
