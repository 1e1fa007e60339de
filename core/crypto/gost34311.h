// GOST 34.311-95, the Kazakh edition of the GOST R 34.11-94 hash (RFC 5831).
//
// The hash has a 256-bit block and a 256-bit digest. Its step function runs
// the GOST 28147-89 cipher, whose S-box is a parameter. Two parameter sets
// are built in:
//   - Test (id-GostR3411-94-TestParamSet, 1.2.643.2.2.30.0). NUC RK
//     certificates name it as hash parameter 1.2.398.3.10.1.3.1.1.0, and
//     NUC GOST 2004 signatures verify only with it.
//   - CryptoPro (id-GostR3411-94-CryptoProParamSet, 1.2.643.2.2.30.1,
//     RFC 4357). OpenSSL's gost engine computes it as `md_gost94`, and
//     TinySign uses it only to test against that engine.
// The starting hash value is 32 zero bytes. The digest bytes come in the
// order pygost and the gost engine print and Kalkan writes to messageDigest:
// the little-endian encoding of the RFC's 256-bit result, which RFC 5831
// therefore shows reversed.
//
// NOTE: Implementations disagree on the empty message only. This code, like
// pygost and BouncyCastle, hashes no message block for it. The gost engine
// (3.0.1 in Debian 12) and, by its maintainers' account, CryptoPro CSP hash
// one zero block, so `md_gost94` of "" differs. Which rule Kalkan follows is
// not verified.
//
// Example:
//   crypto::Gost34311 hash(crypto::Gost34311ParamSet::kTest);
//   hash.Update(first_part);
//   hash.Update(second_part);
//   Bytes digest = hash.Finish();  // 32 bytes
#ifndef TINYSIGN_CORE_CRYPTO_GOST34311_H_
#define TINYSIGN_CORE_CRYPTO_GOST34311_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/crypto/internal/gost28147.h"
#include "core/crypto/internal/hash_block_buffer.h"
#include "core/der/input.h"

namespace tinysign::crypto {

// Gost34311ParamSet selects the GOST 28147-89 S-box of the hash.
enum class Gost34311ParamSet {
  kTest,       // id-GostR3411-94-TestParamSet: NUC RK and Kalkan.
  kCryptoPro,  // id-GostR3411-94-CryptoProParamSet: OpenSSL `md_gost94`.
};

// Gost34311 computes one GOST 34.311-95 digest incrementally.
class Gost34311 {
 public:
  static constexpr size_t kBlockLen = 32;
  static constexpr size_t kDigestLen = 32;

  explicit Gost34311(Gost34311ParamSet param_set = Gost34311ParamSet::kTest);

  // Update hashes `data`, which the object does not keep.
  void Update(der::Input data);

  // Finish returns the 32-byte digest of everything passed to `Update` and
  // resets the object to hash a new message with the same parameter set.
  Bytes Finish();

  Gost34311ParamSet param_set() const { return param_set_; }

 private:
  using Words = std::array<uint64_t, 4>;

  void ProcessBlock(std::span<const uint8_t, kBlockLen> block);
  void Step(const Words& message);

  Gost34311ParamSet param_set_;
  const internal::Gost28147Tables* tables_;
  Words hash_{};
  Words checksum_{};
  uint64_t total_len_ = 0;
  internal::BlockBuffer<kBlockLen> buffer_;
};

}  // namespace tinysign::crypto

#endif  // TINYSIGN_CORE_CRYPTO_GOST34311_H_
