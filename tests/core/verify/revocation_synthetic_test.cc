// Revocation evidence built with the `pki` builders: a root, an issuing
// CA, a leaf, a delegated OCSP responder and CRLs, each shaped to hit one
// rule of RFC 6960 or RFC 5280. The validation time is 2026-06-01T00:00Z
// and the caller's clock 2026-06-01T12:00Z. Every other time below is
// written relative to those by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/crl/crl.h"
#include "core/der/tag.h"
#include "core/der/writer.h"
#include "core/ocsp/response.h"
#include "core/verify/verifier.h"
#include "core/x509/extensions.h"
#include "core/x509/trust_store.h"
#include "pki/crl_builder.h"
#include "pki/ocsp_builder.h"
#include "tests/support/pki_builders.h"

namespace tinysign::verify {
namespace {

using pki::CrlEntrySpec;
using pki::CrlSpec;
using pki::OcspResponseSpec;
using pki::SingleResponseSpec;
using testing::CertificateSpec;
using testing::IssuedCertificate;
using testing::KeyType;
using testing::TestKey;
using testing::TestKeyFor;

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 24 * kHour;
constexpr KeyType kKeyType = KeyType::kGost2015_512;

// kControl is 2026-06-01T00:00:00Z: 20605 days after 1970-01-01, times
// 86400 seconds.
constexpr Time kControl{1780272000};
constexpr Time kClock{kControl.unix_seconds + 12 * kHour};

Time Shift(Time time, int64_t seconds) {
  return Time{time.unix_seconds + seconds};
}

// Pki is root -> CA -> leaf, with a delegated responder, a second leaf of
// the same CA and an unrelated CA.
struct Pki {
  IssuedCertificate root;
  IssuedCertificate ca;
  IssuedCertificate leaf;
  IssuedCertificate other_leaf;
  IssuedCertificate responder;
  IssuedCertificate other_ca;
};

const TestKey& Key(int index) { return TestKeyFor(kKeyType, index); }

IssuedCertificate IssueResponder(const IssuedCertificate& issuer,
                                 const TestKey& issuer_key,
                                 std::vector<der::Oid> purposes) {
  CertificateSpec spec = testing::LeafSpec("OCSP Responder", issuer);
  spec.key_usage = x509::KeyUsageMask(x509::KeyUsageBit::kDigitalSignature);
  spec.ext_key_usage = std::move(purposes);
  return testing::Issue(spec, Key(3), issuer_key);
}

Pki MakePki() {
  Pki pki;
  pki.root =
      testing::Issue(testing::RootSpec("Revocation Root"), Key(0), Key(0));
  pki.ca = testing::Issue(testing::CaSpec("Revocation CA", pki.root), Key(1),
                          Key(0));
  pki.leaf = testing::Issue(testing::LeafSpec("Leaf", pki.ca), Key(2), Key(1));
  pki.other_leaf =
      testing::Issue(testing::LeafSpec("Other Leaf", pki.ca), Key(2), Key(1));
  pki.responder = IssueResponder(pki.ca, Key(1), {x509::oid::kOcspSigning});
  pki.other_ca =
      testing::Issue(testing::CaSpec("Other CA", pki.root), Key(4), Key(0));
  return pki;
}

const Pki& SharedPki() {
  static const Pki* pki = new Pki(MakePki());
  return *pki;
}

Bytes CertIdFor(const IssuedCertificate& certificate,
                const IssuedCertificate& issuer) {
  return testing::ValueOrFail(pki::BuildCertId(certificate.der, issuer.der,
                                               crypto::DigestAlgorithm::kSha1),
                              "CertID");
}

// GoodSpec is a response from the delegated responder, produced at
// 2026-05-31T00:00Z, saying the leaf is good until 2026-06-02T00:00Z.
OcspResponseSpec GoodSpec(const Pki& pki) {
  OcspResponseSpec spec;
  spec.responder_name = pki::EncodeName(pki.responder.subject);
  spec.produced_at = Shift(kControl, -kDay);
  SingleResponseSpec single =
      pki::GoodResponse(CertIdFor(pki.leaf, pki.ca), Shift(kControl, -kDay));
  single.next_update = Shift(kControl, kDay);
  spec.responses.push_back(single);
  spec.certificates.push_back(pki.responder.der);
  return spec;
}

OcspEvidence Ocsp(const Bytes& der, std::optional<Bytes> nonce = {}) {
  auto response = ocsp::ParseOcspResponse(der);
  EXPECT_TRUE(response.has_value()) << response.error().ToString();
  return OcspEvidence{response.has_value() ? *response : nullptr,
                      std::move(nonce)};
}

OcspEvidence SignedOcsp(const OcspResponseSpec& spec, const TestKey& key,
                        std::optional<Bytes> nonce = {}) {
  return Ocsp(
      testing::ValueOrFail(pki::BuildOcspResponse(spec, key), "OCSP response"),
      std::move(nonce));
}

std::shared_ptr<const crl::Crl> ParsedCrl(const Bytes& der) {
  auto list = crl::ParseCrl(der);
  EXPECT_TRUE(list.has_value()) << list.error().ToString();
  return list.has_value() ? *list : nullptr;
}

std::shared_ptr<const crl::Crl> SignedCrl(const CrlSpec& spec,
                                          const TestKey& key) {
  return ParsedCrl(testing::ValueOrFail(pki::BuildCrl(spec, key), "CRL"));
}

// FreshCrlSpec is a CRL of `issuer` from 2026-05-31T00:00Z, valid until
// 2026-06-30T00:00Z.
CrlSpec FreshCrlSpec(const IssuedCertificate& issuer) {
  CrlSpec spec = pki::CrlSpecFor(issuer, Shift(kControl, -kDay));
  spec.next_update = Shift(kControl, 29 * kDay);
  return spec;
}

VerifyOptions Options(RevocationEvidence evidence,
                      RevocationPolicy policy = RevocationPolicy::kRequire) {
  VerifyOptions options;
  options.validation_time = kControl;
  options.current_time = kClock;
  options.policy.revocation = policy;
  options.revocation = std::move(evidence);
  return options;
}

CertificateReport Check(const IssuedCertificate& leaf,
                        const IssuedCertificate& ca,
                        const VerifyOptions& options) {
  x509::TrustStore trust;
  EXPECT_TRUE(trust.Add(SharedPki().root.der).has_value());
  auto report = VerifyCertificate(leaf.der, {ca.der}, trust, options);
  EXPECT_TRUE(report.has_value()) << report.error().ToString();
  return report.has_value() ? *report : CertificateReport{};
}

CertificateReport CheckLeaf(
    RevocationEvidence evidence,
    RevocationPolicy policy = RevocationPolicy::kRequire) {
  const Pki& pki = SharedPki();
  return Check(pki.leaf, pki.ca, Options(std::move(evidence), policy));
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

// ---- No evidence ----

TEST(NoEvidenceTest, RequireMessageNamesNoCommandLine) {
  const CertificateReport report = CheckLeaf({});
  ASSERT_TRUE(HasReason(report, ErrorCode::kRevocationSkipped))
      << Describe(report);
  // The service shares this message, and its clients have no options.
  EXPECT_EQ(Describe(report).find("--"), std::string::npos) << Describe(report);
  EXPECT_EQ(Describe(report).find("tinysign"), std::string::npos)
      << Describe(report);
}

// ---- OCSP ----

TEST(OcspSyntheticTest, GoodAndFreshIsValid) {
  const Pki& pki = SharedPki();
  const CertificateReport report =
      CheckLeaf({{SignedOcsp(GoodSpec(pki), *pki.responder.key)}, {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kGood) << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kValid) << Describe(report);
  ASSERT_TRUE(report.revocation_evidence.has_value());
  EXPECT_EQ(report.revocation_evidence->source, "ocsp");
  EXPECT_EQ(FormatRfc3339(report.revocation_evidence->this_update),
            "2026-05-31T00:00:00Z");
}

// StaleSpec's nextUpdate, 2026-05-31T12:00Z, is before the control time.
OcspResponseSpec StaleSpec(const Pki& pki) {
  OcspResponseSpec spec = GoodSpec(pki);
  spec.produced_at = Shift(kControl, -2 * kDay);
  spec.responses[0].this_update = Shift(kControl, -2 * kDay);
  spec.responses[0].next_update = Shift(kControl, -12 * kHour);
  return spec;
}

TEST(OcspSyntheticTest, StaleIsIndeterminateUnderRequire) {
  const Pki& pki = SharedPki();
  const CertificateReport report =
      CheckLeaf({{SignedOcsp(StaleSpec(pki), *pki.responder.key)}, {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kOcspStale)) << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kIndeterminate);
}

TEST(OcspSyntheticTest, StaleIsValidWithWarningUnderPrefer) {
  const Pki& pki = SharedPki();
  const CertificateReport report =
      CheckLeaf({{SignedOcsp(StaleSpec(pki), *pki.responder.key)}, {}},
                RevocationPolicy::kPrefer);
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kOcspStale)) << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kValid) << Describe(report);
}

void ExpectNotAuthorized(const CertificateReport& report) {
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kOcspResponderNotAuthorized))
      << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kIndeterminate);
}

TEST(OcspSyntheticTest, ResponderOfAnotherCaIsNotAuthorized) {
  const Pki& pki = SharedPki();
  const IssuedCertificate foreign =
      IssueResponder(pki.other_ca, Key(4), {x509::oid::kOcspSigning});
  OcspResponseSpec spec = GoodSpec(pki);
  spec.responder_name = pki::EncodeName(foreign.subject);
  spec.certificates = {foreign.der};
  ExpectNotAuthorized(CheckLeaf({{SignedOcsp(spec, *foreign.key)}, {}}));
}

TEST(OcspSyntheticTest, ResponderWithoutOcspSigningIsNotAuthorized) {
  const Pki& pki = SharedPki();
  const IssuedCertificate plain =
      IssueResponder(pki.ca, Key(1), {x509::oid::kEmailProtection});
  OcspResponseSpec spec = GoodSpec(pki);
  spec.certificates = {plain.der};
  ExpectNotAuthorized(CheckLeaf({{SignedOcsp(spec, *plain.key)}, {}}));
}

TEST(OcspSyntheticTest, ResponderExpiredAtProducedAtIsNotAuthorized) {
  const Pki& pki = SharedPki();
  CertificateSpec expired = testing::LeafSpec("OCSP Responder", pki.ca);
  expired.ext_key_usage = {x509::oid::kOcspSigning};
  // Valid through 2026-01-01, five months before producedAt 2026-05-31.
  expired.not_before = testing::MakeTime(2025, 1, 1);
  expired.not_after = testing::MakeTime(2026, 1, 1);
  const IssuedCertificate responder = testing::Issue(expired, Key(3), Key(1));
  OcspResponseSpec spec = GoodSpec(pki);
  spec.certificates = {responder.der};
  ExpectNotAuthorized(CheckLeaf({{SignedOcsp(spec, *responder.key)}, {}}));
}

// IssuerSignedSpec is `GoodSpec` signed by the CA itself, which RFC 6960
// section 4.2.2.2 authorises without any extended key usage.
OcspResponseSpec IssuerSignedSpec(const Pki& pki) {
  OcspResponseSpec spec = GoodSpec(pki);
  spec.responder_name = pki::EncodeName(pki.ca.subject);
  spec.certificates.clear();
  return spec;
}

TEST(OcspSyntheticTest, IssuerSigningItsOwnResponseIsAccepted) {
  const Pki& pki = SharedPki();
  const CertificateReport report =
      CheckLeaf({{SignedOcsp(IssuerSignedSpec(pki), *pki.ca.key)}, {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kGood) << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kValid) << Describe(report);
}

TEST(OcspSyntheticTest, FlippedSignatureByteIsRejected) {
  const Pki& pki = SharedPki();
  Bytes der = testing::ValueOrFail(
      pki::BuildOcspResponse(IssuerSignedSpec(pki), *pki.ca.key), "OCSP");
  ASSERT_FALSE(der.empty());
  // With no certs field, the signature BIT STRING ends the response.
  der.back() ^= 0x01;
  const CertificateReport report = CheckLeaf({{Ocsp(der)}, {}});
  EXPECT_NE(report.revocation, RevocationStatus::kGood) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kOcspSignatureInvalid))
      << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kIndeterminate);
}

const Bytes kNonce = {0x6e, 0x6f, 0x6e, 0x63, 0x65, 0x2d, 0x31};

TEST(OcspSyntheticTest, EchoedNonceIsAccepted) {
  const Pki& pki = SharedPki();
  OcspResponseSpec spec = GoodSpec(pki);
  spec.nonce = kNonce;
  const CertificateReport report =
      CheckLeaf({{SignedOcsp(spec, *pki.responder.key, kNonce)}, {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kGood) << Describe(report);
}

TEST(OcspSyntheticTest, MissingNonceIsMismatch) {
  const Pki& pki = SharedPki();
  const CertificateReport report =
      CheckLeaf({{SignedOcsp(GoodSpec(pki), *pki.responder.key, kNonce)}, {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kOcspNonceMismatch))
      << Describe(report);
}

TEST(OcspSyntheticTest, DifferentNonceIsMismatch) {
  const Pki& pki = SharedPki();
  OcspResponseSpec spec = GoodSpec(pki);
  spec.nonce = Bytes{0x6e, 0x6f, 0x6e, 0x63, 0x65, 0x2d, 0x32};
  const CertificateReport report =
      CheckLeaf({{SignedOcsp(spec, *pki.responder.key, kNonce)}, {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kOcspNonceMismatch))
      << Describe(report);
}

TEST(OcspSyntheticTest, UnsuccessfulStatusesAreUnknown) {
  const Pki& pki = SharedPki();
  for (ocsp::ResponseStatus status : {ocsp::ResponseStatus::kTryLater,
                                      ocsp::ResponseStatus::kInternalError}) {
    SCOPED_TRACE(static_cast<int>(status));
    OcspResponseSpec spec;
    spec.status = status;
    const CertificateReport report =
        CheckLeaf({{SignedOcsp(spec, *pki.responder.key)}, {}});
    EXPECT_EQ(report.revocation, RevocationStatus::kUnknown)
        << Describe(report);
    EXPECT_TRUE(HasReason(report, ErrorCode::kOcspUnsuccessfulResponse))
        << Describe(report);
    EXPECT_EQ(report.verdict, Verdict::kIndeterminate);
  }
}

TEST(OcspSyntheticTest, StatusUnknownIsUnknown) {
  const Pki& pki = SharedPki();
  OcspResponseSpec spec = GoodSpec(pki);
  spec.responses[0].status = ocsp::CertStatus::kUnknown;
  const CertificateReport report =
      CheckLeaf({{SignedOcsp(spec, *pki.responder.key)}, {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kOcspStatusUnknown))
      << Describe(report);
}

TEST(OcspSyntheticTest, AnotherSerialIsCertIdMismatch) {
  const Pki& pki = SharedPki();
  OcspResponseSpec spec = GoodSpec(pki);
  spec.responses[0].cert_id = CertIdFor(pki.other_leaf, pki.ca);
  const CertificateReport report =
      CheckLeaf({{SignedOcsp(spec, *pki.responder.key)}, {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kOcspCertIdMismatch))
      << Describe(report);
}

// IssuedAt is `GoodSpec` with producedAt and thisUpdate at `time` and no
// nextUpdate: issued after the control time, so fresh for it.
OcspResponseSpec IssuedAt(const Pki& pki, Time time) {
  OcspResponseSpec spec = GoodSpec(pki);
  spec.produced_at = time;
  spec.responses[0].this_update = time;
  spec.responses[0].next_update.reset();
  return spec;
}

TEST(OcspSyntheticTest, ThisUpdateBeyondSkewIsNotYetValid) {
  const Pki& pki = SharedPki();
  // 2026-06-01T12:10Z: 600 s past the clock, the skew is 300 s.
  const CertificateReport report = CheckLeaf(
      {{SignedOcsp(IssuedAt(pki, Shift(kClock, 600)), *pki.responder.key)},
       {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kOcspNotYetValid))
      << Describe(report);
}

TEST(OcspSyntheticTest, ThisUpdateWithinSkewIsAccepted) {
  const Pki& pki = SharedPki();
  // 2026-06-01T12:03:20Z: 200 s past the clock, inside the 300 s skew.
  const CertificateReport report = CheckLeaf(
      {{SignedOcsp(IssuedAt(pki, Shift(kClock, 200)), *pki.responder.key)},
       {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kGood) << Describe(report);
  EXPECT_FALSE(HasReason(report, ErrorCode::kOcspNotYetValid));
}

OcspResponseSpec RevokedSpec(const Pki& pki, Time revocation_time) {
  OcspResponseSpec spec = IssuedAt(pki, Shift(kControl, 8 * kHour));
  spec.responses[0].status = ocsp::CertStatus::kRevoked;
  spec.responses[0].revocation_time = revocation_time;
  spec.responses[0].revocation_reason = crl::ReasonCode::kKeyCompromise;
  return spec;
}

TEST(OcspSyntheticTest, RevokedBeforeControlTimeIsInvalid) {
  const Pki& pki = SharedPki();
  const CertificateReport report =
      CheckLeaf({{SignedOcsp(RevokedSpec(pki, Shift(kControl, -6 * kHour)),
                             *pki.responder.key)},
                 {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kRevoked) << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kInvalid);
  EXPECT_TRUE(HasReason(report, ErrorCode::kRevocationRevoked));
  ASSERT_TRUE(report.revocation_evidence.has_value());
  ASSERT_TRUE(report.revocation_evidence->revocation_time.has_value());
  EXPECT_EQ(FormatRfc3339(*report.revocation_evidence->revocation_time),
            "2026-05-31T18:00:00Z");
}

TEST(OcspSyntheticTest, RevokedAfterControlTimeIsGood) {
  const Pki& pki = SharedPki();
  const CertificateReport report =
      CheckLeaf({{SignedOcsp(RevokedSpec(pki, Shift(kControl, 6 * kHour)),
                             *pki.responder.key)},
                 {}});
  EXPECT_EQ(report.revocation, RevocationStatus::kGood) << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kValid) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kRevocationRevokedLater));
  ASSERT_TRUE(report.revocation_evidence.has_value());
  EXPECT_EQ(report.revocation_evidence->status, RevocationStatus::kGood);
  EXPECT_TRUE(report.revocation_evidence->revocation_time.has_value());
}

// ---- CRL ----

TEST(CrlSyntheticTest, FreshCompleteCrlIsGood) {
  const Pki& pki = SharedPki();
  const CertificateReport report =
      CheckLeaf({{}, {SignedCrl(FreshCrlSpec(pki.ca), *pki.ca.key)}});
  EXPECT_EQ(report.revocation, RevocationStatus::kGood) << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kValid) << Describe(report);
  ASSERT_TRUE(report.revocation_evidence.has_value());
  EXPECT_EQ(report.revocation_evidence->source, "crl");
}

TEST(CrlSyntheticTest, OtherKeyWithSameIssuerNameIsRejected) {
  const Pki& pki = SharedPki();
  const CertificateReport report =
      CheckLeaf({{}, {SignedCrl(FreshCrlSpec(pki.ca), Key(4))}});
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kCrlSignatureInvalid) ||
              HasReason(report, ErrorCode::kCrlIssuerMismatch))
      << Describe(report);
}

TEST(CrlSyntheticTest, IssuerWithoutCrlSignIsNotAuthorized) {
  const Pki& pki = SharedPki();
  CertificateSpec spec = testing::CaSpec("No cRLSign CA", pki.root);
  spec.key_usage = x509::KeyUsageMask(x509::KeyUsageBit::kKeyCertSign);
  const IssuedCertificate ca = testing::Issue(spec, Key(5), Key(0));
  const IssuedCertificate leaf =
      testing::Issue(testing::LeafSpec("Leaf", ca), Key(2), Key(5));
  const CertificateReport report =
      Check(leaf, ca, Options({{}, {SignedCrl(FreshCrlSpec(ca), *ca.key)}}));
  EXPECT_EQ(report.chain, CheckResult::kPassed) << Describe(report);
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kCrlIssuerNotAuthorized))
      << Describe(report);
}

// BaseCrlSpec is complete CRL number 5 of 2026-05-25T00:00Z, valid until
// 2026-06-25T00:00Z; DeltaCrlSpec is delta number 6 over it, of
// 2026-05-31T00:00Z, valid until 2026-06-02T00:00Z.
CrlSpec BaseCrlSpec(const Pki& pki) {
  CrlSpec spec = pki::CrlSpecFor(pki.ca, Shift(kControl, -7 * kDay));
  spec.next_update = Shift(kControl, 24 * kDay);
  spec.crl_number = 5;
  return spec;
}

CrlSpec DeltaCrlSpec(const Pki& pki) {
  CrlSpec spec = pki::CrlSpecFor(pki.ca, Shift(kControl, -kDay));
  spec.next_update = Shift(kControl, kDay);
  spec.crl_number = 6;
  spec.base_crl_number = 5;
  return spec;
}

TEST(CrlSyntheticTest, DeltaRevokingOverCompleteIsRevoked) {
  const Pki& pki = SharedPki();
  CrlSpec delta = DeltaCrlSpec(pki);
  delta.entries.push_back(CrlEntrySpec{pki.leaf.serial,
                                       Shift(kControl, -4 * kDay),
                                       crl::ReasonCode::kKeyCompromise,
                                       {}});
  const CertificateReport report =
      CheckLeaf({{},
                 {SignedCrl(BaseCrlSpec(pki), *pki.ca.key),
                  SignedCrl(delta, *pki.ca.key)}});
  EXPECT_EQ(report.revocation, RevocationStatus::kRevoked) << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kInvalid);
  ASSERT_TRUE(report.revocation_evidence.has_value());
  ASSERT_TRUE(report.revocation_evidence->revocation_time.has_value());
  EXPECT_EQ(FormatRfc3339(*report.revocation_evidence->revocation_time),
            "2026-05-28T00:00:00Z");
}

TEST(CrlSyntheticTest, HoldInCompleteCrlIsRevoked) {
  const Pki& pki = SharedPki();
  CrlSpec base = BaseCrlSpec(pki);
  base.entries.push_back(CrlEntrySpec{pki.leaf.serial,
                                      Shift(kControl, -10 * kDay),
                                      crl::ReasonCode::kCertificateHold,
                                      {}});
  const CertificateReport report =
      CheckLeaf({{}, {SignedCrl(base, *pki.ca.key)}});
  EXPECT_EQ(report.revocation, RevocationStatus::kRevoked) << Describe(report);
}

TEST(CrlSyntheticTest, DeltaRemoveFromCrlLiftsHold) {
  const Pki& pki = SharedPki();
  CrlSpec base = BaseCrlSpec(pki);
  base.entries.push_back(CrlEntrySpec{pki.leaf.serial,
                                      Shift(kControl, -10 * kDay),
                                      crl::ReasonCode::kCertificateHold,
                                      {}});
  CrlSpec delta = DeltaCrlSpec(pki);
  delta.entries.push_back(CrlEntrySpec{pki.leaf.serial,
                                       Shift(kControl, -2 * kDay),
                                       crl::ReasonCode::kRemoveFromCrl,
                                       {}});
  const CertificateReport report = CheckLeaf(
      {{}, {SignedCrl(base, *pki.ca.key), SignedCrl(delta, *pki.ca.key)}});
  EXPECT_EQ(report.revocation, RevocationStatus::kGood) << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kValid) << Describe(report);
}

TEST(CrlSyntheticTest, DeltaAloneIsWithoutBase) {
  const Pki& pki = SharedPki();
  const CertificateReport report =
      CheckLeaf({{}, {SignedCrl(DeltaCrlSpec(pki), *pki.ca.key)}});
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kCrlDeltaWithoutBase))
      << Describe(report);
}

// CrlWithIssuingDistributionPoint builds the complete CRL of
// `FreshCrlSpec(issuer)` by hand, because the builder writes no
// issuingDistributionPoint. The extension is critical (RFC 5280 section
// 5.2.5) and sets onlyContainsUserCerts: SEQUENCE { [1] TRUE }.
Bytes CrlWithIssuingDistributionPoint(const IssuedCertificate& issuer) {
  const CrlSpec spec = FreshCrlSpec(issuer);
  const Bytes algorithm = testing::ValueOrFail(
      pki::EncodeSignatureAlgorithmOf(issuer.key->type), "algorithm");
  der::Writer extensions;
  pki::AddExtension(
      extensions, crl::kIdCeAuthorityKeyIdentifier, false,
      pki::EncodeAuthorityKeyIdentifier(spec.authority_key_identifier));
  der::Writer number;
  number.AddSmallInteger(spec.crl_number);
  pki::AddExtension(extensions, crl::kIdCeCrlNumber, false, number.bytes());
  const Bytes only_user_certs = {0x30, 0x03, 0x81, 0x01, 0xff};
  pki::AddExtension(extensions, crl::kIdCeIssuingDistributionPoint, true,
                    only_user_certs);
  der::Writer tbs_fields;
  tbs_fields.AddSmallInteger(1);
  tbs_fields.AddRaw(algorithm);
  tbs_fields.AddRaw(spec.issuer_name);
  pki::AddTime(tbs_fields, spec.this_update);
  pki::AddTime(tbs_fields, *spec.next_update);
  der::Writer wrapped_extensions;
  wrapped_extensions.AddConstructed(der::tag::kSequence, extensions);
  tbs_fields.AddConstructed(der::tag::ContextConstructed(0),
                            wrapped_extensions);
  der::Writer tbs;
  tbs.AddConstructed(der::tag::kSequence, tbs_fields);
  const Bytes tbs_der = tbs.Take();
  const Bytes signature =
      testing::ValueOrFail(pki::SignWithKey(*issuer.key, tbs_der), "sign");
  der::Writer list;
  list.AddRaw(tbs_der);
  list.AddRaw(algorithm);
  list.AddBitString(signature);
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, list);
  return out.Take();
}

TEST(CrlSyntheticTest, IssuingDistributionPointIsUnsupportedScope) {
  const Pki& pki = SharedPki();
  const CertificateReport report =
      CheckLeaf({{}, {ParsedCrl(CrlWithIssuingDistributionPoint(pki.ca))}});
  EXPECT_NE(report.revocation, RevocationStatus::kGood) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kCrlUnsupportedScope))
      << Describe(report);
}

TEST(CrlSyntheticTest, CrlAfterExpiryIsUnknown) {
  const Pki& pki = SharedPki();
  CertificateSpec spec = testing::LeafSpec("Short Leaf", pki.ca);
  // Expires 2026-06-15T00:00Z, after the control time.
  spec.not_before = testing::MakeTime(2025, 6, 15);
  spec.not_after = testing::MakeTime(2026, 6, 15);
  const IssuedCertificate leaf = testing::Issue(spec, Key(2), Key(1));
  // Issued 2026-06-20T00:00Z, five days after the expiry; the clock is
  // 2026-07-01T00:00Z.
  CrlSpec crl = pki::CrlSpecFor(pki.ca, testing::MakeTime(2026, 6, 20));
  crl.next_update = testing::MakeTime(2026, 7, 20);
  VerifyOptions options = Options({{}, {SignedCrl(crl, *pki.ca.key)}});
  options.current_time = testing::MakeTime(2026, 7, 1);
  const CertificateReport report = Check(leaf, pki.ca, options);
  EXPECT_EQ(report.chain, CheckResult::kPassed) << Describe(report);
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kRevocationAfterExpiry))
      << Describe(report);
}

TEST(CrlSyntheticTest, RevokedCaInPathIsRevoked) {
  const Pki& pki = SharedPki();
  CrlSpec root_crl = FreshCrlSpec(pki.root);
  root_crl.entries.push_back(CrlEntrySpec{pki.ca.serial,
                                          Shift(kControl, -20 * kDay),
                                          crl::ReasonCode::kCaCompromise,
                                          {}});
  const CertificateReport report =
      CheckLeaf({{},
                 {SignedCrl(FreshCrlSpec(pki.ca), *pki.ca.key),
                  SignedCrl(root_crl, *pki.root.key)}});
  EXPECT_EQ(report.revocation, RevocationStatus::kRevoked) << Describe(report);
  EXPECT_EQ(report.verdict, Verdict::kInvalid);
  EXPECT_TRUE(HasReason(report, ErrorCode::kRevocationRevoked));
}

// ---- Failed fetches ----

// FailedFetchFor is a timed-out fetch of `source` about `certificate`.
FailedFetch FailedFetchFor(const IssuedCertificate& certificate,
                           std::string source) {
  auto parsed = x509::ParseCertificate(certificate.der);
  EXPECT_TRUE(parsed.has_value()) << parsed.error().ToString();
  return FailedFetch{parsed.has_value() ? *parsed : nullptr, std::move(source),
                     Error{ErrorCode::kFetchTimedOut,
                           "no response from http://127.0.0.1:9/ocsp within "
                           "300 ms"}};
}

const Reason* FindReason(const CertificateReport& report, ErrorCode code) {
  for (const Reason& reason : report.reasons) {
    if (reason.code == code) {
      return &reason;
    }
  }
  return nullptr;
}

TEST(NoEvidenceTest, FailedFetchIsReasonWithItsCode) {
  RevocationEvidence evidence;
  evidence.failed_fetches.push_back(
      FailedFetchFor(SharedPki().leaf, "the OCSP response"));
  const CertificateReport report = CheckLeaf(evidence);
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown) << Describe(report);
  const Reason* fetch = FindReason(report, ErrorCode::kFetchTimedOut);
  ASSERT_NE(fetch, nullptr) << Describe(report);
  EXPECT_NE(fetch->message.find("fetching the OCSP response failed"),
            std::string::npos)
      << fetch->message;
  EXPECT_NE(fetch->message.find("no response from http://127.0.0.1:9/ocsp "
                                "within 300 ms"),
            std::string::npos)
      << fetch->message;
  const Reason* skipped = FindReason(report, ErrorCode::kRevocationSkipped);
  ASSERT_NE(skipped, nullptr) << Describe(report);
  EXPECT_NE(skipped->message.find("every fetch failed (fetch.timed_out)"),
            std::string::npos)
      << skipped->message;
}

TEST(NoEvidenceTest, FailedFetchUnderPreferIsListed) {
  RevocationEvidence evidence;
  evidence.failed_fetches.push_back(
      FailedFetchFor(SharedPki().leaf, "the OCSP response"));
  const CertificateReport report =
      CheckLeaf(evidence, RevocationPolicy::kPrefer);
  EXPECT_EQ(report.verdict, Verdict::kValid) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kFetchTimedOut)) << Describe(report);
}

TEST(NoEvidenceTest, FailedFetchOfOtherCertificateIsIgnored) {
  RevocationEvidence evidence;
  evidence.failed_fetches.push_back(
      FailedFetchFor(SharedPki().other_leaf, "the OCSP response"));
  const CertificateReport report = CheckLeaf(evidence);
  EXPECT_FALSE(HasReason(report, ErrorCode::kFetchTimedOut))
      << Describe(report);
  EXPECT_EQ(Describe(report).find("fetch"), std::string::npos)
      << Describe(report);
}

TEST(NoEvidenceTest, FailedFetchBesideStaleOcspIsListed) {
  const Pki& pki = SharedPki();
  RevocationEvidence evidence;
  evidence.ocsp.push_back(SignedOcsp(StaleSpec(pki), *pki.responder.key));
  evidence.failed_fetches.push_back(FailedFetchFor(
      pki.leaf, "the CRL at http://127.0.0.1:9/crl/nca_gost2015.crl"));
  const CertificateReport report = CheckLeaf(evidence);
  EXPECT_EQ(report.revocation, RevocationStatus::kUnknown) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kOcspStale)) << Describe(report);
  EXPECT_TRUE(HasReason(report, ErrorCode::kFetchTimedOut)) << Describe(report);
  const Reason* unknown = FindReason(report, ErrorCode::kRevocationUnknown);
  ASSERT_NE(unknown, nullptr) << Describe(report);
  EXPECT_NE(unknown->message.find("and 1 fetch failed (fetch.timed_out)"),
            std::string::npos)
      << unknown->message;
}

TEST(NoEvidenceTest, FailedFetchBesideGoodOcspIsNotListed) {
  const Pki& pki = SharedPki();
  RevocationEvidence evidence;
  evidence.ocsp.push_back(SignedOcsp(GoodSpec(pki), *pki.responder.key));
  evidence.failed_fetches.push_back(FailedFetchFor(
      pki.leaf, "the CRL at http://127.0.0.1:9/crl/nca_gost2015.crl"));
  const CertificateReport report = CheckLeaf(evidence);
  EXPECT_EQ(report.revocation, RevocationStatus::kGood) << Describe(report);
  EXPECT_FALSE(HasReason(report, ErrorCode::kFetchTimedOut))
      << Describe(report);
}

}  // namespace
}  // namespace tinysign::verify
