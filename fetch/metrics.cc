#include "fetch/metrics.h"

#include <cstdio>

namespace tinysign::fetch {

namespace {

std::string FormatDouble(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%g", value);
  return buffer;
}

// RenderCounter appends one counter family with a line per kind, because
// the text format wants the lines of a family together.
void RenderCounter(const std::string& name, const std::string& help,
                   uint64_t ocsp_value, uint64_t crl_value, std::string* out) {
  *out += "# HELP " + name + " " + help + "\n";
  *out += "# TYPE " + name + " counter\n";
  *out += name + "{kind=\"ocsp\"} " + std::to_string(ocsp_value) + "\n";
  *out += name + "{kind=\"crl\"} " + std::to_string(crl_value) + "\n";
}

}  // namespace

void LatencyHistogram::Observe(std::chrono::nanoseconds duration) {
  const double seconds = std::chrono::duration<double>(duration).count();
  for (size_t i = 0; i < kBucketBoundsSeconds.size(); ++i) {
    if (seconds <= kBucketBoundsSeconds[i]) {
      buckets_[i].fetch_add(1);
    }
  }
  count_.fetch_add(1);
  sum_nanoseconds_.fetch_add(static_cast<uint64_t>(duration.count()));
}

void LatencyHistogram::Render(const std::string& name,
                              const std::string& labels,
                              std::string* out) const {
  for (size_t i = 0; i < kBucketBoundsSeconds.size(); ++i) {
    *out += name + "_bucket{" + labels + ",le=\"" +
            FormatDouble(kBucketBoundsSeconds[i]) + "\"} " +
            std::to_string(buckets_[i].load()) + "\n";
  }
  *out += name + "_bucket{" + labels + ",le=\"+Inf\"} " +
          std::to_string(count_.load()) + "\n";
  *out += name + "_sum{" + labels + "} " +
          FormatDouble(static_cast<double>(sum_nanoseconds_.load()) / 1e9) +
          "\n";
  *out +=
      name + "_count{" + labels + "} " + std::to_string(count_.load()) + "\n";
}

std::string FetchMetrics::RenderPrometheus() const {
  std::string out;
  RenderCounter("tinysign_revocation_fetch_requests_total",
                "HTTP requests sent for OCSP responses and CRLs.",
                ocsp.requests.load(), crl.requests.load(), &out);
  RenderCounter("tinysign_revocation_fetch_errors_total",
                "Fetches that ended without usable evidence.",
                ocsp.errors.load(), crl.errors.load(), &out);
  RenderCounter("tinysign_revocation_fetch_cache_hits_total",
                "Fetches answered from the cache.", ocsp.cache_hits.load(),
                crl.cache_hits.load(), &out);
  RenderCounter("tinysign_revocation_fetch_cache_file_loads_total",
                "Files of the cache folder taken into the cache.",
                ocsp.cache_file_loads.load(), crl.cache_file_loads.load(),
                &out);
  RenderCounter("tinysign_revocation_fetch_cache_file_errors_total",
                "Cache files rejected or failing to be read or written.",
                ocsp.cache_file_errors.load(), crl.cache_file_errors.load(),
                &out);
  const std::string latency = "tinysign_revocation_fetch_duration_seconds";
  out += "# HELP " + latency + " Duration of each HTTP request.\n";
  out += "# TYPE " + latency + " histogram\n";
  ocsp.latency.Render(latency, "kind=\"ocsp\"", &out);
  crl.latency.Render(latency, "kind=\"crl\"", &out);
  return out;
}

}  // namespace tinysign::fetch
