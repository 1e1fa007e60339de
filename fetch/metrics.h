// Counters and latency histograms of revocation fetching, shared by the
// fetchers of one process and rendered in the Prometheus text format.
#ifndef TINYSIGN_FETCH_METRICS_H_
#define TINYSIGN_FETCH_METRICS_H_

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace tinysign::fetch {

// LatencyHistogram counts observations in cumulative buckets, as a
// Prometheus histogram does.
class LatencyHistogram {
 public:
  // kBucketBoundsSeconds are the upper bounds of the buckets; the implicit
  // last bucket is +Inf.
  static constexpr std::array<double, 8> kBucketBoundsSeconds = {
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0};

  // Observe records one duration.
  void Observe(std::chrono::nanoseconds duration);

  // Render appends the `_bucket`, `_sum` and `_count` lines of `name`,
  // with `labels` (such as `kind="ocsp"`) on every line.
  void Render(const std::string& name, const std::string& labels,
              std::string* out) const;

  uint64_t count() const { return count_.load(); }

 private:
  std::array<std::atomic<uint64_t>, kBucketBoundsSeconds.size()> buckets_{};
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> sum_nanoseconds_{0};
};

// FetchKindMetrics are the numbers of one kind of fetch (OCSP or CRL).
struct FetchKindMetrics {
  // requests counts HTTP requests sent, retries included.
  std::atomic<uint64_t> requests{0};
  // errors counts fetches that ended without usable evidence: refused
  // URLs, connection failures, timeouts, HTTP errors and unparsable or
  // unverifiable bodies.
  std::atomic<uint64_t> errors{0};
  // cache_hits counts fetches answered from the cache without a request.
  std::atomic<uint64_t> cache_hits{0};
  // cache_file_loads counts files of the cache folder that passed the
  // checks of a download and were taken into the cache in memory.
  std::atomic<uint64_t> cache_file_loads{0};
  // cache_file_errors counts cache files that were rejected or could not
  // be read or written.
  std::atomic<uint64_t> cache_file_errors{0};
  // latency observes each HTTP request, failed ones included.
  LatencyHistogram latency;
};

// FetchMetrics are the numbers of every fetch. It is safe to update from
// any thread.
struct FetchMetrics {
  FetchKindMetrics ocsp;
  FetchKindMetrics crl;

  // RenderPrometheus returns the metrics as Prometheus text exposition
  // lines, named tinysign_revocation_fetch_* with a `kind` label of
  // "ocsp" or "crl".
  std::string RenderPrometheus() const;
};

}  // namespace tinysign::fetch

#endif  // TINYSIGN_FETCH_METRICS_H_
