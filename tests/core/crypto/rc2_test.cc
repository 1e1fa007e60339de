#include "core/crypto/rc2.h"

#include <gtest/gtest.h>

#include <array>
#include <string_view>

#include "tests/core/crypto/digest_test_support.h"

namespace tinysign::crypto {
namespace {

using testing::Hex;
using testing::Unhex;

struct Rc2Vector {
  std::string_view key_hex;
  size_t effective_bits;
  std::string_view plaintext_hex;
  std::string_view ciphertext_hex;
};

// The eight test vectors of RFC 2268 section 5.
constexpr Rc2Vector kRfc2268Vectors[] = {
    {"0000000000000000", 63, "0000000000000000", "ebb773f993278eff"},
    {"ffffffffffffffff", 64, "ffffffffffffffff", "278b27e42e2f0d49"},
    {"3000000000000000", 64, "1000000000000001", "30649edf9be7d2c2"},
    {"88", 64, "0000000000000000", "61a8a244adacccf0"},
    {"88bca90e90875a", 64, "0000000000000000", "6ccf4308974c267f"},
    {"88bca90e90875a7f0f79c384627bafb2", 64, "0000000000000000",
     "1a807d272bbe5db1"},
    {"88bca90e90875a7f0f79c384627bafb2", 128, "0000000000000000",
     "2269552ab0f85ca6"},
    {"88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e", 129,
     "0000000000000000", "5b78d3a43dfff1f1"},
};

std::array<uint8_t, Rc2::kBlockBytes> Block(std::string_view hex) {
  const Bytes bytes = Unhex(hex);
  std::array<uint8_t, Rc2::kBlockBytes> block = {};
  EXPECT_EQ(bytes.size(), block.size());
  for (size_t i = 0; i < block.size() && i < bytes.size(); ++i) {
    block[i] = bytes[i];
  }
  return block;
}

Bytes ToBytes(const std::array<uint8_t, Rc2::kBlockBytes>& block) {
  return Bytes(block.begin(), block.end());
}

TEST(Rc2Test, EncryptsRfc2268Vectors) {
  for (const Rc2Vector& vector : kRfc2268Vectors) {
    SCOPED_TRACE(vector.key_hex);
    const Bytes key = Unhex(vector.key_hex);
    Result<Rc2> cipher = Rc2::Create(key, vector.effective_bits);
    ASSERT_TRUE(cipher.has_value());
    auto block = Block(vector.plaintext_hex);
    cipher->EncryptBlock(block);
    EXPECT_EQ(Hex(ToBytes(block)), vector.ciphertext_hex);
  }
}

TEST(Rc2Test, DecryptsRfc2268Vectors) {
  for (const Rc2Vector& vector : kRfc2268Vectors) {
    SCOPED_TRACE(vector.key_hex);
    const Bytes key = Unhex(vector.key_hex);
    Result<Rc2> cipher = Rc2::Create(key, vector.effective_bits);
    ASSERT_TRUE(cipher.has_value());
    auto block = Block(vector.ciphertext_hex);
    cipher->DecryptBlock(block);
    EXPECT_EQ(Hex(ToBytes(block)), vector.plaintext_hex);
  }
}

TEST(Rc2Test, RejectsKeyLengthsOutsideRange) {
  const Bytes empty;
  const Bytes too_long(129, 0x01);
  const Bytes good(5, 0x01);
  EXPECT_EQ(Rc2::Create(empty, 40).error().code,
            ErrorCode::kCryptoBadParameters);
  EXPECT_EQ(Rc2::Create(too_long, 40).error().code,
            ErrorCode::kCryptoBadParameters);
  EXPECT_EQ(Rc2::Create(good, 0).error().code, ErrorCode::kCryptoBadParameters);
  EXPECT_EQ(Rc2::Create(good, 1025).error().code,
            ErrorCode::kCryptoBadParameters);
  EXPECT_TRUE(Rc2::Create(Bytes(128, 0x01), 1024).has_value());
}

}  // namespace
}  // namespace tinysign::crypto
