#include "core/crypto/streebog.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

#include "tests/core/crypto/digest_test_support.h"
#include "tests/support/fixtures.h"

namespace tinysign::crypto {
namespace {

using testing::Hex;
using testing::Unhex;

// RFC 6986 writes messages and digests as big-endian numbers, so the byte
// strings here are its hex read from the end. M1 is 63 ASCII digits.
constexpr std::string_view kM1 =
    "012345678901234567890123456789012345678901234567890123456789012";

// M2 is 72 bytes of Windows-1251 text.
constexpr std::string_view kM2Hex =
    "d1e520e2e5f2f0e82c20d1f2f0e8e1eee6e820e2edf3f6e82c20e2e5fef2fa20f120ec"
    "eef0ff20f1f2f0e5ebe0ece820ede020f5f0e0e1f0fbff20efebfaeafb20c8e3eef0e5"
    "e2fb";

Bytes Hash(StreebogSize size, der::Input message) {
  Streebog hash(size);
  hash.Update(message);
  return hash.Finish();
}

TEST(StreebogTest, Rfc6986M1Digest512) {
  EXPECT_EQ(Hex(Hash(StreebogSize::k512, der::Input(kM1))),
            "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa"
            "00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48");
}

TEST(StreebogTest, Rfc6986M1Digest256) {
  EXPECT_EQ(Hex(Hash(StreebogSize::k256, der::Input(kM1))),
            "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500");
}

TEST(StreebogTest, Rfc6986M2Digest512) {
  const Bytes m2 = Unhex(kM2Hex);
  ASSERT_EQ(m2.size(), 72u);
  EXPECT_EQ(Hex(Hash(StreebogSize::k512, m2)),
            "1e88e62226bfca6f9994f1f2d51569e0daf8475a3b0fe61a5300eee46d961376"
            "035fe83549ada2b8620fcd7c496ce5b33f0cb9dddc2b6460143b03dabac9fb28");
}

TEST(StreebogTest, Rfc6986M2Digest256) {
  const Bytes m2 = Unhex(kM2Hex);
  ASSERT_EQ(m2.size(), 72u);
  EXPECT_EQ(Hex(Hash(StreebogSize::k256, m2)),
            "9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50");
}

TEST(StreebogTest, DigestLengths) {
  EXPECT_EQ(Streebog(StreebogSize::k256).digest_len(), 32u);
  EXPECT_EQ(Streebog(StreebogSize::k512).digest_len(), 64u);
}

TEST(StreebogTest, FinishStartsNewMessage) {
  Streebog hash(StreebogSize::k256);
  hash.Update(der::Input(std::string_view("unrelated first message")));
  hash.Finish();
  hash.Update(der::Input(kM1));
  EXPECT_EQ(Hex(hash.Finish()),
            "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500");
}

TEST(StreebogTest, SplitUpdatesMatchOneShot) {
  std::mt19937 rng(2012);
  for (StreebogSize size : {StreebogSize::k256, StreebogSize::k512}) {
    for (size_t len : testing::kSplitTestLengths) {
      SCOPED_TRACE("length " + std::to_string(len));
      const Bytes data = testing::RandomBytes(rng, len);
      const Bytes expected = Hash(size, data);
      for (int trial = 0; trial < 4; ++trial) {
        Streebog hash(size);
        for (der::Input piece : testing::RandomSplit(data, rng)) {
          hash.Update(piece);
        }
        EXPECT_EQ(Hex(hash.Finish()), Hex(expected));
      }
    }
  }
}

// The digest under which the issuer's GOST 34.10-2015 signature on the NUC
// test intermediate certificate verifies, computed with pygost.
TEST(StreebogTest, NucCertificateTbsDigest) {
  TINYSIGN_REQUIRE_FIXTURES();
  const Bytes tbs = testing::ReadTbsCertificate(
      "nuc/ncanode-kz_NCANode/ca/nca_gost2015_test.cer");
  ASSERT_EQ(tbs.size(), 873u);
  EXPECT_EQ(Hex(Hash(StreebogSize::k512, tbs)),
            "56ca165265266ac65d9189bd2d65b26d3f8dc45bc58bad26ee5505ec2a9607f9"
            "095901e234a01867b0e8acc32dd7f8bccd5fbe1599fcbba79cb36bb8d81aabcd");
}

}  // namespace
}  // namespace tinysign::crypto
