#include "core/x509/character_string.h"

#include <gtest/gtest.h>

#include "core/der/tag.h"

namespace tinysign::x509 {
namespace {

// The expected UTF-8 below was worked out by hand from the code points:
// U+04D8 (Ә) is D3 98, U+00E9 (é) is C3 A9, U+1F600 is F0 9F 98 80.

std::string Decode(uint8_t tag, const Bytes& contents) {
  auto text = DecodeCharacterString(tag, contents);
  EXPECT_TRUE(text.has_value()) << text.error().ToString();
  return text ? *text : "";
}

ErrorCode DecodeError(uint8_t tag, const Bytes& contents) {
  auto text = DecodeCharacterString(tag, contents);
  EXPECT_FALSE(text.has_value());
  return text ? ErrorCode::kInternal : text.error().code;
}

TEST(CharacterStringTest, Utf8PassesThrough) {
  EXPECT_EQ(Decode(der::tag::kUtf8String, {0xd3, 0x98, 0x41}),
            "\xd3\x98"
            "A");
  EXPECT_EQ(Decode(der::tag::kUtf8String, {0xf0, 0x9f, 0x98, 0x80}),
            "\xf0\x9f\x98\x80");
}

TEST(CharacterStringTest, Utf8RejectsOverlongNul) {
  EXPECT_EQ(DecodeError(der::tag::kUtf8String, {0xc0, 0x80}),
            ErrorCode::kDerBadString);
}

TEST(CharacterStringTest, Utf8RejectsEncodedSurrogate) {
  EXPECT_EQ(DecodeError(der::tag::kUtf8String, {0xed, 0xa0, 0x80}),
            ErrorCode::kDerBadString);
}

TEST(CharacterStringTest, Utf8RejectsCodePointAboveUnicode) {
  EXPECT_EQ(DecodeError(der::tag::kUtf8String, {0xf4, 0x90, 0x80, 0x80}),
            ErrorCode::kDerBadString);
}

TEST(CharacterStringTest, Utf8RejectsCutSequence) {
  EXPECT_EQ(DecodeError(der::tag::kUtf8String, {0x41, 0xe2, 0x82}),
            ErrorCode::kDerBadString);
}

TEST(CharacterStringTest, Utf8RejectsLoneContinuationByte) {
  EXPECT_EQ(DecodeError(der::tag::kUtf8String, {0x80}),
            ErrorCode::kDerBadString);
}

TEST(CharacterStringTest, Utf8RejectsInvalidLeadByte) {
  EXPECT_EQ(DecodeError(der::tag::kUtf8String, {0xff}),
            ErrorCode::kDerBadString);
}

TEST(CharacterStringTest, BmpStringDecodesUtf16) {
  EXPECT_EQ(Decode(der::tag::kBmpString, {0x04, 0xd8, 0x00, 0x41}),
            "\xd3\x98"
            "A");
}

TEST(CharacterStringTest, BmpStringDecodesSurrogatePair) {
  EXPECT_EQ(Decode(der::tag::kBmpString, {0xd8, 0x3d, 0xde, 0x00}),
            "\xf0\x9f\x98\x80");
}

TEST(CharacterStringTest, BmpStringRejectsOddLength) {
  EXPECT_EQ(DecodeError(der::tag::kBmpString, {0x04, 0xd8, 0x00}),
            ErrorCode::kDerBadString);
}

TEST(CharacterStringTest, BmpStringRejectsLoneHighSurrogate) {
  EXPECT_EQ(DecodeError(der::tag::kBmpString, {0xd8, 0x3d, 0x00, 0x41}),
            ErrorCode::kDerBadString);
  EXPECT_EQ(DecodeError(der::tag::kBmpString, {0x00, 0x41, 0xd8, 0x3d}),
            ErrorCode::kDerBadString);
}

TEST(CharacterStringTest, BmpStringRejectsLoneLowSurrogate) {
  EXPECT_EQ(DecodeError(der::tag::kBmpString, {0xde, 0x00}),
            ErrorCode::kDerBadString);
}

TEST(CharacterStringTest, UniversalStringDecodesUtf32) {
  EXPECT_EQ(Decode(der::tag::kUniversalString,
                   {0x00, 0x00, 0x04, 0xd8, 0x00, 0x01, 0xf6, 0x00}),
            "\xd3\x98\xf0\x9f\x98\x80");
}

TEST(CharacterStringTest, UniversalStringRejectsBadLengthAndCodePoints) {
  EXPECT_EQ(DecodeError(der::tag::kUniversalString, {0x00, 0x00, 0x41}),
            ErrorCode::kDerBadString);
  EXPECT_EQ(DecodeError(der::tag::kUniversalString, {0x00, 0x11, 0x00, 0x00}),
            ErrorCode::kDerBadString);
  EXPECT_EQ(DecodeError(der::tag::kUniversalString, {0x00, 0x00, 0xd8, 0x00}),
            ErrorCode::kDerBadString);
}

TEST(CharacterStringTest, TeletexStringReadsLatin1) {
  EXPECT_EQ(Decode(der::tag::kTeletexString, {0x43, 0x61, 0x66, 0xe9}),
            "Caf\xc3\xa9");
}

TEST(CharacterStringTest, PrintableStringChecksCharacterSet) {
  EXPECT_EQ(Decode(der::tag::kPrintableString,
                   Bytes{'I', 'I', 'N', '1', ' ', '(', ')', '=', '?'}),
            "IIN1 ()=?");
  EXPECT_EQ(DecodeError(der::tag::kPrintableString, {'a', '*'}),
            ErrorCode::kDerBadString);
  EXPECT_EQ(DecodeError(der::tag::kPrintableString, {'a', '@', 'b'}),
            ErrorCode::kDerBadString);
  EXPECT_EQ(DecodeError(der::tag::kPrintableString, {0xd3, 0x98}),
            ErrorCode::kDerBadString);
}

TEST(CharacterStringTest, NumericStringAllowsDigitsAndSpace) {
  EXPECT_EQ(Decode(der::tag::kNumericString, {'1', '2', ' ', '3'}), "12 3");
  EXPECT_EQ(DecodeError(der::tag::kNumericString, {'1', 'a'}),
            ErrorCode::kDerBadString);
}

TEST(CharacterStringTest, Ia5StringRejectsHighBytes) {
  EXPECT_EQ(Decode(der::tag::kIa5String, {'a', '@', 'b', '\n'}), "a@b\n");
  EXPECT_EQ(DecodeError(der::tag::kIa5String, {'a', 0x80}),
            ErrorCode::kDerBadString);
}

TEST(CharacterStringTest, VisibleStringRejectsControlCharacters) {
  EXPECT_EQ(Decode(der::tag::kVisibleString, {'a', '~'}), "a~");
  EXPECT_EQ(DecodeError(der::tag::kVisibleString, {'a', '\n'}),
            ErrorCode::kDerBadString);
}

TEST(CharacterStringTest, RejectsNonStringTag) {
  EXPECT_FALSE(IsCharacterStringTag(der::tag::kOctetString));
  EXPECT_EQ(DecodeError(der::tag::kOctetString, {'a'}),
            ErrorCode::kDerUnexpectedTag);
}

}  // namespace
}  // namespace tinysign::x509
