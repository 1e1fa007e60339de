// The operating system's random generator as a `crypto::RandomSource`, for
// the signatures the command line makes.
#ifndef TINYSIGN_CLI_SYSTEM_RANDOM_H_
#define TINYSIGN_CLI_SYSTEM_RANDOM_H_

#include "core/crypto/random.h"

namespace tinysign::cli {

// SystemRandom reads getrandom(2), which blocks only until the kernel's
// generator is first seeded.
class SystemRandom : public crypto::RandomSource {
 public:
  Status Generate(std::span<uint8_t> out) override;
};

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_SYSTEM_RANDOM_H_
