#include "server/cache_file_log.h"

namespace tinysign::server {

void CacheFileLog::Report(const std::string& path, const Error& error) {
  const Clock::time_point now = now_();
  uint64_t num_suppressed = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto [state, inserted] = states_.try_emplace(error.code);
    if (!inserted && now - state->second.last_line < kInterval) {
      ++state->second.num_suppressed;
      return;
    }
    num_suppressed = state->second.num_suppressed;
    state->second = CodeState{now, 0};
  }
  boost::json::object fields = {
      {"path", path}, {"code", ErrorId(error.code)}, {"message", error.detail}};
  if (num_suppressed > 0) {
    fields["suppressed"] = num_suppressed;
  }
  log_.Write(LogLevel::kWarning, "cache_file_error", std::move(fields));
}

}  // namespace tinysign::server
