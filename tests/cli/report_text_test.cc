#include <gtest/gtest.h>

#include "report/text.h"

namespace tinysign::report {
namespace {

// Unix times computed with `date -u -d '2026-12-04T10:00:00Z' +%s` and so on.
constexpr Time kValidationTime{1796378400};  // 2026-12-04T10:00:00Z
constexpr Time kSigningTime{1767605415};     // 2026-01-05T09:30:15Z
constexpr Time kGenTime{1767605417};         // 2026-01-05T09:30:17Z
constexpr Time kNotBefore{1761740503};       // 2025-10-29T12:21:43Z
constexpr Time kNotAfter{1793276503};        // 2026-10-29T12:21:43Z
constexpr Time kCrlThisUpdate{1767609017};   // 2026-01-05T10:30:17Z

verify::SignerReport LegalEntitySigner() {
  verify::SignerReport signer;
  signer.verdict = verify::Verdict::kValid;
  signer.checks.digest = verify::CheckResult::kPassed;
  signer.checks.signature = verify::CheckResult::kPassed;
  signer.checks.chain = verify::CheckResult::kPassed;
  signer.checks.timestamp = verify::CheckResult::kPassed;
  signer.checks.key_usage = verify::CheckResult::kPassed;
  signer.signature_algorithm = "gost3410-2015-512";
  signer.digest_algorithm = "streebog512";
  signer.signing_time = kSigningTime;
  signer.timestamp =
      verify::TimestampSummary{kGenTime, "1.2.398.3.3.2.6.4", "CN=TSA"};
  signer.control_time = kGenTime;
  signer.checks.revocation = verify::RevocationStatus::kGood;
  verify::RevocationSummary revocation;
  revocation.source = "crl";
  revocation.status = verify::RevocationStatus::kGood;
  revocation.this_update = kCrlThisUpdate;
  revocation.responder = "CN=NCA";
  revocation.crl_number = "0e";
  signer.revocation = revocation;
  verify::CertificateSummary certificate;
  certificate.serial_number = "0860d966";
  certificate.not_before = kNotBefore;
  certificate.not_after = kNotAfter;
  certificate.issuer = "CN=NCA";
  certificate.subject = "CN=ТЕСТОВ ТЕСТ,O=ТОО ТЕСТ";
  certificate.iin = "123456789011";
  certificate.bin = "123456789021";
  certificate.common_name = "ТЕСТОВ ТЕСТ";
  certificate.organization = "ТОО ТЕСТ";
  certificate.roles = {"legal_entity", "first_head"};
  certificate.key_purposes = {"sign"};
  certificate.sha256 = "ab01";
  signer.certificate = certificate;
  signer.chain.push_back({"CN=ТЕСТОВ ТЕСТ,O=ТОО ТЕСТ", "0860d966", "", false});
  signer.chain.push_back({"CN=NCA", "7ad2", "", false});
  signer.chain.push_back({"CN=ROOT", "27d3", "", true});
  return signer;
}

verify::Report OneSignerReport() {
  verify::Report report;
  report.verdict = verify::Verdict::kValid;
  report.validation_time = kValidationTime;
  report.policy.revocation = verify::RevocationPolicy::kRequire;
  report.document.attached = true;
  report.document.source = "attached";
  report.document.digest_algorithm = "streebog512";
  report.document.size = 7;
  report.signers.push_back(LegalEntitySigner());
  return report;
}

TEST(ReportTextTest, ValidSignerSummary) {
  const std::string expected =
      "VALID: the only signer is valid\n"
      "\n"
      "  Checked at:    2026-12-04T10:00:00Z\n"
      "  Policy:        revocation require, purpose sign\n"
      "  Document:      attached, 7 bytes, streebog512\n"
      "  Signers:       1\n"
      "\n"
      "Signer 1: VALID\n"
      "  Name:          ТЕСТОВ ТЕСТ\n"
      "  IIN:           123456789011\n"
      "  BIN:           123456789021\n"
      "  Organisation:  ТОО ТЕСТ\n"
      "  Roles:         legal_entity, first_head\n"
      "  Key purpose:   sign\n"
      "  Algorithm:     gost3410-2015-512, digest streebog512\n"
      "  Signing time:  2026-01-05T09:30:15Z (claimed by signer)\n"
      "  Timestamp:     2026-01-05T09:30:17Z (verified, proves the signing "
      "time)\n"
      "  TSA policy:    1.2.398.3.3.2.6.4\n"
      "  TSA:           CN=TSA\n"
      "  Judged at:     2026-01-05T09:30:17Z\n"
      "  Revocation:    good, CRL 0e of CN=NCA, thisUpdate "
      "2026-01-05T10:30:17Z\n"
      "  Subject:       CN=ТЕСТОВ ТЕСТ,O=ТОО ТЕСТ\n"
      "  Issuer:        CN=NCA\n"
      "  Serial:        0860d966\n"
      "  Valid:         2025-10-29T12:21:43Z to 2026-10-29T12:21:43Z\n"
      "  SHA-256:       ab01\n"
      "  Chain:         CN=ТЕСТОВ ТЕСТ,O=ТОО ТЕСТ\n"
      "              -> CN=NCA\n"
      "              -> CN=ROOT (trust anchor)\n"
      "  Checks:        digest passed, signature passed, chain passed,\n"
      "                 timestamp passed, revocation good, key usage "
      "passed\n";
  EXPECT_EQ(ReportToText(OneSignerReport()), expected);
}

TEST(ReportTextTest, HeadlineNamesInvalidSigner) {
  verify::Report report = OneSignerReport();
  report.verdict = verify::Verdict::kInvalid;
  verify::SignerReport second = LegalEntitySigner();
  second.verdict = verify::Verdict::kInvalid;
  second.reasons.push_back(
      {ErrorCode::kCmsMessageDigestMismatch, "digest differs"});
  report.signers.push_back(second);
  report.reasons.push_back({ErrorCode::kCmsDetachedContentMissing, "x"});
  const std::string text = ReportToText(report);
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "INVALID: signer 2: digest differs (cms.message_digest_mismatch)");
  EXPECT_NE(text.find("\nSigner 2: INVALID\n"), std::string::npos);
  EXPECT_NE(text.find("    cms.message_digest_mismatch: digest differs\n"),
            std::string::npos);
  EXPECT_NE(text.find("\nReasons:\n  cms.detached_content_missing: x\n"),
            std::string::npos);
}

TEST(ReportTextTest, HeadlineSkipsUnverifiedTimestamp) {
  verify::Report report = OneSignerReport();
  report.verdict = verify::Verdict::kIndeterminate;
  report.signers[0].verdict = verify::Verdict::kIndeterminate;
  report.signers[0].reasons.push_back({ErrorCode::kTimestampNotVerified, ""});
  report.signers[0].reasons.push_back({ErrorCode::kChainExpired, "expired"});
  const std::string text = ReportToText(report);
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "INDETERMINATE: signer 1: expired (chain.expired)");
}

TEST(ReportTextTest, HeadlineSkipsUntrustedTsa) {
  verify::Report report = OneSignerReport();
  report.verdict = verify::Verdict::kIndeterminate;
  report.signers[0].verdict = verify::Verdict::kIndeterminate;
  report.signers[0].reasons.push_back({ErrorCode::kTimestampTsaUntrusted, ""});
  report.signers[0].reasons.push_back(
      {ErrorCode::kChainNoTrustAnchor, "no anchor"});
  const std::string text = ReportToText(report);
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "INDETERMINATE: signer 1: no anchor (chain.no_trust_anchor)");
}

TEST(ReportTextTest, UnverifiedTimestampAloneIsShown) {
  verify::Report report = OneSignerReport();
  report.verdict = verify::Verdict::kIndeterminate;
  report.signers[0].verdict = verify::Verdict::kIndeterminate;
  report.signers[0].reasons.push_back(
      {ErrorCode::kTimestampNotVerified, "not verified"});
  const std::string text = ReportToText(report);
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "INDETERMINATE: signer 1: not verified (timestamp.not_verified)");
}

TEST(ReportTextTest, TimestampWithoutSummary) {
  verify::Report report = OneSignerReport();
  report.signers[0].timestamp.reset();
  report.signers[0].checks.timestamp = verify::CheckResult::kIndeterminate;
  const std::string text = ReportToText(report);
  EXPECT_NE(text.find("  Timestamp:     present (not verified)\n"),
            std::string::npos);
}

TEST(ReportTextTest, ClaimedSigningTimeWithoutTimestamp) {
  verify::Report report = OneSignerReport();
  report.signers[0].timestamp.reset();
  report.signers[0].checks.timestamp = verify::CheckResult::kAbsent;
  const std::string text = ReportToText(report);
  EXPECT_NE(text.find("Signing time:  2026-01-05T09:30:15Z (claimed by "
                      "signer)\n  Timestamp:     none\n"),
            std::string::npos);
  EXPECT_EQ(text.find("proves"), std::string::npos);
}

TEST(ReportTextTest, UnverifiedTimestampProvesNothing) {
  verify::Report report = OneSignerReport();
  report.signers[0].checks.timestamp = verify::CheckResult::kIndeterminate;
  const std::string text = ReportToText(report);
  EXPECT_NE(text.find("Timestamp:     2026-01-05T09:30:17Z (not verified)\n"),
            std::string::npos);
}

TEST(ReportTextTest, DigestNotCheckedSaysHowToFix) {
  verify::Report report = OneSignerReport();
  report.verdict = verify::Verdict::kIndeterminate;
  report.document.attached = false;
  report.document.source = "missing";
  report.document.size.reset();
  report.signers[0].verdict = verify::Verdict::kIndeterminate;
  report.signers[0].checks.digest = verify::CheckResult::kNotChecked;
  report.signers[0].reasons.push_back({ErrorCode::kCmsDigestNotChecked, ""});
  const std::string text = ReportToText(report);
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "INDETERMINATE: signer 1: document was not supplied so its digest "
            "was not checked (cms.digest_not_checked)");
  EXPECT_NE(text.find("  Document:      detached, missing, streebog512\n"
                      "  Digest:        not checked: pass --document FILE or "
                      "--digest ALG:HEX to check the signed document\n"),
            std::string::npos);
}

TEST(ReportTextTest, NoSignersIsInvalidWithReason) {
  verify::Report report;
  report.verdict = verify::Verdict::kInvalid;
  report.reasons.push_back({ErrorCode::kCmsNoSigners, ""});
  const std::string text = ReportToText(report);
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "INVALID: the CMS has no signers (cms.no_signers)");
  EXPECT_NE(text.find("  Signers:       0\n"), std::string::npos);
}

TEST(ReportTextTest, EscapesControlCharacters) {
  verify::Report report = OneSignerReport();
  // An ESC sequence that would clear a terminal, and a line break.
  report.signers[0].certificate->common_name = "A\x1b[2JB\nC";
  const std::string text = ReportToText(report);
  EXPECT_NE(text.find("  Name:          A\\x1b[2JB\\nC\n"), std::string::npos)
      << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
}

TEST(ReportTextTest, CertificateReportSummary) {
  verify::CertificateReport report;
  report.verdict = verify::Verdict::kIndeterminate;
  report.validation_time = kValidationTime;
  report.reasons.push_back({ErrorCode::kChainNoTrustAnchor, ""});
  report.chain = verify::CheckResult::kIndeterminate;
  report.revocation = verify::RevocationStatus::kSkipped;
  report.key_usage = verify::CheckResult::kFailed;
  report.certificate = *LegalEntitySigner().certificate;
  const std::string text = CertificateReportToText(report);
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "INDETERMINATE: no path to a trust anchor (chain.no_trust_anchor)");
  EXPECT_NE(text.find("  IIN:           123456789011\n"), std::string::npos);
  EXPECT_NE(text.find("  Chain:         none built\n"), std::string::npos);
  EXPECT_NE(text.find("  Checks:        chain indeterminate, revocation "
                      "skipped, key usage failed\n"),
            std::string::npos);
}

}  // namespace
}  // namespace tinysign::report
