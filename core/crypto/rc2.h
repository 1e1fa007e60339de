// RC2 (RFC 2268), the 64-bit block cipher that PKCS#12 files still use for
// their certificate bags (pbeWithSHAAnd40BitRC2-CBC, RFC 7292 appendix C).
//
// Mbed TLS 2.28 has no RC2, so this is TinySign's own code. It exists only
// to read and write the legacy PKCS#12 layout that NUC and OpenSSL
// `-legacy` produce: a 40-bit effective key protects nothing and must not
// be used for new secrets.
#ifndef TINYSIGN_CORE_CRYPTO_RC2_H_
#define TINYSIGN_CORE_CRYPTO_RC2_H_

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::crypto {

// Rc2 is an expanded RC2 key. It encrypts and decrypts single 8-byte blocks.
class Rc2 {
 public:
  static constexpr size_t kBlockBytes = 8;

  // Create expands `key` (1 to 128 bytes) with an effective key length of
  // `effective_bits` (1 to 1024), as RFC 2268 section 2 describes. It fails
  // with `crypto.bad_parameters` outside those ranges.
  static Result<Rc2> Create(der::Input key, size_t effective_bits);

  // EncryptBlock encrypts one block in place (RFC 2268 section 3).
  void EncryptBlock(std::array<uint8_t, kBlockBytes>& block) const;
  // DecryptBlock decrypts one block in place (RFC 2268 section 4).
  void DecryptBlock(std::array<uint8_t, kBlockBytes>& block) const;

 private:
  Rc2() = default;

  // The expanded key K[0..63] of RFC 2268.
  std::array<uint16_t, 64> words_ = {};
};

}  // namespace tinysign::crypto

#endif  // TINYSIGN_CORE_CRYPTO_RC2_H_
