// JSON log lines on standard error, one object per line.
//
// Callers pass only the fields they choose. Request lines carry ids, routes,
// statuses, verdicts, durations and sizes, never document bytes,
// signatures, names or IINs.
#ifndef TINYSIGN_SERVER_JSON_LOG_H_
#define TINYSIGN_SERVER_JSON_LOG_H_

#include <boost/json.hpp>
#include <mutex>
#include <ostream>

#include "server/config.h"

namespace tinysign::server {

class JsonLog {
 public:
  JsonLog(std::ostream& out, LogLevel minimum_level)
      : out_(out), minimum_level_(minimum_level) {}

  // Write adds "time" (RFC 3339 UTC with milliseconds), "level" and
  // "event" to `fields` and writes the object as one line, unless `level`
  // is below the configured level.
  void Write(LogLevel level, std::string_view event,
             boost::json::object fields = {});

 private:
  std::ostream& out_;
  LogLevel minimum_level_;
  std::mutex mutex_;
};

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_JSON_LOG_H_
