// GOST 34.11-2015 = GOST R 34.11-2012 "Streebog" (RFC 6986), with 256-bit
// and 512-bit digests.
//
// NUC RK signs with GOST 34.10-2015 over Streebog-512 (digest OID
// 1.2.398.3.10.1.3.3); Streebog-256 (1.2.398.3.10.1.3.2) is defined but not
// seen in NUC files. The digest bytes are in the order pygost, OpenSSL's gost
// engine (`md_gost12_256`, `md_gost12_512`) and Kalkan print them: the
// little-endian encoding of the RFC's result, so RFC 6986 shows them
// reversed.
//
// Example:
//   crypto::Streebog hash(crypto::StreebogSize::k512);
//   hash.Update(document);
//   Bytes digest = hash.Finish();  // 64 bytes
#ifndef TINYSIGN_CORE_CRYPTO_STREEBOG_H_
#define TINYSIGN_CORE_CRYPTO_STREEBOG_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/crypto/internal/hash_block_buffer.h"
#include "core/der/input.h"

namespace tinysign::crypto {

// StreebogSize selects the digest length.
enum class StreebogSize {
  k256,  // 32-byte digest.
  k512,  // 64-byte digest.
};

// Streebog computes one Streebog digest incrementally.
class Streebog {
 public:
  static constexpr size_t kBlockLen = 64;

  explicit Streebog(StreebogSize size);

  // Update hashes `data`, which the object does not keep.
  void Update(der::Input data);

  // Finish returns the digest of everything passed to `Update`, 32 or 64
  // bytes, and resets the object to hash a new message of the same size.
  Bytes Finish();

  StreebogSize size() const { return size_; }
  size_t digest_len() const { return size_ == StreebogSize::k256 ? 32 : 64; }

 private:
  using Words = std::array<uint64_t, 8>;

  void ProcessBlock(std::span<const uint8_t, kBlockLen> block);
  void Compress(const Words& counter, const Words& message);

  StreebogSize size_;
  Words hash_;
  Words counter_{};   // N: the number of message bits hashed so far.
  Words checksum_{};  // Σ: the sum of the message blocks modulo 2^512.
  internal::BlockBuffer<kBlockLen> buffer_;
};

}  // namespace tinysign::crypto

#endif  // TINYSIGN_CORE_CRYPTO_STREEBOG_H_
