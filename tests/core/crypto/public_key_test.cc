#include "core/crypto/public_key.h"

#include <gtest/gtest.h>

#include <string>

#include "core/crypto/algorithm.h"
#include "core/crypto/gost_encoding.h"
#include "core/der/oid.h"
#include "core/der/writer.h"
#include "core/encoding/input_form.h"
#include "tests/core/crypto/signature_test_support.h"

namespace tinysign::crypto {
namespace {

using encoding::HexEncode;

using signature_testing::Hex;
// SubjectPublicKeyInfo of the NUC test CA «ҰКО 3.0 (GOST TEST)»
// (ncanode-kz/NCANode src/test/resources/ca/nca_gost_test.crt): key OID
// 1.2.398.3.10.1.1.1.1, curve 1.2.398.3.10.1.1.1.1.1, digest parameter
// 1.2.398.3.10.1.3.1.1.0.
constexpr std::string_view kNucGost2004Spki =
    "306c302506092a830e030a010101013018060a2a830e030a0101010101060a2a830e03"
    "0a0103010100034300044075f8211022800249bf42ba3fe920c366dd9d229cc44a3240"
    "63794c2c89f75a4705a953a74f41f0c6161eae1b41113e4638b33d050548e191d86655"
    "000ec93af4";

// Its point, big-endian, as pygost printed it for the same certificate.
constexpr std::string_view kNucGost2004Qx =
    "475af7892c4c796340324ac49c229ddd66c320e93fba42bf490280221021f875";
constexpr std::string_view kNucGost2004Qy =
    "f43ac90e005566d891e14805053db338463e11411bae1e16c6f0414fa753a905";

// SubjectPublicKeyInfo of the NUC test CA «ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ
// (GOST) TEST 2022» (ncanode-kz/NCANode ca/nca_gost2015_test.cer): key OID
// 1.2.398.3.10.1.1.2.2, curve 1.2.398.3.10.1.1.2.2.1,
// digest 1.2.398.3.10.1.3.3.
constexpr std::string_view kNucGost2015Spki =
    "3081ac302306092a830e030a010102023016060a2a830e030a01010202010608"
    "2a830e030a01030303818400048180b83a7dfc48fecc4f2da0e1de12ec2bc7fd"
    "3fb3cc163739e95db517e48314a3645118125c6f7762798f52e2afe8da8ff1f9"
    "47193155fa0a4688ce29dd73d16dd137b20d2143c49aa075d1da1ea1a1f3373b"
    "27200052472011c3b2b33931ca9f824b955609cffc59d49339841b7fec0b467d"
    "73b531dbb52c9ee75f795bd510186b";

Bytes Oid(std::string_view dotted) {
  auto oid = der::OidFromString(dotted);
  EXPECT_TRUE(oid.has_value()) << dotted;
  return oid.has_value() ? *oid : Bytes{};
}

// GostSpki builds SEQUENCE { SEQUENCE { key, SEQUENCE { curve, digest } },
// BIT STRING { point } }, with `digest` left out when empty.
Bytes GostSpki(std::string_view key, std::string_view curve,
               std::string_view digest, const Bytes& point) {
  der::Writer parameters;
  parameters.AddTlv(der::tag::kOid, Oid(curve));
  if (!digest.empty()) {
    parameters.AddTlv(der::tag::kOid, Oid(digest));
  }
  der::Writer algorithm;
  algorithm.AddTlv(der::tag::kOid, Oid(key));
  algorithm.AddConstructed(der::tag::kSequence, parameters);
  der::Writer spki;
  spki.AddConstructed(der::tag::kSequence, algorithm);
  spki.AddBitString(point);
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, spki);
  return out.Take();
}

// PointOctets returns the OCTET STRING of X || Y, little-endian, for
// big-endian hexadecimal coordinates.
Bytes PointOctets(std::string_view x_hex, std::string_view y_hex) {
  Bytes x = Hex(x_hex);
  Bytes y = Hex(y_hex);
  Bytes xy(x.rbegin(), x.rend());
  xy.insert(xy.end(), y.rbegin(), y.rend());
  der::Writer out;
  out.AddOctetString(xy);
  return out.Take();
}

const Bytes& NucGost2004Point() {
  static const Bytes point = PointOctets(kNucGost2004Qx, kNucGost2004Qy);
  return point;
}

ErrorCode ParseError(const Bytes& spki) {
  auto key = ParsePublicKey(spki);
  EXPECT_FALSE(key.has_value());
  return key.has_value() ? ErrorCode::kInternal : key.error().code;
}

TEST(PublicKeyTest, NucGost2004Key) {
  auto key = ParsePublicKey(Hex(kNucGost2004Spki));
  ASSERT_TRUE(key.has_value()) << key.error().ToString();
  EXPECT_EQ(key->algorithm, KeyAlgorithm::kGost2004);
  ASSERT_NE(key->gost(), nullptr);
  EXPECT_EQ(key->rsa(), nullptr);
  EXPECT_EQ(key->gost()->curve, GostCurveId::kCryptoProA);
  EXPECT_EQ(HexEncode(key->gost()->x), kNucGost2004Qx);
  EXPECT_EQ(HexEncode(key->gost()->y), kNucGost2004Qy);
  EXPECT_EQ(KeyAlgorithmName(key->algorithm), "gost34310-2004");
}

TEST(PublicKeyTest, NucGost2015Key) {
  auto key = ParsePublicKey(Hex(kNucGost2015Spki));
  ASSERT_TRUE(key.has_value()) << key.error().ToString();
  EXPECT_EQ(key->algorithm, KeyAlgorithm::kGost2015_512);
  ASSERT_NE(key->gost(), nullptr);
  EXPECT_EQ(key->gost()->curve, GostCurveId::kTc26Gost512ParamSetA);
  EXPECT_EQ(key->gost()->x.size(), 64u);
  EXPECT_EQ(key->gost()->y.size(), 64u);
}

TEST(PublicKeyTest, EncodeReproducesNucSpki) {
  for (std::string_view spki : {kNucGost2004Spki, kNucGost2015Spki}) {
    auto key = ParsePublicKey(Hex(spki));
    ASSERT_TRUE(key.has_value());
    auto encoded = EncodeSubjectPublicKeyInfo(*key);
    ASSERT_TRUE(encoded.has_value());
    EXPECT_EQ(HexEncode(*encoded), spki);
  }
}

TEST(PublicKeyTest, NucGost2015Key256) {
  // NUC's GOST 2015-256 OIDs (key 1.2.398.3.10.1.1.2.1, curve
  // 1.2.398.3.10.1.1.2.1.1, digest 1.2.398.3.10.1.3.2) around a point on
  // tc26-256-paramSetA that `openssl genpkey -engine gost -algorithm
  // gost2012_256 -pkeyopt paramset:TCA` made and `openssl pkey -text`
  // printed.
  const Bytes point = PointOctets(
      "6A03855256BC362FE60D4365E0F44BA9B9CD2851DD79041116E4911E62B5F1A3",
      "164344AAC6B0E06AE62CCB09E1C6F7CD4665DE334D6BACC4C69A657A1AE64DC6");
  auto key =
      ParsePublicKey(GostSpki("1.2.398.3.10.1.1.2.1", "1.2.398.3.10.1.1.2.1.1",
                              "1.2.398.3.10.1.3.2", point));
  ASSERT_TRUE(key.has_value()) << key.error().ToString();
  EXPECT_EQ(key->algorithm, KeyAlgorithm::kGost2015_256);
  EXPECT_EQ(key->gost()->curve, GostCurveId::kTc26Gost256ParamSetA);
  auto encoded = EncodeSubjectPublicKeyInfo(*key);
  ASSERT_TRUE(encoded.has_value());
  EXPECT_EQ(*encoded, GostSpki("1.2.398.3.10.1.1.2.1", "1.2.398.3.10.1.1.2.1.1",
                               "1.2.398.3.10.1.3.2", point));
}

TEST(PublicKeyTest, DigestParameterIsOptional) {
  auto key =
      ParsePublicKey(GostSpki("1.2.398.3.10.1.1.1.1", "1.2.398.3.10.1.1.1.1.1",
                              "", NucGost2004Point()));
  ASSERT_TRUE(key.has_value()) << key.error().ToString();
  EXPECT_EQ(key->gost()->curve, GostCurveId::kCryptoProA);
}

TEST(PublicKeyTest, RussianCurveOidForNucKey) {
  auto key =
      ParsePublicKey(GostSpki("1.2.398.3.10.1.1.1.1", "1.2.643.2.2.35.1",
                              "1.2.398.3.10.1.3.1.1.0", NucGost2004Point()));
  ASSERT_TRUE(key.has_value()) << key.error().ToString();
  EXPECT_EQ(key->gost()->curve, GostCurveId::kCryptoProA);
}

TEST(PublicKeyTest, RejectsPointNotOnCurve) {
  Bytes y = Hex(kNucGost2004Qy);
  y.back() ^= 0x01;
  const Bytes point = PointOctets(kNucGost2004Qx, HexEncode(y));
  EXPECT_EQ(
      ParseError(GostSpki("1.2.398.3.10.1.1.1.1", "1.2.398.3.10.1.1.1.1.1",
                          "1.2.398.3.10.1.3.1.1.0", point)),
      ErrorCode::kCryptoBadPublicKey);
}

TEST(PublicKeyTest, RejectsZeroPoint) {
  // (0, 0) is not on CryptoPro-A because b = 0xA6 is not 0; it is also how
  // some encoders write the point at infinity.
  const Bytes zero(32, 0);
  const Bytes point = PointOctets(HexEncode(zero), HexEncode(zero));
  EXPECT_EQ(ParseError(GostSpki("1.2.398.3.10.1.1.1.1",
                                "1.2.398.3.10.1.1.1.1.1", "", point)),
            ErrorCode::kCryptoBadPublicKey);
}

TEST(PublicKeyTest, RejectsCoordinateNotBelowP) {
  // x = p is congruent to 0 but is not a field element.
  const std::string p(GetGostCurveParams(GostCurveId::kCryptoProA).p);
  const Bytes point = PointOctets(p, kNucGost2004Qy);
  EXPECT_EQ(ParseError(GostSpki("1.2.398.3.10.1.1.1.1",
                                "1.2.398.3.10.1.1.1.1.1", "", point)),
            ErrorCode::kCryptoBadPublicKey);
}

TEST(PublicKeyTest, RejectsWrongPointLength) {
  Bytes short_xy = Hex(kNucGost2004Qx);
  short_xy.resize(63);
  der::Writer octets;
  octets.AddOctetString(short_xy);
  EXPECT_EQ(ParseError(GostSpki("1.2.398.3.10.1.1.1.1",
                                "1.2.398.3.10.1.1.1.1.1", "", octets.bytes())),
            ErrorCode::kCryptoBadPublicKey);
  // 64 raw bytes without the OCTET STRING wrapper that NUC and RFC 4491 use.
  const Bytes raw(NucGost2004Point().begin() + 2, NucGost2004Point().end());
  EXPECT_EQ(ParseError(GostSpki("1.2.398.3.10.1.1.1.1",
                                "1.2.398.3.10.1.1.1.1.1", "", raw)),
            ErrorCode::kCryptoBadPublicKey);
}

TEST(PublicKeyTest, RejectsKeyOidCurveMismatch) {
  // A GOST 2004 (256-bit) key OID with the 512-bit curve, and the reverse.
  EXPECT_EQ(
      ParseError(GostSpki("1.2.398.3.10.1.1.1.1", "1.2.398.3.10.1.1.2.2.1", "",
                          NucGost2004Point())),
      ErrorCode::kCryptoBadParameters);
  EXPECT_EQ(
      ParseError(GostSpki("1.2.398.3.10.1.1.2.2", "1.2.398.3.10.1.1.1.1.1", "",
                          NucGost2004Point())),
      ErrorCode::kCryptoBadParameters);
}

TEST(PublicKeyTest, RejectsDigestParameterOfOtherKey) {
  // GOST 2004 key with the Streebog-512 digest parameter of 2015 keys.
  EXPECT_EQ(
      ParseError(GostSpki("1.2.398.3.10.1.1.1.1", "1.2.398.3.10.1.1.1.1.1",
                          "1.2.398.3.10.1.3.3", NucGost2004Point())),
      ErrorCode::kCryptoBadParameters);
}

TEST(PublicKeyTest, UnknownCurveAndKeyOids) {
  // id-GostR3410-2001-CryptoPro-B-ParamSet is not supported.
  auto curve = ParsePublicKey(
      GostSpki("1.2.643.2.2.19", "1.2.643.2.2.35.2", "", NucGost2004Point()));
  ASSERT_FALSE(curve.has_value());
  EXPECT_EQ(curve.error().code, ErrorCode::kCryptoUnsupportedAlgorithm);
  EXPECT_NE(curve.error().detail.find("1.2.643.2.2.35.2"), std::string::npos);
  // id-ecPublicKey.
  auto key = ParsePublicKey(GostSpki("1.2.840.10045.2.1", "1.2.643.2.2.35.1",
                                     "", NucGost2004Point()));
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().code, ErrorCode::kCryptoUnsupportedAlgorithm);
  EXPECT_NE(key.error().detail.find("1.2.840.10045.2.1"), std::string::npos);
}

TEST(PublicKeyTest, RejectsPointOutsidePrimeOrderSubgroup) {
  // tc26-256-paramSetA has cofactor 4. (x, 0) with x the root of
  // x^3 + a*x + b mod p below lies on the curve and has order 2; the root
  // was computed separately with Python integers (gcd of x^p - x and the
  // curve polynomial).
  const Bytes zero(32, 0);
  const Bytes point = PointOctets(
      "0100fe73f595ff158e974b44d478d9588744fe5c192ac47ea63075dce7a14aaa",
      HexEncode(zero));
  auto key = ParsePublicKey(
      GostSpki("1.2.643.7.1.1.1.1", "1.2.643.7.1.2.1.1.1", "", point));
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().code, ErrorCode::kCryptoBadPublicKey);
  EXPECT_NE(key.error().detail.find("order"), std::string::npos)
      << key.error().detail;
}

TEST(PublicKeyTest, RejectsTrailingDataInSpki) {
  Bytes spki = Hex(kNucGost2004Spki);
  spki.push_back(0);
  EXPECT_EQ(ParseError(spki), ErrorCode::kDerUnconsumedData);
}

// RsaSpki builds an rsaEncryption SubjectPublicKeyInfo for (n, e).
Bytes RsaSpki(const Bytes& modulus, const Bytes& exponent, bool null = true) {
  der::Writer algorithm;
  algorithm.AddOid(oid::kRsaEncryption);
  if (null) {
    algorithm.AddNull();
  }
  der::Writer spki;
  spki.AddConstructed(der::tag::kSequence, algorithm);
  spki.AddBitString(
      EncodeRsaPublicKey({modulus, exponent, modulus.size() * 8}));
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, spki);
  return out.Take();
}

// OddModulus returns 2^(bits-1) + 1, an odd number of exactly `bits` bits.
// It is not a product of two primes, which parsing does not check.
Bytes OddModulus(size_t bits) {
  Bytes modulus((bits + 7) / 8, 0);
  modulus[0] = static_cast<uint8_t>(1u << ((bits - 1) % 8));
  modulus.back() |= 1;
  return modulus;
}

TEST(PublicKeyTest, RsaModulusSizeLimits) {
  const Bytes e = {0x01, 0x00, 0x01};
  for (size_t bits : {kMinRsaModulusBits, size_t{2048}, kMaxRsaModulusBits}) {
    auto key = ParsePublicKey(RsaSpki(OddModulus(bits), e));
    ASSERT_TRUE(key.has_value()) << bits << ": " << key.error().ToString();
    EXPECT_EQ(key->algorithm, KeyAlgorithm::kRsa);
    ASSERT_NE(key->rsa(), nullptr);
    EXPECT_EQ(key->rsa()->modulus_bits, bits);
  }
  for (size_t bits : {kMinRsaModulusBits - 1, kMaxRsaModulusBits + 1}) {
    EXPECT_EQ(ParseError(RsaSpki(OddModulus(bits), e)),
              ErrorCode::kCryptoBadPublicKey)
        << bits;
  }
}

TEST(PublicKeyTest, RsaParametersMayBeAbsent) {
  auto key = ParsePublicKey(RsaSpki(OddModulus(2048), {0x03}, false));
  ASSERT_TRUE(key.has_value()) << key.error().ToString();
}

TEST(PublicKeyTest, RejectsBadRsaExponent) {
  const Bytes n = OddModulus(2048);
  EXPECT_EQ(ParseError(RsaSpki(n, {0x01})), ErrorCode::kCryptoBadPublicKey);
  EXPECT_EQ(ParseError(RsaSpki(n, {0x01, 0x00, 0x00})),
            ErrorCode::kCryptoBadPublicKey);
  Bytes even = n;
  even.back() ^= 1;
  EXPECT_EQ(ParseError(RsaSpki(even, {0x03})), ErrorCode::kCryptoBadPublicKey);
}

}  // namespace
}  // namespace tinysign::crypto
