#include "core/crypto/gost_encoding.h"

#include <gtest/gtest.h>

#include <string>

#include "core/encoding/input_form.h"
#include "tests/core/crypto/signature_test_support.h"

namespace tinysign::crypto {
namespace {

using encoding::HexEncode;

using signature_testing::Hex;
using signature_testing::Reversed;
// Counting returns first, first + 1, ... as `size` bytes.
Bytes Counting(uint8_t first, size_t size) {
  Bytes bytes(size);
  for (size_t i = 0; i < size; ++i) {
    bytes[i] = static_cast<uint8_t>(first + i);
  }
  return bytes;
}

TEST(GostEncodingTest, SignatureIsLittleEndianRThenS) {
  // NUC layout: r || s, each little-endian.
  const Bytes value = Counting(1, 64);
  auto signature = DecodeGostSignature(GostCurveId::kCryptoProA, value);
  ASSERT_TRUE(signature.has_value());
  EXPECT_EQ(signature->r, Reversed(Counting(1, 32)));
  EXPECT_EQ(signature->s, Reversed(Counting(33, 32)));
  EXPECT_EQ(EncodeGostSignature(GostCurveId::kCryptoProA, *signature), value);
}

TEST(GostEncodingTest, SignatureIsReversedRfc4491Layout) {
  // RFC 4491 (and OpenSSL's gost engine) write s || r, big-endian. For the
  // RFC 5832 example signature, NUC's value is those 64 bytes reversed.
  const Bytes r =
      Hex("41aa28d2f1ab148280cd9ed56feda41974053554a42767b83ad043fd39dc0493");
  const Bytes s =
      Hex("01456c64ba4642a1653c235a98a60249bcd6d3f746b631df928014f6c5bf9c40");
  Bytes rfc4491 = s;
  rfc4491.insert(rfc4491.end(), r.begin(), r.end());
  EXPECT_EQ(EncodeGostSignature(GostCurveId::kGost2001TestParamSet, {r, s}),
            Reversed(rfc4491));
}

TEST(GostEncodingTest, Signature512Sizes) {
  const Bytes value = Counting(0, 128);
  auto signature =
      DecodeGostSignature(GostCurveId::kTc26Gost512ParamSetA, value);
  ASSERT_TRUE(signature.has_value());
  EXPECT_EQ(signature->r, Reversed(Counting(0, 64)));
  EXPECT_EQ(signature->s, Reversed(Counting(64, 64)));
}

TEST(GostEncodingTest, RejectsSignatureOfWrongLength) {
  for (size_t size : {size_t{0}, size_t{63}, size_t{65}, size_t{128}}) {
    auto signature =
        DecodeGostSignature(GostCurveId::kCryptoProA, Bytes(size, 1));
    ASSERT_FALSE(signature.has_value()) << size;
    EXPECT_EQ(signature.error().code, ErrorCode::kCryptoBadSignatureEncoding);
  }
  EXPECT_FALSE(
      DecodeGostSignature(GostCurveId::kTc26Gost512ParamSetA, Bytes(64, 1))
          .has_value());
}

TEST(GostEncodingTest, EncodePadsShortIntegers) {
  // r = 1 and s = 0x0203 encode as 01 00 .. 00 || 03 02 00 .. 00.
  const Bytes value =
      EncodeGostSignature(GostCurveId::kCryptoProA, {{0x01}, {0x02, 0x03}});
  ASSERT_EQ(value.size(), 64u);
  Bytes expected(64, 0);
  expected[0] = 0x01;
  expected[32] = 0x03;
  expected[33] = 0x02;
  EXPECT_EQ(value, expected);
}

TEST(GostEncodingTest, DigestIsReadLittleEndian) {
  // The GOST 34.311-95 digest of NUC example A and its e, as pygost
  // computed them from the same certificate.
  EXPECT_EQ(
      HexEncode(GostDigestToInteger(Hex(
          "934ea4a05b0b147671eea3f1d75feae61e992c01786f651e0d9bb18717100df0"))),
      "f00d101787b19b0d1e656f78012c991ee6ea5fd7f1a3ee7176140b5ba0a44e93");
}

TEST(GostEncodingTest, PublicKeyLittleEndianXY) {
  // BIT STRING contents of a NUC GOST 2004 key: 04 40 || X_le || Y_le.
  const Bytes x = Counting(1, 32);
  const Bytes y = Counting(101, 32);
  Bytes contents = {0x04, 0x40};
  contents.insert(contents.end(), x.begin(), x.end());
  contents.insert(contents.end(), y.begin(), y.end());
  auto key = DecodeGostPublicKey(GostCurveId::kCryptoProA, contents);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->curve, GostCurveId::kCryptoProA);
  EXPECT_EQ(key->x, Reversed(x));
  EXPECT_EQ(key->y, Reversed(y));
  EXPECT_EQ(EncodeGostPublicKey(*key), contents);
}

TEST(GostEncodingTest, PublicKey512UsesLongFormLength) {
  // 128 bytes of point: 04 81 80, as NUC GOST 2015 keys start.
  Bytes contents = {0x04, 0x81, 0x80};
  const Bytes xy = Counting(0, 128);
  contents.insert(contents.end(), xy.begin(), xy.end());
  auto key = DecodeGostPublicKey(GostCurveId::kTc26Gost512ParamSetA, contents);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->x, Reversed(Counting(0, 64)));
  EXPECT_EQ(key->y, Reversed(Counting(64, 64)));
  EXPECT_EQ(EncodeGostPublicKey(*key), contents);
}

TEST(GostEncodingTest, RejectsPublicKeyOfWrongShape) {
  // 256-bit point for a 512-bit curve.
  Bytes contents = {0x04, 0x40};
  const Bytes xy = Counting(0, 64);
  contents.insert(contents.end(), xy.begin(), xy.end());
  EXPECT_EQ(DecodeGostPublicKey(GostCurveId::kTc26Gost512ParamSetA, contents)
                .error()
                .code,
            ErrorCode::kCryptoBadPublicKey);
  // Trailing byte after the OCTET STRING.
  contents.push_back(0);
  EXPECT_EQ(
      DecodeGostPublicKey(GostCurveId::kCryptoProA, contents).error().code,
      ErrorCode::kCryptoBadPublicKey);
  // Raw X || Y without the OCTET STRING header.
  EXPECT_EQ(DecodeGostPublicKey(GostCurveId::kCryptoProA, xy).error().code,
            ErrorCode::kCryptoBadPublicKey);
}

TEST(GostEncodingTest, OpenSslPrivateKeyIsLittleEndian) {
  // A GOST 2001 key made with `openssl genpkey -engine gost -algorithm
  // gost2001 -pkeyopt paramset:A`: its PKCS#8 OCTET STRING, and the scalar
  // that `openssl pkey -text` prints for it.
  auto key = DecodeGostPrivateKey(
      GostCurveId::kCryptoProA,
      Hex("D3A0FB90352038A7D4C4CC855FFAFED1311C78E5702B8E5CA3A659A566D386FD"));
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->d, Hex("FD86D366A559A6A35C8E2B70E5781C31D1FEFA5F85CCC4D4A7382"
                        "03590FBA0D3"));
  EXPECT_EQ(
      DecodeGostPrivateKey(GostCurveId::kCryptoProA, Bytes(31, 1)).error().code,
      ErrorCode::kCryptoBadPrivateKey);
}

}  // namespace
}  // namespace tinysign::crypto
