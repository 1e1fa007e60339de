// `RandomSource`: where signing and key generation get their random bytes.
//
// The core has no random generator of its own, because reading the operating
// system's entropy is I/O. The caller passes a `RandomSource`: the native
// build wraps the operating system's generator, the browser build wraps
// `crypto.getRandomValues`, and tests pass a deterministic one.
#ifndef TINYSIGN_CORE_CRYPTO_RANDOM_H_
#define TINYSIGN_CORE_CRYPTO_RANDOM_H_

#include <cstdint>
#include <span>

#include "core/result.h"

namespace tinysign::crypto {

// RandomSource produces cryptographically secure random bytes. The core calls
// it from one thread at a time per signing or key generation call.
class RandomSource {
 public:
  virtual ~RandomSource() = default;

  // Generate fills all of `out` with random bytes, or fails with
  // `crypto.random_failed` and leaves `out` unspecified.
  virtual Status Generate(std::span<uint8_t> out) = 0;
};

}  // namespace tinysign::crypto

#endif  // TINYSIGN_CORE_CRYPTO_RANDOM_H_
