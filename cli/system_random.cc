#include "cli/system_random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace tinysign::cli {

Status SystemRandom::Generate(std::span<uint8_t> out) {
  size_t filled = 0;
  while (filled < out.size()) {
    const ssize_t got =
        getrandom(out.subspan(filled).data(), out.size() - filled, 0);
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      return Fail(ErrorCode::kCryptoRandomFailed,
                  std::string("getrandom: ") + std::strerror(errno));
    }
    filled += static_cast<size_t>(got);
  }
  return OkStatus();
}

}  // namespace tinysign::cli
