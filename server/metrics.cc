#include "server/metrics.h"

#include <cstdio>

namespace tinysign::server {

namespace {

std::string FormatNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.6g", value);
  return text;
}

void AppendHeader(std::string_view name, std::string_view type,
                  std::string_view help, std::string* out) {
  out->append("# HELP ").append(name).append(" ").append(help).append("\n");
  out->append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void AppendSample(std::string_view name, std::string_view labels,
                  uint64_t value, std::string* out) {
  out->append(name);
  if (!labels.empty()) {
    out->append("{").append(labels).append("}");
  }
  out->append(" ").append(std::to_string(value)).append("\n");
}

}  // namespace

void Histogram::Observe(double seconds) {
  for (size_t i = 0; i < kBoundsSeconds.size(); ++i) {
    if (seconds <= kBoundsSeconds[i]) {
      ++bucket_counts_[i];
    }
  }
  ++count_;
  sum_seconds_ += seconds;
}

void Histogram::AppendText(std::string_view name, std::string* out) const {
  const std::string bucket = std::string(name) + "_bucket";
  for (size_t i = 0; i < kBoundsSeconds.size(); ++i) {
    AppendSample(bucket, "le=\"" + FormatNumber(kBoundsSeconds[i]) + "\"",
                 bucket_counts_[i], out);
  }
  AppendSample(bucket, "le=\"+Inf\"", count_, out);
  out->append(name).append("_sum ").append(FormatNumber(sum_seconds_));
  out->append("\n");
  AppendSample(std::string(name) + "_count", "", count_, out);
}

void Metrics::RecordRequest(std::string_view route, int status) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{std::string(route), status}];
}

void Metrics::RecordVerification(std::string_view verdict, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++verdicts_[std::string(verdict)];
  verification_seconds_.Observe(seconds);
}

void Metrics::RecordOcspFetch(double seconds, bool ok) {
  std::lock_guard<std::mutex> lock(mutex_);
  ocsp_fetch_seconds_.Observe(seconds);
  ocsp_fetch_errors_ += ok ? 0 : 1;
}

void Metrics::RecordCrlFetch(double seconds, bool ok) {
  std::lock_guard<std::mutex> lock(mutex_);
  crl_fetch_seconds_.Observe(seconds);
  crl_fetch_errors_ += ok ? 0 : 1;
}

void Metrics::RecordCacheHit(std::string_view kind) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++cache_hits_[std::string(kind)];
}

std::string Metrics::Text() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  AppendHeader("tinysign_http_requests_total", "counter",
               "HTTP requests by route and status.", &out);
  for (const auto& [key, count] : requests_) {
    AppendSample("tinysign_http_requests_total",
                 "route=\"" + key.first + "\",status=\"" +
                     std::to_string(key.second) + "\"",
                 count, &out);
  }
  AppendHeader("tinysign_verification_seconds", "histogram",
               "Time spent verifying one signature.", &out);
  verification_seconds_.AppendText("tinysign_verification_seconds", &out);
  AppendHeader("tinysign_verdicts_total", "counter", "Verification verdicts.",
               &out);
  for (std::string_view verdict : {"valid", "invalid", "indeterminate"}) {
    const auto found = verdicts_.find(std::string(verdict));
    AppendSample("tinysign_verdicts_total",
                 "verdict=\"" + std::string(verdict) + "\"",
                 found == verdicts_.end() ? 0 : found->second, &out);
  }
  AppendHeader("tinysign_ocsp_fetch_seconds", "histogram",
               "Time spent fetching one OCSP response.", &out);
  ocsp_fetch_seconds_.AppendText("tinysign_ocsp_fetch_seconds", &out);
  AppendHeader("tinysign_ocsp_fetch_errors_total", "counter",
               "OCSP fetches that failed or timed out.", &out);
  AppendSample("tinysign_ocsp_fetch_errors_total", "", ocsp_fetch_errors_,
               &out);
  AppendHeader("tinysign_crl_fetch_seconds", "histogram",
               "Time spent fetching one CRL.", &out);
  crl_fetch_seconds_.AppendText("tinysign_crl_fetch_seconds", &out);
  AppendHeader("tinysign_crl_fetch_errors_total", "counter",
               "CRL fetches that failed or timed out.", &out);
  AppendSample("tinysign_crl_fetch_errors_total", "", crl_fetch_errors_, &out);
  AppendHeader("tinysign_revocation_cache_hits_total", "counter",
               "Revocation answers served from the cache.", &out);
  for (std::string_view kind : {"ocsp", "crl"}) {
    const auto found = cache_hits_.find(std::string(kind));
    AppendSample("tinysign_revocation_cache_hits_total",
                 "kind=\"" + std::string(kind) + "\"",
                 found == cache_hits_.end() ? 0 : found->second, &out);
  }
  return out;
}

}  // namespace tinysign::server
