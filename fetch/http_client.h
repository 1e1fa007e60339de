// The HTTP/1.1 client behind the fetchers: plain http only, bounded
// retries with exponential backoff, and a cap on concurrent requests per
// host and port.
#ifndef TINYSIGN_FETCH_HTTP_CLIENT_H_
#define TINYSIGN_FETCH_HTTP_CLIENT_H_

#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/result.h"
#include "fetch/fetch_config.h"
#include "fetch/metrics.h"
#include "fetch/url_mapping.h"

namespace tinysign::fetch {

// HttpRequest is a GET, or a POST when `body` is set.
struct HttpRequest {
  HttpUrl url;
  std::optional<std::string> body;
  std::string content_type;
  std::string accept;
};

// HttpClient sends requests with the timeouts, retries and concurrency cap
// of a `FetchConfig`. It is safe to use from several threads.
class HttpClient {
 public:
  // HttpClient keeps a reference to `config`, which must outlive it.
  explicit HttpClient(const FetchConfig& config) : config_(config) {}

  // Send returns the body of a 2xx response. It fails with
  // `fetch.connection_failed`, `fetch.timed_out` or `fetch.http_status`
  // after the last attempt. Every request is counted in `metrics`.
  Result<std::string> Send(const HttpRequest& request,
                           FetchKindMetrics& metrics);

 private:
  Result<std::string> SendOnce(const HttpRequest& request,
                               FetchKindMetrics& metrics);
  void AcquireSlot(const std::string& responder);
  void ReleaseSlot(const std::string& responder);

  const FetchConfig& config_;
  std::mutex mutex_;
  std::condition_variable slot_freed_;
  // in_flight_ counts requests per "host:port".
  std::map<std::string, int> in_flight_;
};

}  // namespace tinysign::fetch

#endif  // TINYSIGN_FETCH_HTTP_CLIENT_H_
