// OCSP responses built by `pki::BuildOcspResponse`, read back by the
// core's OCSP parser and responder checks and, for RSA, by `openssl ocsp`
// (OpenSSL 3.0) as an independent reader and verifier. The expected values
// are the ones the specs set, written out by hand.
#include "pki/ocsp_builder.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/der/reader.h"
#include "core/ocsp/cert_id.h"
#include "core/ocsp/responder.h"
#include "core/ocsp/response.h"
#include "core/x509/certificate.h"
#include "core/x509/extensions.h"
#include "tests/support/files.h"
#include "tests/support/openssl.h"
#include "tests/support/pki_builders.h"

namespace tinysign::pki {
namespace {

using ::tinysign::testing::Issue;
using ::tinysign::testing::MakeTime;
using ::tinysign::testing::TestKeyFor;

const Bytes kNonce = {0x4e, 0x6f, 0x6e, 0x63, 0x65, 0x21, 0x00, 0xff};

std::shared_ptr<const x509::Certificate> ParseCertificateOrFail(
    der::Input der) {
  auto certificate = x509::ParseCertificate(der);
  EXPECT_TRUE(certificate) << certificate.error().ToString();
  return certificate ? *certificate : nullptr;
}

// Hierarchy is a CA, a delegated OCSP responder and three end entities:
// one good, one revoked and one the responder does not know.
struct Hierarchy {
  IssuedCertificate ca;
  IssuedCertificate responder;
  std::vector<IssuedCertificate> leaves;
};

Hierarchy MakeHierarchy(KeyType type) {
  Hierarchy out;
  const TestKey& ca_key = TestKeyFor(type, 0);
  out.ca = Issue(RootSpec("OCSP Test CA"), ca_key, ca_key);
  CertificateSpec responder = LeafSpec("OCSP Responder", out.ca);
  responder.ext_key_usage = {x509::oid::kOcspSigning};
  out.responder = Issue(responder, TestKeyFor(type, 1), ca_key);
  for (const char* name : {"Good", "Revoked", "Unknown"}) {
    out.leaves.push_back(
        Issue(LeafSpec(name, out.ca), TestKeyFor(type, 2), ca_key));
  }
  return out;
}

Bytes CertIdOrFail(const IssuedCertificate& leaf, const IssuedCertificate& ca,
                   crypto::DigestAlgorithm hash) {
  auto cert_id = BuildCertId(leaf.der, ca.der, hash);
  EXPECT_TRUE(cert_id) << cert_id.error().ToString();
  return cert_id ? *cert_id : Bytes{};
}

// ThreeStatusSpec returns good (with nextUpdate), revoked (keyCompromise)
// and unknown for the three leaves, with a nonce and the responder's
// certificate.
OcspResponseSpec ThreeStatusSpec(const Hierarchy& pki,
                                 crypto::DigestAlgorithm hash) {
  OcspResponseSpec spec;
  spec.responder_name = EncodeName(pki.responder.subject);
  spec.produced_at = MakeTime(2026, 6, 1);

  SingleResponseSpec good = GoodResponse(
      CertIdOrFail(pki.leaves[0], pki.ca, hash), MakeTime(2026, 6, 1));
  good.next_update = MakeTime(2026, 6, 2);
  spec.responses.push_back(good);

  SingleResponseSpec revoked = GoodResponse(
      CertIdOrFail(pki.leaves[1], pki.ca, hash), MakeTime(2026, 6, 1));
  revoked.status = ocsp::CertStatus::kRevoked;
  revoked.revocation_time = MakeTime(2026, 5, 20);
  revoked.revocation_reason = crl::ReasonCode::kKeyCompromise;
  spec.responses.push_back(revoked);

  SingleResponseSpec unknown = GoodResponse(
      CertIdOrFail(pki.leaves[2], pki.ca, hash), MakeTime(2026, 6, 1));
  unknown.status = ocsp::CertStatus::kUnknown;
  spec.responses.push_back(unknown);

  spec.nonce = kNonce;
  spec.certificates.push_back(pki.responder.der);
  return spec;
}

Bytes BuildOrFail(const OcspResponseSpec& spec, const TestKey& key) {
  auto der = BuildOcspResponse(spec, key);
  EXPECT_TRUE(der) << der.error().ToString();
  return der ? *der : Bytes{};
}

std::shared_ptr<const ocsp::OcspResponse> ParseOrFail(der::Input der) {
  auto response = ocsp::ParseOcspResponse(der);
  EXPECT_TRUE(response) << response.error().ToString();
  return response ? *response : nullptr;
}

class OcspBuilderTest : public ::testing::TestWithParam<KeyType> {};

TEST_P(OcspBuilderTest, ThreeStatusesParseAndVerify) {
  const Hierarchy pki = MakeHierarchy(GetParam());
  const auto response = ParseOrFail(
      BuildOrFail(ThreeStatusSpec(pki, crypto::DigestAlgorithm::kSha1),
                  *pki.responder.key));
  ASSERT_NE(response, nullptr);
  EXPECT_EQ(response->response_status(), ocsp::ResponseStatus::kSuccessful);
  auto basic = response->basic_response();
  ASSERT_TRUE(basic) << basic.error().ToString();
  const ocsp::BasicResponse& data = **basic;

  EXPECT_EQ(data.responder_id.kind, ocsp::ResponderId::Kind::kByName);
  EXPECT_EQ(data.produced_at, MakeTime(2026, 6, 1));
  ASSERT_TRUE(data.nonce);
  EXPECT_EQ(data.nonce->ToBytes(), kNonce);
  ASSERT_EQ(data.certificates.size(), 1u);
  EXPECT_EQ(data.certificates[0].ToBytes(), pki.responder.der);
  ASSERT_EQ(data.responses.size(), 3u);

  const ocsp::SingleResponse& good = data.responses[0];
  EXPECT_EQ(good.status, ocsp::CertStatus::kGood);
  EXPECT_EQ(good.this_update, MakeTime(2026, 6, 1));
  EXPECT_EQ(good.next_update, MakeTime(2026, 6, 2));
  const ocsp::SingleResponse& revoked = data.responses[1];
  EXPECT_EQ(revoked.status, ocsp::CertStatus::kRevoked);
  EXPECT_EQ(revoked.revocation_time, MakeTime(2026, 5, 20));
  EXPECT_EQ(revoked.revocation_reason, crl::ReasonCode::kKeyCompromise);
  EXPECT_FALSE(revoked.next_update);
  EXPECT_EQ(data.responses[2].status, ocsp::CertStatus::kUnknown);

  const auto ca = ParseCertificateOrFail(pki.ca.der);
  ASSERT_NE(ca, nullptr);
  for (size_t i = 0; i < 3; ++i) {
    const auto leaf = ParseCertificateOrFail(pki.leaves[i].der);
    ASSERT_NE(leaf, nullptr);
    auto matches = ocsp::CertIdMatches(data.responses[i].cert_id, *leaf, *ca);
    ASSERT_TRUE(matches) << matches.error().ToString();
    EXPECT_TRUE(*matches) << "response " << i;
  }

  auto signer = ocsp::FindResponderCertificate(data, {});
  ASSERT_TRUE(signer) << signer.error().ToString();
  EXPECT_EQ((*signer)->der().ToBytes(), pki.responder.der);
  const Status signature = ocsp::VerifyOcspSignature(data, **signer);
  EXPECT_TRUE(signature) << signature.error().ToString();
}

TEST_P(OcspBuilderTest, ByKeyResponderIsFound) {
  const Hierarchy pki = MakeHierarchy(GetParam());
  OcspResponseSpec spec =
      ThreeStatusSpec(pki, crypto::DigestAlgorithm::kSha256);
  spec.responder_id_kind = ocsp::ResponderId::Kind::kByKey;
  spec.nonce.reset();
  const auto response = ParseOrFail(BuildOrFail(spec, *pki.responder.key));
  ASSERT_NE(response, nullptr);
  auto basic = response->basic_response();
  ASSERT_TRUE(basic) << basic.error().ToString();
  EXPECT_EQ((*basic)->responder_id.kind, ocsp::ResponderId::Kind::kByKey);
  EXPECT_FALSE((*basic)->nonce);

  auto signer = ocsp::FindResponderCertificate(**basic, {});
  ASSERT_TRUE(signer) << signer.error().ToString();
  const Status signature = ocsp::VerifyOcspSignature(**basic, **signer);
  EXPECT_TRUE(signature) << signature.error().ToString();
}

TEST_P(OcspBuilderTest, OtherKeyFailsSignatureCheck) {
  const Hierarchy pki = MakeHierarchy(GetParam());
  const auto response = ParseOrFail(
      BuildOrFail(ThreeStatusSpec(pki, crypto::DigestAlgorithm::kSha1),
                  TestKeyFor(GetParam(), 3)));
  ASSERT_NE(response, nullptr);
  auto basic = response->basic_response();
  ASSERT_TRUE(basic) << basic.error().ToString();
  const auto responder = ParseCertificateOrFail(pki.responder.der);
  ASSERT_NE(responder, nullptr);
  EXPECT_FALSE(ocsp::VerifyOcspSignature(**basic, *responder));
}

INSTANTIATE_TEST_SUITE_P(AllKeyTypes, OcspBuilderTest,
                         ::testing::Values(KeyType::kRsa2048,
                                           KeyType::kGost2004,
                                           KeyType::kGost2015_512));

// CertIdHashAlgorithm returns the DER hashAlgorithm of a built CertID.
Bytes CertIdHashAlgorithm(der::Input cert_id) {
  der::Reader outer(cert_id);
  auto fields = outer.ReadSequence();
  EXPECT_TRUE(fields);
  if (!fields) {
    return {};
  }
  auto algorithm = fields->ReadTlv(der::tag::kSequence);
  EXPECT_TRUE(algorithm);
  return algorithm ? algorithm->ToBytes() : Bytes{};
}

TEST(OcspCertIdTest, HashAlgorithmIsTheRequestedOne) {
  const Hierarchy pki = MakeHierarchy(KeyType::kRsa2048);
  // AlgorithmIdentifier of id-sha1 (1.3.14.3.2.26) and id-sha256
  // (2.16.840.1.101.3.4.2.1), each with NULL parameters, by hand.
  const Bytes sha1 = {0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                      0x03, 0x02, 0x1a, 0x05, 0x00};
  const Bytes sha256 = {0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                        0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00};
  EXPECT_EQ(CertIdHashAlgorithm(CertIdOrFail(pki.leaves[0], pki.ca,
                                             crypto::DigestAlgorithm::kSha1)),
            sha1);
  EXPECT_EQ(CertIdHashAlgorithm(CertIdOrFail(pki.leaves[0], pki.ca,
                                             crypto::DigestAlgorithm::kSha256)),
            sha256);
}

TEST(OcspCertIdTest, OtherHashIsRejected) {
  const Hierarchy pki = MakeHierarchy(KeyType::kRsa2048);
  auto cert_id = BuildCertId(pki.leaves[0].der, pki.ca.der,
                             crypto::DigestAlgorithm::kStreebog512);
  ASSERT_FALSE(cert_id);
  EXPECT_EQ(cert_id.error().code, ErrorCode::kCryptoUnsupportedAlgorithm);
}

struct StatusCase {
  ocsp::ResponseStatus status;
  // How `openssl ocsp` names the status in its "Responder Error" line.
  const char* openssl_text;
};

class OcspErrorStatusTest : public ::testing::TestWithParam<StatusCase> {};

TEST_P(OcspErrorStatusTest, StatusOnlyResponse) {
  OcspResponseSpec spec;
  spec.status = GetParam().status;
  const Bytes der = BuildOrFail(spec, TestKeyFor(KeyType::kRsa2048, 0));
  const auto response = ParseOrFail(der);
  ASSERT_NE(response, nullptr);
  EXPECT_EQ(response->response_status(), GetParam().status);
  auto basic = response->basic_response();
  ASSERT_FALSE(basic);
  EXPECT_EQ(basic.error().code, ErrorCode::kOcspUnsuccessfulResponse);

  const auto dir = testing::TempDir("ocsp-builder-status");
  testing::WriteFileBytes(dir / "response.der", der);
  const auto result = testing::RunCommand({"sh", "-c",
                                           "openssl ocsp -respin " +
                                               (dir / "response.der").string() +
                                               " -resp_text -noverify 2>&1"});
  EXPECT_NE(result.output.find(std::string("Responder Error: ") +
                               GetParam().openssl_text),
            std::string::npos)
      << result.output;
}

INSTANTIATE_TEST_SUITE_P(
    AllErrorStatuses, OcspErrorStatusTest,
    ::testing::Values(
        StatusCase{ocsp::ResponseStatus::kMalformedRequest,
                   "malformedrequest (1)"},
        StatusCase{ocsp::ResponseStatus::kInternalError, "internalerror (2)"},
        StatusCase{ocsp::ResponseStatus::kTryLater, "trylater (3)"},
        StatusCase{ocsp::ResponseStatus::kSigRequired, "sigrequired (5)"},
        StatusCase{ocsp::ResponseStatus::kUnauthorized, "unauthorized (6)"}));

// OpenSslOcspText runs `openssl ocsp -resp_text` on a response and
// verifies it against `pki.ca` as the trust anchor.
testing::CommandResult OpenSslOcspText(const Hierarchy& pki,
                                       der::Input response_der) {
  const auto dir = testing::TempDir("ocsp-builder-openssl");
  const std::string ca_pem = ToPem(pki.ca.der, "CERTIFICATE");
  testing::WriteFileBytes(dir / "ca.pem", der::Input(std::string_view(ca_pem)));
  testing::WriteFileBytes(dir / "response.der", response_der);
  return testing::RunCommand(
      {"sh", "-c",
       "openssl ocsp -respin " + (dir / "response.der").string() + " -CAfile " +
           (dir / "ca.pem").string() + " -resp_text 2>&1"});
}

TEST(OcspBuilderOpenSslTest, RsaThreeStatusesText) {
  const Hierarchy pki = MakeHierarchy(KeyType::kRsa2048);
  const Bytes der = BuildOrFail(
      ThreeStatusSpec(pki, crypto::DigestAlgorithm::kSha1), *pki.responder.key);
  const auto result = OpenSslOcspText(pki, der);
  const std::string& text = result.output;
  EXPECT_NE(text.find("Response verify OK"), std::string::npos) << text;

  EXPECT_NE(text.find("OCSP Response Status: successful (0x0)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Responder Id: O = TinySign Test, CN = OCSP Responder"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Produced At: Jun  1 00:00:00 2026 GMT"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Hash Algorithm: sha1"), std::string::npos) << text;

  EXPECT_NE(text.find("Cert Status: good"), std::string::npos) << text;
  EXPECT_NE(text.find("Next Update: Jun  2 00:00:00 2026 GMT"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Cert Status: revoked"), std::string::npos) << text;
  EXPECT_NE(text.find("Revocation Time: May 20 00:00:00 2026 GMT"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Revocation Reason: keyCompromise (0x1)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Cert Status: unknown"), std::string::npos) << text;
  EXPECT_NE(text.find("OCSP Nonce"), std::string::npos) << text;
  // The nonce bytes 4E 6F 6E 63 65 21 00 FF, as OpenSSL prints them.
  EXPECT_NE(text.find("4E6F6E63652100FF"), std::string::npos) << text;
}

TEST(OcspBuilderOpenSslTest, RsaByKeySha256Text) {
  const Hierarchy pki = MakeHierarchy(KeyType::kRsa2048);
  OcspResponseSpec spec =
      ThreeStatusSpec(pki, crypto::DigestAlgorithm::kSha256);
  spec.responder_id_kind = ocsp::ResponderId::Kind::kByKey;
  const auto result =
      OpenSslOcspText(pki, BuildOrFail(spec, *pki.responder.key));
  EXPECT_NE(result.output.find("Response verify OK"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("Hash Algorithm: sha256"), std::string::npos)
      << result.output;
  EXPECT_EQ(result.output.find("Responder Id: O ="), std::string::npos)
      << result.output;
}

TEST(OcspBuilderOpenSslTest, RsaOtherKeyFailsVerify) {
  const Hierarchy pki = MakeHierarchy(KeyType::kRsa2048);
  const Bytes der =
      BuildOrFail(ThreeStatusSpec(pki, crypto::DigestAlgorithm::kSha1),
                  TestKeyFor(KeyType::kRsa2048, 3));
  const auto result = OpenSslOcspText(pki, der);
  EXPECT_EQ(result.output.find("Response verify OK"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("Response Verify Failure"), std::string::npos)
      << result.output;
}

}  // namespace
}  // namespace tinysign::pki
