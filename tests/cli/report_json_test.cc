#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "report/json.h"
#include "report/pretty_json.h"

namespace tinysign::report {
namespace {

// Unix times computed with `date -u -d '2026-12-04T10:00:00Z' +%s` and so on.
constexpr Time kValidationTime{1796378400};  // 2026-12-04T10:00:00Z
constexpr Time kSigningTime{1767605415};     // 2026-01-05T09:30:15Z
constexpr Time kGenTime{1767605417};         // 2026-01-05T09:30:17Z
constexpr Time kNotBefore{1761740503};       // 2025-10-29T12:21:43Z
constexpr Time kNotAfter{1793276503};        // 2026-10-29T12:21:43Z
constexpr Time kOcspThisUpdate{1767605477};  // 2026-01-05T09:31:17Z
constexpr Time kOcspNextUpdate{1767609077};  // 2026-01-05T10:31:17Z

verify::CertificateSummary IndividualCertificate() {
  verify::CertificateSummary certificate;
  certificate.serial_number = "0d79679f";
  certificate.not_before = kNotBefore;
  certificate.not_after = kNotAfter;
  certificate.issuer = "CN=NCA TEST,C=KZ";
  certificate.subject = "CN=ТЕСТОВ ТЕСТ,SERIALNUMBER=IIN123456789011,C=KZ";
  certificate.iin = "123456789011";
  certificate.common_name = "ТЕСТОВ ТЕСТ";
  certificate.surname = "ТЕСТОВ";
  certificate.patronymic = "ТЕСТОВИЧ";
  certificate.key_purposes = {"sign"};
  certificate.roles = {"individual"};
  certificate.sha256 = "ab01";
  return certificate;
}

verify::Report ValidReport() {
  verify::Report report;
  report.verdict = verify::Verdict::kValid;
  report.validation_time = kValidationTime;
  report.policy.revocation = verify::RevocationPolicy::kRequire;
  report.document.attached = true;
  report.document.source = "attached";
  report.document.digest_algorithm = "streebog512";
  report.document.size = 7;
  verify::SignerReport signer;
  signer.verdict = verify::Verdict::kValid;
  signer.checks.digest = verify::CheckResult::kPassed;
  signer.checks.signature = verify::CheckResult::kPassed;
  signer.checks.chain = verify::CheckResult::kPassed;
  signer.checks.timestamp = verify::CheckResult::kPassed;
  signer.checks.revocation = verify::RevocationStatus::kGood;
  signer.checks.key_usage = verify::CheckResult::kPassed;
  signer.signature_algorithm = "gost3410-2015-512";
  signer.digest_algorithm = "streebog512";
  signer.signing_time = kSigningTime;
  signer.timestamp =
      verify::TimestampSummary{kGenTime, "1.2.398.3.3.2.6.4", "CN=TSA,C=KZ",
                               "embedded", verify::CheckResult::kPassed};
  signer.control_time = kGenTime;
  verify::RevocationSummary revocation;
  revocation.source = "ocsp";
  revocation.status = verify::RevocationStatus::kGood;
  revocation.this_update = kOcspThisUpdate;
  revocation.next_update = kOcspNextUpdate;
  revocation.produced_at = kOcspThisUpdate;
  revocation.responder = "CN=OCSP,C=KZ";
  // An OCSPResponse of status malformedRequest, the shortest there is.
  revocation.evidence = {0x30, 0x03, 0x0a, 0x01, 0x01};
  signer.revocation = revocation;
  signer.key_usage_rule = "keyUsage nonRepudiation";
  signer.certificate = IndividualCertificate();
  signer.chain.push_back({"CN=ТЕСТОВ ТЕСТ", "0d79679f", "ab01", false});
  signer.chain.push_back({"CN=NCA TEST,C=KZ", "7ad2", "cd02", true});
  report.signers.push_back(signer);
  return report;
}

TEST(ReportJsonTest, WritesEveryFieldOfValidReport) {
  const std::string expected = R"({
  "verdict": "valid",
  "validationTime": "2026-12-04T10:00:00Z",
  "policy": {
    "revocation": "require",
    "purpose": "sign"
  },
  "document": {
    "attached": true,
    "source": "attached",
    "digestAlgorithm": "streebog512",
    "size": 7
  },
  "signers": [
    {
      "verdict": "valid",
      "reasons": [],
      "checks": {
        "digest": "passed",
        "signature": "passed",
        "chain": "passed",
        "timestamp": "passed",
        "revocation": "good",
        "keyUsage": "passed"
      },
      "signatureAlgorithm": "gost3410-2015-512",
      "digestAlgorithm": "streebog512",
      "signingTime": "2026-01-05T09:30:15Z",
      "timestamp": {
        "genTime": "2026-01-05T09:30:17Z",
        "policy": "1.2.398.3.3.2.6.4",
        "tsa": "CN=TSA,C=KZ",
        "source": "embedded",
        "result": "passed"
      },
      "controlTime": "2026-01-05T09:30:17Z",
      "revocation": {
        "source": "ocsp",
        "status": "good",
        "thisUpdate": "2026-01-05T09:31:17Z",
        "nextUpdate": "2026-01-05T10:31:17Z",
        "producedAt": "2026-01-05T09:31:17Z",
        "responder": "CN=OCSP,C=KZ",
        "evidence": "MAMKAQE="
      },
      "keyUsageRule": "keyUsage nonRepudiation",
      "certificate": {
        "serialNumber": "0d79679f",
        "notBefore": "2025-10-29T12:21:43Z",
        "notAfter": "2026-10-29T12:21:43Z",
        "issuer": "CN=NCA TEST,C=KZ",
        "subject": "CN=ТЕСТОВ ТЕСТ,SERIALNUMBER=IIN123456789011,C=KZ",
        "iin": "123456789011",
        "commonName": "ТЕСТОВ ТЕСТ",
        "surname": "ТЕСТОВ",
        "patronymic": "ТЕСТОВИЧ",
        "keyPurpose": [
          "sign"
        ],
        "roles": [
          "individual"
        ],
        "sha256": "ab01"
      },
      "chain": [
        {
          "subject": "CN=ТЕСТОВ ТЕСТ",
          "serialNumber": "0d79679f",
          "sha256": "ab01",
          "trustAnchor": false
        },
        {
          "subject": "CN=NCA TEST,C=KZ",
          "serialNumber": "7ad2",
          "sha256": "cd02",
          "trustAnchor": true
        }
      ]
    }
  ],
  "reasons": []
}
)";
  EXPECT_EQ(ReportToJson(ValidReport()), expected);
}

TEST(ReportJsonTest, LeavesOutAbsentFields) {
  verify::Report report;
  report.verdict = verify::Verdict::kIndeterminate;
  report.validation_time = kValidationTime;
  report.document.source = "missing";
  verify::SignerReport signer;
  signer.checks.digest = verify::CheckResult::kNotChecked;
  signer.checks.signature = verify::CheckResult::kPassed;
  signer.checks.chain = verify::CheckResult::kIndeterminate;
  signer.checks.timestamp = verify::CheckResult::kAbsent;
  signer.checks.revocation = verify::RevocationStatus::kUnknown;
  signer.checks.key_usage = verify::CheckResult::kFailed;
  signer.control_time = kValidationTime;
  report.signers.push_back(signer);
  report.reasons.push_back(
      {ErrorCode::kCmsDetachedContentMissing, "pass the document"});
  const std::string expected = R"({
  "verdict": "indeterminate",
  "validationTime": "2026-12-04T10:00:00Z",
  "policy": {
    "revocation": "require",
    "purpose": "sign"
  },
  "document": {
    "attached": false,
    "source": "missing"
  },
  "signers": [
    {
      "verdict": "indeterminate",
      "reasons": [],
      "checks": {
        "digest": "not_checked",
        "signature": "passed",
        "chain": "indeterminate",
        "timestamp": "absent",
        "revocation": "unknown",
        "keyUsage": "failed"
      },
      "controlTime": "2026-12-04T10:00:00Z",
      "chain": []
    }
  ],
  "reasons": [
    {
      "code": "cms.detached_content_missing",
      "message": "pass the document"
    }
  ]
}
)";
  EXPECT_EQ(ReportToJson(report), expected);
}

TEST(ReportJsonTest, EmptyReasonMessageUsesCodeMessage) {
  verify::Report report;
  report.reasons.push_back({ErrorCode::kCmsNoSigners, ""});
  const boost::json::object json = ReportToJsonObject(report);
  const boost::json::object& reason =
      json.at("reasons").as_array().at(0).as_object();
  EXPECT_EQ(reason.at("code").as_string(), "cms.no_signers");
  EXPECT_EQ(reason.at("message").as_string(), "the CMS has no signers");
}

TEST(ReportJsonTest, OutputParsesBack) {
  const std::string text = ReportToJson(ValidReport());
  boost::system::error_code error;
  const boost::json::value parsed = boost::json::parse(text, error);
  ASSERT_FALSE(error) << error.message();
  EXPECT_EQ(parsed.at("signers").at(0).at("certificate").at("iin"),
            "123456789011");
}

TEST(ReportJsonTest, CertificateReportShape) {
  verify::CertificateReport report;
  report.verdict = verify::Verdict::kInvalid;
  report.validation_time = kValidationTime;
  report.policy.purpose = verify::KeyPurpose::kAuth;
  report.reasons.push_back({ErrorCode::kChainExpired, "expired"});
  report.chain = verify::CheckResult::kFailed;
  report.revocation = verify::RevocationStatus::kSkipped;
  report.key_usage = verify::CheckResult::kPassed;
  report.certificate.not_before = kNotBefore;
  report.certificate.not_after = kNotAfter;
  report.certificate.bin = "123456789021";
  const std::string expected = R"({
  "verdict": "invalid",
  "validationTime": "2026-12-04T10:00:00Z",
  "policy": {
    "revocation": "require",
    "purpose": "auth"
  },
  "checks": {
    "chain": "failed",
    "revocation": "skipped",
    "keyUsage": "passed"
  },
  "certificate": {
    "notBefore": "2025-10-29T12:21:43Z",
    "notAfter": "2026-10-29T12:21:43Z",
    "bin": "123456789021",
    "keyPurpose": [],
    "roles": []
  },
  "chain": [],
  "reasons": [
    {
      "code": "chain.expired",
      "message": "expired"
    }
  ]
}
)";
  EXPECT_EQ(CertificateReportToJson(report), expected);
}

TEST(PrettyJsonTest, EscapesControlCharactersAndQuotes) {
  EXPECT_EQ(QuoteJsonString("a\"b\\c\n\t\x01"), R"("a\"b\\c\n\t\u0001")");
}

TEST(PrettyJsonTest, KeepsValidUtf8) {
  // "Қ" is U+049A, UTF-8 D2 9A; "😀" is U+1F600, UTF-8 F0 9F 98 80.
  EXPECT_EQ(QuoteJsonString("\xD2\x9A \xF0\x9F\x98\x80"),
            "\"\xD2\x9A \xF0\x9F\x98\x80\"");
}

TEST(PrettyJsonTest, ReplacesInvalidUtf8) {
  // A lone continuation byte, an overlong "/" (C0 AF), a surrogate (ED A0
  // 80) and a truncated sequence each become U+FFFD (EF BF BD) per byte.
  EXPECT_EQ(QuoteJsonString("\x80"), "\"\xEF\xBF\xBD\"");
  EXPECT_EQ(QuoteJsonString("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(QuoteJsonString("\xED\xA0\x80"),
            "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(QuoteJsonString("a\xD2"), "\"a\xEF\xBF\xBD\"");
}

TEST(PrettyJsonTest, WritesScalarsAndEmptyContainers) {
  boost::json::object object;
  object["n"] = -3;
  object["u"] = 18446744073709551615ULL;
  object["b"] = false;
  object["z"] = nullptr;
  object["a"] = boost::json::array();
  object["o"] = boost::json::object();
  EXPECT_EQ(PrettyPrintJson(object),
            "{\n  \"n\": -3,\n  \"u\": 18446744073709551615,\n"
            "  \"b\": false,\n  \"z\": null,\n  \"a\": [],\n  \"o\": {}\n}\n");
}

}  // namespace
}  // namespace tinysign::report
