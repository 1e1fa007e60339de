#include "fetch/fetch_config.h"

#include <chrono>

namespace tinysign::fetch {

Time CurrentTime(const FetchConfig& config) {
  if (config.clock) {
    return config.clock();
  }
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Time{
      std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count()};
}

}  // namespace tinysign::fetch
