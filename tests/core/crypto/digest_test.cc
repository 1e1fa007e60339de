#include "core/crypto/digest.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <utility>

#include "tests/core/crypto/digest_test_support.h"

namespace tinysign::crypto {
namespace {

using testing::Hex;
using testing::Text;

constexpr DigestAlgorithm kAllAlgorithms[] = {
    DigestAlgorithm::kGost34311,   DigestAlgorithm::kStreebog256,
    DigestAlgorithm::kStreebog512, DigestAlgorithm::kSha1,
    DigestAlgorithm::kSha224,      DigestAlgorithm::kSha256,
    DigestAlgorithm::kSha384,      DigestAlgorithm::kSha512,
};

struct NamedDigest {
  DigestAlgorithm algorithm;
  std::string_view name;
  size_t length;
};

// The names are the report's contract. The lengths are those of the
// standards (FIPS 180-4, RFC 5831, RFC 6986).
constexpr NamedDigest kNamedDigests[] = {
    {DigestAlgorithm::kGost34311, "gost34311-95", 32},
    {DigestAlgorithm::kStreebog256, "streebog256", 32},
    {DigestAlgorithm::kStreebog512, "streebog512", 64},
    {DigestAlgorithm::kSha1, "sha1", 20},
    {DigestAlgorithm::kSha224, "sha224", 28},
    {DigestAlgorithm::kSha256, "sha256", 32},
    {DigestAlgorithm::kSha384, "sha384", 48},
    {DigestAlgorithm::kSha512, "sha512", 64},
};

TEST(DigestTest, NamesAndLengths) {
  for (const NamedDigest& digest : kNamedDigests) {
    SCOPED_TRACE(digest.name);
    EXPECT_EQ(DigestName(digest.algorithm), digest.name);
    EXPECT_EQ(DigestLength(digest.algorithm), digest.length);
    EXPECT_EQ(DigestFromName(digest.name), digest.algorithm);
    EXPECT_EQ(ComputeDigest(digest.algorithm, Text("abc")).size(),
              digest.length);
  }
}

TEST(DigestTest, UnknownNamesRejected) {
  using std::string_view_literals::operator""sv;
  for (std::string_view name :
       {""sv, "SHA256"sv, "sha-256"sv, "sha256 "sv, "streebog"sv, "gost34311"sv,
        "gost34311-95\0"sv}) {
    SCOPED_TRACE(std::string(name));
    EXPECT_FALSE(DigestFromName(name).has_value());
  }
}

TEST(DigestTest, ValueOutsideEnumHasNoDigest) {
  const auto invalid = static_cast<DigestAlgorithm>(99);
  EXPECT_EQ(DigestLength(invalid), 0u);
  EXPECT_EQ(DigestName(invalid), "");
  Hasher hasher(invalid);
  hasher.Update(Text("abc"));
  EXPECT_TRUE(hasher.Finish().empty());
}

struct KnownAnswer {
  DigestAlgorithm algorithm;
  std::string_view message;
  std::string_view digest_hex;
};

// FIPS 180-2 appendix examples: "abc" and the 448-bit and 896-bit two-block
// messages.
constexpr std::string_view kMessage448 =
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr std::string_view kMessage896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
    "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

constexpr KnownAnswer kShaKnownAnswers[] = {
    {DigestAlgorithm::kSha1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
    {DigestAlgorithm::kSha1, kMessage448,
     "84983e441c3bd26ebaae4aa1f95129e5e54670f1"},
    {DigestAlgorithm::kSha224, "abc",
     "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"},
    {DigestAlgorithm::kSha224, kMessage448,
     "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525"},
    {DigestAlgorithm::kSha256, "abc",
     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {DigestAlgorithm::kSha256, kMessage448,
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {DigestAlgorithm::kSha384, "abc",
     "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
     "8086072ba1e7cc2358baeca134c825a7"},
    {DigestAlgorithm::kSha384, kMessage896,
     "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
     "fcc7c71a557e2db966c3e9fa91746039"},
    {DigestAlgorithm::kSha512, "abc",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
    {DigestAlgorithm::kSha512, kMessage896,
     "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
     "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"},
};

TEST(DigestTest, ShaKnownAnswers) {
  for (const KnownAnswer& answer : kShaKnownAnswers) {
    SCOPED_TRACE(std::string(DigestName(answer.algorithm)) + " of " +
                 std::string(answer.message));
    EXPECT_EQ(Hex(ComputeDigest(answer.algorithm, Text(answer.message))),
              answer.digest_hex);
  }
}

// FIPS 180-2: SHA-256 of one million "a", hashed in 1000 updates.
TEST(DigestTest, Sha256MillionA) {
  const std::string thousand(1000, 'a');
  Hasher hasher(DigestAlgorithm::kSha256);
  for (int i = 0; i < 1000; ++i) {
    hasher.Update(Text(thousand));
  }
  EXPECT_EQ(Hex(hasher.Finish()),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// kGost34311 must be the Test S-box that NUC uses: RFC 5831's example.
TEST(DigestTest, Gost34311UsesTestParamSet) {
  EXPECT_EQ(Hex(ComputeDigest(DigestAlgorithm::kGost34311,
                              Text("This is message, length=32 bytes"))),
            "b1c466d37519b82e8319819ff32595e047a28cb6f83eff1c6916a815a637fffa");
}

// RFC 6986 M1, in output byte order.
TEST(DigestTest, StreebogRfc6986M1) {
  const der::Input m1 =
      Text("012345678901234567890123456789012345678901234567890123456789012");
  EXPECT_EQ(Hex(ComputeDigest(DigestAlgorithm::kStreebog256, m1)),
            "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500");
  EXPECT_EQ(Hex(ComputeDigest(DigestAlgorithm::kStreebog512, m1)),
            "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa"
            "00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48");
}

TEST(DigestTest, HasherReportsAlgorithm) {
  for (DigestAlgorithm algorithm : kAllAlgorithms) {
    EXPECT_EQ(Hasher(algorithm).algorithm(), algorithm);
  }
}

TEST(DigestTest, MovedHasherContinues) {
  Hasher first(DigestAlgorithm::kSha256);
  first.Update(Text("a"));
  Hasher second(std::move(first));
  second.Update(Text("b"));
  Hasher third(DigestAlgorithm::kSha1);
  third = std::move(second);
  third.Update(Text("c"));
  EXPECT_EQ(third.algorithm(), DigestAlgorithm::kSha256);
  EXPECT_EQ(Hex(third.Finish()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(DigestTest, FinishStartsNewMessage) {
  for (DigestAlgorithm algorithm : kAllAlgorithms) {
    SCOPED_TRACE(DigestName(algorithm));
    Hasher hasher(algorithm);
    hasher.Update(Text("unrelated first message"));
    hasher.Finish();
    hasher.Update(Text("abc"));
    EXPECT_EQ(Hex(hasher.Finish()), Hex(ComputeDigest(algorithm, Text("abc"))));
  }
}

TEST(DigestTest, SplitUpdatesMatchOneShot) {
  std::mt19937 rng(180);
  for (DigestAlgorithm algorithm : kAllAlgorithms) {
    for (size_t len : testing::kSplitTestLengths) {
      SCOPED_TRACE(std::string(DigestName(algorithm)) + ", length " +
                   std::to_string(len));
      const Bytes data = testing::RandomBytes(rng, len);
      const Bytes expected = ComputeDigest(algorithm, data);
      for (int trial = 0; trial < 3; ++trial) {
        Hasher hasher(algorithm);
        for (der::Input piece : testing::RandomSplit(data, rng)) {
          hasher.Update(piece);
        }
        EXPECT_EQ(Hex(hasher.Finish()), Hex(expected));
      }
    }
  }
}

// A multi-megabyte input, cut at random, gives the one-shot digest.
TEST(DigestTest, LargeInputSplitMatchesOneShot) {
  std::mt19937 rng(3);
  const Bytes data = testing::RandomBytes(rng, 3 * 1024 * 1024 + 7);
  for (DigestAlgorithm algorithm : kAllAlgorithms) {
    SCOPED_TRACE(DigestName(algorithm));
    const Bytes expected = ComputeDigest(algorithm, data);
    Hasher hasher(algorithm);
    for (der::Input piece : testing::RandomSplit(data, rng)) {
      hasher.Update(piece);
    }
    EXPECT_EQ(Hex(hasher.Finish()), Hex(expected));
  }
}

}  // namespace
}  // namespace tinysign::crypto
