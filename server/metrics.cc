#include "server/metrics.h"

#include <cstdio>

namespace tinysign::server {

namespace {

std::string FormatNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.6g", value);
  return text;
}

void AppendSampleText(std::string_view name, std::string_view labels,
                      const std::string& value, std::string* out) {
  out->append(name);
  if (!labels.empty()) {
    out->append("{").append(labels).append("}");
  }
  out->append(" ").append(value).append("\n");
}

}  // namespace

void AppendHeader(std::string_view name, std::string_view type,
                  std::string_view help, std::string* out) {
  out->append("# HELP ").append(name).append(" ").append(help).append("\n");
  out->append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void AppendSample(std::string_view name, std::string_view labels,
                  uint64_t value, std::string* out) {
  AppendSampleText(name, labels, std::to_string(value), out);
}

void AppendSignedSample(std::string_view name, std::string_view labels,
                        int64_t value, std::string* out) {
  AppendSampleText(name, labels, std::to_string(value), out);
}

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
               "Time spent verifying one signature, revocation fetches "
               "included.",
               &out);
  verification_seconds_.AppendText("tinysign_verification_seconds", &out);
  AppendHeader("tinysign_verdicts_total", "counter", "Verification verdicts.",
               &out);
  for (std::string_view verdict : {"valid", "invalid", "indeterminate"}) {
    const auto found = verdicts_.find(std::string(verdict));
    AppendSample("tinysign_verdicts_total",
                 "verdict=\"" + std::string(verdict) + "\"",
                 found == verdicts_.end() ? 0 : found->second, &out);
  }
  return out;
}

}  // namespace tinysign::server
