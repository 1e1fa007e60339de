#include "core/encoding/input_form.h"

#include <gtest/gtest.h>

#include <string>

namespace tinysign::encoding {
namespace {

Bytes B(std::string_view text) { return Bytes(text.begin(), text.end()); }

der::Input Text(const std::string& text) {
  return der::Input(std::string_view(text));
}

// RFC 4648 section 10 test vectors, with and without padding.
TEST(DecodeBase64Test, Rfc4648Vectors) {
  const std::pair<std::string, std::string> vectors[] = {
      {"Zg==", "f"},         {"Zm8=", "fo"},
      {"Zm9v", "foo"},       {"Zm9vYg==", "foob"},
      {"Zm9vYmE=", "fooba"}, {"Zm9vYmFy", "foobar"},
      {"Zg", "f"},           {"Zm8", "fo"},
      {"Zm9vYg", "foob"},    {"Zm9v\r\nYmFy", "foobar"}};
  for (const auto& [text, expected] : vectors) {
    auto decoded = DecodeBase64(Text(text));
    ASSERT_TRUE(decoded.has_value()) << text;
    EXPECT_EQ(*decoded, B(expected)) << text;
  }
}

TEST(DecodeBase64Test, RejectsLoneLastCharacter) {
  auto decoded = DecodeBase64(Text("Zm9vY"));
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInputBadBase64);
}

TEST(DecodeBase64Test, RejectsForeignCharacter) {
  EXPECT_EQ(DecodeBase64(Text("Zm9v!mFy")).error().code,
            ErrorCode::kInputBadBase64);
}

TEST(DecodeBase64Test, ForeignCharacterErrorGivesOffset) {
  // '!' is the fifth character of the text, at offset 4, and '-' is the
  // seventh, at offset 6, since the line break counts.
  auto decoded = DecodeBase64(Text("Zm9v!mFy"));
  ASSERT_FALSE(decoded.has_value());
  EXPECT_NE(decoded.error().detail.find("character '!' at offset 4"),
            std::string::npos)
      << decoded.error().detail;
  decoded = DecodeBase64(Text("Zm9v\nY-Fy"));
  ASSERT_FALSE(decoded.has_value());
  EXPECT_NE(decoded.error().detail.find("character '-' at offset 6"),
            std::string::npos)
      << decoded.error().detail;
}

TEST(DecodeBase64Test, RejectsMisplacedPadding) {
  for (const char* text : {"Zg=v", "Zm9v=", "Zg===", "=Zm9v"}) {
    SCOPED_TRACE(text);
    auto decoded = DecodeBase64(Text(text));
    ASSERT_FALSE(decoded.has_value());
    EXPECT_EQ(decoded.error().code, ErrorCode::kInputBadBase64);
  }
}

TEST(DecodeBase64Test, DecodedLimitIsExact) {
  // "Zm9vYmE=" is "fooba" (RFC 4648 section 10), 5 bytes.
  auto decoded = DecodeBase64(Text("Zm9vYmE="), 5);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, B("fooba"));
  decoded = DecodeBase64(Text("Zm9vYmE="), 4);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInputTooLarge);
}

TEST(DecodeBase64Test, TextOverInputLimitWithinDecodedLimit) {
  // 50 MiB of zero bytes are 17476266 groups of three and one of two
  // (52428800 = 3 * 17476266 + 2). A group of two bytes takes three
  // characters and one '=', so the base64 is 4 * 17476266 + 3 = 69905067
  // times "A" and "=", more than kMaxInputBytes (67108864).
  const std::string text = std::string(69905067, 'A') + "=";
  auto decoded = DecodeBase64(Text(text), 52428800);
  ASSERT_TRUE(decoded.has_value()) << decoded.error().ToString();
  EXPECT_EQ(decoded->size(), 52428800u);
  decoded = DecodeBase64(Text(text), 52428799);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInputTooLarge);
}

TEST(NormalizeToDerTest, AcceptsDerAsIs) {
  const Bytes der = {0x30, 0x03, 0x02, 0x01, 0x05};
  auto out = NormalizeToDer(der);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, der);
}

// 30 03 02 01 05 is "MAMCAQU=" in base64.
TEST(NormalizeToDerTest, AcceptsBase64AndPem) {
  const Bytes der = {0x30, 0x03, 0x02, 0x01, 0x05};
  for (const std::string text :
       {"MAMCAQU=", "MAMCAQU",
        "-----BEGIN CMS-----\nMAMCAQU=\n-----END CMS-----\n",
        "-----BEGIN PKCS7-----\r\nMAMC\r\nAQU=\r\n-----END PKCS7-----\r\n",
        "header text\n-----BEGIN CERTIFICATE-----\nMAMCAQU=\n"
        "-----END CERTIFICATE-----\n"}) {
    auto out = NormalizeToDer(Text(text));
    ASSERT_TRUE(out.has_value()) << text << ": " << out.error().ToString();
    EXPECT_EQ(*out, der) << text;
  }
}

TEST(NormalizeToDerTest, RejectsBase64ThatIsNotDer) {
  // "AQ" decodes to the single byte 01.
  EXPECT_EQ(NormalizeToDer(Text("AQ")).error().code,
            ErrorCode::kInputBadBase64);
  EXPECT_EQ(NormalizeToDer(Text("-----BEGIN CMS-----\nAQ==\n-----END CMS-----"))
                .error()
                .code,
            ErrorCode::kInputBadPem);
}

TEST(NormalizeToDerTest, RejectsMissingEndLine) {
  EXPECT_EQ(
      NormalizeToDer(Text("-----BEGIN CMS-----\nMAMCAQU=\n")).error().code,
      ErrorCode::kInputBadPem);
}

TEST(NormalizeToDerTest, RejectsTwoBlocksWhereOneIsExpected) {
  const std::string two =
      "-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END CERTIFICATE-----\n"
      "-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END CERTIFICATE-----\n";
  EXPECT_FALSE(NormalizeToDer(Text(two)).has_value());
  auto list = NormalizeToDerList(Text(two));
  ASSERT_TRUE(list.has_value());
  EXPECT_EQ(list->size(), 2u);
}

TEST(NormalizeToDerTest, RejectsEmpty) {
  EXPECT_EQ(NormalizeToDer(Bytes{}).error().code, ErrorCode::kInputEmpty);
}

TEST(HexTest, RoundTrips) {
  auto bytes = HexDecode("00Ff10");
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(*bytes, (Bytes{0x00, 0xff, 0x10}));
  EXPECT_EQ(HexEncode(*bytes), "00ff10");
  EXPECT_FALSE(HexDecode("abc").has_value());
  EXPECT_FALSE(HexDecode("zz").has_value());
}

}  // namespace
}  // namespace tinysign::encoding
