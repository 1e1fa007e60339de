#include "core/crypto/gost_signature.h"

#include <gtest/gtest.h>

#include <string_view>

#include "tests/core/crypto/signature_test_support.h"

namespace tinysign::crypto {
namespace {

using signature_testing::FailingRandom;
using signature_testing::Hex;
using signature_testing::SeededRandom;

// The example of RFC 5832 section 7 on id-GostR3410-2001-TestParamSet:
// private key d, e (already reduced from the hash), nonce k, and the
// resulting public key and signature.
struct Rfc5832Example {
  static constexpr std::string_view kD =
      "7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28";
  static constexpr std::string_view kE =
      "2DFBC1B372D89A1188C09C52E0EEC61FCE52032AB1022E8E67ECE6672B043EE5";
  static constexpr std::string_view kK =
      "77105C9B20BCD3122823C8CF6FCC7B956DE33814E95B7FE64FED924594DCEAB3";
  static constexpr std::string_view kQx =
      "7F2B49E270DB6D90D8595BEC458B50C58585BA1D4E9B788F6689DBD8E56FD80B";
  static constexpr std::string_view kQy =
      "26F1B489D6701DD185C8413A977B3CBBAF64D1C593D26627DFFB101A87FF77DA";
  static constexpr std::string_view kR =
      "41AA28D2F1AB148280CD9ED56FEDA41974053554A42767B83AD043FD39DC0493";
  static constexpr std::string_view kS =
      "01456C64BA4642A1653C235A98A60249BCD6D3F746B631DF928014F6C5BF9C40";
};

// RFC 7091 example 2 on its 512-bit test curve.
struct Rfc7091Example {
  static constexpr std::string_view kD =
      "0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B1020"
      "72E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4";
  static constexpr std::string_view kE =
      "3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C591"
      "7184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8C";
  static constexpr std::string_view kK =
      "0359E7F4B1410FEACC570456C6801496946312120B39D019D455986E364F3658"
      "86748ED7A44B3E794434006011842286212273A6D14CF70EA3AF71BB1AE679F1";
  static constexpr std::string_view kQx =
      "115DC5BC96760C7B48598D8AB9E740D4C4A85A65BE33C1815B5C320C854621DD"
      "5A515856D13314AF69BC5B924C8B4DDFF75C45415C1D9DD9DD33612CD530EFE1";
  static constexpr std::string_view kQy =
      "37C7C90CD40B0F5621DC3AC1B751CFA0E2634FA0503B3D52639F5D7FB72AFD61"
      "EA199441D943FFE7F0C70A2759A3CDB84C114E1F9339FDF27F35ECA93677BEEC";
  static constexpr std::string_view kR =
      "2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD3"
      "5492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36";
  static constexpr std::string_view kS =
      "1081B394696FFE8E6585E7A9362D26B6325F56778AADBC081C0BFBE933D52FF5"
      "823CE288E8C4F362526080DF7F70CE406A6EEB1F56919CB92A9853BDE73E5B4A";
};

template <typename Example>
void CheckExample(GostCurveId curve) {
  const GostPrivateKey private_key{curve, Hex(Example::kD)};
  auto public_key = DeriveGostPublicKey(private_key);
  ASSERT_TRUE(public_key.has_value()) << public_key.error().ToString();
  EXPECT_EQ(public_key->x, Hex(Example::kQx));
  EXPECT_EQ(public_key->y, Hex(Example::kQy));

  auto signature =
      SignGostWithNonce(private_key, Hex(Example::kE), Hex(Example::kK));
  ASSERT_TRUE(signature.has_value()) << signature.error().ToString();
  EXPECT_EQ(signature->r, Hex(Example::kR));
  EXPECT_EQ(signature->s, Hex(Example::kS));

  const GostPublicKey expected_key{curve, Hex(Example::kQx), Hex(Example::kQy)};
  const GostSignature expected_signature{Hex(Example::kR), Hex(Example::kS)};
  auto status =
      VerifyGostSignature(expected_key, Hex(Example::kE), expected_signature);
  EXPECT_TRUE(status.has_value()) << status.error().ToString();
}

template <typename Example>
void CheckExampleRejectsFlippedBits(GostCurveId curve) {
  const GostPublicKey key{curve, Hex(Example::kQx), Hex(Example::kQy)};
  const Bytes e = Hex(Example::kE);
  const GostSignature signature{Hex(Example::kR), Hex(Example::kS)};
  for (size_t byte = 0; byte < signature.r.size(); byte += 7) {
    GostSignature bad_r = signature;
    bad_r.r[byte] ^= 0x01;
    EXPECT_EQ(VerifyGostSignature(key, e, bad_r).error().code,
              ErrorCode::kCryptoSignatureMismatch)
        << "r byte " << byte;
    GostSignature bad_s = signature;
    bad_s.s[byte] ^= 0x80;
    EXPECT_EQ(VerifyGostSignature(key, e, bad_s).error().code,
              ErrorCode::kCryptoSignatureMismatch)
        << "s byte " << byte;
    Bytes bad_e = e;
    bad_e[byte] ^= 0x10;
    EXPECT_EQ(VerifyGostSignature(key, bad_e, signature).error().code,
              ErrorCode::kCryptoSignatureMismatch)
        << "e byte " << byte;
  }
}

TEST(GostSignatureTest, Rfc5832Example) {
  CheckExample<Rfc5832Example>(GostCurveId::kGost2001TestParamSet);
}

TEST(GostSignatureTest, Rfc5832ExampleRejectsFlippedBits) {
  CheckExampleRejectsFlippedBits<Rfc5832Example>(
      GostCurveId::kGost2001TestParamSet);
}

TEST(GostSignatureTest, Rfc7091Example512) {
  CheckExample<Rfc7091Example>(GostCurveId::kGost2012Test512);
}

TEST(GostSignatureTest, Rfc7091Example512RejectsFlippedBits) {
  CheckExampleRejectsFlippedBits<Rfc7091Example>(GostCurveId::kGost2012Test512);
}

TEST(GostSignatureTest, DerivesOpenSslPublicKeys) {
  // Key pairs made by `openssl genpkey -engine gost` (gost2001 paramset A,
  // gost2012_512 paramset A), as `openssl pkey -text` prints them.
  const struct {
    GostCurveId curve;
    std::string_view d;
    std::string_view x;
    std::string_view y;
  } kCases[] = {
      {GostCurveId::kCryptoProA,
       "FD86D366A559A6A35C8E2B70E5781C31D1FEFA5F85CCC4D4A738203590FBA0D3",
       "2D434451D36ED969A0734F83A7E2380B2BFD3AEC5B61555E7CA228F485584FD1",
       "358DDD3639F50BC4E7774817EF97C97D3C92765DA549D6D28E85C8CD29D55148"},
      {GostCurveId::kTc26Gost512ParamSetA,
       "2CCB1E08EEA2BE6B832E6EAF3B2B343775F270E414B19D2ACD1F7B4660EEC46E"
       "0C627B0F0C4167446E5494D2292CA6204675B067E7FB636AAA6EFDDF900573C9",
       "5369C124CE634003483097C406C2C359D325784D0E5767F8B33C91D6834F6C26"
       "A27FAC349593B3B033051AB4D2C5F833B07CC0AFF314984914A974257773E02C",
       "CF0FB277B39A96E4F474E5A21E29F2B911F43A9D860EE884AC237250FF880541"
       "16303E83EEB21976AB632059AF549A4BF134FC608D73D1EC73C1E7EC4F946FEA"},
  };
  for (const auto& test_case : kCases) {
    auto public_key = DeriveGostPublicKey({test_case.curve, Hex(test_case.d)});
    ASSERT_TRUE(public_key.has_value());
    EXPECT_EQ(public_key->x, Hex(test_case.x));
    EXPECT_EQ(public_key->y, Hex(test_case.y));
  }
}

TEST(GostSignatureTest, EqualToZeroModQBecomesOne) {
  // GOST R 34.10 replaces e = 0 by 1, so a signature over e = 1 also
  // verifies for e = q and for an empty e.
  const GostPrivateKey private_key{GostCurveId::kGost2001TestParamSet,
                                   Hex(Rfc5832Example::kD)};
  const Bytes one = {0x01};
  auto signature = SignGostWithNonce(private_key, one, Hex(Rfc5832Example::kK));
  ASSERT_TRUE(signature.has_value());
  const GostPublicKey key{GostCurveId::kGost2001TestParamSet,
                          Hex(Rfc5832Example::kQx), Hex(Rfc5832Example::kQy)};
  const Bytes q = Hex(GetGostCurveParams(GostCurveId::kGost2001TestParamSet).q);
  EXPECT_TRUE(VerifyGostSignature(key, q, *signature).has_value());
  EXPECT_TRUE(VerifyGostSignature(key, Bytes{}, *signature).has_value());
  EXPECT_FALSE(VerifyGostSignature(key, Bytes{0x02}, *signature).has_value());
}

TEST(GostSignatureTest, RejectsZeroAndOutOfRangeRS) {
  const GostCurveId curve = GostCurveId::kGost2001TestParamSet;
  const GostPublicKey key{curve, Hex(Rfc5832Example::kQx),
                          Hex(Rfc5832Example::kQy)};
  const Bytes e = Hex(Rfc5832Example::kE);
  const Bytes q = Hex(GetGostCurveParams(curve).q);
  const Bytes zero(32, 0);
  const std::vector<GostSignature> bad = {
      {zero, Hex(Rfc5832Example::kS)},
      {Hex(Rfc5832Example::kR), zero},
      {q, Hex(Rfc5832Example::kS)},
      {Hex(Rfc5832Example::kR), q},
  };
  for (const GostSignature& signature : bad) {
    EXPECT_EQ(VerifyGostSignature(key, e, signature).error().code,
              ErrorCode::kCryptoSignatureMismatch);
  }
}

TEST(GostSignatureTest, SignVerifyOnEveryCurve) {
  SeededRandom random(7);
  for (GostCurveId curve : AllGostCurves()) {
    SCOPED_TRACE(GetGostCurveParams(curve).name);
    auto private_key = GenerateGostPrivateKey(curve, random);
    ASSERT_TRUE(private_key.has_value());
    auto public_key = DeriveGostPublicKey(*private_key);
    ASSERT_TRUE(public_key.has_value());
    EXPECT_TRUE(ValidateGostPublicKey(*public_key).has_value());
    const Bytes e(GetGostCurveParams(curve).coordinate_bytes, 0xa5);
    auto signature = SignGost(*private_key, e, random);
    ASSERT_TRUE(signature.has_value()) << signature.error().ToString();
    EXPECT_TRUE(VerifyGostSignature(*public_key, e, *signature).has_value());
    Bytes other_e = e;
    other_e.back() ^= 1;
    EXPECT_FALSE(
        VerifyGostSignature(*public_key, other_e, *signature).has_value());
  }
}

TEST(GostSignatureTest, SigningNeedsWorkingRandomSource) {
  FailingRandom random;
  const GostPrivateKey key{GostCurveId::kGost2001TestParamSet,
                           Hex(Rfc5832Example::kD)};
  auto signature = SignGost(key, Hex(Rfc5832Example::kE), random);
  ASSERT_FALSE(signature.has_value());
  EXPECT_EQ(signature.error().code, ErrorCode::kCryptoRandomFailed);
  EXPECT_EQ(
      GenerateGostPrivateKey(GostCurveId::kCryptoProA, random).error().code,
      ErrorCode::kCryptoRandomFailed);
}

TEST(GostSignatureTest, RejectsPrivateKeyOutOfRange) {
  const GostCurveId curve = GostCurveId::kGost2001TestParamSet;
  const Bytes e = Hex(Rfc5832Example::kE);
  const std::vector<Bytes> bad_keys = {
      Bytes(32, 0), Hex(GetGostCurveParams(curve).q), Bytes(31, 1)};
  for (const Bytes& d : bad_keys) {
    EXPECT_EQ(DeriveGostPublicKey({curve, d}).error().code,
              ErrorCode::kCryptoBadPrivateKey);
    EXPECT_EQ(
        SignGostWithNonce({curve, d}, e, Hex(Rfc5832Example::kK)).error().code,
        ErrorCode::kCryptoBadPrivateKey);
  }
}

TEST(GostSignatureTest, RejectsNonceOutOfRange) {
  const GostPrivateKey key{GostCurveId::kGost2001TestParamSet,
                           Hex(Rfc5832Example::kD)};
  const Bytes e = Hex(Rfc5832Example::kE);
  EXPECT_EQ(SignGostWithNonce(key, e, Bytes{0}).error().code,
            ErrorCode::kCryptoBadParameters);
  EXPECT_EQ(SignGostWithNonce(key, e, Hex(GetGostCurveParams(key.curve).q))
                .error()
                .code,
            ErrorCode::kCryptoBadParameters);
}

}  // namespace
}  // namespace tinysign::crypto
