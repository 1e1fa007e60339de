// Log lines for cache files that the revocation fetchers reject or cannot
// read or write. A failing disk would otherwise write a line for every
// response cached, so lines with the same error code are limited to one
// per interval, and the next line counts the reports left out.
#ifndef TINYSIGN_SERVER_CACHE_FILE_LOG_H_
#define TINYSIGN_SERVER_CACHE_FILE_LOG_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "core/result.h"
#include "server/json_log.h"

namespace tinysign::server {

// CacheFileLog writes "cache_file_error" warnings. It is safe to use from
// several threads.
class CacheFileLog {
 public:
  using Clock = std::chrono::steady_clock;

  // kInterval is the minimum time between two lines with the same error
  // code.
  static constexpr std::chrono::seconds kInterval{60};

  // CacheFileLog keeps a reference to `log`, which must outlive it. `now`
  // returns the current time; tests set it to move time.
  explicit CacheFileLog(JsonLog& log,
                        std::function<Clock::time_point()> now = Clock::now)
      : log_(log), now_(std::move(now)) {}

  // Report writes a line with `path`, the error id and its detail, unless
  // a line with the same code was written less than `kInterval` ago. A
  // report left out is counted in the "suppressed" field of the next line
  // with that code.
  void Report(const std::string& path, const Error& error);

 private:
  struct CodeState {
    Clock::time_point last_line;
    uint64_t num_suppressed = 0;
  };

  JsonLog& log_;
  std::function<Clock::time_point()> now_;
  std::mutex mutex_;
  std::map<ErrorCode, CodeState> states_;
};

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_CACHE_FILE_LOG_H_
