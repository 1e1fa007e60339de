#include "core/crypto/pkcs12_pbe.h"

#include <mbedtls/des.h>
#include <mbedtls/md.h>
#include <mbedtls/pkcs12.h>

#include <array>
#include <memory>
#include <optional>
#include <string>

#include "core/crypto/rc2.h"
#include "core/limits.h"

namespace tinysign::crypto {
namespace {

constexpr size_t kDesBlockBytes = 8;
constexpr size_t kTripleDesKeyBytes = 24;
constexpr size_t kRc2KeyBytes = 5;
constexpr size_t kRc2EffectiveBits = 40;
constexpr size_t kMacKeyBytes = 20;

// Block is one 8-byte cipher block; both PKCS#12 ciphers have 64-bit blocks.
using Block = std::array<uint8_t, kDesBlockBytes>;

// BlockCipher encrypts or decrypts one block in place.
class BlockCipher {
 public:
  virtual ~BlockCipher() = default;
  virtual void Encrypt(Block& block) = 0;
  virtual void Decrypt(Block& block) = 0;
};

class TripleDes : public BlockCipher {
 public:
  explicit TripleDes(der::Input key) {
    mbedtls_des3_init(&encrypt_);
    mbedtls_des3_init(&decrypt_);
    mbedtls_des3_set3key_enc(&encrypt_, key.data());
    mbedtls_des3_set3key_dec(&decrypt_, key.data());
  }
  ~TripleDes() override {
    mbedtls_des3_free(&encrypt_);
    mbedtls_des3_free(&decrypt_);
  }
  TripleDes(const TripleDes&) = delete;
  TripleDes& operator=(const TripleDes&) = delete;

  void Encrypt(Block& block) override {
    mbedtls_des3_crypt_ecb(&encrypt_, block.data(), block.data());
  }
  void Decrypt(Block& block) override {
    mbedtls_des3_crypt_ecb(&decrypt_, block.data(), block.data());
  }

 private:
  mbedtls_des3_context encrypt_;
  mbedtls_des3_context decrypt_;
};

class Rc2Cipher : public BlockCipher {
 public:
  explicit Rc2Cipher(Rc2 rc2) : rc2_(rc2) {}
  void Encrypt(Block& block) override { rc2_.EncryptBlock(block); }
  void Decrypt(Block& block) override { rc2_.DecryptBlock(block); }

 private:
  Rc2 rc2_;
};

// CipherState is a keyed cipher and the IV derived for it.
struct CipherState {
  std::unique_ptr<BlockCipher> cipher;
  Block iv = {};
};

Result<CipherState> DeriveCipher(Pkcs12Cipher cipher, der::Input password,
                                 der::Input salt, size_t iterations) {
  const size_t key_bytes =
      cipher == Pkcs12Cipher::kTripleDesCbc ? kTripleDesKeyBytes : kRc2KeyBytes;
  TINYSIGN_ASSIGN_OR_RETURN(
      Bytes key, DerivePkcs12Bytes(Pkcs12Purpose::kKey, password, salt,
                                   iterations, key_bytes));
  TINYSIGN_ASSIGN_OR_RETURN(
      Bytes iv, DerivePkcs12Bytes(Pkcs12Purpose::kIv, password, salt,
                                  iterations, kDesBlockBytes));
  CipherState state;
  for (size_t i = 0; i < kDesBlockBytes; ++i) {
    state.iv[i] = iv[i];
  }
  if (cipher == Pkcs12Cipher::kTripleDesCbc) {
    state.cipher = std::make_unique<TripleDes>(key);
  } else {
    TINYSIGN_ASSIGN_OR_RETURN(Rc2 rc2, Rc2::Create(key, kRc2EffectiveBits));
    state.cipher = std::make_unique<Rc2Cipher>(rc2);
  }
  return state;
}

// AppendUtf16 appends one BMP code point as two big-endian bytes.
void AppendUtf16(uint32_t code_point, Bytes& out) {
  out.push_back(static_cast<uint8_t>(code_point >> 8));
  out.push_back(static_cast<uint8_t>(code_point & 0xff));
}

// DecodeUtf8 returns the code point that starts at `text[*index]` and
// advances `*index` past it, or nothing for invalid UTF-8.
std::optional<uint32_t> DecodeUtf8(std::string_view text, size_t* index) {
  const auto lead = static_cast<uint8_t>(text[*index]);
  size_t num_continuation = 0;
  uint32_t code_point = 0;
  uint32_t min_value = 0;
  if (lead < 0x80) {
    ++*index;
    return lead;
  } else if ((lead & 0xe0) == 0xc0) {
    num_continuation = 1;
    code_point = lead & 0x1f;
    min_value = 0x80;
  } else if ((lead & 0xf0) == 0xe0) {
    num_continuation = 2;
    code_point = lead & 0x0f;
    min_value = 0x800;
  } else {
    // Four-byte sequences encode code points above U+FFFF, which a
    // BMPString cannot hold.
    return std::nullopt;
  }
  if (*index + num_continuation >= text.size()) {
    return std::nullopt;
  }
  for (size_t i = 1; i <= num_continuation; ++i) {
    const auto byte = static_cast<uint8_t>(text[*index + i]);
    if ((byte & 0xc0) != 0x80) {
      return std::nullopt;
    }
    code_point = (code_point << 6) | (byte & 0x3f);
  }
  if (code_point < min_value ||
      (code_point >= 0xd800 && code_point <= 0xdfff)) {
    return std::nullopt;
  }
  *index += num_continuation + 1;
  return code_point;
}

}  // namespace

Result<Bytes> EncodePkcs12Password(std::string_view utf8_password) {
  Bytes out;
  size_t index = 0;
  while (index < utf8_password.size()) {
    std::optional<uint32_t> code_point = DecodeUtf8(utf8_password, &index);
    if (!code_point.has_value()) {
      return Fail(ErrorCode::kCryptoBadParameters,
                  "password: invalid UTF-8 or a character outside the "
                  "Basic Multilingual Plane");
    }
    AppendUtf16(*code_point, out);
  }
  // RFC 7292 appendix B.1: the BMPString ends with a two-byte zero.
  AppendUtf16(0, out);
  return out;
}

Result<Bytes> DerivePkcs12Bytes(Pkcs12Purpose purpose, der::Input password,
                                der::Input salt, size_t iterations,
                                size_t num_bytes) {
  if (iterations == 0 || iterations > limits::kMaxPkcs12Iterations) {
    return Fail(ErrorCode::kCryptoBadParameters,
                "PKCS#12 iteration count " + std::to_string(iterations));
  }
  Bytes out(num_bytes);
  const int status = mbedtls_pkcs12_derivation(
      out.data(), out.size(), password.data(), password.size(), salt.data(),
      salt.size(), MBEDTLS_MD_SHA1, static_cast<int>(purpose),
      static_cast<int>(iterations));
  if (status != 0) {
    return Fail(ErrorCode::kInternal, "mbedtls_pkcs12_derivation");
  }
  return out;
}

Result<Bytes> Pkcs12Decrypt(Pkcs12Cipher cipher, der::Input password,
                            der::Input salt, size_t iterations,
                            der::Input ciphertext) {
  if (ciphertext.empty() || ciphertext.size() % kDesBlockBytes != 0) {
    return Fail(ErrorCode::kPkcs12Malformed,
                "encrypted data is not a whole number of 8-byte blocks");
  }
  TINYSIGN_ASSIGN_OR_RETURN(CipherState state,
                            DeriveCipher(cipher, password, salt, iterations));
  Bytes plaintext;
  plaintext.reserve(ciphertext.size());
  Block previous = state.iv;
  Block block;
  size_t filled = 0;
  for (uint8_t byte : ciphertext.span()) {
    block[filled++] = byte;
    if (filled < kDesBlockBytes) {
      continue;
    }
    const Block saved = block;
    state.cipher->Decrypt(block);
    for (size_t i = 0; i < kDesBlockBytes; ++i) {
      plaintext.push_back(block[i] ^ previous[i]);
    }
    previous = saved;
    filled = 0;
  }
  // PKCS#5 padding (RFC 8018 section 6.1.1): 1 to 8 bytes, each equal to
  // the padding length.
  const uint8_t padding = plaintext.back();
  if (padding == 0 || padding > kDesBlockBytes) {
    return Fail(ErrorCode::kPkcs12BadPassword, "decryption padding");
  }
  for (size_t i = plaintext.size() - padding; i < plaintext.size(); ++i) {
    if (plaintext[i] != padding) {
      return Fail(ErrorCode::kPkcs12BadPassword, "decryption padding");
    }
  }
  plaintext.resize(plaintext.size() - padding);
  return plaintext;
}

Result<Bytes> Pkcs12Encrypt(Pkcs12Cipher cipher, der::Input password,
                            der::Input salt, size_t iterations,
                            der::Input plaintext) {
  TINYSIGN_ASSIGN_OR_RETURN(CipherState state,
                            DeriveCipher(cipher, password, salt, iterations));
  Bytes padded = plaintext.ToBytes();
  const size_t padding = kDesBlockBytes - padded.size() % kDesBlockBytes;
  padded.insert(padded.end(), padding, static_cast<uint8_t>(padding));
  Bytes ciphertext;
  ciphertext.reserve(padded.size());
  Block chain = state.iv;
  for (size_t offset = 0; offset < padded.size(); offset += kDesBlockBytes) {
    for (size_t i = 0; i < kDesBlockBytes; ++i) {
      chain[i] ^= padded[offset + i];
    }
    state.cipher->Encrypt(chain);
    ciphertext.insert(ciphertext.end(), chain.begin(), chain.end());
  }
  return ciphertext;
}

Result<Bytes> ComputePkcs12Mac(der::Input password, der::Input salt,
                               size_t iterations, der::Input data) {
  TINYSIGN_ASSIGN_OR_RETURN(
      Bytes key, DerivePkcs12Bytes(Pkcs12Purpose::kMac, password, salt,
                                   iterations, kMacKeyBytes));
  Bytes mac(kMacKeyBytes);
  const int status =
      mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA1), key.data(),
                      key.size(), data.data(), data.size(), mac.data());
  if (status != 0) {
    return Fail(ErrorCode::kInternal, "mbedtls_md_hmac");
  }
  return mac;
}

bool EqualInConstantTime(der::Input a, der::Input b) {
  if (a.size() != b.size()) {
    return false;
  }
  const std::span<const uint8_t> left = a.span();
  const std::span<const uint8_t> right = b.span();
  uint8_t difference = 0;
  for (size_t i = 0; i < left.size(); ++i) {
    difference |= left[i] ^ right[i];
  }
  return difference == 0;
}

}  // namespace tinysign::crypto
