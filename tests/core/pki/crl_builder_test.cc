// CRLs built by `pki::BuildCrl`, read back by the core's CRL parser and,
// for RSA, by `openssl crl` (OpenSSL 3.0) as an independent reader. The
// expected values are the ones the specs set, written out by hand.
#include "pki/crl_builder.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/crl/crl.h"
#include "core/x509/certificate.h"
#include "tests/support/files.h"
#include "tests/support/openssl.h"
#include "tests/support/pki_builders.h"

namespace tinysign::pki {
namespace {

using ::tinysign::testing::Issue;
using ::tinysign::testing::MakeTime;
using ::tinysign::testing::TestKeyFor;

const Bytes kFirstSerial = {0x01, 0x23, 0x45};
const Bytes kSecondSerial = {0x7f, 0x00};

struct IssuerFixture {
  IssuedCertificate ca;
  std::shared_ptr<const x509::Certificate> parsed;
};

IssuerFixture MakeIssuer(KeyType type) {
  IssuerFixture out;
  const TestKey& key = TestKeyFor(type, 0);
  out.ca = Issue(RootSpec("CRL Issuer"), key, key);
  auto parsed = x509::ParseCertificate(out.ca.der);
  EXPECT_TRUE(parsed) << parsed.error().ToString();
  if (parsed) {
    out.parsed = *parsed;
  }
  return out;
}

// FullCrlSpec lists two entries: the first with reasonCode keyCompromise
// and an invalidityDate, the second with no entry extensions.
CrlSpec FullCrlSpec(const IssuedCertificate& ca) {
  CrlSpec spec = CrlSpecFor(ca, MakeTime(2026, 6, 1));
  spec.next_update = MakeTime(2026, 6, 8);
  spec.crl_number = 5;
  spec.entries.push_back({kFirstSerial, MakeTime(2026, 5, 20),
                          crl::ReasonCode::kKeyCompromise,
                          MakeTime(2026, 5, 19)});
  spec.entries.push_back({kSecondSerial, MakeTime(2026, 5, 21), {}, {}});
  return spec;
}

Bytes BuildOrFail(const CrlSpec& spec, const TestKey& key) {
  auto der = BuildCrl(spec, key);
  EXPECT_TRUE(der) << der.error().ToString();
  return der ? *der : Bytes{};
}

std::shared_ptr<const crl::Crl> ParseOrFail(der::Input der) {
  auto crl = crl::ParseCrl(der);
  EXPECT_TRUE(crl) << crl.error().ToString();
  return crl ? *crl : nullptr;
}

class CrlBuilderTest : public ::testing::TestWithParam<KeyType> {};

TEST_P(CrlBuilderTest, FullCrlParsesAndVerifies) {
  const IssuerFixture issuer = MakeIssuer(GetParam());
  ASSERT_NE(issuer.parsed, nullptr);
  const auto crl =
      ParseOrFail(BuildOrFail(FullCrlSpec(issuer.ca), *issuer.ca.key));
  ASSERT_NE(crl, nullptr);

  EXPECT_EQ(crl->version(), 2);
  EXPECT_EQ(crl->this_update(), MakeTime(2026, 6, 1));
  EXPECT_EQ(crl->next_update(), MakeTime(2026, 6, 8));
  EXPECT_FALSE(crl->is_delta());
  ASSERT_TRUE(crl->crl_number());
  EXPECT_EQ(crl->crl_number()->ToBytes(), Bytes{5});
  ASSERT_TRUE(crl->authority_key_identifier());
  EXPECT_EQ(crl->authority_key_identifier()->ToBytes(),
            issuer.ca.subject_key_identifier);
  EXPECT_EQ(crl->issuer_tlv().ToBytes(),
            issuer.parsed->subject().tlv().ToBytes());
  ASSERT_EQ(crl->num_entries(), 2u);

  const auto first = crl->FindRevoked(kFirstSerial);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->revocation_date, MakeTime(2026, 5, 20));
  EXPECT_EQ(first->reason, crl::ReasonCode::kKeyCompromise);
  EXPECT_EQ(first->invalidity_date, MakeTime(2026, 5, 19));

  const auto second = crl->FindRevoked(kSecondSerial);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->revocation_date, MakeTime(2026, 5, 21));
  EXPECT_FALSE(second->reason);
  EXPECT_FALSE(second->invalidity_date);
  EXPECT_FALSE(crl->FindRevoked(Bytes{0x01}));

  const Status signature = crl::VerifyCrlSignature(*crl, *issuer.parsed);
  EXPECT_TRUE(signature) << signature.error().ToString();
}

TEST_P(CrlBuilderTest, DeltaCrlNamesItsBase) {
  const IssuerFixture issuer = MakeIssuer(GetParam());
  ASSERT_NE(issuer.parsed, nullptr);
  CrlSpec spec = CrlSpecFor(issuer.ca, MakeTime(2026, 6, 2));
  spec.crl_number = 6;
  spec.base_crl_number = 5;
  const auto crl = ParseOrFail(BuildOrFail(spec, *issuer.ca.key));
  ASSERT_NE(crl, nullptr);

  EXPECT_TRUE(crl->is_delta());
  ASSERT_TRUE(crl->base_crl_number());
  EXPECT_EQ(crl->base_crl_number()->ToBytes(), Bytes{5});
  ASSERT_TRUE(crl->crl_number());
  EXPECT_EQ(crl->crl_number()->ToBytes(), Bytes{6});
  EXPECT_FALSE(crl->next_update());
  EXPECT_EQ(crl->num_entries(), 0u);
  const Status signature = crl::VerifyCrlSignature(*crl, *issuer.parsed);
  EXPECT_TRUE(signature) << signature.error().ToString();
}

TEST_P(CrlBuilderTest, OtherKeyFailsSignatureCheck) {
  const IssuerFixture issuer = MakeIssuer(GetParam());
  ASSERT_NE(issuer.parsed, nullptr);
  const auto crl = ParseOrFail(
      BuildOrFail(FullCrlSpec(issuer.ca), TestKeyFor(GetParam(), 1)));
  ASSERT_NE(crl, nullptr);
  EXPECT_FALSE(crl::VerifyCrlSignature(*crl, *issuer.parsed));
}

INSTANTIATE_TEST_SUITE_P(AllKeyTypes, CrlBuilderTest,
                         ::testing::Values(KeyType::kRsa2048,
                                           KeyType::kGost2004,
                                           KeyType::kGost2015_512));

// OpenSslCrl runs `openssl crl` on `crl_der` with `arguments`, the issuer
// given as a CA file, and returns the combined output.
testing::CommandResult OpenSslCrl(const IssuedCertificate& ca,
                                  der::Input crl_der,
                                  const std::string& arguments) {
  const auto dir = testing::TempDir("crl-builder-openssl");
  const std::string pem = ToPem(ca.der, "CERTIFICATE");
  testing::WriteFileBytes(dir / "ca.pem", der::Input(std::string_view(pem)));
  testing::WriteFileBytes(dir / "crl.der", crl_der);
  return testing::RunCommand({"sh", "-c",
                              "openssl crl -inform DER -in " +
                                  (dir / "crl.der").string() + " -CAfile " +
                                  (dir / "ca.pem").string() + " " + arguments +
                                  " 2>&1"});
}

TEST(CrlBuilderOpenSslTest, RsaFullCrlText) {
  const IssuerFixture issuer = MakeIssuer(KeyType::kRsa2048);
  const Bytes der = BuildOrFail(FullCrlSpec(issuer.ca), *issuer.ca.key);
  const auto result = OpenSslCrl(issuer.ca, der, "-noout -text -verify");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const std::string& text = result.output;
  EXPECT_NE(text.find("verify OK"), std::string::npos) << text;
  EXPECT_NE(text.find("Version 2 (0x1)"), std::string::npos) << text;
  EXPECT_NE(text.find("Last Update: Jun  1 00:00:00 2026 GMT"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Next Update: Jun  8 00:00:00 2026 GMT"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("X509v3 CRL Number: \n                5"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Serial Number: 012345"), std::string::npos) << text;
  EXPECT_NE(text.find("Revocation Date: May 20 00:00:00 2026 GMT"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Key Compromise"), std::string::npos) << text;
  EXPECT_NE(text.find("May 19 00:00:00 2026 GMT"), std::string::npos) << text;
  EXPECT_NE(text.find("Serial Number: 7F00"), std::string::npos) << text;
  EXPECT_NE(text.find("Revocation Date: May 21 00:00:00 2026 GMT"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("X509v3 Authority Key Identifier"), std::string::npos)
      << text;
}

TEST(CrlBuilderOpenSslTest, RsaDeltaCrlText) {
  const IssuerFixture issuer = MakeIssuer(KeyType::kRsa2048);
  CrlSpec spec = CrlSpecFor(issuer.ca, MakeTime(2026, 6, 2));
  spec.crl_number = 6;
  spec.base_crl_number = 5;
  const Bytes der = BuildOrFail(spec, *issuer.ca.key);
  const auto result = OpenSslCrl(issuer.ca, der, "-noout -text -verify");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("verify OK"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("X509v3 Delta CRL Indicator: critical\n"
                               "                5"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("No Revoked Certificates."), std::string::npos)
      << result.output;
}

TEST(CrlBuilderOpenSslTest, RsaOtherKeyFailsVerify) {
  const IssuerFixture issuer = MakeIssuer(KeyType::kRsa2048);
  const Bytes der =
      BuildOrFail(FullCrlSpec(issuer.ca), TestKeyFor(KeyType::kRsa2048, 1));
  const auto result = OpenSslCrl(issuer.ca, der, "-noout -verify");
  EXPECT_NE(result.output.find("verify failure"), std::string::npos)
      << result.output;
}

}  // namespace
}  // namespace tinysign::pki
