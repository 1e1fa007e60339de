#include "fetch/http_client.h"

#include <httplib.h>

#include <chrono>
#include <thread>

#include "core/limits.h"
#include "fetch/http_error.h"

namespace tinysign::fetch {

namespace {

using Clock = std::chrono::steady_clock;

// FormatUrl returns `url` as an http:// URL for messages.
std::string FormatUrl(const HttpUrl& url) {
  const bool bracket =
      url.host.find(':') != std::string::npos && !url.host.starts_with("[");
  const std::string host = bracket ? "[" + url.host + "]" : url.host;
  return "http://" + host + ":" + std::to_string(url.port) + url.path;
}

// ResponderKey names the responder whose concurrency is capped.
std::string ResponderKey(const HttpUrl& url) {
  return url.host + ":" + std::to_string(url.port);
}

// ShouldRetry returns true for failures that another attempt may fix.
bool ShouldRetry(const Error& error) {
  return error.code == ErrorCode::kFetchConnectionFailed ||
         error.code == ErrorCode::kFetchTimedOut ||
         (error.code == ErrorCode::kFetchHttpStatus &&
          error.detail.starts_with("5"));
}

httplib::Request ToHttplibRequest(const HttpRequest& request, std::string* body,
                                  bool* too_large) {
  httplib::Request out;
  out.method = request.body.has_value() ? "POST" : "GET";
  out.path = request.url.path;
  if (request.body.has_value()) {
    out.body = *request.body;
    out.headers.emplace("Content-Type", request.content_type);
  }
  if (!request.accept.empty()) {
    out.headers.emplace("Accept", request.accept);
  }
  // The body is collected here, so a server that sends more than any CRL
  // or OCSP response can be is cut off instead of filling memory.
  out.content_receiver = [body, too_large](const char* data, size_t data_len,
                                           uint64_t, uint64_t) {
    if (body->size() + data_len > limits::kMaxInputBytes) {
      *too_large = true;
      return false;
    }
    body->append(data, data_len);
    return true;
  };
  return out;
}

}  // namespace

Result<std::string> HttpClient::Send(const HttpRequest& request,
                                     FetchKindMetrics& metrics) {
  const std::string responder = ResponderKey(request.url);
  std::chrono::milliseconds backoff = config_.retry_backoff;
  const int max_attempts = config_.max_attempts < 1 ? 1 : config_.max_attempts;
  for (int attempt = 1;; ++attempt) {
    AcquireSlot(responder);
    auto body = SendOnce(request, metrics);
    ReleaseSlot(responder);
    if (body.has_value() || attempt >= max_attempts ||
        !ShouldRetry(body.error())) {
      return body;
    }
    std::this_thread::sleep_for(backoff);
    backoff *= 2;
  }
}

Result<std::string> HttpClient::SendOnce(const HttpRequest& request,
                                         FetchKindMetrics& metrics) {
  httplib::Client client(request.url.host, request.url.port);
  client.set_connection_timeout(config_.timeout);
  client.set_read_timeout(config_.timeout);
  client.set_write_timeout(config_.timeout);
  std::string body;
  bool too_large = false;
  httplib::Request http_request = ToHttplibRequest(request, &body, &too_large);
  httplib::Response response;
  httplib::Error error = httplib::Error::Success;

  metrics.requests.fetch_add(1);
  const Clock::time_point start = Clock::now();
  const bool sent = client.send(http_request, response, error);
  const Clock::duration elapsed = Clock::now() - start;
  metrics.latency.Observe(elapsed);

  const std::string url = FormatUrl(request.url);
  if (too_large) {
    return Fail(ErrorCode::kInputTooLarge, "response body from " + url);
  }
  if (!sent) {
    // httplib reports a read that timed out as a plain read error, so the
    // elapsed time distinguishes them.
    if (error == httplib::Error::ConnectionTimeout ||
        (error == httplib::Error::Read && elapsed >= config_.timeout)) {
      return Fail(ErrorCode::kFetchTimedOut,
                  "no response from " + url + " within " +
                      std::to_string(config_.timeout.count()) + " ms");
    }
    if (error == httplib::Error::Connection) {
      return Fail(ErrorCode::kFetchConnectionFailed,
                  "could not connect to " + url +
                      ": the connection was refused or failed");
    }
    return Fail(ErrorCode::kFetchConnectionFailed,
                url + ": " + DescribeHttpError(error));
  }
  if (response.status < 200 || response.status > 299) {
    // ShouldRetry reads the status from the start of this detail.
    return Fail(ErrorCode::kFetchHttpStatus,
                std::to_string(response.status) + " from " + url);
  }
  return body;
}

void HttpClient::AcquireSlot(const std::string& responder) {
  const int max_in_flight = config_.max_concurrent_per_responder < 1
                                ? 1
                                : config_.max_concurrent_per_responder;
  std::unique_lock<std::mutex> lock(mutex_);
  slot_freed_.wait(lock, [&] { return in_flight_[responder] < max_in_flight; });
  ++in_flight_[responder];
}

void HttpClient::ReleaseSlot(const std::string& responder) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    --in_flight_[responder];
  }
  slot_freed_.notify_all();
}

}  // namespace tinysign::fetch
