#include "core/crypto/gost34311.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

#include "tests/core/crypto/digest_test_support.h"
#include "tests/support/fixtures.h"

namespace tinysign::crypto {
namespace {

using testing::Hex;
using testing::Text;

struct Vector {
  std::string_view message;
  std::string_view digest_hex;
};

Bytes HashText(Gost34311ParamSet param_set, std::string_view message) {
  Gost34311 hash(param_set);
  hash.Update(Text(message));
  return hash.Finish();
}

// Digests with the Test S-box: the two worked examples of RFC 5831 and the
// vectors of pygost's test_gost341194.py, all in output byte order.
constexpr Vector kTestParamSetVectors[] = {
    {"This is message, length=32 bytes",
     "b1c466d37519b82e8319819ff32595e047a28cb6f83eff1c6916a815a637fffa"},
    {"Suppose the original message has length = 50 bytes",
     "471aba57a60a770d3a76130635c1fbea4ef14de51f78b4ae57dd893b62f55208"},
    {"", "ce85b99cc46752fffee35cab9a7b0278abb4c2d2055cff685af4912c49490f8d"},
    {"a", "d42c539e367c66e9c88a801f6649349c21871b4344c6a573f849fdce62f314dd"},
    {"abc", "f3134348c44fb1b2a277729e2285ebb5cb5e0f29c975bc753b70497c06a4d51d"},
    {"message digest",
     "ad4434ecb18f2c99b60cbe59ec3d2469582b65273f48de72db2fde16a4889a4d"},
    {"The quick brown fox jumps over the lazy dog",
     "77b7fa410c9ac58a25f49bca7d0468c9296529315eaca76bd1a10f376d1f4294"},
    {"The quick brown fox jumps over the lazy cog",
     "a3ebc4daaab78b0be131dab5737a7f67e602670d543521319150d2e14eeec445"},
};

// Digests with the CryptoPro S-box, from pygost's test_gost341194.py.
constexpr Vector kCryptoProParamSetVectors[] = {
    {"This is message, length=32 bytes",
     "2cefc2f7b7bdc514e18ea57fa74ff357e7fa17d652c75f69cb1be7893ede48eb"},
    {"Suppose the original message has length = 50 bytes",
     "c3730c5cbccacf915ac292676f21e8bd4ef75331d9405e5f1a61dc3130a65011"},
    {"", "981e5f3ca30c841487830f84fb433e13ac1101569b9c13584ac483234cd656c0"},
    {"a", "e74c52dd282183bf37af0079c9f78055715a103f17e3133ceff1aacf2f403011"},
    {"abc", "b285056dbf18d7392d7677369524dd14747459ed8143997e163b2986f92fd42c"},
    {"message digest",
     "bc6041dd2aa401ebfa6e9886734174febdb4729aa972d60f549ac39b29721ba0"},
    {"The quick brown fox jumps over the lazy dog",
     "9004294a361a508c586fe53d1f1b02746765e71b765472786e4770d565830a76"},
};

TEST(Gost34311Test, TestParamSetVectors) {
  for (const Vector& vector : kTestParamSetVectors) {
    SCOPED_TRACE(vector.message);
    EXPECT_EQ(Hex(HashText(Gost34311ParamSet::kTest, vector.message)),
              vector.digest_hex);
  }
}

TEST(Gost34311Test, CryptoProParamSetVectors) {
  for (const Vector& vector : kCryptoProParamSetVectors) {
    SCOPED_TRACE(vector.message);
    EXPECT_EQ(Hex(HashText(Gost34311ParamSet::kCryptoPro, vector.message)),
              vector.digest_hex);
  }
}

// 128 "U" characters are four whole blocks, so no padding block is hashed.
TEST(Gost34311Test, FourWholeBlocks) {
  const std::string message(128, 'U');
  EXPECT_EQ(Hex(HashText(Gost34311ParamSet::kTest, message)),
            "53a3a3ed25180cef0c1d85a074273e551c25660a87062a52d926a9e8fe5733a4");
  EXPECT_EQ(Hex(HashText(Gost34311ParamSet::kCryptoPro, message)),
            "1c4ac7614691bbf427fa2316216be8f10d92edfd37cd1027514c1008f649c4e8");
}

TEST(Gost34311Test, DefaultIsTestParamSet) {
  Gost34311 hash;
  EXPECT_EQ(hash.param_set(), Gost34311ParamSet::kTest);
  hash.Update(Text("abc"));
  EXPECT_EQ(Hex(hash.Finish()),
            "f3134348c44fb1b2a277729e2285ebb5cb5e0f29c975bc753b70497c06a4d51d");
}

TEST(Gost34311Test, FinishStartsNewMessage) {
  Gost34311 hash(Gost34311ParamSet::kCryptoPro);
  hash.Update(Text("message digest"));
  EXPECT_EQ(Hex(hash.Finish()),
            "bc6041dd2aa401ebfa6e9886734174febdb4729aa972d60f549ac39b29721ba0");
  hash.Update(Text("abc"));
  EXPECT_EQ(Hex(hash.Finish()),
            "b285056dbf18d7392d7677369524dd14747459ed8143997e163b2986f92fd42c");
}

TEST(Gost34311Test, SplitUpdatesMatchOneShot) {
  std::mt19937 rng(34311);
  for (Gost34311ParamSet param_set :
       {Gost34311ParamSet::kTest, Gost34311ParamSet::kCryptoPro}) {
    for (size_t len : testing::kSplitTestLengths) {
      SCOPED_TRACE("length " + std::to_string(len));
      const Bytes data = testing::RandomBytes(rng, len);
      Gost34311 one_shot(param_set);
      one_shot.Update(data);
      const Bytes expected = one_shot.Finish();
      for (int trial = 0; trial < 4; ++trial) {
        Gost34311 hash(param_set);
        for (der::Input piece : testing::RandomSplit(data, rng)) {
          hash.Update(piece);
        }
        EXPECT_EQ(Hex(hash.Finish()), Hex(expected));
      }
    }
  }
}

// The digest under which the issuer's GOST 34.310-2004 signature on this
// NUC test certificate verifies, computed with pygost.
TEST(Gost34311Test, NucCertificateTbsDigest) {
  TINYSIGN_REQUIRE_FIXTURES();
  const Bytes tbs = testing::ReadTbsCertificate(
      "nuc/ncanode-kz_NCANode/certs/"
      "ceo_valid_sign_2004_gost.cer");
  ASSERT_EQ(tbs.size(), 880u);
  Gost34311 hash(Gost34311ParamSet::kTest);
  hash.Update(tbs);
  EXPECT_EQ(Hex(hash.Finish()),
            "934ea4a05b0b147671eea3f1d75feae61e992c01786f651e0d9bb18717100df0");
}

}  // namespace
}  // namespace tinysign::crypto
