// The control time of a CMS signer: the genTime of a verified RFC 3161
// timestamp over the signature value, otherwise the validation time. The
// PKI is built with the `pki` builders: root -> CA -> signer, whose
// certificate is valid through 2024 only, and a TSA under the same CA. The
// signer signs at 2024-06-01T10:00Z, the TSA stamps 2024-06-01T10:05Z, and
// the verification runs at 2026-06-01T00:00Z. All other times below are
// written relative to those by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/cms/signed_data.h"
#include "core/cms/signer.h"
#include "core/crypto/digest.h"
#include "core/der/tag.h"
#include "core/der/writer.h"
#include "core/ocsp/response.h"
#include "core/tsp/timestamp.h"
#include "core/verify/verifier.h"
#include "core/x509/extensions.h"
#include "core/x509/trust_store.h"
#include "pki/ocsp_builder.h"
#include "pki/tsa_builder.h"
#include "tests/support/pki_builders.h"

namespace tinysign::verify {
namespace {

using testing::CertificateSpec;
using testing::CmsSpec;
using testing::IssuedCertificate;
using testing::KeyType;
using testing::SignerSpec;
using testing::TestKey;
using testing::TestKeyFor;

constexpr int64_t kMinute = 60;
constexpr int64_t kHour = 3600;
constexpr KeyType kKeyType = KeyType::kGost2015_512;

Time Shift(Time time, int64_t seconds) {
  return Time{time.unix_seconds + seconds};
}

const TestKey& Key(int index) { return TestKeyFor(kKeyType, index); }

// The signing time, the genTime and the validation time.
Time SigningTime() { return Shift(testing::MakeTime(2024, 6, 1), 10 * kHour); }
Time GenTime() { return Shift(SigningTime(), 5 * kMinute); }
Time ValidationTime() { return testing::MakeTime(2026, 6, 1); }

// TsaSpec is a TSA certificate under `issuer`, with the critical
// extendedKeyUsage timeStamping of RFC 3161 section 2.3 when `with_eku`,
// and emailProtection otherwise.
CertificateSpec TsaSpec(const IssuedCertificate& issuer, bool with_eku) {
  CertificateSpec spec = testing::LeafSpec("Test TSA", issuer);
  spec.ext_key_usage.clear();
  spec.key_usage = x509::KeyUsageMask(x509::KeyUsageBit::kDigitalSignature);
  der::Writer purposes;
  purposes.AddOid(with_eku ? x509::oid::kTimeStamping
                           : x509::oid::kEmailProtection);
  der::Writer list;
  list.AddConstructed(der::tag::kSequence, purposes);
  spec.extra_extensions.push_back({x509::oid::kExtKeyUsage, true, list.Take()});
  return spec;
}

struct Pki {
  IssuedCertificate root;
  IssuedCertificate ca;
  IssuedCertificate signer;
  IssuedCertificate tsa;
  IssuedCertificate tsa_without_eku;
};

Pki MakePki() {
  Pki pki;
  pki.root =
      testing::Issue(testing::RootSpec("Control Time Root"), Key(0), Key(0));
  pki.ca = testing::Issue(testing::CaSpec("Control Time CA", pki.root), Key(1),
                          Key(0));
  CertificateSpec signer = testing::LeafSpec("Signer", pki.ca);
  signer.not_before = testing::MakeTime(2024, 1, 1);
  signer.not_after = testing::MakeTime(2025, 1, 1);
  pki.signer = testing::Issue(signer, Key(2), Key(1));
  pki.tsa = testing::Issue(TsaSpec(pki.ca, true), Key(6), Key(1));
  pki.tsa_without_eku = testing::Issue(TsaSpec(pki.ca, false), Key(7), Key(1));
  return pki;
}

const Pki& SharedPki() {
  static const Pki* pki = new Pki(MakePki());
  return *pki;
}

Bytes SignDocument(Time signing_time) {
  const Pki& pki = SharedPki();
  CmsSpec spec;
  const std::string content = "control time document";
  spec.content = Bytes(content.begin(), content.end());
  SignerSpec signer;
  signer.certificate = &pki.signer;
  signer.signing_time = signing_time;
  spec.signers.push_back(signer);
  spec.certificates = {pki.signer.der, pki.ca.der};
  return testing::BuildSignedData(spec);
}

Bytes SignatureValueOf(const Bytes& cms) {
  auto signed_data = cms::ParseSignedData(cms);
  EXPECT_TRUE(signed_data.has_value()) << signed_data.error().ToString();
  if (!signed_data.has_value() || (*signed_data)->signers().empty()) {
    return {};
  }
  return (*signed_data)->signers()[0].signature.ToBytes();
}

// TokenOver returns a TimeStampToken by `tsa` at `gen_time` whose
// messageImprint is SHA-256 of `data`.
Bytes TokenOver(const Bytes& data, const IssuedCertificate& tsa,
                Time gen_time) {
  pki::TstInfoSpec spec;
  spec.hash_algorithm_tlv =
      pki::MessageImprintAlgorithm(crypto::DigestAlgorithm::kSha256);
  spec.hashed_message =
      crypto::ComputeDigest(crypto::DigestAlgorithm::kSha256, data);
  spec.serial = {0x11};
  spec.gen_time = gen_time;
  return testing::ValueOrFail(
      pki::BuildTimeStampToken(spec, tsa, {tsa.der, SharedPki().ca.der}),
      "timestamp token");
}

Bytes WithTimestamp(const Bytes& cms, const Bytes& token) {
  return testing::ValueOrFail(cms::AddSignatureTimestamp(cms, 0, token),
                              "AddSignatureTimestamp");
}

Bytes TimestampedCms() {
  const Bytes cms = SignDocument(SigningTime());
  return WithTimestamp(
      cms, TokenOver(SignatureValueOf(cms), SharedPki().tsa, GenTime()));
}

VerifyOptions Options(RevocationPolicy policy) {
  VerifyOptions options;
  options.validation_time = ValidationTime();
  options.current_time = ValidationTime();
  options.policy.revocation = policy;
  return options;
}

// IssuerOcsp is an OCSP response of the CA itself about the signer,
// produced 2024-06-01T11:00Z, an hour after genTime, so fresh for it.
OcspEvidence IssuerOcsp(ocsp::CertStatus status, Time revocation_time = {}) {
  const Pki& pki = SharedPki();
  const Time produced_at = Shift(GenTime(), 55 * kMinute);
  pki::OcspResponseSpec spec;
  spec.responder_name = pki::EncodeName(pki.ca.subject);
  spec.produced_at = produced_at;
  if (status == ocsp::CertStatus::kRevoked) {
    // Issued after the revocation so that it can report it.
    spec.produced_at = Shift(revocation_time, kHour);
  }
  pki::SingleResponseSpec single = pki::GoodResponse(
      testing::ValueOrFail(pki::BuildCertId(pki.signer.der, pki.ca.der,
                                            crypto::DigestAlgorithm::kSha1),
                           "CertID"),
      spec.produced_at);
  single.status = status;
  single.revocation_time = revocation_time;
  spec.responses.push_back(single);
  auto response = ocsp::ParseOcspResponse(testing::ValueOrFail(
      pki::BuildOcspResponse(spec, *pki.ca.key), "OCSP response"));
  EXPECT_TRUE(response.has_value()) << response.error().ToString();
  return OcspEvidence{response.has_value() ? *response : nullptr, {}};
}

Report Verify(const Bytes& cms, const VerifyOptions& options) {
  x509::TrustStore trust;
  EXPECT_TRUE(trust.Add(SharedPki().root.der).has_value());
  auto report = VerifyCms(cms, Document{}, trust, options);
  EXPECT_TRUE(report.has_value()) << report.error().ToString();
  return report.has_value() ? *report : Report{};
}

bool HasReason(const std::vector<Reason>& reasons, ErrorCode code) {
  return std::any_of(reasons.begin(), reasons.end(),
                     [&](const Reason& reason) { return reason.code == code; });
}

std::string Describe(const std::vector<Reason>& reasons) {
  std::string text;
  for (const Reason& reason : reasons) {
    text += std::string(ErrorId(reason.code)) + ": " + reason.message + "\n";
  }
  return text;
}

TEST(ControlTimeTest, TimestampProvesTimeUnderPolicyOff) {
  const Report report =
      Verify(TimestampedCms(), Options(RevocationPolicy::kOff));
  ASSERT_EQ(report.signers.size(), 1u);
  const SignerReport& signer = report.signers[0];
  EXPECT_EQ(signer.checks.timestamp, CheckResult::kPassed)
      << Describe(signer.reasons);
  EXPECT_EQ(signer.checks.chain, CheckResult::kPassed)
      << Describe(signer.reasons);
  EXPECT_EQ(signer.verdict, Verdict::kValid) << Describe(signer.reasons);
  EXPECT_EQ(FormatRfc3339(signer.control_time), "2024-06-01T10:05:00Z");
  ASSERT_TRUE(signer.timestamp.has_value());
  EXPECT_EQ(signer.timestamp->source, "embedded");
  EXPECT_EQ(signer.timestamp->result, CheckResult::kPassed);
  EXPECT_EQ(report.verdict, Verdict::kValid);
}

TEST(ControlTimeTest, TimestampWithFreshOcspIsValid) {
  VerifyOptions options = Options(RevocationPolicy::kRequire);
  options.revocation.ocsp.push_back(IssuerOcsp(ocsp::CertStatus::kGood));
  const Report report = Verify(TimestampedCms(), options);
  ASSERT_EQ(report.signers.size(), 1u);
  const SignerReport& signer = report.signers[0];
  EXPECT_EQ(signer.checks.revocation, RevocationStatus::kGood)
      << Describe(signer.reasons);
  EXPECT_EQ(signer.verdict, Verdict::kValid) << Describe(signer.reasons);
  EXPECT_EQ(FormatRfc3339(signer.control_time), "2024-06-01T10:05:00Z");
  ASSERT_TRUE(signer.revocation.has_value());
  EXPECT_EQ(FormatRfc3339(signer.revocation->this_update),
            "2024-06-01T11:00:00Z");
}

TEST(ControlTimeTest, WithoutTimestampExpiredIsIndeterminate) {
  const Report report =
      Verify(SignDocument(SigningTime()), Options(RevocationPolicy::kOff));
  ASSERT_EQ(report.signers.size(), 1u);
  const SignerReport& signer = report.signers[0];
  EXPECT_EQ(signer.checks.timestamp, CheckResult::kAbsent);
  EXPECT_EQ(signer.verdict, Verdict::kIndeterminate)
      << Describe(signer.reasons);
  EXPECT_TRUE(HasReason(signer.reasons, ErrorCode::kChainExpired))
      << Describe(signer.reasons);
  EXPECT_EQ(FormatRfc3339(signer.control_time), "2026-06-01T00:00:00Z");
}

TEST(ControlTimeTest, RevokedAfterGenTimeIsValid) {
  VerifyOptions options = Options(RevocationPolicy::kRequire);
  // 2024-09-01T00:00Z: after genTime, before the validation time.
  options.revocation.ocsp.push_back(
      IssuerOcsp(ocsp::CertStatus::kRevoked, testing::MakeTime(2024, 9, 1)));
  const Report report = Verify(TimestampedCms(), options);
  ASSERT_EQ(report.signers.size(), 1u);
  const SignerReport& signer = report.signers[0];
  EXPECT_EQ(signer.checks.revocation, RevocationStatus::kGood)
      << Describe(signer.reasons);
  EXPECT_EQ(signer.verdict, Verdict::kValid) << Describe(signer.reasons);
  EXPECT_TRUE(HasReason(signer.reasons, ErrorCode::kRevocationRevokedLater))
      << Describe(signer.reasons);
}

TEST(ControlTimeTest, RevokedBeforeGenTimeIsInvalid) {
  VerifyOptions options = Options(RevocationPolicy::kRequire);
  // 2024-06-01T09:00Z: an hour before signing.
  options.revocation.ocsp.push_back(
      IssuerOcsp(ocsp::CertStatus::kRevoked, Shift(SigningTime(), -kHour)));
  const Report report = Verify(TimestampedCms(), options);
  ASSERT_EQ(report.signers.size(), 1u);
  const SignerReport& signer = report.signers[0];
  EXPECT_EQ(signer.checks.revocation, RevocationStatus::kRevoked)
      << Describe(signer.reasons);
  EXPECT_EQ(signer.verdict, Verdict::kInvalid);
  EXPECT_TRUE(HasReason(signer.reasons, ErrorCode::kRevocationRevoked));
}

TEST(ControlTimeTest, TsaWithoutTimeStampingFails) {
  const Bytes cms = SignDocument(SigningTime());
  const Bytes stamped = WithTimestamp(
      cms,
      TokenOver(SignatureValueOf(cms), SharedPki().tsa_without_eku, GenTime()));
  const Report report = Verify(stamped, Options(RevocationPolicy::kOff));
  ASSERT_EQ(report.signers.size(), 1u);
  const SignerReport& signer = report.signers[0];
  EXPECT_EQ(signer.checks.timestamp, CheckResult::kFailed)
      << Describe(signer.reasons);
  EXPECT_TRUE(HasReason(signer.reasons, ErrorCode::kTimestampTsaNotAuthorized))
      << Describe(signer.reasons);
  EXPECT_NE(signer.verdict, Verdict::kValid);
  EXPECT_EQ(FormatRfc3339(signer.control_time), "2026-06-01T00:00:00Z");
}

std::shared_ptr<const tsp::TimeStampToken> ParsedToken(const Bytes& der) {
  auto token = tsp::ParseTimeStampToken(der);
  EXPECT_TRUE(token.has_value()) << token.error().ToString();
  return token.has_value() ? *token : nullptr;
}

TEST(ControlTimeTest, SuppliedTokenIsUsed) {
  const Bytes cms = SignDocument(SigningTime());
  VerifyOptions options = Options(RevocationPolicy::kOff);
  options.timestamps.push_back(ParsedToken(
      TokenOver(SignatureValueOf(cms), SharedPki().tsa, GenTime())));
  const Report report = Verify(cms, options);
  ASSERT_EQ(report.signers.size(), 1u);
  const SignerReport& signer = report.signers[0];
  ASSERT_TRUE(signer.timestamp.has_value());
  EXPECT_EQ(signer.timestamp->source, "supplied");
  EXPECT_EQ(signer.checks.timestamp, CheckResult::kPassed)
      << Describe(signer.reasons);
  EXPECT_EQ(FormatRfc3339(signer.control_time), "2024-06-01T10:05:00Z");
  EXPECT_EQ(signer.verdict, Verdict::kValid) << Describe(signer.reasons);
  EXPECT_FALSE(HasReason(report.reasons, ErrorCode::kTimestampUnmatched));
}

TEST(ControlTimeTest, SuppliedTokenOverOtherSignatureIsUnmatched) {
  const Bytes cms = SignDocument(SigningTime());
  const Bytes other = {0x6f, 0x74, 0x68, 0x65, 0x72};
  VerifyOptions options = Options(RevocationPolicy::kOff);
  options.timestamps.push_back(
      ParsedToken(TokenOver(other, SharedPki().tsa, GenTime())));
  const Report report = Verify(cms, options);
  EXPECT_TRUE(HasReason(report.reasons, ErrorCode::kTimestampUnmatched))
      << Describe(report.reasons);
  ASSERT_EQ(report.signers.size(), 1u);
  EXPECT_EQ(report.signers[0].checks.timestamp, CheckResult::kAbsent);
  EXPECT_NE(report.signers[0].verdict, Verdict::kValid);
}

TEST(ControlTimeTest, SigningTimeAfterGenTimeWarns) {
  // The signer claims 2024-06-01T12:00Z; the TSA stamps 10:05Z, 115
  // minutes earlier, far beyond the 300 s skew.
  const Bytes cms = SignDocument(Shift(SigningTime(), 2 * kHour));
  const Bytes stamped = WithTimestamp(
      cms, TokenOver(SignatureValueOf(cms), SharedPki().tsa, GenTime()));
  const Report report = Verify(stamped, Options(RevocationPolicy::kOff));
  ASSERT_EQ(report.signers.size(), 1u);
  const SignerReport& signer = report.signers[0];
  EXPECT_TRUE(HasReason(signer.reasons, ErrorCode::kCmsSigningTimeLater))
      << Describe(signer.reasons);
  EXPECT_EQ(FormatRfc3339(signer.control_time), "2024-06-01T10:05:00Z");
}

TEST(ControlTimeTest, SigningTimeWithinSkewDoesNotWarn) {
  const Report report =
      Verify(TimestampedCms(), Options(RevocationPolicy::kOff));
  ASSERT_EQ(report.signers.size(), 1u);
  EXPECT_FALSE(
      HasReason(report.signers[0].reasons, ErrorCode::kCmsSigningTimeLater));
}

}  // namespace
}  // namespace tinysign::verify
