#include "core/x509/name.h"

#include <gtest/gtest.h>

#include <deque>

#include "core/der/tag.h"
#include "core/limits.h"
#include "core/x509/certificate.h"
#include "tests/core/x509/fixture_certificates.h"
#include "tests/core/x509/openssl_view.h"
#include "tests/core/x509/test_certificate.h"
#include "tests/support/files.h"
#include "tests/support/openssl.h"

namespace tinysign::x509 {
namespace {

using testing::AttributeTlv;
using testing::NameTlv;
using testing::PrintableAttribute;
using testing::Sequence;
using testing::Tlv;
using testing::Utf8Attribute;

// MustParse parses `tlv`, which it keeps alive until the test program ends,
// because a `Name` views the bytes it was parsed from.
Name MustParse(Bytes tlv) {
  static auto* kept_encodings = new std::deque<Bytes>();
  kept_encodings->push_back(std::move(tlv));
  auto name = ParseName(kept_encodings->back());
  EXPECT_TRUE(name.has_value()) << name.error().ToString();
  return name ? *name : Name();
}

ErrorCode ParseError(const Bytes& tlv) {
  auto name = ParseName(tlv);
  EXPECT_FALSE(name.has_value());
  return name ? ErrorCode::kInternal : name.error().code;
}

// RdnTlv builds one RDN holding `attributes`, in the order given.
Bytes RdnTlv(const std::vector<Bytes>& attributes) {
  return Tlv(der::tag::kSet, testing::Concat(attributes));
}

TEST(NameTest, ParsesNucSubject) {
  const Bytes tlv = testing::NucSubject();
  const Name name = MustParse(tlv);
  ASSERT_EQ(name.rdns().size(), 7u);
  EXPECT_EQ(name.tlv(), der::Input(tlv));
  const AttributeTypeAndValue& first = name.rdns()[0][0];
  EXPECT_EQ(der::OidToString(first.type), "2.5.4.3");
  EXPECT_EQ(first.value_tag, der::tag::kUtf8String);
  EXPECT_TRUE(first.is_text);
  EXPECT_EQ(first.text, "ТЕСТОВ ТЕСТ");
}

TEST(NameTest, FormatsNucSubjectAsRfc4514) {
  // RDNs last to first; the quotes inside O are escaped (RFC 4514 2.4).
  EXPECT_EQ(MustParse(testing::NucSubject()).ToRfc4514(),
            "GIVENNAME=ТЕСТОВИЧ,OU=BIN123456789021,O=АО \\\"ТЕСТ\\\",C=KZ,"
            "SERIALNUMBER=IIN123456789011,SURNAME=ТЕСТОВ,CN=ТЕСТОВ ТЕСТ");
}

TEST(NameTest, FindsAttributesByType) {
  const Name name = MustParse(NameTlv({
      PrintableAttribute("2.5.4.11", "DEPT"),
      PrintableAttribute("2.5.4.11", "BIN123456789021"),
      Utf8Attribute("2.5.4.3", "X"),
  }));
  ASSERT_NE(name.FindFirst(attribute::kOrganizationalUnit), nullptr);
  EXPECT_EQ(*name.FindFirst(attribute::kOrganizationalUnit), "DEPT");
  EXPECT_EQ(name.FindAll(attribute::kOrganizationalUnit),
            (std::vector<std::string>{"DEPT", "BIN123456789021"}));
  EXPECT_EQ(name.FindFirst(attribute::kSurname), nullptr);
}

TEST(NameTest, EscapesSpecialCharacters) {
  // Expected by hand from RFC 4514 section 2.4: a leading space or '#', a
  // trailing space, and each of " + , ; < > \ get a backslash; a control
  // character becomes a backslash and two hex digits.
  const Name name = MustParse(NameTlv({
      Utf8Attribute("2.5.4.3", " #a\"b+c,d;e<f>g\\h#i "),
      Utf8Attribute("2.5.4.10", std::string("x\ny\0z", 5)),
      Utf8Attribute("2.5.4.11", "#lead"),
  }));
  EXPECT_EQ(name.ToRfc4514(),
            "OU=\\#lead,O=x\\0Ay\\00z,"
            "CN=\\ #a\\\"b\\+c\\,d\\;e\\<f\\>g\\\\h#i\\ ");
}

TEST(NameTest, WritesUnknownTypesAsHex) {
  // 2.5.4.12 (title) is not in the short-name table: dotted OID and the
  // hex of the value's DER, 0C 04 "Boss".
  const Name name = MustParse(NameTlv({Utf8Attribute("2.5.4.12", "Boss")}));
  EXPECT_EQ(name.ToRfc4514(), "2.5.4.12=#0C04426F7373");
}

TEST(NameTest, KeepsNonStringValueOfUnknownType) {
  const Name name = MustParse(
      NameTlv({AttributeTlv("1.2.3.4", der::tag::kInteger, Bytes{0x05})}));
  ASSERT_EQ(name.rdns().size(), 1u);
  EXPECT_FALSE(name.rdns()[0][0].is_text);
  EXPECT_EQ(name.ToRfc4514(), "1.2.3.4=#020105");
}

TEST(NameTest, JoinsMultiValuedRdnWithPlus) {
  const Name name = MustParse(Sequence({
      RdnTlv({PrintableAttribute("2.5.4.6", "KZ")}),
      RdnTlv({Utf8Attribute("2.5.4.11", "a"), Utf8Attribute("2.5.4.11", "b")}),
  }));
  EXPECT_EQ(name.ToRfc4514(), "OU=a+OU=b,C=KZ");
}

TEST(NameTest, DecodesBmpAndTeletexValues) {
  const Name name = MustParse(NameTlv({
      AttributeTlv("2.5.4.3", der::tag::kBmpString, Bytes{0x04, 0xd8}),
      AttributeTlv("2.5.4.7", der::tag::kTeletexString, Bytes{0xe9}),
  }));
  EXPECT_EQ(name.ToRfc4514(), "L=\xc3\xa9,CN=\xd3\x98");
}

TEST(NameTest, ParsesEmptyName) {
  const Name name = MustParse(Sequence({}));
  EXPECT_TRUE(name.empty());
  EXPECT_EQ(name.ToRfc4514(), "");
}

TEST(NameTest, RejectsBadUtf8) {
  EXPECT_EQ(ParseError(NameTlv({AttributeTlv("2.5.4.3", der::tag::kUtf8String,
                                             Bytes{0x41, 0xc3})})),
            ErrorCode::kDerBadString);
}

TEST(NameTest, RejectsOddLengthBmpString) {
  EXPECT_EQ(ParseError(NameTlv({AttributeTlv("2.5.4.3", der::tag::kBmpString,
                                             Bytes{0x04, 0xd8, 0x00})})),
            ErrorCode::kDerBadString);
}

TEST(NameTest, RejectsBadPrintableString) {
  EXPECT_EQ(ParseError(NameTlv({PrintableAttribute("2.5.4.6", "K_Z")})),
            ErrorCode::kDerBadString);
}

TEST(NameTest, RejectsNonStringValueOfKnownType) {
  EXPECT_EQ(ParseError(NameTlv(
                {AttributeTlv("2.5.4.3", der::tag::kInteger, Bytes{0x05})})),
            ErrorCode::kX509BadName);
}

TEST(NameTest, RejectsEmptyRdn) {
  EXPECT_EQ(ParseError(Sequence({Tlv(der::tag::kSet, Bytes())})),
            ErrorCode::kX509BadName);
}

TEST(NameTest, RejectsExtraFieldInAttribute) {
  const Bytes attribute =
      Sequence({testing::OidTlv("2.5.4.3"),
                Tlv(der::tag::kUtf8String, testing::Text("a")),
                Tlv(der::tag::kUtf8String, testing::Text("b"))});
  EXPECT_EQ(ParseError(NameTlv({attribute})), ErrorCode::kDerUnconsumedData);
}

TEST(NameTest, RejectsDataAfterName) {
  Bytes tlv = NameTlv({Utf8Attribute("2.5.4.3", "a")});
  tlv.push_back(0x00);
  EXPECT_EQ(ParseError(tlv), ErrorCode::kDerUnconsumedData);
}

TEST(NameTest, RejectsTruncatedName) {
  Bytes tlv = NameTlv({Utf8Attribute("2.5.4.3", "abc")});
  tlv.pop_back();
  EXPECT_EQ(ParseError(tlv), ErrorCode::kDerTruncated);
}

std::vector<Bytes> OneAttributeRdns(size_t count) {
  std::vector<Bytes> attributes;
  for (size_t i = 0; i < count; ++i) {
    attributes.push_back(Utf8Attribute("2.5.4.11", std::to_string(i)));
  }
  return attributes;
}

TEST(NameTest, AcceptsMaxRdns) {
  EXPECT_EQ(
      MustParse(NameTlv(OneAttributeRdns(limits::kMaxNameRdns))).rdns().size(),
      limits::kMaxNameRdns);
}

TEST(NameTest, RejectsOneRdnPastLimit) {
  EXPECT_EQ(ParseError(NameTlv(OneAttributeRdns(limits::kMaxNameRdns + 1))),
            ErrorCode::kDerTooManyElements);
}

TEST(NameTest, AcceptsMaxAttributesInOneRdn) {
  const Bytes rdn = RdnTlv(OneAttributeRdns(limits::kMaxNameAttributes));
  EXPECT_EQ(MustParse(Sequence({rdn})).rdns()[0].size(),
            limits::kMaxNameAttributes);
}

TEST(NameTest, RejectsOneAttributePastLimit) {
  const Bytes rdn = RdnTlv(OneAttributeRdns(limits::kMaxNameAttributes + 1));
  EXPECT_EQ(ParseError(Sequence({rdn})), ErrorCode::kDerTooManyElements);
}

TEST(NameTest, CountsAttributesAcrossRdns) {
  // Half the attribute limit of two-valued RDNs, plus one more RDN.
  std::vector<Bytes> rdns;
  for (size_t i = 0; i < limits::kMaxNameAttributes / 2 + 1; ++i) {
    rdns.push_back(RdnTlv(OneAttributeRdns(2)));
  }
  EXPECT_EQ(ParseError(Sequence(rdns)), ErrorCode::kDerTooManyElements);
}

TEST(NamesMatchTest, MatchesEqualDer) {
  const Name a = MustParse(testing::NucSubject());
  const Name b = MustParse(testing::NucSubject());
  EXPECT_TRUE(NamesMatch(a, b));
}

TEST(NamesMatchTest, MatchesAcrossStringTypes) {
  const Name printable =
      MustParse(NameTlv({PrintableAttribute("2.5.4.6", "KZ")}));
  const Name utf8 = MustParse(NameTlv({Utf8Attribute("2.5.4.6", "KZ")}));
  EXPECT_TRUE(NamesMatch(printable, utf8));
}

TEST(NamesMatchTest, IgnoresAsciiCaseAndExtraSpaces) {
  const Name a = MustParse(NameTlv({Utf8Attribute("2.5.4.3", "  Test   CA ")}));
  const Name b = MustParse(NameTlv({Utf8Attribute("2.5.4.3", "test ca")}));
  EXPECT_TRUE(NamesMatch(a, b));
}

TEST(NamesMatchTest, ComparesNonAsciiLettersExactly) {
  const Name upper = MustParse(NameTlv({Utf8Attribute("2.5.4.3", "ТЕСТ")}));
  const Name lower = MustParse(NameTlv({Utf8Attribute("2.5.4.3", "тест")}));
  EXPECT_FALSE(NamesMatch(upper, lower));
}

TEST(NamesMatchTest, MatchesMultiValuedRdnInAnyOrder) {
  const Bytes a_value = Utf8Attribute("2.5.4.11", "a");
  const Bytes b_value = Utf8Attribute("2.5.4.11", "b");
  const Name ab = MustParse(Sequence({RdnTlv({a_value, b_value})}));
  const Name ba = MustParse(Sequence({RdnTlv({b_value, a_value})}));
  const Name aa = MustParse(Sequence({RdnTlv({a_value, a_value})}));
  EXPECT_TRUE(NamesMatch(ab, ba));
  EXPECT_FALSE(NamesMatch(ab, aa));
}

TEST(NamesMatchTest, RejectsDifferentOrderTypeOrLength) {
  const Bytes country = PrintableAttribute("2.5.4.6", "KZ");
  const Bytes common = Utf8Attribute("2.5.4.3", "CA");
  const Name base = MustParse(NameTlv({country, common}));
  EXPECT_FALSE(NamesMatch(base, MustParse(NameTlv({common, country}))));
  EXPECT_FALSE(NamesMatch(base, MustParse(NameTlv({country}))));
  EXPECT_FALSE(NamesMatch(
      base, MustParse(NameTlv({country, Utf8Attribute("2.5.4.10", "CA")}))));
}

TEST(NameOpenSslTest, MatchesOpenSslForSpecialCharacters) {
  if (!testing::OpenSslAvailable()) {
    GTEST_SKIP() << "openssl not found";
  }
  const auto dir = tinysign::testing::TempDir("x509-name");
  const auto der_path = dir / "certificate.der";
  const auto result = tinysign::testing::RunCommand(
      {"openssl",
       "req",
       "-x509",
       "-new",
       "-newkey",
       "ec",
       "-pkeyopt",
       "ec_paramgen_curve:P-256",
       "-nodes",
       "-keyout",
       (dir / "key.pem").string(),
       "-outform",
       "DER",
       "-out",
       der_path.string(),
       "-days",
       "1",
       "-utf8",
       "-subj",
       "/C=KZ/O=Org\\, Inc./CN= #Тест; <x> \"q\" \\\\ e "
       "/emailAddress=x@y.kz/street=Main 1/DC=ROLE01/UID=1.2.398.6.10.1.1"});
  ASSERT_EQ(result.exit_code, 0);
  const Bytes der = tinysign::testing::ReadFileBytes(der_path);
  auto certificate = ParseCertificate(der);
  ASSERT_TRUE(certificate.has_value()) << certificate.error().ToString();
  const testing::OpenSslView view = testing::ReadWithOpenSsl(der, dir);
  EXPECT_EQ((*certificate)->subject().ToRfc4514(),
            testing::OpenSslNameToOurs(view.subject));
  EXPECT_EQ((*certificate)->issuer().ToRfc4514(),
            testing::OpenSslNameToOurs(view.issuer));
}

}  // namespace
}  // namespace tinysign::x509
