#include "server/cache_file_log.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace tinysign::server {
namespace {

using Clock = CacheFileLog::Clock;

// Lines returns the JSON objects written to `out`, one per line.
std::vector<boost::json::object> Lines(const std::ostringstream& out) {
  std::vector<boost::json::object> lines;
  std::istringstream text(out.str());
  for (std::string line; std::getline(text, line);) {
    lines.push_back(boost::json::parse(line).as_object());
  }
  return lines;
}

class CacheFileLogTest : public ::testing::Test {
 protected:
  CacheFileLogTest()
      : json_log_(out_, LogLevel::kInfo),
        log_(json_log_, [this] { return now_; }) {}

  std::ostringstream out_;
  JsonLog json_log_;
  Clock::time_point now_{};
  CacheFileLog log_;
};

TEST_F(CacheFileLogTest, WritesPathCodeAndMessage) {
  log_.Report("/cache/crl/a.crl", Error{ErrorCode::kDerTruncated, "at 3"});
  const auto lines = Lines(out_);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("event"), "cache_file_error");
  EXPECT_EQ(lines[0].at("level"), "warning");
  EXPECT_EQ(lines[0].at("path"), "/cache/crl/a.crl");
  EXPECT_EQ(lines[0].at("code"), "der.truncated");
  EXPECT_EQ(lines[0].at("message"), "at 3");
  EXPECT_FALSE(lines[0].contains("suppressed"));
}

TEST_F(CacheFileLogTest, RepeatsOfCodeAreCounted) {
  const Error write_failed{ErrorCode::kFetchCacheFileFailed, "disk full"};
  log_.Report("/cache/ocsp/1.der", write_failed);
  now_ += std::chrono::seconds(59);
  log_.Report("/cache/ocsp/2.der", write_failed);
  log_.Report("/cache/ocsp/3.der", write_failed);
  // Another code is not held back by the first.
  log_.Report("/cache/crl/b.crl", Error{ErrorCode::kDerTruncated, ""});
  // 60 seconds after the first line of the code, the next one is written.
  now_ += std::chrono::seconds(1);
  log_.Report("/cache/ocsp/4.der", write_failed);

  const auto lines = Lines(out_);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].at("path"), "/cache/ocsp/1.der");
  EXPECT_EQ(lines[1].at("path"), "/cache/crl/b.crl");
  EXPECT_EQ(lines[2].at("path"), "/cache/ocsp/4.der");
  ASSERT_TRUE(lines[2].contains("suppressed"));
  EXPECT_EQ(lines[2].at("suppressed").to_number<int64_t>(), 2);
}

}  // namespace
}  // namespace tinysign::server
