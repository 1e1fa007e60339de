// The one hashing interface of the core: every digest TinySign computes, for
// CMS messageDigest, signatures, timestamps and certificate identifiers,
// goes through `Hasher` or `ComputeDigest`.
//
// GOST 34.311-95 (with the Test S-box that NUC RK uses) and Streebog are
// TinySign's own code (gost34311.h, streebog.h). SHA-1 and SHA-2 come from
// Mbed TLS. Inputs of any size can be hashed in pieces.
//
// Example:
//   crypto::Hasher hasher(crypto::DigestAlgorithm::kStreebog512);
//   for (der::Input chunk : chunks) {
//     hasher.Update(chunk);
//   }
//   Bytes digest = hasher.Finish();
#ifndef TINYSIGN_CORE_CRYPTO_DIGEST_H_
#define TINYSIGN_CORE_CRYPTO_DIGEST_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>

#include "core/der/input.h"

namespace tinysign::crypto {

// DigestAlgorithm is a hash function the core can compute.
enum class DigestAlgorithm {
  kGost34311,  // GOST 34.311-95 with the Test S-box (NUC RK GOST 2004).
  kStreebog256,
  kStreebog512,
  kSha1,
  kSha224,
  kSha256,
  kSha384,
  kSha512,
};

// DigestLength returns the digest size of `algorithm` in bytes, or 0 for a
// value that is not one of the enumerators.
size_t DigestLength(DigestAlgorithm algorithm);

// DigestName returns the stable name of `algorithm` used in reports and
// JSON, such as "gost34311-95" or "streebog512", or "" for a value that is
// not one of the enumerators.
std::string_view DigestName(DigestAlgorithm algorithm);

// DigestFromName returns the algorithm whose `DigestName` is exactly `name`,
// or nothing.
std::optional<DigestAlgorithm> DigestFromName(std::string_view name);

// Hasher computes one digest incrementally. It is movable but not copyable,
// and a moved-from Hasher may only be assigned to or destroyed.
class Hasher {
 public:
  // A `Hasher` for a value that is not one of the enumerators returns an
  // empty digest, as `DigestLength` gives 0 for it.
  explicit Hasher(DigestAlgorithm algorithm);
  ~Hasher();
  Hasher(Hasher&& other) noexcept;
  Hasher& operator=(Hasher&& other) noexcept;

  // Update hashes `data`, which the Hasher does not keep.
  void Update(der::Input data);

  // Finish returns the digest of everything passed to `Update` since the
  // Hasher was made or last finished, and resets it, so the next `Update`
  // starts a new message with the same algorithm.
  Bytes Finish();

  DigestAlgorithm algorithm() const { return algorithm_; }

 private:
  struct State;

  DigestAlgorithm algorithm_;
  std::unique_ptr<State> state_;
};

// ComputeDigest returns the `algorithm` digest of `data`.
Bytes ComputeDigest(DigestAlgorithm algorithm, der::Input data);

}  // namespace tinysign::crypto

#endif  // TINYSIGN_CORE_CRYPTO_DIGEST_H_
