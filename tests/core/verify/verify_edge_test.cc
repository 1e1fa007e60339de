// VerifyCms on CMS SignedData built for each defect.
//
// Expected verdicts come by hand from RFC 5652 (signed attributes,
// sections 5.3 and 11), RFC 5035 (signingCertificateV2) and the verdict
// rules. A failed check makes a signer invalid, and a check that cannot be
// completed makes it indeterminate. For RSA, `openssl cms -verify`
// (OpenSSL 3.0) runs on the same bytes as a second opinion.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/cms/signed_data.h"
#include "core/crypto/algorithm.h"
#include "core/verify/verifier.h"
#include "core/x509/extensions.h"
#include "core/x509/trust_store.h"
#include "tests/support/files.h"
#include "tests/support/openssl.h"
#include "tests/support/pki_builders.h"

namespace tinysign::verify {
namespace {

using testing::CaSpec;
using testing::CertificateSpec;
using testing::CmsSpec;
using testing::Issue;
using testing::IssuedCertificate;
using testing::KeyType;
using testing::LeafSpec;
using testing::RootSpec;
using testing::SignerSpec;
using testing::TestKey;
using testing::TestKeyFor;

Time ControlTime() { return testing::MakeTime(2026, 6, 1); }

const Bytes& DocumentBytes() {
  static const Bytes document = {
      'T', 'i', 'n', 'y', 'S', 'i', 'g', 'n', ' ', 'e', 'd', 'g', 'e', ' ',
      'c', 'a', 's', 'e', ' ', 'd', 'o', 'c', 'u', 'm', 'e', 'n', 't', '\n'};
  return document;
}

// Pki is root -> intermediate -> leaf, keys 0, 1 and 2 of one type.
struct Pki {
  IssuedCertificate root;
  IssuedCertificate intermediate;
  IssuedCertificate leaf;
};

// BuildPki issues a `Pki` whose leaf is shaped like an NUC signing
// certificate, after `edit_leaf` has changed its spec.
template <typename EditLeaf>
Pki BuildPki(KeyType type, EditLeaf edit_leaf) {
  const TestKey& root_key = TestKeyFor(type, 0);
  const TestKey& intermediate_key = TestKeyFor(type, 1);
  Pki out;
  out.root = Issue(RootSpec("Root CA"), root_key, root_key);
  out.intermediate =
      Issue(CaSpec("Intermediate CA", out.root), intermediate_key, root_key);
  CertificateSpec leaf_spec = LeafSpec("Signer", out.intermediate);
  edit_leaf(leaf_spec);
  out.leaf = Issue(leaf_spec, TestKeyFor(type, 2), intermediate_key);
  return out;
}

Pki BuildPki(KeyType type) {
  return BuildPki(type, [](CertificateSpec&) {});
}

SignerSpec SignerFor(const IssuedCertificate& certificate) {
  SignerSpec signer;
  signer.certificate = &certificate;
  signer.signing_time = ControlTime();
  return signer;
}

// AttachedCms returns a CMS over `DocumentBytes()` by `signers`, carrying the
// leaf and intermediate of `pki`.
CmsSpec AttachedCms(const Pki& pki, std::vector<SignerSpec> signers) {
  CmsSpec spec;
  spec.content = DocumentBytes();
  spec.signers = std::move(signers);
  spec.certificates = {pki.leaf.der, pki.intermediate.der};
  return spec;
}

x509::TrustStore TrustOf(const std::vector<const IssuedCertificate*>& trusted) {
  x509::TrustStore trust;
  for (const IssuedCertificate* certificate : trusted) {
    auto added = trust.Add(certificate->der);
    EXPECT_TRUE(added.has_value()) << added.error().ToString();
  }
  return trust;
}

Report Verify(const Bytes& cms, const x509::TrustStore& trust,
              KeyPurpose purpose = KeyPurpose::kSign,
              const Document& document = {}) {
  VerifyOptions options;
  options.validation_time = ControlTime();
  options.policy.revocation = RevocationPolicy::kOff;
  options.policy.purpose = purpose;
  auto report = VerifyCms(cms, document, trust, options);
  EXPECT_TRUE(report.has_value()) << report.error().ToString();
  return report.has_value() ? *report : Report{};
}

bool HasReason(const std::vector<Reason>& reasons, ErrorCode code) {
  return std::any_of(reasons.begin(), reasons.end(),
                     [&](const Reason& reason) { return reason.code == code; });
}

std::string ReasonIds(const std::vector<Reason>& reasons) {
  std::string ids;
  for (const Reason& reason : reasons) {
    ids += std::string(ErrorId(reason.code)) + " (" + reason.message + "); ";
  }
  return ids;
}

// OpenSslCmsVerify runs `openssl cms -verify` on `cms` with `root` as the
// only trusted certificate, at `ControlTime()`. A non-empty `content`
// makes the signature detached. The output joins standard output and
// standard error, where OpenSSL writes the reason of a failure.
::tinysign::testing::CommandResult OpenSslCmsVerify(
    const Bytes& cms, const IssuedCertificate& root,
    const Bytes& content = {}) {
  const auto dir = testing::TempDir("verify-edge-openssl-cms");
  const std::string root_pem = testing::ToPem(root.der, "CERTIFICATE");
  testing::WriteFileBytes(dir / "root.pem",
                          der::Input(std::string_view(root_pem)));
  testing::WriteFileBytes(dir / "cms.der", cms);
  std::string command =
      "openssl cms -verify -inform DER -in " + (dir / "cms.der").string() +
      " -CAfile " + (dir / "root.pem").string() + " -attime " +
      std::to_string(ControlTime().unix_seconds) + " -out /dev/null";
  if (!content.empty()) {
    testing::WriteFileBytes(dir / "content.bin", content);
    command += " -binary -content " + (dir / "content.bin").string();
  }
  auto result = testing::RunCommand({"sh", "-c", command + " 2>&1"});
  std::filesystem::remove_all(dir);
  return result;
}

// ExpectOpenSslRejects checks that `openssl cms -verify` fails with
// `message` in its output.
void ExpectOpenSslRejects(const ::tinysign::testing::CommandResult& result,
                          const std::string& message) {
  EXPECT_NE(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find(message), std::string::npos) << result.output;
}

// A valid signature needs at least one signer.
TEST(VerifyEdgeTest, ZeroSigners) {
  const Pki pki = BuildPki(KeyType::kRsa2048);
  const Bytes cms = testing::BuildSignedData(AttachedCms(pki, {}));

  const Report report = Verify(cms, TrustOf({&pki.root}));
  EXPECT_TRUE(report.signers.empty());
  EXPECT_EQ(report.verdict, Verdict::kInvalid);
  EXPECT_TRUE(HasReason(report.reasons, ErrorCode::kCmsNoSigners))
      << ReasonIds(report.reasons);
  ExpectOpenSslRejects(OpenSslCmsVerify(cms, pki.root), "no signers");
}

// One bad signer makes the whole CMS invalid, and the per-signer verdicts
// show which one it is.
TEST(VerifyEdgeTest, SecondSignerBrokenSignature) {
  const Pki pki = BuildPki(KeyType::kRsa2048);
  const IssuedCertificate second =
      Issue(LeafSpec("Second Signer", pki.intermediate),
            TestKeyFor(KeyType::kRsa2048, 3), *pki.intermediate.key);
  SignerSpec broken = SignerFor(second);
  broken.corrupt_signature = true;
  CmsSpec spec = AttachedCms(pki, {SignerFor(pki.leaf), broken});
  spec.certificates.push_back(second.der);
  const Bytes cms = testing::BuildSignedData(spec);

  const Report report = Verify(cms, TrustOf({&pki.root}));
  EXPECT_EQ(report.verdict, Verdict::kInvalid);
  ASSERT_EQ(report.signers.size(), 2u);
  const SignerReport& good = report.signers[0];
  ASSERT_TRUE(good.certificate.has_value());
  EXPECT_EQ(good.certificate->common_name, "Signer");
  EXPECT_EQ(good.verdict, Verdict::kValid) << ReasonIds(good.reasons);
  const SignerReport& bad = report.signers[1];
  ASSERT_TRUE(bad.certificate.has_value());
  EXPECT_EQ(bad.certificate->common_name, "Second Signer");
  EXPECT_EQ(bad.verdict, Verdict::kInvalid);
  EXPECT_EQ(bad.checks.digest, CheckResult::kPassed);
  EXPECT_EQ(bad.checks.signature, CheckResult::kFailed);
  EXPECT_TRUE(HasReason(bad.reasons, ErrorCode::kCmsSignatureInvalid))
      << ReasonIds(bad.reasons);
  ExpectOpenSslRejects(OpenSslCmsVerify(cms, pki.root),
                       "CMS_SignerInfo_verify:verification failure");
}

// RFC 5652 section 5.1: the certificates field need not hold the signer's
// certificate when the recipient has it; here the trust store does.
TEST(VerifyEdgeTest, SignerCertificateOnlyInTrustStore) {
  const Pki pki = BuildPki(KeyType::kGost2015_512);
  CmsSpec spec = AttachedCms(pki, {SignerFor(pki.leaf)});
  spec.certificates = {pki.intermediate.der};
  const Bytes cms = testing::BuildSignedData(spec);

  const Report report = Verify(cms, TrustOf({&pki.root, &pki.leaf}));
  ASSERT_EQ(report.signers.size(), 1u);
  EXPECT_TRUE(report.signers[0].certificate.has_value());
  EXPECT_EQ(report.signers[0].checks.signature, CheckResult::kPassed);
  EXPECT_EQ(report.signers[0].checks.chain, CheckResult::kPassed)
      << ReasonIds(report.signers[0].reasons);
  EXPECT_EQ(report.verdict, Verdict::kValid)
      << ReasonIds(report.signers[0].reasons);
}

// Without the signer's certificate the signature cannot be checked, which
// is a missing piece, not a failure.
TEST(VerifyEdgeTest, SignerCertificateMissing) {
  const Pki pki = BuildPki(KeyType::kGost2015_512);
  CmsSpec spec = AttachedCms(pki, {SignerFor(pki.leaf)});
  spec.certificates = {pki.intermediate.der};
  const Bytes cms = testing::BuildSignedData(spec);

  const Report report = Verify(cms, TrustOf({&pki.root}));
  ASSERT_EQ(report.signers.size(), 1u);
  const SignerReport& signer = report.signers[0];
  EXPECT_FALSE(signer.certificate.has_value());
  EXPECT_EQ(signer.checks.signature, CheckResult::kIndeterminate);
  EXPECT_TRUE(
      HasReason(signer.reasons, ErrorCode::kCmsSignerCertificateMissing))
      << ReasonIds(signer.reasons);
  EXPECT_EQ(signer.verdict, Verdict::kIndeterminate);
  EXPECT_EQ(report.verdict, Verdict::kIndeterminate);
}

// RFC 5035 section 3: the first ESSCertIDv2 identifies the signer's
// certificate, so one that names another certificate breaks the binding
// the attribute exists for. OpenSSL 3.0.19 `cms -verify` accepts this CMS,
// so the expectation rests on the RFC alone.
TEST(VerifyEdgeTest, SigningCertificateV2NamesAnotherCertificate) {
  const Pki pki = BuildPki(KeyType::kRsa2048);
  SignerSpec signer = SignerFor(pki.leaf);
  signer.signing_certificate = &pki.intermediate;
  const Bytes cms = testing::BuildSignedData(AttachedCms(pki, {signer}));

  const Report report = Verify(cms, TrustOf({&pki.root}));
  ASSERT_EQ(report.signers.size(), 1u);
  EXPECT_TRUE(HasReason(report.signers[0].reasons,
                        ErrorCode::kCmsSigningCertificateMismatch))
      << ReasonIds(report.signers[0].reasons);
  EXPECT_EQ(report.signers[0].checks.signature, CheckResult::kFailed);
  EXPECT_EQ(report.verdict, Verdict::kInvalid);
}

// RFC 5652 section 11.1: the contentType attribute value MUST match
// eContentType. OpenSSL 3.0.19 `cms -verify` does not compare them and
// accepts this CMS.
TEST(VerifyEdgeTest, ContentTypeAttributeDiffers) {
  const Pki pki = BuildPki(KeyType::kRsa2048);
  SignerSpec signer = SignerFor(pki.leaf);
  signer.content_type_attribute = cms::kIdCtTstInfo;
  const Bytes cms = testing::BuildSignedData(AttachedCms(pki, {signer}));

  const Report report = Verify(cms, TrustOf({&pki.root}));
  ASSERT_EQ(report.signers.size(), 1u);
  EXPECT_TRUE(
      HasReason(report.signers[0].reasons, ErrorCode::kCmsContentTypeMismatch))
      << ReasonIds(report.signers[0].reasons);
  EXPECT_EQ(report.signers[0].checks.signature, CheckResult::kFailed);
  EXPECT_EQ(report.verdict, Verdict::kInvalid);
}

// RFC 5652 section 5.3: with signed attributes, messageDigest MUST be
// present, or nothing ties the signature to the content.
TEST(VerifyEdgeTest, MessageDigestMissing) {
  const Pki pki = BuildPki(KeyType::kRsa2048);
  SignerSpec signer = SignerFor(pki.leaf);
  signer.add_message_digest = false;
  const Bytes cms = testing::BuildSignedData(AttachedCms(pki, {signer}));

  const Report report = Verify(cms, TrustOf({&pki.root}));
  ASSERT_EQ(report.signers.size(), 1u);
  EXPECT_TRUE(
      HasReason(report.signers[0].reasons, ErrorCode::kCmsMessageDigestMissing))
      << ReasonIds(report.signers[0].reasons);
  EXPECT_EQ(report.signers[0].checks.digest, CheckResult::kFailed);
  EXPECT_EQ(report.verdict, Verdict::kInvalid);
  ExpectOpenSslRejects(OpenSslCmsVerify(cms, pki.root),
                       "ossl_cms_si_check_attributes:attribute error");
}

// RFC 5652 section 11.2: signed attributes MUST include only one instance
// of messageDigest.
TEST(VerifyEdgeTest, DuplicateMessageDigest) {
  const Pki pki = BuildPki(KeyType::kRsa2048);
  SignerSpec signer = SignerFor(pki.leaf);
  signer.duplicate_message_digest = true;
  const Bytes cms = testing::BuildSignedData(AttachedCms(pki, {signer}));

  const Report report = Verify(cms, TrustOf({&pki.root}));
  ASSERT_EQ(report.signers.size(), 1u);
  EXPECT_TRUE(
      HasReason(report.signers[0].reasons, ErrorCode::kCmsDuplicateAttribute))
      << ReasonIds(report.signers[0].reasons);
  EXPECT_EQ(report.signers[0].checks.signature, CheckResult::kFailed);
  EXPECT_EQ(report.verdict, Verdict::kInvalid);
  ExpectOpenSslRejects(OpenSslCmsVerify(cms, pki.root),
                       "ossl_cms_si_check_attributes:attribute error");
}

// A GOST 34.310-2004 signature is made over a GOST 34.311-95 digest, so a
// SignerInfo that names SHA-256 as its digestAlgorithm contradicts itself.
TEST(VerifyEdgeTest, Gost2004WithSha256DigestAlgorithm) {
  const Pki pki = BuildPki(KeyType::kGost2004);
  SignerSpec signer = SignerFor(pki.leaf);
  signer.digest_algorithm =
      crypto::EncodeDigestAlgorithm(crypto::DigestAlgorithm::kSha256);
  const Bytes cms = testing::BuildSignedData(AttachedCms(pki, {signer}));

  const Report report = Verify(cms, TrustOf({&pki.root}));
  ASSERT_EQ(report.signers.size(), 1u);
  EXPECT_TRUE(HasReason(report.signers[0].reasons,
                        ErrorCode::kCmsDigestAlgorithmMismatch))
      << ReasonIds(report.signers[0].reasons);
  EXPECT_EQ(report.signers[0].checks.signature, CheckResult::kFailed);
  EXPECT_EQ(report.verdict, Verdict::kInvalid);
}

// An algorithm TinySign does not know cannot be judged either way.
TEST(VerifyEdgeTest, UnknownSignatureAlgorithm) {
  const Pki pki = BuildPki(KeyType::kGost2015_512);
  SignerSpec signer = SignerFor(pki.leaf);
  // SEQUENCE { OID 1.3.6.1.4.1.55555.2.1, NULL }
  signer.signature_algorithm =
      Bytes{0x30, 0x0e, 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04,
            0x01, 0x83, 0xb2, 0x03, 0x02, 0x01, 0x05, 0x00};
  const Bytes cms = testing::BuildSignedData(AttachedCms(pki, {signer}));

  const Report report = Verify(cms, TrustOf({&pki.root}));
  ASSERT_EQ(report.signers.size(), 1u);
  const SignerReport& result = report.signers[0];
  EXPECT_TRUE(HasReason(result.reasons, ErrorCode::kCryptoUnsupportedAlgorithm))
      << ReasonIds(result.reasons);
  EXPECT_EQ(result.checks.signature, CheckResult::kIndeterminate);
  EXPECT_EQ(result.verdict, Verdict::kIndeterminate);
  EXPECT_EQ(report.verdict, Verdict::kIndeterminate);
}

// NUC marks signing keys with nonRepudiation; a key without it (an NUC
// authentication key) must not sign documents.
TEST(VerifyEdgeTest, SignPurposeWithoutNonRepudiation) {
  const Pki pki = BuildPki(KeyType::kRsa2048, [](CertificateSpec& leaf) {
    leaf.key_usage = x509::KeyUsageMask(x509::KeyUsageBit::kDigitalSignature);
  });
  const Bytes cms =
      testing::BuildSignedData(AttachedCms(pki, {SignerFor(pki.leaf)}));

  const Report report = Verify(cms, TrustOf({&pki.root}), KeyPurpose::kSign);
  ASSERT_EQ(report.signers.size(), 1u);
  const SignerReport& signer = report.signers[0];
  EXPECT_EQ(signer.checks.signature, CheckResult::kPassed);
  EXPECT_EQ(signer.checks.chain, CheckResult::kPassed);
  EXPECT_EQ(signer.checks.key_usage, CheckResult::kFailed);
  EXPECT_TRUE(HasReason(signer.reasons, ErrorCode::kKeyUsageNotForSigning))
      << ReasonIds(signer.reasons);
  EXPECT_EQ(report.verdict, Verdict::kInvalid);
}

// An NUC authentication certificate (digitalSignature, keyEncipherment,
// extKeyUsage clientAuth) passes the auth purpose.
TEST(VerifyEdgeTest, AuthPurposeWithClientAuth) {
  const Pki pki = BuildPki(KeyType::kRsa2048, [](CertificateSpec& leaf) {
    leaf.key_usage = x509::KeyUsageMask(x509::KeyUsageBit::kDigitalSignature) |
                     x509::KeyUsageMask(x509::KeyUsageBit::kKeyEncipherment);
    leaf.ext_key_usage = {x509::oid::kClientAuth};
  });
  const Bytes cms =
      testing::BuildSignedData(AttachedCms(pki, {SignerFor(pki.leaf)}));

  const Report report = Verify(cms, TrustOf({&pki.root}), KeyPurpose::kAuth);
  ASSERT_EQ(report.signers.size(), 1u);
  EXPECT_EQ(report.signers[0].checks.key_usage, CheckResult::kPassed);
  EXPECT_EQ(report.verdict, Verdict::kValid)
      << ReasonIds(report.signers[0].reasons);

  // The same certificate is not for signing documents.
  const Report as_sign = Verify(cms, TrustOf({&pki.root}), KeyPurpose::kSign);
  EXPECT_EQ(as_sign.verdict, Verdict::kInvalid);
}

// The any purpose skips the key purpose rules.
TEST(VerifyEdgeTest, AnyPurposePasses) {
  const Pki pki = BuildPki(KeyType::kRsa2048, [](CertificateSpec& leaf) {
    leaf.key_usage = x509::KeyUsageMask(x509::KeyUsageBit::kDigitalSignature);
    leaf.ext_key_usage.clear();
  });
  const Bytes cms =
      testing::BuildSignedData(AttachedCms(pki, {SignerFor(pki.leaf)}));

  const Report report = Verify(cms, TrustOf({&pki.root}), KeyPurpose::kAny);
  ASSERT_EQ(report.signers.size(), 1u);
  EXPECT_EQ(report.signers[0].checks.key_usage, CheckResult::kPassed);
  EXPECT_EQ(report.verdict, Verdict::kValid)
      << ReasonIds(report.signers[0].reasons);
}

// OpenSSL and TinySign agree on an RSA CMS from the builder: attached and
// detached ones verify, and one flipped content byte breaks both.
TEST(VerifyEdgeTest, RsaCmsAgreesWithOpenSsl) {
  const Pki pki = BuildPki(KeyType::kRsa2048);
  const x509::TrustStore trust = TrustOf({&pki.root});
  const CmsSpec attached_spec = AttachedCms(pki, {SignerFor(pki.leaf)});
  const Bytes attached = testing::BuildSignedData(attached_spec);

  const Report report = Verify(attached, trust);
  EXPECT_EQ(report.verdict, Verdict::kValid)
      << ReasonIds(report.signers.at(0).reasons);
  const auto openssl = OpenSslCmsVerify(attached, pki.root);
  EXPECT_EQ(openssl.exit_code, 0) << openssl.output;

  CmsSpec detached_spec = attached_spec;
  detached_spec.detached = true;
  const Bytes detached = testing::BuildSignedData(detached_spec);
  Document document;
  document.kind = Document::Kind::kContent;
  document.content = DocumentBytes();
  EXPECT_EQ(Verify(detached, trust, KeyPurpose::kSign, document).verdict,
            Verdict::kValid);
  const auto openssl_detached =
      OpenSslCmsVerify(detached, pki.root, DocumentBytes());
  EXPECT_EQ(openssl_detached.exit_code, 0) << openssl_detached.output;

  // The document bytes occur once in the encoding, as eContent.
  Bytes tampered = attached;
  const auto content =
      std::search(tampered.begin(), tampered.end(), DocumentBytes().begin(),
                  DocumentBytes().end());
  ASSERT_NE(content, tampered.end());
  *content ^= 0x01;
  const Report tampered_report = Verify(tampered, trust);
  EXPECT_EQ(tampered_report.verdict, Verdict::kInvalid);
  ASSERT_EQ(tampered_report.signers.size(), 1u);
  EXPECT_EQ(tampered_report.signers[0].checks.digest, CheckResult::kFailed);
  ExpectOpenSslRejects(OpenSslCmsVerify(tampered, pki.root),
                       "content verify error");
}

}  // namespace
}  // namespace tinysign::verify
