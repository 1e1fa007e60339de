#include "fetch/metrics.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace tinysign::fetch {
namespace {

using std::chrono::milliseconds;

bool Contains(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST(LatencyHistogramTest, BucketsAreCumulative) {
  LatencyHistogram histogram;
  histogram.Observe(milliseconds(3));     // Every bucket.
  histogram.Observe(milliseconds(30));    // 0.05 and up.
  histogram.Observe(milliseconds(2000));  // 5 and +Inf only.
  histogram.Observe(milliseconds(9000));  // +Inf only.
  std::string text;
  histogram.Render("latency", "kind=\"ocsp\"", &text);
  EXPECT_TRUE(Contains(text, "latency_bucket{kind=\"ocsp\",le=\"0.005\"} 1"))
      << text;
  EXPECT_TRUE(Contains(text, "latency_bucket{kind=\"ocsp\",le=\"0.025\"} 1"))
      << text;
  EXPECT_TRUE(Contains(text, "latency_bucket{kind=\"ocsp\",le=\"0.05\"} 2"))
      << text;
  EXPECT_TRUE(Contains(text, "latency_bucket{kind=\"ocsp\",le=\"1\"} 2"))
      << text;
  EXPECT_TRUE(Contains(text, "latency_bucket{kind=\"ocsp\",le=\"5\"} 3"))
      << text;
  EXPECT_TRUE(Contains(text, "latency_bucket{kind=\"ocsp\",le=\"+Inf\"} 4"))
      << text;
  // 0.003 + 0.03 + 2 + 9 seconds.
  EXPECT_TRUE(Contains(text, "latency_sum{kind=\"ocsp\"} 11.033")) << text;
  EXPECT_TRUE(Contains(text, "latency_count{kind=\"ocsp\"} 4")) << text;
}

TEST(FetchMetricsTest, RendersEveryFamilyOnce) {
  FetchMetrics metrics;
  metrics.ocsp.requests = 3;
  metrics.crl.errors = 2;
  metrics.crl.cache_hits = 7;
  metrics.ocsp.cache_file_loads = 4;
  metrics.crl.cache_file_errors = 6;
  const std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(Contains(
      text, "tinysign_revocation_fetch_requests_total{kind=\"ocsp\"} 3"))
      << text;
  EXPECT_TRUE(Contains(
      text, "tinysign_revocation_fetch_requests_total{kind=\"crl\"} 0"))
      << text;
  EXPECT_TRUE(
      Contains(text, "tinysign_revocation_fetch_errors_total{kind=\"crl\"} 2"))
      << text;
  EXPECT_TRUE(Contains(
      text, "tinysign_revocation_fetch_cache_hits_total{kind=\"crl\"} 7"))
      << text;
  EXPECT_TRUE(Contains(
      text,
      "tinysign_revocation_fetch_cache_file_loads_total{kind=\"ocsp\"} 4"))
      << text;
  EXPECT_TRUE(Contains(
      text,
      "tinysign_revocation_fetch_cache_file_errors_total{kind=\"crl\"} 6"))
      << text;
  for (const std::string family :
       {"tinysign_revocation_fetch_requests_total",
        "tinysign_revocation_fetch_errors_total",
        "tinysign_revocation_fetch_cache_hits_total",
        "tinysign_revocation_fetch_cache_file_loads_total",
        "tinysign_revocation_fetch_cache_file_errors_total",
        "tinysign_revocation_fetch_duration_seconds"}) {
    const std::string type_line = "# TYPE " + family + " ";
    const size_t first = text.find(type_line);
    ASSERT_NE(first, std::string::npos) << family;
    EXPECT_EQ(text.find(type_line, first + 1), std::string::npos) << family;
  }
}

}  // namespace
}  // namespace tinysign::fetch
