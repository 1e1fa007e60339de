#include "server/json_log.h"

#include <chrono>
#include <cstdio>
#include <string>

#include "core/time.h"

namespace tinysign::server {

namespace {

// CurrentTimeText returns the wall clock as "2026-12-04T10:00:00.123Z".
std::string CurrentTimeText() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch)
          .count();
  std::string text = FormatRfc3339(Time{millis / 1000});
  char fraction[8];
  std::snprintf(fraction, sizeof(fraction), ".%03dZ",
                static_cast<int>(millis % 1000));
  text.pop_back();  // The 'Z', written again after the fraction.
  return text + fraction;
}

}  // namespace

void JsonLog::Write(LogLevel level, std::string_view event,
                    boost::json::object fields) {
  if (level < minimum_level_) {
    return;
  }
  boost::json::object line;
  line["time"] = CurrentTimeText();
  line["level"] = LogLevelName(level);
  line["event"] = event;
  for (auto& field : fields) {
    line[field.key()] = std::move(field.value());
  }
  const std::string text = boost::json::serialize(line);
  std::lock_guard<std::mutex> lock(mutex_);
  out_ << text << '\n';
  out_.flush();
}

}  // namespace tinysign::server
