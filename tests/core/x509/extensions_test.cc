#include "core/x509/extensions.h"

#include <gtest/gtest.h>

#include "core/der/tag.h"
#include "core/encoding/input_form.h"
#include "core/limits.h"
#include "tests/core/x509/test_certificate.h"

namespace tinysign::x509 {
namespace {

using der::tag::ContextConstructed;
using der::tag::ContextSpecific;
using testing::ExtensionTlv;
using testing::OidTlv;
using testing::Sequence;
using testing::Text;
using testing::Tlv;

Extensions MustParse(const std::vector<Bytes>& extensions) {
  const Bytes tlv = Sequence(extensions);
  auto parsed = ParseExtensions(tlv);
  EXPECT_TRUE(parsed.has_value()) << parsed.error().ToString();
  return parsed ? *parsed : Extensions();
}

// The views in `Extensions` point into the encoding, so tests that look at
// them keep it alive here.
struct Parsed {
  Bytes tlv;
  Extensions extensions;
};

Parsed MustParseKept(const std::vector<Bytes>& extensions) {
  Parsed parsed;
  parsed.tlv = Sequence(extensions);
  auto result = ParseExtensions(parsed.tlv);
  EXPECT_TRUE(result.has_value()) << result.error().ToString();
  if (result) {
    parsed.extensions = *result;
  }
  return parsed;
}

ErrorCode ParseError(const std::vector<Bytes>& extensions) {
  auto parsed = ParseExtensions(Sequence(extensions));
  EXPECT_FALSE(parsed.has_value());
  return parsed ? ErrorCode::kInternal : parsed.error().code;
}

std::string Dotted(der::Input oid) { return der::OidToString(oid); }

TEST(ExtensionsTest, ParsesNucExtensions) {
  const Parsed parsed = MustParseKept(testing::NucLikeCertificate().extensions);
  const Extensions& extensions = parsed.extensions;
  ASSERT_TRUE(extensions.key_usage.has_value());
  EXPECT_TRUE(extensions.key_usage->Has(KeyUsageBit::kDigitalSignature));
  EXPECT_TRUE(extensions.key_usage->Has(KeyUsageBit::kNonRepudiation));
  EXPECT_TRUE(extensions.key_usage->Has(KeyUsageBit::kKeyAgreement));
  EXPECT_FALSE(extensions.key_usage->Has(KeyUsageBit::kKeyEncipherment));

  ASSERT_TRUE(extensions.ext_key_usage.has_value());
  ASSERT_EQ(extensions.ext_key_usage->size(), 3u);
  EXPECT_EQ(Dotted((*extensions.ext_key_usage)[0]), "1.3.6.1.5.5.7.3.4");
  EXPECT_EQ(Dotted((*extensions.ext_key_usage)[2]), "1.2.398.3.3.4.1.2.1");
  ASSERT_TRUE(extensions.policies.has_value());
  ASSERT_EQ(extensions.policies->size(), 1u);
  EXPECT_EQ(Dotted((*extensions.policies)[0]), "1.2.398.3.3.2");

  EXPECT_EQ(extensions.crl_urls,
            std::vector<std::string>{
                "http://test.pki.gov.kz/crl/nca_gost2022_test.crl"});
  EXPECT_EQ(extensions.delta_crl_urls,
            std::vector<std::string>{
                "http://test.pki.gov.kz/crl/nca_gost2022_d_test.crl"});
  EXPECT_EQ(extensions.ocsp_urls,
            std::vector<std::string>{"http://test.pki.gov.kz/ocsp/"});
  EXPECT_EQ(extensions.ca_issuers_urls,
            std::vector<std::string>{
                "http://test.pki.gov.kz/cert/nca_gost2022_test.cer"});

  ASSERT_TRUE(extensions.subject_key_identifier.has_value());
  EXPECT_EQ(encoding::HexEncode(*extensions.subject_key_identifier), "303eeb");
  ASSERT_TRUE(extensions.authority_key_identifier.has_value());
  ASSERT_TRUE(extensions.authority_key_identifier->key_identifier.has_value());
  EXPECT_EQ(
      encoding::HexEncode(*extensions.authority_key_identifier->key_identifier),
      "fad24b1b");
  EXPECT_FALSE(extensions.has_ocsp_no_check);
  EXPECT_TRUE(extensions.unknown_critical.empty());
}

TEST(ExtensionsTest, KeepsNucKeystoreExtensionAsUnknown) {
  const Parsed parsed = MustParseKept(testing::NucLikeCertificate().extensions);
  const Extension* nuc = parsed.extensions.Find(oid::kNucKeystoreBranch);
  ASSERT_NE(nuc, nullptr);
  EXPECT_FALSE(nuc->critical);
  EXPECT_EQ(nuc->value, der::Input(Sequence({OidTlv("1.2.398.3.3.5.1.1")})));
  EXPECT_TRUE(parsed.extensions.unknown_critical.empty());
}

TEST(ExtensionsTest, RecordsUnknownCriticalExtension) {
  const Parsed parsed = MustParseKept(
      {ExtensionTlv("2.5.29.30", true, Sequence({})),
       ExtensionTlv("1.2.3.4", false, Tlv(der::tag::kNull, Bytes()))});
  ASSERT_EQ(parsed.extensions.unknown_critical.size(), 1u);
  EXPECT_EQ(Dotted(parsed.extensions.unknown_critical[0]), "2.5.29.30");
  EXPECT_EQ(parsed.extensions.all.size(), 2u);
}

TEST(ExtensionsTest, ToleratesExplicitCriticalFalse) {
  const Bytes extension =
      Sequence({OidTlv("2.5.29.15"), Tlv(der::tag::kBoolean, Bytes{0x00}),
                Tlv(der::tag::kOctetString, testing::NucKeyUsage())});
  const Parsed parsed = MustParseKept({extension});
  ASSERT_EQ(parsed.extensions.all.size(), 1u);
  EXPECT_FALSE(parsed.extensions.all[0].critical);
}

TEST(ExtensionsTest, RejectsDuplicateExtension) {
  EXPECT_EQ(ParseError({ExtensionTlv("1.2.3.4", false, Bytes{0x05, 0x00}),
                        ExtensionTlv("1.2.3.4", false, Bytes{0x05, 0x00})}),
            ErrorCode::kX509DuplicateExtension);
}

TEST(ExtensionsTest, RejectsEmptyList) {
  EXPECT_EQ(ParseError({}), ErrorCode::kX509BadExtension);
}

TEST(ExtensionsTest, RejectsUnconsumedExtensionValue) {
  Bytes key_usage = testing::NucKeyUsage();
  key_usage.push_back(0x00);
  EXPECT_EQ(ParseError({ExtensionTlv("2.5.29.15", true, key_usage)}),
            ErrorCode::kX509BadExtension);
}

TEST(ExtensionsTest, RejectsExtraFieldInExtension) {
  const Bytes extension =
      Sequence({OidTlv("1.2.3.4"), Tlv(der::tag::kOctetString, Bytes()),
                Tlv(der::tag::kNull, Bytes())});
  EXPECT_EQ(ParseError({extension}), ErrorCode::kDerUnconsumedData);
}

TEST(ExtensionsTest, RejectsKeyUsageWithNoBits) {
  EXPECT_EQ(
      ParseError({ExtensionTlv("2.5.29.15", true, Bytes{0x03, 0x01, 0x00})}),
      ErrorCode::kX509BadExtension);
}

TEST(ExtensionsTest, ReadsDecipherOnlyBit) {
  // 03 03 07 80 80: bits 0 and 8 (digitalSignature, decipherOnly).
  const Extensions extensions = MustParse(
      {ExtensionTlv("2.5.29.15", true, Bytes{0x03, 0x03, 0x07, 0x80, 0x80})});
  ASSERT_TRUE(extensions.key_usage.has_value());
  EXPECT_EQ(extensions.key_usage->mask(), 0x101);
  EXPECT_TRUE(extensions.key_usage->Has(KeyUsageBit::kDecipherOnly));
}

TEST(ExtensionsTest, ParsesBasicConstraints) {
  const Extensions ca =
      MustParse({ExtensionTlv("2.5.29.19", true,
                              Sequence({Tlv(der::tag::kBoolean, Bytes{0xff}),
                                        testing::IntegerTlv(0)}))});
  ASSERT_TRUE(ca.basic_constraints.has_value());
  EXPECT_TRUE(ca.basic_constraints->is_ca);
  EXPECT_EQ(ca.basic_constraints->path_len_constraint, 0);
  const Extensions leaf =
      MustParse({ExtensionTlv("2.5.29.19", false, Sequence({}))});
  ASSERT_TRUE(leaf.basic_constraints.has_value());
  EXPECT_FALSE(leaf.basic_constraints->is_ca);
  EXPECT_FALSE(leaf.basic_constraints->path_len_constraint.has_value());
}

TEST(ExtensionsTest, RejectsNegativePathLength) {
  EXPECT_EQ(
      ParseError({ExtensionTlv("2.5.29.19", true,
                               Sequence({Tlv(der::tag::kBoolean, Bytes{0xff}),
                                         testing::IntegerTlv(-1)}))}),
      ErrorCode::kX509BadExtension);
}

TEST(ExtensionsTest, RejectsEmptyExtKeyUsage) {
  EXPECT_EQ(ParseError({ExtensionTlv("2.5.29.37", false, Sequence({}))}),
            ErrorCode::kX509BadExtension);
}

TEST(ExtensionsTest, RejectsRepeatedPolicy) {
  const Bytes policy = Sequence({OidTlv("1.2.398.3.3.2")});
  EXPECT_EQ(ParseError(
                {ExtensionTlv("2.5.29.32", false, Sequence({policy, policy}))}),
            ErrorCode::kX509BadExtension);
}

TEST(ExtensionsTest, SkipsPolicyQualifiers) {
  const Bytes qualifier =
      Sequence({OidTlv("1.3.6.1.5.5.7.2.1"),
                Tlv(der::tag::kIa5String, Text("http://pki.gov.kz/cps"))});
  const Parsed parsed = MustParseKept({ExtensionTlv(
      "2.5.29.32", false,
      Sequence({Sequence({OidTlv("1.2.398.3.3.2"), Sequence({qualifier})})}))});
  ASSERT_TRUE(parsed.extensions.policies.has_value());
  ASSERT_EQ(parsed.extensions.policies->size(), 1u);
  EXPECT_EQ(Dotted((*parsed.extensions.policies)[0]), "1.2.398.3.3.2");
}

TEST(ExtensionsTest, ParsesAuthorityKeyIdentifierWithIssuerAndSerial) {
  const Bytes issuer = Tlv(ContextConstructed(4), testing::NucIssuer());
  const Bytes value = Sequence({Tlv(ContextSpecific(0), Bytes{0x01, 0x02}),
                                Tlv(ContextConstructed(1), issuer),
                                Tlv(ContextSpecific(2), Bytes{0x56, 0x1e})});
  const Parsed parsed =
      MustParseKept({ExtensionTlv("2.5.29.35", false, value)});
  const auto& identifier = parsed.extensions.authority_key_identifier;
  ASSERT_TRUE(identifier.has_value());
  ASSERT_EQ(identifier->authority_cert_issuer.size(), 1u);
  const GeneralName& name = identifier->authority_cert_issuer[0];
  EXPECT_EQ(name.kind, GeneralName::Kind::kDirectoryName);
  ASSERT_TRUE(name.directory_name.has_value());
  EXPECT_EQ(name.directory_name->ToRfc4514(),
            "CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022,C=KZ");
  ASSERT_TRUE(identifier->authority_cert_serial_number.has_value());
  EXPECT_EQ(encoding::HexEncode(*identifier->authority_cert_serial_number),
            "561e");
}

TEST(ExtensionsTest, RejectsAuthorityIssuerWithoutSerial) {
  const Bytes issuer = Tlv(ContextConstructed(4), testing::NucIssuer());
  const Bytes value = Sequence({Tlv(ContextConstructed(1), issuer)});
  EXPECT_EQ(ParseError({ExtensionTlv("2.5.29.35", false, value)}),
            ErrorCode::kX509BadExtension);
}

TEST(ExtensionsTest, ParsesSubjectAltNames) {
  const Bytes value = Sequence({
      Tlv(ContextSpecific(1), Text("pki@nitec.kz")),
      Tlv(ContextSpecific(2), Text("example.kz")),
      Tlv(ContextSpecific(6), Text("https://example.kz/")),
      Tlv(ContextSpecific(7), Bytes{127, 0, 0, 1}),
      Tlv(ContextSpecific(8), Bytes{0x2a, 0x03}),
  });
  const Parsed parsed =
      MustParseKept({ExtensionTlv("2.5.29.17", false, value)});
  ASSERT_TRUE(parsed.extensions.subject_alt_names.has_value());
  const auto& names = *parsed.extensions.subject_alt_names;
  ASSERT_EQ(names.size(), 5u);
  EXPECT_EQ(names[0].kind, GeneralName::Kind::kRfc822Name);
  EXPECT_EQ(names[0].text, "pki@nitec.kz");
  EXPECT_EQ(names[1].kind, GeneralName::Kind::kDnsName);
  EXPECT_EQ(names[1].text, "example.kz");
  EXPECT_EQ(names[2].kind, GeneralName::Kind::kUri);
  EXPECT_EQ(names[2].text, "https://example.kz/");
  EXPECT_EQ(names[3].kind, GeneralName::Kind::kIpAddress);
  EXPECT_EQ(names[3].value, der::Input(Bytes{127, 0, 0, 1}));
  EXPECT_EQ(names[4].kind, GeneralName::Kind::kRegisteredId);
}

TEST(ExtensionsTest, RejectsGeneralNameWithWrongForm) {
  // A constructed [1] is not an rfc822Name.
  const Bytes value = Sequence({Tlv(ContextConstructed(1), Bytes())});
  EXPECT_EQ(ParseError({ExtensionTlv("2.5.29.17", false, value)}),
            ErrorCode::kX509BadExtension);
}

TEST(ExtensionsTest, RejectsNonAsciiUri) {
  const Bytes value = Sequence({Tlv(ContextSpecific(6), Bytes{'h', 0xd0})});
  EXPECT_EQ(ParseError({ExtensionTlv("2.5.29.17", false, value)}),
            ErrorCode::kX509BadExtension);
}

TEST(ExtensionsTest, RejectsDistributionPointWithOnlyReasons) {
  const Bytes value =
      Sequence({Sequence({Tlv(ContextSpecific(1), Bytes{0x07, 0x80})})});
  EXPECT_EQ(ParseError({ExtensionTlv("2.5.29.31", false, value)}),
            ErrorCode::kX509BadExtension);
}

TEST(ExtensionsTest, SkipsDistributionPointWithoutUri) {
  const Bytes crl_issuer = Tlv(ContextConstructed(4), testing::NucIssuer());
  const Bytes value = Sequence({
      Sequence({Tlv(ContextConstructed(2), crl_issuer)}),
      Sequence({Tlv(ContextConstructed(0),
                    Tlv(ContextConstructed(0),
                        testing::UriName("http://crl.example/a.crl")))}),
  });
  const Parsed parsed =
      MustParseKept({ExtensionTlv("2.5.29.31", false, value)});
  EXPECT_EQ(parsed.extensions.crl_urls,
            std::vector<std::string>{"http://crl.example/a.crl"});
}

TEST(ExtensionsTest, ParsesOcspNoCheck) {
  const Extensions extensions = MustParse(
      {ExtensionTlv("1.3.6.1.5.5.7.48.1.5", false, Bytes{0x05, 0x00})});
  EXPECT_TRUE(extensions.has_ocsp_no_check);
}

TEST(ExtensionsTest, RejectsOcspNoCheckWithValue) {
  EXPECT_EQ(ParseError({ExtensionTlv("1.3.6.1.5.5.7.48.1.5", false,
                                     Bytes{0x05, 0x01, 0x00})}),
            ErrorCode::kX509BadExtension);
}

std::vector<Bytes> DistinctExtensions(size_t count) {
  std::vector<Bytes> extensions;
  for (size_t i = 0; i < count; ++i) {
    extensions.push_back(
        ExtensionTlv("1.2.3." + std::to_string(i), false, Bytes{0x05, 0x00}));
  }
  return extensions;
}

TEST(ExtensionsTest, AcceptsMaxExtensions) {
  EXPECT_EQ(
      MustParse(DistinctExtensions(limits::kMaxElementsPerList)).all.size(),
      limits::kMaxElementsPerList);
}

TEST(ExtensionsTest, RejectsOneExtensionPastLimit) {
  EXPECT_EQ(ParseError(DistinctExtensions(limits::kMaxElementsPerList + 1)),
            ErrorCode::kDerTooManyElements);
}

TEST(ExtensionsTest, RejectsOnePurposePastLimit) {
  std::vector<Bytes> purposes;
  for (size_t i = 0; i <= limits::kMaxElementsPerList; ++i) {
    purposes.push_back(OidTlv("1.2.3." + std::to_string(i)));
  }
  EXPECT_EQ(ParseError({ExtensionTlv("2.5.29.37", false, Sequence(purposes))}),
            ErrorCode::kX509BadExtension);
}

}  // namespace
}  // namespace tinysign::x509
