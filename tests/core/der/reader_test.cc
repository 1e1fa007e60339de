#include "core/der/reader.h"

#include <gtest/gtest.h>

#include "core/der/ber.h"
#include "core/der/oid.h"
#include "core/der/writer.h"
#include "core/limits.h"

namespace tinysign::der {
namespace {

Input In(const Bytes& bytes) { return Input(bytes); }

TEST(ReaderTest, ReadsSequenceOfInteger) {
  const Bytes data = {0x30, 0x03, 0x02, 0x01, 0x05};
  Reader outer{In(data)};
  auto seq = outer.ReadSequence();
  ASSERT_TRUE(seq.has_value());
  auto value = seq->ReadSmallInteger();
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(*value, 5);
  EXPECT_TRUE(seq->ExpectEnd("test").has_value());
  EXPECT_TRUE(outer.AtEnd());
}

TEST(ReaderTest, RejectsLengthPastEnd) {
  const Bytes data = {0x30, 0x05, 0x02, 0x01, 0x05};
  Reader reader{In(data)};
  auto seq = reader.ReadSequence();
  ASSERT_FALSE(seq.has_value());
  EXPECT_EQ(seq.error().code, ErrorCode::kDerTruncated);
}

TEST(ReaderTest, RejectsIndefiniteLength) {
  const Bytes data = {0x30, 0x80, 0x00, 0x00};
  Reader reader{In(data)};
  EXPECT_EQ(reader.ReadSequence().error().code,
            ErrorCode::kDerIndefiniteLength);
}

TEST(ReaderTest, RejectsNonMinimalLength) {
  const Bytes data = {0x04, 0x81, 0x01, 0xaa};
  Reader reader{In(data)};
  EXPECT_EQ(reader.ReadOctetString().error().code, ErrorCode::kDerBadLength);
}

TEST(ReaderTest, RejectsFiveLengthOctets) {
  const Bytes data = {0x04, 0x85, 0x00, 0x00, 0x00, 0x00, 0x01, 0xaa};
  Reader reader{In(data)};
  EXPECT_EQ(reader.ReadOctetString().error().code, ErrorCode::kDerBadLength);
}

TEST(ReaderTest, RejectsHighTagNumber) {
  const Bytes data = {0x1f, 0x81, 0x00, 0x00};
  Reader reader{In(data)};
  EXPECT_EQ(reader.ReadElement().error().code, ErrorCode::kDerUnsupportedTag);
}

TEST(ReaderTest, RejectsNonMinimalInteger) {
  const Bytes data = {0x02, 0x02, 0x00, 0x05};
  Reader reader{In(data)};
  EXPECT_EQ(reader.ReadInteger().error().code, ErrorCode::kDerBadInteger);
}

TEST(ReaderTest, UnsignedIntegerDropsSignByte) {
  const Bytes data = {0x02, 0x02, 0x00, 0x85};
  Reader reader{In(data)};
  auto value = reader.ReadUnsignedInteger();
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(value->ToBytes(), Bytes{0x85});
}

TEST(ReaderTest, RejectsNegativeUnsignedInteger) {
  const Bytes data = {0x02, 0x01, 0x85};
  Reader reader{In(data)};
  EXPECT_EQ(reader.ReadUnsignedInteger().error().code,
            ErrorCode::kDerBadInteger);
}

TEST(ReaderTest, RejectsTrailingData) {
  const Bytes data = {0x30, 0x00, 0x05, 0x00};
  auto element = ParseSingle(In(data), tag::kSequence, "test");
  EXPECT_EQ(element.error().code, ErrorCode::kDerUnconsumedData);
}

TEST(ReaderTest, RejectsBadBoolean) {
  const Bytes data = {0x01, 0x01, 0x01};
  Reader reader{In(data)};
  EXPECT_EQ(reader.ReadBoolean().error().code, ErrorCode::kDerBadBoolean);
}

TEST(ReaderTest, RejectsBitStringWithNonZeroUnusedBits) {
  const Bytes data = {0x03, 0x02, 0x01, 0x01};
  Reader reader{In(data)};
  EXPECT_EQ(reader.ReadBitString().error().code, ErrorCode::kDerBadBitString);
}

Bytes NestedSequences(size_t depth) {
  Bytes inner;
  for (size_t i = 0; i < depth; ++i) {
    Writer writer;
    writer.AddTlv(tag::kSequence, inner);
    inner = writer.Take();
  }
  return inner;
}

Status ReadNested(Reader reader) {
  while (!reader.AtEnd()) {
    TINYSIGN_ASSIGN_OR_RETURN(Reader child, reader.ReadSequence());
    reader = child;
  }
  return OkStatus();
}

TEST(ReaderTest, AcceptsMaxDepth) {
  const Bytes data = NestedSequences(limits::kMaxDerDepth);
  EXPECT_TRUE(ReadNested(Reader(In(data))).has_value());
}

TEST(ReaderTest, RejectsOnePastMaxDepth) {
  const Bytes data = NestedSequences(limits::kMaxDerDepth + 1);
  auto status = ReadNested(Reader(In(data)));
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kDerTooDeep);
}

// The OID encodings below are from X.690 8.19.5 (2.999.3 is 88 37 03) and
// from RFC 5754 (id-sha256 is 60 86 48 01 65 03 04 02 01).
TEST(OidTest, EncodesAtCompileTime) {
  constexpr Oid kExample("2.999.3");
  EXPECT_EQ(kExample.bytes().ToBytes(), (Bytes{0x88, 0x37, 0x03}));
  constexpr Oid kSha256("2.16.840.1.101.3.4.2.1");
  EXPECT_EQ(kSha256.bytes().ToBytes(),
            (Bytes{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01}));
}

TEST(OidTest, FormatsDotted) {
  const Bytes sha256 = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
  EXPECT_EQ(OidToString(In(sha256)), "2.16.840.1.101.3.4.2.1");
  const Bytes example = {0x88, 0x37, 0x03};
  EXPECT_EQ(OidToString(In(example)), "2.999.3");
}

TEST(OidTest, ParsesDottedAtRunTime) {
  auto bytes = OidFromString("1.2.398.3.10.1.3.3");
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(OidToString(In(*bytes)), "1.2.398.3.10.1.3.3");
  EXPECT_FALSE(OidFromString("1.45").has_value());
  EXPECT_FALSE(OidFromString("1..2").has_value());
  EXPECT_FALSE(OidFromString("abc").has_value());
}

TEST(OidTest, RejectsLeadingZeroOctet) {
  const Bytes data = {0x06, 0x02, 0x80, 0x01};
  Reader reader{In(data)};
  EXPECT_EQ(reader.ReadOid().error().code, ErrorCode::kDerBadOid);
}

// X.690 8.1.3.6 example: an indefinite-length SEQUENCE holding a constructed
// OCTET STRING in two pieces becomes definite with one primitive piece.
TEST(BerTest, ConvertsIndefiniteAndConstructedString) {
  const Bytes ber = {0x30, 0x80, 0x24, 0x80, 0x04, 0x02, 0x01, 0x02,
                     0x04, 0x01, 0x03, 0x00, 0x00, 0x00, 0x00};
  auto der = ConvertBerToDer(In(ber));
  ASSERT_TRUE(der.has_value()) << der.error().ToString();
  EXPECT_EQ(*der, (Bytes{0x30, 0x05, 0x04, 0x03, 0x01, 0x02, 0x03}));
}

TEST(BerTest, KeepsDerUnchanged) {
  const Bytes der = {0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0xaa};
  auto out = ConvertBerToDer(In(der));
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, der);
}

TEST(BerTest, RejectsMissingEndOfContents) {
  const Bytes ber = {0x30, 0x80, 0x02, 0x01, 0x05};
  EXPECT_EQ(ConvertBerToDer(In(ber)).error().code, ErrorCode::kDerTruncated);
}

TEST(BerTest, AcceptsMaxDepth) {
  const Bytes der = NestedSequences(limits::kMaxDerDepth);
  auto converted = ConvertBerToDer(In(der));
  ASSERT_TRUE(converted.has_value()) << converted.error().ToString();
  EXPECT_TRUE(ReadNested(Reader(In(*converted))).has_value());
  const Bytes deeper = NestedSequences(limits::kMaxDerDepth + 1);
  EXPECT_EQ(ConvertBerToDer(In(deeper)).error().code, ErrorCode::kDerTooDeep);
}

TEST(BerTest, RejectsOnePastMaxDepth) {
  Bytes ber;
  for (size_t i = 0; i <= limits::kMaxDerDepth + 1; ++i) {
    ber.insert(ber.end(), {0x30, 0x80});
  }
  for (size_t i = 0; i <= limits::kMaxDerDepth + 1; ++i) {
    ber.insert(ber.end(), {0x00, 0x00});
  }
  EXPECT_EQ(ConvertBerToDer(In(ber)).error().code, ErrorCode::kDerTooDeep);
}

TEST(WriterTest, EncodesLongLength) {
  Writer writer;
  writer.AddOctetString(Bytes(200, 0xab));
  const Bytes& out = writer.bytes();
  ASSERT_EQ(out.size(), 203u);
  EXPECT_EQ(out[0], 0x04);
  EXPECT_EQ(out[1], 0x81);
  EXPECT_EQ(out[2], 200);
}

TEST(WriterTest, EncodesIntegers) {
  Writer writer;
  writer.AddSmallInteger(0);
  writer.AddSmallInteger(127);
  writer.AddSmallInteger(128);
  writer.AddSmallInteger(-129);
  writer.AddUnsignedInteger(Bytes{0x00, 0x00, 0x80});
  EXPECT_EQ(writer.bytes(),
            (Bytes{0x02, 0x01, 0x00, 0x02, 0x01, 0x7f, 0x02, 0x02, 0x00, 0x80,
                   0x02, 0x02, 0xff, 0x7f, 0x02, 0x02, 0x00, 0x80}));
}

// RFC 5280 4.2.1.3: digitalSignature and nonRepudiation (bits 0 and 1)
// encode as 03 02 06 C0, the value seen in NUC signing certificates.
TEST(WriterTest, EncodesNamedBits) {
  Writer writer;
  writer.AddBitStringBits(Bytes{0xc0, 0x00});
  EXPECT_EQ(writer.bytes(), (Bytes{0x03, 0x02, 0x06, 0xc0}));
}

}  // namespace
}  // namespace tinysign::der
