#include "core/x509/certificate.h"

#include <gtest/gtest.h>

#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/encoding/input_form.h"
#include "core/limits.h"
#include "core/time.h"
#include "tests/core/x509/test_certificate.h"

namespace tinysign::x509 {
namespace {

using testing::AlgorithmTlv;
using testing::AttributeTlv;
using testing::CertificateParts;
using testing::ExtensionTlv;
using testing::IntegerTlv;
using testing::NameTlv;
using testing::NucLikeCertificate;
using testing::Sequence;
using testing::Text;
using testing::Tlv;

std::shared_ptr<const Certificate> MustParse(const Bytes& der) {
  auto certificate = ParseCertificate(der);
  EXPECT_TRUE(certificate.has_value()) << certificate.error().ToString();
  return certificate ? *certificate : nullptr;
}

ErrorCode ParseError(const Bytes& der) {
  auto certificate = ParseCertificate(der);
  EXPECT_FALSE(certificate.has_value());
  return certificate ? ErrorCode::kInternal : certificate.error().code;
}

Bytes Serial(const Bytes& contents) {
  return Tlv(der::tag::kInteger, contents);
}

TEST(CertificateTest, ParsesBuiltCertificate) {
  const CertificateParts parts = NucLikeCertificate();
  const Bytes der = parts.Encode();
  auto certificate = MustParse(der);
  ASSERT_NE(certificate, nullptr);
  EXPECT_EQ(certificate->version(), Version::kV3);
  EXPECT_EQ(encoding::HexEncode(certificate->serial()), "303eebdf17969f");
  EXPECT_EQ(certificate->der(), der::Input(der));
  EXPECT_EQ(certificate->tbs_tlv(), der::Input(parts.Tbs()));
  EXPECT_EQ(certificate->signature_algorithm_tlv(),
            der::Input(parts.signature_algorithm));
  EXPECT_EQ(certificate->spki_tlv(), der::Input(parts.spki));
  EXPECT_EQ(certificate->signature_value(), der::Input(Bytes(64, 0x5a)));
  EXPECT_EQ(certificate->issuer().tlv(), der::Input(parts.issuer));
  EXPECT_EQ(certificate->subject().tlv(), der::Input(parts.subject));
  EXPECT_EQ(FormatRfc3339(certificate->not_before()), "2026-05-08T07:10:15Z");
  EXPECT_EQ(FormatRfc3339(certificate->not_after()), "2027-05-08T07:10:15Z");
  EXPECT_FALSE(certificate->IsSelfIssued());
  EXPECT_EQ(certificate->extensions().all.size(), 9u);
}

TEST(CertificateTest, ViewsPointIntoOwnedCopy) {
  Bytes der = NucLikeCertificate().Encode();
  auto certificate = MustParse(der);
  ASSERT_NE(certificate, nullptr);
  const std::string subject = certificate->subject().ToRfc4514();
  std::fill(der.begin(), der.end(), 0);
  der.clear();
  der.shrink_to_fit();
  EXPECT_EQ(certificate->subject().ToRfc4514(), subject);
  const der::Input whole = certificate->der();
  const der::Input tbs = certificate->tbs_tlv();
  EXPECT_GE(tbs.data(), whole.data());
  EXPECT_LE(tbs.data() + tbs.size(), whole.data() + whole.size());
  ASSERT_TRUE(certificate->subject_key_identifier().has_value());
  EXPECT_GE(certificate->subject_key_identifier()->data(), whole.data());
}

TEST(CertificateTest, RejectsEmptyInput) {
  EXPECT_EQ(ParseError(Bytes()), ErrorCode::kInputEmpty);
}

TEST(CertificateTest, RejectsInputOnePastLimit) {
  Bytes der(limits::kMaxInputBytes + 1, 0);
  EXPECT_EQ(ParseError(der), ErrorCode::kInputTooLarge);
}

TEST(CertificateTest, RejectsTruncatedCertificate) {
  Bytes der = NucLikeCertificate().Encode();
  der.pop_back();
  EXPECT_EQ(ParseError(der), ErrorCode::kDerTruncated);
}

TEST(CertificateTest, RejectsEveryTruncation) {
  const Bytes der = NucLikeCertificate().Encode();
  for (size_t length = 0; length < der.size(); ++length) {
    SCOPED_TRACE(length);
    EXPECT_FALSE(ParseCertificate(der::Input(der.data(), length)).has_value());
  }
}

TEST(CertificateTest, RejectsTrailingData) {
  Bytes der = NucLikeCertificate().Encode();
  der.push_back(0x00);
  EXPECT_EQ(ParseError(der), ErrorCode::kDerUnconsumedData);
}

TEST(CertificateTest, RejectsExtraFieldInCertificate) {
  const CertificateParts parts = NucLikeCertificate();
  const Bytes der = Sequence({parts.Tbs(), parts.signature_algorithm,
                              parts.signature_value, IntegerTlv(1)});
  EXPECT_EQ(ParseError(der), ErrorCode::kDerUnconsumedData);
}

TEST(CertificateTest, RejectsAlgorithmMismatch) {
  CertificateParts parts = NucLikeCertificate();
  parts.signature_algorithm = AlgorithmTlv(testing::kSha384WithRsa);
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kX509AlgorithmMismatch);
}

TEST(CertificateTest, RejectsAlgorithmParameterMismatch) {
  // Same OID, but the outer one omits the NULL parameters: RFC 5280 4.1.1.2
  // wants the two identical.
  CertificateParts parts = NucLikeCertificate();
  parts.signature_algorithm =
      Sequence({testing::OidTlv(testing::kSha256WithRsa)});
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kX509AlgorithmMismatch);
}

TEST(CertificateTest, RejectsSignatureWithUnusedBits) {
  CertificateParts parts = NucLikeCertificate();
  parts.signature_value = Tlv(der::tag::kBitString, Bytes{0x01, 0x02});
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kDerBadBitString);
}

TEST(CertificateTest, RejectsDuplicateExtension) {
  CertificateParts parts = NucLikeCertificate();
  parts.extensions.push_back(
      ExtensionTlv("2.5.29.15", true, testing::NucKeyUsage()));
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kX509DuplicateExtension);
}

TEST(CertificateTest, RejectsBadUtf8InSubject) {
  CertificateParts parts = NucLikeCertificate();
  parts.subject = NameTlv({AttributeTlv("2.5.4.3", der::tag::kUtf8String,
                                        Bytes{0xd0, 0xa2, 0xd0})});
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kDerBadString);
}

TEST(CertificateTest, RejectsOddLengthBmpStringInIssuer) {
  CertificateParts parts = NucLikeCertificate();
  parts.issuer = NameTlv(
      {AttributeTlv("2.5.4.3", der::tag::kBmpString, Bytes{0x00, 0x41, 0x00})});
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kDerBadString);
}

TEST(CertificateTest, AcceptsTwentyOctetSerialWithSignOctet) {
  CertificateParts parts = NucLikeCertificate();
  Bytes contents(21, 0x81);
  contents[0] = 0x00;
  parts.serial = Serial(contents);
  auto certificate = MustParse(parts.Encode());
  ASSERT_NE(certificate, nullptr);
  EXPECT_EQ(certificate->serial(), der::Input(Bytes(20, 0x81)));
}

TEST(CertificateTest, RejectsSerialOneOctetTooLong) {
  CertificateParts parts = NucLikeCertificate();
  parts.serial = Serial(Bytes(21, 0x11));
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kX509Malformed);
}

TEST(CertificateTest, RejectsNegativeSerial) {
  CertificateParts parts = NucLikeCertificate();
  parts.serial = Serial({0x85});
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kDerBadInteger);
}

TEST(CertificateTest, RejectsNonMinimalSerial) {
  CertificateParts parts = NucLikeCertificate();
  parts.serial = Serial({0x00, 0x05});
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kDerBadInteger);
}

TEST(CertificateTest, AcceptsZeroSerial) {
  CertificateParts parts = NucLikeCertificate();
  parts.serial = Serial({0x00});
  auto certificate = MustParse(parts.Encode());
  ASSERT_NE(certificate, nullptr);
  EXPECT_EQ(certificate->serial(), der::Input(Bytes{0x00}));
}

TEST(CertificateTest, RejectsBadVersion) {
  CertificateParts parts = NucLikeCertificate();
  parts.version = Tlv(der::tag::ContextConstructed(0), IntegerTlv(3));
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kX509BadVersion);
}

TEST(CertificateTest, RejectsNegativeVersion) {
  CertificateParts parts = NucLikeCertificate();
  parts.version = Tlv(der::tag::ContextConstructed(0), IntegerTlv(-1));
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kX509BadVersion);
}

TEST(CertificateTest, RejectsExtensionsInV1) {
  CertificateParts parts = NucLikeCertificate();
  parts.version.clear();
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kX509BadVersion);
}

TEST(CertificateTest, RejectsExtensionsInV2) {
  CertificateParts parts = NucLikeCertificate();
  parts.version = Tlv(der::tag::ContextConstructed(0), IntegerTlv(1));
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kX509BadVersion);
}

TEST(CertificateTest, AcceptsV1WithoutExtensions) {
  CertificateParts parts = NucLikeCertificate();
  parts.version.clear();
  parts.extensions.clear();
  auto certificate = MustParse(parts.Encode());
  ASSERT_NE(certificate, nullptr);
  EXPECT_EQ(certificate->version(), Version::kV1);
  EXPECT_TRUE(certificate->extensions().all.empty());
}

TEST(CertificateTest, AcceptsV2WithUniqueIdentifiers) {
  CertificateParts parts = NucLikeCertificate();
  parts.version = Tlv(der::tag::ContextConstructed(0), IntegerTlv(1));
  parts.extensions.clear();
  parts.unique_ids =
      testing::Concat({Tlv(der::tag::ContextSpecific(1), Bytes{0x00, 0xaa}),
                       Tlv(der::tag::ContextSpecific(2), Bytes{0x00, 0xbb})});
  auto certificate = MustParse(parts.Encode());
  ASSERT_NE(certificate, nullptr);
  EXPECT_EQ(certificate->version(), Version::kV2);
}

TEST(CertificateTest, RejectsUniqueIdentifierInV1) {
  CertificateParts parts = NucLikeCertificate();
  parts.version.clear();
  parts.extensions.clear();
  parts.unique_ids = Tlv(der::tag::ContextSpecific(1), Bytes{0x00, 0xaa});
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kX509BadVersion);
}

TEST(CertificateTest, AcceptsGeneralizedTimeValidity) {
  CertificateParts parts = NucLikeCertificate();
  parts.validity =
      Sequence({Tlv(der::tag::kUtcTime, Text("491231235959Z")),
                Tlv(der::tag::kGeneralizedTime, Text("20500101000000Z"))});
  auto certificate = MustParse(parts.Encode());
  ASSERT_NE(certificate, nullptr);
  EXPECT_EQ(FormatRfc3339(certificate->not_before()), "2049-12-31T23:59:59Z");
  EXPECT_EQ(FormatRfc3339(certificate->not_after()), "2050-01-01T00:00:00Z");
}

TEST(CertificateTest, RejectsFractionalSecondsInValidity) {
  CertificateParts parts = NucLikeCertificate();
  parts.validity =
      Sequence({Tlv(der::tag::kUtcTime, Text("260508071015Z")),
                Tlv(der::tag::kGeneralizedTime, Text("20500101000000.5Z"))});
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kDerBadTime);
}

TEST(CertificateTest, RejectsUtcTimeWithoutSeconds) {
  CertificateParts parts = NucLikeCertificate();
  parts.validity = Sequence({Tlv(der::tag::kUtcTime, Text("2605080710Z")),
                             Tlv(der::tag::kUtcTime, Text("270508071015Z"))});
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kDerBadTime);
}

TEST(CertificateTest, RejectsExtraFieldInValidity) {
  CertificateParts parts = NucLikeCertificate();
  parts.validity = Sequence({Tlv(der::tag::kUtcTime, Text("260508071015Z")),
                             Tlv(der::tag::kUtcTime, Text("270508071015Z")),
                             Tlv(der::tag::kUtcTime, Text("280508071015Z"))});
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kDerUnconsumedData);
}

TEST(CertificateTest, RejectsMalformedSubjectPublicKeyInfo) {
  CertificateParts parts = NucLikeCertificate();
  parts.spki = Sequence({AlgorithmTlv(testing::kRsaEncryption)});
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kDerTruncated);
}

TEST(CertificateTest, RejectsIndefiniteLength) {
  // BER indefinite length on the outer SEQUENCE: certificates are DER only.
  Bytes der = NucLikeCertificate().Encode();
  Bytes ber = {0x30, 0x80};
  der::Reader reader(der);
  auto contents = reader.Read(der::tag::kSequence);
  ASSERT_TRUE(contents.has_value());
  ber.insert(ber.end(), contents->begin(), contents->end());
  ber.push_back(0x00);
  ber.push_back(0x00);
  EXPECT_EQ(ParseError(ber), ErrorCode::kDerIndefiniteLength);
}

TEST(CertificateTest, RejectsEmptyExtensions) {
  CertificateParts parts = NucLikeCertificate();
  parts.extensions.clear();
  parts.force_extensions = true;
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kX509BadExtension);
}

// Deep nesting cannot reach `limits::kMaxDerDepth` inside the certificate
// parser: every field it descends into has a fixed depth (at most 11, the
// Name inside an authorityCertIssuer), and values it does not interpret are
// kept as bytes without being walked. A value nested past the limit is
// therefore kept, not rejected.
TEST(CertificateTest, KeepsUnknownExtensionNestedPastDepthLimit) {
  Bytes value = Tlv(der::tag::kNull, Bytes());
  for (size_t i = 0; i < limits::kMaxDerDepth + 1; ++i) {
    value = Sequence({value});
  }
  CertificateParts parts = NucLikeCertificate();
  parts.extensions.push_back(ExtensionTlv("1.2.3.4.5", false, value));
  auto certificate = MustParse(parts.Encode());
  ASSERT_NE(certificate, nullptr);
  const Extension* extension =
      certificate->extensions().Find(der::Oid("1.2.3.4.5"));
  ASSERT_NE(extension, nullptr);
  EXPECT_EQ(extension->value, der::Input(value));
}

TEST(CertificateTest, RejectsNestedValueWhereNameExpected) {
  Bytes value = testing::NucSubject();
  for (size_t i = 0; i < limits::kMaxDerDepth + 1; ++i) {
    value = Sequence({value});
  }
  CertificateParts parts = NucLikeCertificate();
  parts.subject = value;
  EXPECT_EQ(ParseError(parts.Encode()), ErrorCode::kDerUnexpectedTag);
}

TEST(CertificateTest, SelfIssuedWhenNamesMatch) {
  CertificateParts parts = NucLikeCertificate();
  parts.issuer = parts.subject;
  auto certificate = MustParse(parts.Encode());
  ASSERT_NE(certificate, nullptr);
  EXPECT_TRUE(certificate->IsSelfIssued());
}

}  // namespace
}  // namespace tinysign::x509
