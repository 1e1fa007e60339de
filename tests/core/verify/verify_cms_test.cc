// VerifyCms on the real NUC samples. Expected signer counts come from
// `openssl cms -print`, IINs and validity periods from `openssl x509`, and
// the documents from the sample descriptions.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "core/cms/attributes.h"
#include "core/cms/signed_data.h"
#include "core/encoding/input_form.h"
#include "core/verify/verifier.h"
#include "core/x509/trust_store.h"
#include "tests/support/files.h"
#include "tests/support/fixture_trust.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"
#include "tests/support/openssl_certs.h"

namespace tinysign::verify {
namespace {

using testing::FixturePath;

constexpr int64_t kOneHour = 3600;

x509::TrustStore LoadTrust(const std::string& relative) {
  return testing::LoadFixtureTrust(relative);
}

struct Sample {
  const char* path;
  const char* document;  // Detached samples: the signed document, if known.
  size_t num_signers;    // As `openssl cms -cmsout -print` shows.
};

constexpr Sample kSamples[] = {
    {"nuc/ncanode-kz_NCANode/groovy-constants/SIGNED_CMS.p7s", nullptr, 2},
    {"nuc/ncanode-kz_NCANode/groovy-constants/SIGNED_CMS_ONE_SIGNER.p7s",
     nullptr, 1},
    {"nuc/ncanode-kz_NCANode/groovy-constants/SIGNED_CMS_lol_kek.p7s", nullptr,
     1},
    {"nuc/gokalkan_gokalkan/testCMS.p7s", nullptr, 1},
    {"nuc/skarm_kalkan/cms/individual_attached.der", nullptr, 1},
    {"nuc/skarm_kalkan/cms/individual_detached.der",
     "nuc/skarm_kalkan/cms/individual_document.txt", 1},
    {"nuc/skarm_kalkan/cms/legal_entity_attached.der", nullptr, 1},
};

struct Loaded {
  Bytes der;
  Bytes document;
  std::vector<testing::OpenSslCertificate> certificates;
  Time inside_validity;
};

Loaded Load(const Sample& sample) {
  Loaded loaded;
  auto der = encoding::NormalizeToDer(
      testing::ReadFileBytes(FixturePath(sample.path)));
  EXPECT_TRUE(der.has_value());
  loaded.der = der.has_value() ? *der : Bytes{};
  if (sample.document != nullptr) {
    loaded.document = testing::ReadFileBytes(FixturePath(sample.document));
  }
  const auto dir = testing::TempDir("verify-cms");
  testing::WriteFileBytes(dir / "sample.der", loaded.der);
  loaded.certificates = testing::CertificatesInCms(dir / "sample.der");
  std::filesystem::remove_all(dir);
  // The last hour of the span in which every certificate is valid: Kalkan
  // signs with a certificate some time after it was issued, and a signer
  // that claims a signingTime later than the validation time is not valid.
  Time latest_start{0};
  Time earliest_end{INT64_MAX};
  for (const auto& certificate : loaded.certificates) {
    latest_start = std::max(latest_start, certificate.not_before);
    earliest_end = std::min(earliest_end, certificate.not_after);
  }
  loaded.inside_validity =
      earliest_end.unix_seconds - kOneHour > latest_start.unix_seconds
          ? Time{earliest_end.unix_seconds - kOneHour}
          : Time{latest_start.unix_seconds + kOneHour};
  return loaded;
}

Document DocumentFor(const Loaded& loaded) {
  Document document;
  if (!loaded.document.empty()) {
    document.kind = Document::Kind::kContent;
    document.content = loaded.document;
  }
  return document;
}

VerifyOptions OptionsAt(Time time) {
  VerifyOptions options;
  options.validation_time = time;
  options.policy.revocation = RevocationPolicy::kOff;
  return options;
}

TEST(VerifyCmsTest, EveryNucSampleVerifies) {
  TINYSIGN_REQUIRE_FIXTURES();
  const x509::TrustStore trust = LoadTrust("trust/nuc-test");
  for (const Sample& sample : kSamples) {
    SCOPED_TRACE(sample.path);
    const Loaded loaded = Load(sample);
    auto report = VerifyCms(loaded.der, DocumentFor(loaded), trust,
                            OptionsAt(loaded.inside_validity));
    ASSERT_TRUE(report.has_value()) << report.error().ToString();
    ASSERT_EQ(report->signers.size(), sample.num_signers);
    for (const SignerReport& signer : report->signers) {
      EXPECT_EQ(signer.checks.digest, CheckResult::kPassed);
      EXPECT_EQ(signer.checks.signature, CheckResult::kPassed);
      ASSERT_TRUE(signer.certificate.has_value());
      const auto expected = std::find_if(
          loaded.certificates.begin(), loaded.certificates.end(),
          [&](const testing::OpenSslCertificate& c) {
            return !c.iin.empty() && c.iin == signer.certificate->iin;
          });
      EXPECT_NE(expected, loaded.certificates.end())
          << "IIN " << signer.certificate->iin
          << " is not in any certificate OpenSSL lists";
    }
  }
}

bool HasReason(const std::vector<Reason>& reasons, ErrorCode code) {
  return std::any_of(reasons.begin(), reasons.end(),
                     [&](const Reason& reason) { return reason.code == code; });
}

// SignerWith returns the signer whose certificate starts at `not_before`.
const SignerReport* SignerWith(const Report& report, Time not_before) {
  for (const SignerReport& signer : report.signers) {
    if (signer.certificate && signer.certificate->not_before == not_before) {
      return &signer;
    }
  }
  return nullptr;
}

// ClaimedSigningTime returns the signingTime of the signer whose
// certificate starts at `not_before`.
std::optional<Time> ClaimedSigningTime(const Loaded& loaded, Time not_before,
                                       const x509::TrustStore& trust, Time at) {
  auto report =
      VerifyCms(loaded.der, DocumentFor(loaded), trust, OptionsAt(at));
  if (!report) {
    return std::nullopt;
  }
  const SignerReport* signer = SignerWith(*report, not_before);
  return signer ? signer->signing_time : std::nullopt;
}

// Every signer of the samples is valid at its claimed signing time when
// that is inside its certificate's validity, because the whole chain is in
// the NUC test trust set. The two signers of SIGNED_CMS.p7s were never
// valid at the same time, so each certificate gets its own validation
// time.
TEST(VerifyCmsTest, TestHierarchySignersAreValid) {
  TINYSIGN_REQUIRE_FIXTURES();
  const x509::TrustStore trust = LoadTrust("trust/nuc-test");
  for (const Sample& sample : kSamples) {
    const Loaded loaded = Load(sample);
    for (const testing::OpenSslCertificate& certificate : loaded.certificates) {
      SCOPED_TRACE(std::string(sample.path) + " " + certificate.subject);
      const Time early{certificate.not_before.unix_seconds + kOneHour};
      const std::optional<Time> signed_at =
          ClaimedSigningTime(loaded, certificate.not_before, trust, early);
      // Validate when the signer claims to have signed. Some samples were
      // signed after their certificate expired, so they are validated
      // inside the validity and must come out indeterminate.
      const bool signed_in_validity =
          !signed_at || (*signed_at >= certificate.not_before &&
                         *signed_at <= certificate.not_after);
      const Time at = signed_at && signed_in_validity ? *signed_at : early;
      auto report =
          VerifyCms(loaded.der, DocumentFor(loaded), trust, OptionsAt(at));
      ASSERT_TRUE(report.has_value());
      const SignerReport* signer = SignerWith(*report, certificate.not_before);
      ASSERT_NE(signer, nullptr);
      EXPECT_EQ(signer->checks.chain, CheckResult::kPassed);
      EXPECT_EQ(signer->checks.key_usage, CheckResult::kPassed);
      for (const Reason& reason : signer->reasons) {
        // The samples' timestamps come from the production TSA, whose CA
        // is not in the test trust set: reported, but no failure.
        const bool expected =
            reason.code == ErrorCode::kTimestampTsaUntrusted ||
            (!signed_in_validity &&
             (reason.code == ErrorCode::kCmsSigningTimeLater ||
              reason.code == ErrorCode::kTimestampAfterValidationTime));
        if (!expected) {
          ADD_FAILURE() << ErrorId(reason.code) << ": " << reason.message;
        }
      }
      if (signed_in_validity) {
        EXPECT_EQ(signer->verdict, Verdict::kValid);
      } else {
        EXPECT_EQ(signer->verdict, Verdict::kIndeterminate);
        EXPECT_TRUE(
            HasReason(signer->reasons, ErrorCode::kCmsSigningTimeLater));
      }
      if (report->signers.size() == 1) {
        EXPECT_EQ(report->verdict, signer->verdict);
      }
    }
  }
}

// The genTime and policy of each sample's timestamp match what
// `openssl ts -reply -token_in -text` prints for the same token, and the
// timestamp stays indeterminate because its TSA's CA is not trusted.
TEST(VerifyCmsTest, ReportsTimestampLikeOpenSsl) {
  TINYSIGN_REQUIRE_FIXTURES();
  const x509::TrustStore trust = LoadTrust("trust/nuc-test");
  const auto dir = testing::TempDir("timestamp-token");
  for (const Sample& sample : kSamples) {
    const Loaded loaded = Load(sample);
    auto parsed = cms::ParseSignedData(loaded.der);
    ASSERT_TRUE(parsed.has_value());
    const auto tokens = cms::FindTimestampTokens((*parsed)->signers().at(0));
    if (tokens.empty()) {
      continue;
    }
    SCOPED_TRACE(sample.path);
    testing::WriteFileBytes(dir / "token.der", tokens[0]);
    const testing::CommandResult printed =
        testing::RunCommand({"openssl", "ts", "-reply", "-token_in", "-in",
                             (dir / "token.der").string(), "-text"});
    ASSERT_EQ(printed.exit_code, 0);
    auto report = VerifyCms(loaded.der, DocumentFor(loaded), trust,
                            OptionsAt(loaded.inside_validity));
    ASSERT_TRUE(report.has_value());
    const SignerReport& signer = report->signers.at(0);
    ASSERT_TRUE(signer.timestamp.has_value());
    EXPECT_NE(printed.output.find("Policy OID: " + signer.timestamp->policy),
              std::string::npos)
        << printed.output;
    const size_t at = printed.output.find("Time stamp: ");
    ASSERT_NE(at, std::string::npos);
    const std::string openssl_time =
        printed.output.substr(at + 12, printed.output.find('\n', at) - at - 12);
    // OpenSSL prints fractions of a second; our Time drops them.
    std::string without_fraction = openssl_time;
    const size_t dot = without_fraction.find('.');
    if (dot != std::string::npos) {
      without_fraction.erase(dot, without_fraction.find(' ', dot) - dot);
    }
    EXPECT_EQ(signer.timestamp->gen_time,
              testing::ParseOpenSslDate(without_fraction))
        << openssl_time;
    EXPECT_EQ(signer.checks.timestamp, CheckResult::kIndeterminate);
    EXPECT_TRUE(HasReason(signer.reasons, ErrorCode::kTimestampTsaUntrusted));
    EXPECT_NE(signer.timestamp->tsa.find("TIME-STAMPING AUTHORITY"),
              std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST(VerifyCmsTest, DetachedWithoutDocumentIsIndeterminate) {
  TINYSIGN_REQUIRE_FIXTURES();
  const x509::TrustStore trust = LoadTrust("trust/nuc-test");
  const Loaded loaded = Load(kSamples[5]);
  auto report = VerifyCms(loaded.der, Document{}, trust,
                          OptionsAt(loaded.inside_validity));
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->signers.size(), 1u);
  EXPECT_EQ(report->signers[0].checks.digest, CheckResult::kNotChecked);
  EXPECT_EQ(report->signers[0].checks.signature, CheckResult::kPassed);
  EXPECT_EQ(report->verdict, Verdict::kIndeterminate);
  EXPECT_EQ(report->document.source, "missing");
}

TEST(VerifyCmsTest, DetachedWithDigestVerifies) {
  TINYSIGN_REQUIRE_FIXTURES();
  const x509::TrustStore trust = LoadTrust("trust/nuc-test");
  const Loaded loaded = Load(kSamples[5]);
  Document document;
  document.kind = Document::Kind::kDigest;
  document.digest_algorithm = crypto::DigestAlgorithm::kStreebog512;
  document.digest = crypto::ComputeDigest(crypto::DigestAlgorithm::kStreebog512,
                                          loaded.document);
  auto report =
      VerifyCms(loaded.der, document, trust, OptionsAt(loaded.inside_validity));
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->signers[0].checks.digest, CheckResult::kPassed);
  EXPECT_EQ(report->verdict, Verdict::kValid);
}

TEST(VerifyCmsTest, WrongDetachedDocumentIsInvalid) {
  TINYSIGN_REQUIRE_FIXTURES();
  const x509::TrustStore trust = LoadTrust("trust/nuc-test");
  Loaded loaded = Load(kSamples[5]);
  loaded.document.push_back('!');
  auto report = VerifyCms(loaded.der, DocumentFor(loaded), trust,
                          OptionsAt(loaded.inside_validity));
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->signers[0].checks.digest, CheckResult::kFailed);
  EXPECT_EQ(report->verdict, Verdict::kInvalid);
}

// The GOST 2004 detached sample from Kalkan's examples has no document; its
// signature over the signed attributes still verifies.
TEST(VerifyCmsTest, DoubleSignExampleSignatureVerifies) {
  TINYSIGN_REQUIRE_FIXTURES();
  auto der = encoding::NormalizeToDer(testing::ReadFileBytes(
      FixturePath("nuc/skarm_kalkan/examples/CMS_for_double_sign.txt")));
  ASSERT_TRUE(der.has_value());
  auto report =
      VerifyCms(*der, Document{}, x509::TrustStore(), OptionsAt(Time{0}));
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->signers.size(), 1u);
  EXPECT_EQ(report->signers[0].checks.signature, CheckResult::kPassed);
  EXPECT_EQ(report->signers[0].checks.digest, CheckResult::kNotChecked);
  EXPECT_EQ(report->verdict, Verdict::kIndeterminate);
}

TEST(VerifyCmsTest, ExpiredWithoutTimestampIsIndeterminate) {
  TINYSIGN_REQUIRE_FIXTURES();
  const x509::TrustStore trust = LoadTrust("trust/nuc-test");
  const Loaded loaded = Load(kSamples[4]);
  Time after_expiry = loaded.certificates[0].not_after;
  after_expiry.unix_seconds += kOneHour;
  auto report =
      VerifyCms(loaded.der, Document{}, trust, OptionsAt(after_expiry));
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->signers[0].checks.chain, CheckResult::kIndeterminate);
  EXPECT_EQ(report->verdict, Verdict::kIndeterminate);
}

TEST(VerifyCmsTest, NoTrustAnchorIsIndeterminate) {
  TINYSIGN_REQUIRE_FIXTURES();
  const Loaded loaded = Load(kSamples[4]);
  auto report = VerifyCms(loaded.der, Document{}, x509::TrustStore(),
                          OptionsAt(loaded.inside_validity));
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->signers[0].checks.chain, CheckResult::kIndeterminate);
  EXPECT_TRUE(
      HasReason(report->signers[0].reasons, ErrorCode::kChainNoTrustAnchor));
  EXPECT_EQ(report->verdict, Verdict::kIndeterminate);
}

TEST(VerifyCmsTest, RequiredRevocationKeepsIndeterminate) {
  TINYSIGN_REQUIRE_FIXTURES();
  const x509::TrustStore trust = LoadTrust("trust/nuc-test");
  const Loaded loaded = Load(kSamples[4]);
  VerifyOptions options = OptionsAt(loaded.inside_validity);
  options.policy.revocation = RevocationPolicy::kRequire;
  auto report = VerifyCms(loaded.der, Document{}, trust, options);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->signers[0].checks.revocation, RevocationStatus::kUnknown);
  EXPECT_TRUE(
      HasReason(report->signers[0].reasons, ErrorCode::kRevocationSkipped));
  EXPECT_EQ(report->verdict, Verdict::kIndeterminate);
}

// FindOffset returns where `needle` starts in `haystack`.
size_t FindOffset(const Bytes& haystack, der::Input needle) {
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(),
                        needle.end());
  EXPECT_NE(it, haystack.end());
  return static_cast<size_t>(it - haystack.begin());
}

// Flipping one byte of the content, the signed attributes or the signature
// value makes the signer invalid with the matching failed check.
TEST(VerifyCmsTest, FlippedBytesAreInvalid) {
  TINYSIGN_REQUIRE_FIXTURES();
  const x509::TrustStore trust = LoadTrust("trust/nuc-test");
  const Loaded loaded = Load(kSamples[4]);
  auto parsed = cms::ParseSignedData(loaded.der);
  ASSERT_TRUE(parsed.has_value());
  const cms::SignerInfo& signer = (*parsed)->signers()[0];
  struct Flip {
    const char* what;
    size_t offset;
    CheckResult digest;
    CheckResult signature;
  };
  const Flip flips[] = {
      {"content", FindOffset(loaded.der, *(*parsed)->encapsulated_content()),
       CheckResult::kFailed, CheckResult::kPassed},
      {"signed attributes",
       FindOffset(loaded.der, *signer.signed_attributes_tlv) + 20,
       CheckResult::kPassed, CheckResult::kFailed},
      {"signature value", FindOffset(loaded.der, signer.signature) + 5,
       CheckResult::kPassed, CheckResult::kFailed},
  };
  for (const Flip& flip : flips) {
    SCOPED_TRACE(flip.what);
    Bytes tampered = loaded.der;
    tampered[flip.offset] ^= 0x01;
    auto report = VerifyCms(tampered, Document{}, trust,
                            OptionsAt(loaded.inside_validity));
    ASSERT_TRUE(report.has_value()) << report.error().ToString();
    EXPECT_EQ(report->signers[0].checks.digest, flip.digest);
    EXPECT_EQ(report->signers[0].checks.signature, flip.signature);
    EXPECT_EQ(report->verdict, Verdict::kInvalid);
  }
}

TEST(VerifyCmsTest, SuppliedDocumentMustMatchAttached) {
  TINYSIGN_REQUIRE_FIXTURES();
  const x509::TrustStore trust = LoadTrust("trust/nuc-test");
  const Loaded loaded = Load(kSamples[4]);
  const Bytes other = {'o', 't', 'h', 'e', 'r'};
  Document document;
  document.kind = Document::Kind::kContent;
  document.content = other;
  auto report =
      VerifyCms(loaded.der, document, trust, OptionsAt(loaded.inside_validity));
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->verdict, Verdict::kInvalid);
  EXPECT_EQ(report->reasons.at(0).code, ErrorCode::kCmsContentSupplied);
}

// A digest supplied for an attached signature must be the digest of the
// attached document; any other digest is a mismatch, never ignored.
TEST(VerifyCmsTest, DigestForAttachedMustMatch) {
  TINYSIGN_REQUIRE_FIXTURES();
  const x509::TrustStore trust = LoadTrust("trust/nuc-test");
  const Loaded loaded = Load(kSamples[4]);
  auto parsed = cms::ParseSignedData(loaded.der);
  ASSERT_TRUE(parsed.has_value());
  Document document;
  document.kind = Document::Kind::kDigest;
  document.digest_algorithm = crypto::DigestAlgorithm::kStreebog512;
  document.digest = crypto::ComputeDigest(document.digest_algorithm,
                                          *(*parsed)->encapsulated_content());
  auto report =
      VerifyCms(loaded.der, document, trust, OptionsAt(loaded.inside_validity));
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->verdict, Verdict::kValid);

  document.digest[0] ^= 0x01;
  report =
      VerifyCms(loaded.der, document, trust, OptionsAt(loaded.inside_validity));
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->verdict, Verdict::kInvalid);
  EXPECT_TRUE(HasReason(report->reasons, ErrorCode::kCmsContentSupplied));
}

TEST(VerifyCmsTest, CertificateIsNotACms) {
  TINYSIGN_REQUIRE_FIXTURES();
  auto der = encoding::NormalizeToDer(testing::ReadFileBytes(
      FixturePath("nuc/skarm_kalkan/cms/individual_signer.cer")));
  ASSERT_TRUE(der.has_value());
  auto report =
      VerifyCms(*der, Document{}, x509::TrustStore(), OptionsAt(Time{0}));
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::kCmsNotSignedData);
}

}  // namespace
}  // namespace tinysign::verify
