#include "core/crypto/pkcs12_pbe.h"

#include <gtest/gtest.h>

#include "core/encoding/input_form.h"

namespace tinysign::crypto {
namespace {

// RFC 7292 appendix B.1: "Qwerty12" becomes 00 51 00 77 ... 00 32 00 00.
TEST(Pkcs12PbeTest, PasswordIsBmpStringWithTerminator) {
  auto bmp = EncodePkcs12Password("Qwerty12");
  ASSERT_TRUE(bmp.has_value());
  EXPECT_EQ(encoding::HexEncode(*bmp),
            "00510077006500720074007900310032"
            "0000");
  // U+0416 (Cyrillic capital Zhe) is D0 96 in UTF-8.
  auto cyrillic = EncodePkcs12Password("\xd0\x96");
  ASSERT_TRUE(cyrillic.has_value());
  EXPECT_EQ(encoding::HexEncode(*cyrillic), "04160000");
  EXPECT_FALSE(EncodePkcs12Password("\xf0\x9f\x98\x80").has_value());
  EXPECT_FALSE(EncodePkcs12Password("\xd0").has_value());
}

TEST(Pkcs12PbeTest, RejectsCiphertextOfPartialBlock) {
  const Bytes password = EncodePkcs12Password("pw").value();
  const Bytes salt(8, 0x01);
  const Bytes ciphertext(12, 0x02);
  EXPECT_EQ(
      Pkcs12Decrypt(Pkcs12Cipher::kTripleDesCbc, password, salt, 1, ciphertext)
          .error()
          .code,
      ErrorCode::kPkcs12Malformed);
}

TEST(Pkcs12PbeTest, EncryptThenDecryptBothCiphers) {
  const Bytes password = EncodePkcs12Password("pw").value();
  const Bytes salt(8, 0x01);
  const Bytes plaintext = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  for (Pkcs12Cipher cipher :
       {Pkcs12Cipher::kTripleDesCbc, Pkcs12Cipher::kRc2Cbc40}) {
    Result<Bytes> ciphertext =
        Pkcs12Encrypt(cipher, password, salt, 3, plaintext);
    ASSERT_TRUE(ciphertext.has_value());
    EXPECT_EQ(ciphertext->size(), 16u);
    EXPECT_EQ(Pkcs12Decrypt(cipher, password, salt, 3, *ciphertext).value(),
              plaintext);
  }
}

}  // namespace
}  // namespace tinysign::crypto
