// Timestamps built by `pki::BuildTimeStampToken` and
// `pki::BuildTimeStampResp`, read back and verified by the core's RFC 3161
// code and, for RSA, by `openssl ts` (OpenSSL 3.0). Expected values are
// the ones the specs set, and the imprint is SHA-256 of "timestamped
// data" as `openssl dgst -sha256` prints it.
#include "pki/tsa_builder.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/crypto/digest.h"
#include "core/der/writer.h"
#include "core/encoding/input_form.h"
#include "core/tsp/timestamp.h"
#include "core/tsp/token_verification.h"
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

constexpr std::string_view kData = "timestamped data";
// `printf 'timestamped data' | openssl dgst -sha256`
constexpr std::string_view kDataSha256 =
    "c7419bdfa6ca9031b1aee6737693fdb74091f88423fec0bfbefd3a582b5e53a4";
const Bytes kNonce = {0x00, 0x9a, 0xbc, 0xde, 0xf0, 0x12, 0x34, 0x56, 0x78};

struct Tsa {
  IssuedCertificate ca;
  IssuedCertificate tsa;
};

// MakeTsa issues a TSA certificate with the critical extendedKeyUsage
// timeStamping that RFC 3161 section 2.3 requires.
Tsa MakeTsa(KeyType type) {
  Tsa out;
  const TestKey& ca_key = TestKeyFor(type, 0);
  out.ca = Issue(RootSpec("TSA Test CA"), ca_key, ca_key);
  CertificateSpec spec = LeafSpec("Test TSA", out.ca);
  spec.ext_key_usage.clear();
  spec.key_usage = x509::KeyUsageMask(x509::KeyUsageBit::kDigitalSignature);
  der::Writer purposes;
  purposes.AddOid(x509::oid::kTimeStamping);
  der::Writer list;
  list.AddConstructed(der::tag::kSequence, purposes);
  spec.extra_extensions.push_back({x509::oid::kExtKeyUsage, true, list.Take()});
  out.tsa = Issue(spec, TestKeyFor(type, 1), ca_key);
  return out;
}

TstInfoSpec SampleTstInfo() {
  TstInfoSpec spec;
  spec.hash_algorithm_tlv =
      MessageImprintAlgorithm(crypto::DigestAlgorithm::kSha256);
  spec.hashed_message = crypto::ComputeDigest(crypto::DigestAlgorithm::kSha256,
                                              der::Input(kData));
  spec.serial = {0x2a};
  spec.gen_time = MakeTime(2026, 6, 1);
  spec.accuracy = tsp::Accuracy{1, 500, 0};
  spec.nonce = kNonce;
  return spec;
}

Bytes GrantedResponse(const Tsa& tsa, const TstInfoSpec& spec) {
  auto token = BuildTimeStampToken(spec, tsa.tsa, {tsa.tsa.der, tsa.ca.der});
  EXPECT_TRUE(token) << token.error().ToString();
  return BuildTimeStampResp(PkiStatusInfoSpec{}, token ? *token : Bytes{});
}

TEST(TstInfoTest, ImprintIsOpenSslSha256) {
  EXPECT_EQ(encoding::HexEncode(SampleTstInfo().hashed_message), kDataSha256);
}

class TsaBuilderTest : public ::testing::TestWithParam<KeyType> {};

TEST_P(TsaBuilderTest, GrantedTokenParsesAndVerifies) {
  const Tsa tsa = MakeTsa(GetParam());
  auto response =
      tsp::ParseTimeStampResponse(GrantedResponse(tsa, SampleTstInfo()));
  ASSERT_TRUE(response) << response.error().ToString();
  EXPECT_EQ((*response)->status(), tsp::PkiStatus::kGranted);
  auto token = (*response)->granted_token();
  ASSERT_TRUE(token) << token.error().ToString();

  const tsp::TstInfo& info = (*token)->tst_info();
  EXPECT_EQ(info.version, 1);
  EXPECT_TRUE(kTestTsaPolicy == info.policy);
  EXPECT_EQ(encoding::HexEncode(info.hashed_message), kDataSha256);
  EXPECT_EQ(info.serial_number.ToBytes(), Bytes{0x2a});
  EXPECT_EQ(info.gen_time, MakeTime(2026, 6, 1));
  EXPECT_TRUE(info.gen_time_fraction.empty());
  ASSERT_TRUE(info.accuracy);
  EXPECT_EQ(info.accuracy->seconds, 1);
  EXPECT_EQ(info.accuracy->millis, 500);
  EXPECT_EQ(info.accuracy->micros, 0);
  EXPECT_FALSE(info.ordering);
  ASSERT_TRUE(info.nonce);
  EXPECT_EQ(info.nonce->ToBytes(), kNonce);

  auto signer = tsp::FindTsaCertificate(**token, {});
  ASSERT_TRUE(signer) << signer.error().ToString();
  EXPECT_EQ((*signer)->der().ToBytes(), tsa.tsa.der);
  const Status signature =
      tsp::VerifyTimeStampTokenSignature(**token, **signer);
  EXPECT_TRUE(signature) << signature.error().ToString();
  const Status imprint = tsp::CheckMessageImprint(info, der::Input(kData));
  EXPECT_TRUE(imprint) << imprint.error().ToString();
  EXPECT_FALSE(tsp::CheckMessageImprint(info, der::Input("other data")));
}

TEST_P(TsaBuilderTest, OtherTsaCertificateFailsVerification) {
  const Tsa tsa = MakeTsa(GetParam());
  auto response =
      tsp::ParseTimeStampResponse(GrantedResponse(tsa, SampleTstInfo()));
  ASSERT_TRUE(response) << response.error().ToString();
  auto token = (*response)->granted_token();
  ASSERT_TRUE(token) << token.error().ToString();
  auto ca = x509::ParseCertificate(tsa.ca.der);
  ASSERT_TRUE(ca) << ca.error().ToString();
  EXPECT_FALSE(tsp::VerifyTimeStampTokenSignature(**token, **ca));
}

INSTANTIATE_TEST_SUITE_P(AllKeyTypes, TsaBuilderTest,
                         ::testing::Values(KeyType::kRsa2048,
                                           KeyType::kGost2004,
                                           KeyType::kGost2015_512));

TEST(TimeStampRespTest, RejectionHasNoToken) {
  PkiStatusInfoSpec status;
  status.status = tsp::PkiStatus::kRejection;
  status.status_strings = {"unsupported hash"};
  status.fail_info = 1u << kFailBadAlg;
  auto response = tsp::ParseTimeStampResponse(BuildTimeStampResp(status, {}));
  ASSERT_TRUE(response) << response.error().ToString();
  EXPECT_EQ((*response)->status(), tsp::PkiStatus::kRejection);
  EXPECT_EQ((*response)->token(), nullptr);
  ASSERT_EQ((*response)->status_strings().size(), 1u);
  EXPECT_EQ((*response)->status_strings()[0].ToBytes(),
            der::Input("unsupported hash").ToBytes());
  EXPECT_EQ((*response)->fail_info(), 1u);
}

testing::CommandResult RunOpenSslTs(const std::string& arguments) {
  return testing::RunCommand({"sh", "-c", "openssl ts " + arguments + " 2>&1"});
}

TEST(TsaBuilderOpenSslTest, RsaReplyTextAndVerify) {
  const Tsa tsa = MakeTsa(KeyType::kRsa2048);
  const auto dir = testing::TempDir("tsa-builder-openssl");
  testing::WriteFileBytes(dir / "response.der",
                          GrantedResponse(tsa, SampleTstInfo()));
  testing::WriteFileBytes(dir / "data.bin", der::Input(kData));
  const std::string ca_pem = ToPem(tsa.ca.der, "CERTIFICATE");
  testing::WriteFileBytes(dir / "ca.pem", der::Input(std::string_view(ca_pem)));

  const auto text =
      RunOpenSslTs("-reply -in " + (dir / "response.der").string() + " -text");
  ASSERT_EQ(text.exit_code, 0) << text.output;
  const std::string& out = text.output;
  EXPECT_NE(out.find("Status: Granted."), std::string::npos) << out;
  EXPECT_NE(out.find("Policy OID: 2.999.3161.1"), std::string::npos) << out;
  EXPECT_NE(out.find("Hash Algorithm: sha256"), std::string::npos) << out;
  EXPECT_NE(out.find("Serial number: 0x2A"), std::string::npos) << out;
  EXPECT_NE(out.find("Time stamp: Jun  1 00:00:00 2026 GMT"), std::string::npos)
      << out;
  EXPECT_NE(
      out.find("Accuracy: 0x01 seconds, 0x01F4 millis, unspecified micros"),
      std::string::npos)
      << out;
  EXPECT_NE(out.find("Ordering: no"), std::string::npos) << out;
  EXPECT_NE(out.find("Nonce: 0x9ABCDEF012345678"), std::string::npos) << out;

  const auto verify = RunOpenSslTs(
      "-verify -in " + (dir / "response.der").string() + " -data " +
      (dir / "data.bin").string() + " -CAfile " + (dir / "ca.pem").string());
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_NE(verify.output.find("Verification: OK"), std::string::npos)
      << verify.output;
}

TEST(TsaBuilderOpenSslTest, RsaRejectionText) {
  PkiStatusInfoSpec status;
  status.status = tsp::PkiStatus::kRejection;
  status.status_strings = {"unsupported hash"};
  status.fail_info = 1u << kFailBadAlg;
  const auto dir = testing::TempDir("tsa-builder-openssl-rejection");
  testing::WriteFileBytes(dir / "response.der", BuildTimeStampResp(status, {}));
  const auto text =
      RunOpenSslTs("-reply -in " + (dir / "response.der").string() + " -text");
  EXPECT_NE(text.output.find("Status: Rejected."), std::string::npos)
      << text.output;
  EXPECT_NE(text.output.find("unsupported hash"), std::string::npos)
      << text.output;
  EXPECT_NE(
      text.output.find("unrecognized or unsupported algorithm identifier"),
      std::string::npos)
      << text.output;
}

}  // namespace
}  // namespace tinysign::pki
