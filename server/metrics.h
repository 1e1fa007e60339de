// Counters and histograms of the HTTP side of tinysign-server in the
// Prometheus text exposition format (version 0.0.4). The OCSP and CRL
// fetch series come from `fetch::FetchMetrics`.
#ifndef TINYSIGN_SERVER_METRICS_H_
#define TINYSIGN_SERVER_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace tinysign::server {

// AppendHeader writes the HELP and TYPE lines of the family `name`.
void AppendHeader(std::string_view name, std::string_view type,
                  std::string_view help, std::string* out);

// AppendSample writes one sample line; `labels` is the text between the
// braces, such as `kind="ocsp"`, or empty.
void AppendSample(std::string_view name, std::string_view labels,
                  uint64_t value, std::string* out);

// AppendSignedSample writes one sample line of a gauge that may be
// negative.
void AppendSignedSample(std::string_view name, std::string_view labels,
                        int64_t value, std::string* out);

// Histogram counts observations in fixed buckets of seconds.
class Histogram {
 public:
  // kBoundsSeconds are the upper bounds of the buckets; "+Inf" follows.
  static constexpr std::array<double, 11> kBoundsSeconds = {
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  void Observe(double seconds);
  // AppendText writes the _bucket, _sum and _count series of `name`.
  void AppendText(std::string_view name, std::string* out) const;

 private:
  std::array<uint64_t, kBoundsSeconds.size()> bucket_counts_{};
  uint64_t count_ = 0;
  double sum_seconds_ = 0;
};

class Metrics {
 public:
  void RecordRequest(std::string_view route, int status);
  void RecordVerification(std::string_view verdict, double seconds);

  // Text returns every series in the Prometheus text format.
  std::string Text() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, uint64_t> verdicts_;
  Histogram verification_seconds_;
};

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_METRICS_H_
