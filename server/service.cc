#include "server/service.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "core/verify/verifier.h"
#include "report/json.h"
#include "server/api_error.h"
#include "server/crl_status.h"
#include "server/metrics.h"
#include "server/request_body.h"
#include "server/trust_listing.h"
#include "server/verify_request.h"

namespace tinysign::server {

namespace {

using Clock = std::chrono::steady_clock;
using HandlerResponse = httplib::Server::HandlerResponse;

constexpr Route kRoutes[] = {
    {"POST", "/api/v1/verify"}, {"GET", "/api/v1/trust"}, {"GET", "/healthz"},
    {"GET", "/readyz"},         {"GET", "/metrics"},
};

constexpr std::string_view kJsonType = "application/json";
constexpr std::string_view kRequestIdHeader = "X-Request-Id";

// RequestState is what the hooks of one request share. httplib reads,
// routes, responds to and logs a request on one thread, so a thread_local
// lives as long as the request. The next request resets it, and so do
// the logger and the end of the connection. The latter gives back
// `body_permit` even when a failed write skips the logger.
struct RequestState {
  std::optional<Clock::time_point> start;
  std::string verdict;
  std::string error_code;
  std::optional<FairGate::Permit> body_permit;
  // body_bytes is the size of a body read by a handler rather than into
  // the request.
  size_t body_bytes = 0;
};

thread_local RequestState t_request;

// ConnectionPool is httplib's pool with the request state given back after
// every connection.
class ConnectionPool : public httplib::ThreadPool {
 public:
  using httplib::ThreadPool::ThreadPool;

  void enqueue(std::function<void()> connection) override {
    httplib::ThreadPool::enqueue([connection = std::move(connection)] {
      connection();
      t_request = RequestState{};
    });
  }
};

std::string NextRequestId() {
  static std::atomic<uint64_t> counter{0};
  char text[24];
  std::snprintf(text, sizeof(text), "%016llx",
                static_cast<unsigned long long>(++counter));
  return text;
}

void EnsureRequestId(httplib::Response& response) {
  if (!response.has_header(std::string(kRequestIdHeader).c_str())) {
    response.set_header(std::string(kRequestIdHeader).c_str(), NextRequestId());
  }
}

void SendJson(httplib::Response& response, int status,
              const boost::json::object& body) {
  response.status = status;
  response.set_content(boost::json::serialize(body) + "\n",
                       std::string(kJsonType).c_str());
}

void SendError(httplib::Response& response, const ApiError& error) {
  if (error.code == ApiErrorCode::kUnauthorized) {
    // RFC 9110 section 15.5.2: a 401 names the scheme to use.
    response.set_header("WWW-Authenticate", "Bearer");
  }
  response.status = InfoFor(error.code).status;
  response.set_content(ErrorBody(error), std::string(kJsonType).c_str());
  t_request.error_code = std::string(InfoFor(error.code).id);
}

// SendBusy sends 503 with Retry-After.
void SendBusy(httplib::Response& response, const std::string& reason) {
  response.set_header("Retry-After", "1");
  SendError(response, {ApiErrorCode::kBusy, "the service is overloaded: " +
                                                reason + "; retry later"});
}

std::string_view RouteLabel(const httplib::Request& request) {
  for (const Route& route : kRoutes) {
    if (route.path == request.path) {
      return route.path;
    }
  }
  // One label for every other path keeps the metric's series bounded.
  return "other";
}

// AllowedMethods returns the methods served at the request's path, for
// the Allow header of a 405, or "" for a path the service does not serve.
// httplib serves HEAD with the GET handler.
std::string AllowedMethods(const httplib::Request& request) {
  std::string allowed;
  for (const Route& route : kRoutes) {
    if (route.path != request.path) {
      continue;
    }
    allowed += allowed.empty() ? "" : ", ";
    allowed += route.method;
    if (route.method == "GET") {
      allowed += ", HEAD";
    }
  }
  return allowed;
}

// SendNoRoute sends 405 with Allow for a served path and another method,
// and 404 otherwise.
void SendNoRoute(const httplib::Request& request, httplib::Response& response) {
  const std::string allowed = AllowedMethods(request);
  if (allowed.empty()) {
    SendError(response, {ApiErrorCode::kNotFound, "no such route or file"});
    return;
  }
  response.set_header("Allow", allowed);
  SendError(response, {ApiErrorCode::kMethodNotAllowed,
                       "use " + allowed + " for " + request.path});
}

// MethodLabel returns the request's method when it is a standard one. A
// malformed request line can put any bytes there, even a signature, and
// neither the log nor the metrics may repeat them.
std::string_view MethodLabel(const httplib::Request& request) {
  for (std::string_view method :
       {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (request.method == method) {
      return method;
    }
  }
  return "other";
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

Time WallClockNow() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Time{
      std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count()};
}

// BodyFormat is how a verify request encodes its fields.
enum class BodyFormat { kJson, kMultipart };

std::optional<BodyFormat> FormatOf(const httplib::Request& request) {
  // RFC 9110 section 8.3.1: the type and subtype are case-insensitive and
  // parameters such as charset follow a ';'.
  std::string type = request.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  type.erase(type.find_last_not_of(" \t") + 1);
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  if (type == kJsonType) {
    return BodyFormat::kJson;
  }
  // httplib parses the parts only when it recognises this type itself.
  if (request.is_multipart_form_data()) {
    return BodyFormat::kMultipart;
  }
  return std::nullopt;
}

// HandlerReadsBody returns whether httplib passes the request to a
// handler that reads its body: it does so for these methods only, and
// the service installs such a handler for every path.
bool HandlerReadsBody(const httplib::Request& request) {
  return request.method == "POST" || request.method == "PUT" ||
         request.method == "PATCH" || request.method == "DELETE";
}

// PayloadLimit is the largest request body read. Base64 is 4/3 of the
// decoded size, and line breaks every 64 characters or JSON's escaped
// "\/" add up to about 5% more, so an eighth of the decoded size covers
// them. The decoded sizes are checked exactly after parsing, and this
// bound stops larger bodies unread.
uint64_t PayloadLimit(const ServerConfig& config) {
  const uint64_t decoded_max =
      config.max_document_bytes + config.max_signature_bytes;
  return decoded_max / 3 * 4 + 4 + decoded_max / 8 + 1024 * 1024;
}

// RenderGateMetrics returns gauges of what the two gates hold and how
// many requests wait at each, so that a coming 503 busy can be seen.
std::string RenderGateMetrics(FairGate& body_gate, FairGate& worker_gate) {
  std::string out;
  AppendHeader("tinysign_buffered_body_bytes", "gauge",
               "Bytes of request bodies admitted to memory, by "
               "Content-Length.",
               &out);
  AppendSample("tinysign_buffered_body_bytes", "", body_gate.in_use(), &out);
  AppendHeader("tinysign_busy_workers", "gauge", "Verifications running.",
               &out);
  AppendSample("tinysign_busy_workers", "", worker_gate.in_use(), &out);
  AppendHeader("tinysign_waiting_requests", "gauge",
               "Requests waiting for memory for their body or for a worker.",
               &out);
  AppendSample("tinysign_waiting_requests", "for=\"memory\"",
               body_gate.waiting(), &out);
  AppendSample("tinysign_waiting_requests", "for=\"worker\"",
               worker_gate.waiting(), &out);
  return out;
}

// PayloadTooLarge is the error for a body over `PayloadLimit`.
ApiError PayloadTooLarge(const ServerConfig& config) {
  return {ApiErrorCode::kPayloadTooLarge,
          "the request body is larger than " +
              std::to_string(PayloadLimit(config)) +
              " bytes, the most that maxDocumentBytes and maxSignatureBytes "
              "allow as base64 in JSON: send a smaller document, or its "
              "documentDigest, or raise the settings"};
}

}  // namespace

std::span<const Route> Routes() { return kRoutes; }

Service::Service(const ServerConfig& config, x509::TrustStore trust,
                 JsonLog& log, fetch::RevocationFetcher* fetcher)
    : config_(config),
      trust_(std::move(trust)),
      log_(log),
      api_keys_(config.api_key_hashes),
      fetcher_(fetcher),
      body_gate_(config.max_buffered_bytes),
      worker_gate_(static_cast<uint64_t>(WorkerCount(config))) {}

httplib::TaskQueue* Service::NewConnectionPool() const {
  return new ConnectionPool(static_cast<size_t>(config_.num_connections));
}

void Service::Install(httplib::Server* server) {
  server->set_payload_max_length(PayloadLimit(config_));
  server->set_read_timeout(config_.read_timeout_seconds);
  server->set_write_timeout(config_.write_timeout_seconds);
  server->set_keep_alive_timeout(config_.keep_alive_timeout_seconds);

  server->set_pre_routing_handler(
      [this](const httplib::Request& request, httplib::Response& response) {
        return CheckRequest(request, response);
      });
  server->set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& request, httplib::Response& response) {
        return FillErrorBody(request, response);
      }));
  server->set_exception_handler([](const httplib::Request&,
                                   httplib::Response& response,
                                   std::exception_ptr) {
    SendError(response, {ApiErrorCode::kInternal, "internal error"});
  });
  server->set_logger([this](const httplib::Request& request,
                            const httplib::Response& response) {
    LogRequest(request, response);
    t_request.body_permit.reset();
  });

  server->Post("/api/v1/verify", [this](const httplib::Request& request,
                                        httplib::Response& response,
                                        const httplib::ContentReader& reader) {
    HandleVerify(request, response, reader);
  });
  InstallBodyDiscarding(server);
  server->Get("/api/v1/trust",
              [this](const httplib::Request&, httplib::Response& response) {
                HandleTrust(response);
              });
  server->Get("/healthz",
              [](const httplib::Request&, httplib::Response& response) {
                SendJson(response, 200, {{"status", "ok"}});
              });
  server->Get("/readyz",
              [this](const httplib::Request&, httplib::Response& response) {
                HandleReady(response);
              });
  server->Get("/metrics",
              [this](const httplib::Request&, httplib::Response& response) {
                HandleMetrics(response);
              });
}

void Service::InstallBodyDiscarding(httplib::Server* server) {
  // Without these, httplib would read the body of a request to any other
  // route into memory before sending 404.
  const auto discard = [this](const httplib::Request& request,
                              httplib::Response& response,
                              const httplib::ContentReader& reader) {
    // A body of unclear length is left unread: there is no telling where
    // it ends.
    if (!CheckFraming(request).has_value()) {
      DiscardBody(request, reader, PayloadLimit(config_));
    }
    if (!KeyAccepted(request)) {
      SendError(response, UnauthorizedError(request));
      return;
    }
    SendNoRoute(request, response);
  };
  constexpr char kAnyPath[] = ".*";
  server->Post(kAnyPath, discard);
  server->Put(kAnyPath, discard);
  server->Patch(kAnyPath, discard);
  server->Delete(kAnyPath, discard);
}

HandlerResponse Service::CheckRequest(const httplib::Request& request,
                                      httplib::Response& response) {
  t_request = RequestState{};
  t_request.start = Clock::now();
  EnsureRequestId(response);
  // Files from the web root too are served only as the type they claim.
  response.set_header("X-Content-Type-Options", "nosniff");
  // Every route of these methods reads or discards the body before it
  // responds, and checks the key itself: a response sent here would leave
  // the body in the connection, to be read as the next request.
  if (HandlerReadsBody(request)) {
    return HandlerResponse::Unhandled;
  }
  if (request.path.find('\0') != std::string::npos) {
    // A NUL would end the file name where the extension, and so the
    // Content-Type, is taken from after it.
    SendError(response, {ApiErrorCode::kInvalidRequest,
                         "the path contains a NUL byte (%00)"});
    return HandlerResponse::Handled;
  }
  if (KeyAccepted(request)) {
    return HandlerResponse::Unhandled;
  }
  SendError(response, UnauthorizedError(request));
  return HandlerResponse::Handled;
}

bool Service::KeyAccepted(const httplib::Request& request) const {
  if (!api_keys_.required() || !StartsWith(request.path, "/api/")) {
    return true;
  }
  return api_keys_.Accepts(
      KeyFromHeaders(request.get_header_value("Authorization"),
                     request.get_header_value("X-API-Key")));
}

ApiError Service::UnauthorizedError(const httplib::Request& request) const {
  const bool no_key = KeyFromHeaders(request.get_header_value("Authorization"),
                                     request.get_header_value("X-API-Key"))
                          .empty();
  return {ApiErrorCode::kUnauthorized,
          no_key ? "missing API key: send \"Authorization: Bearer KEY\" or "
                   "\"X-API-Key: KEY\""
                 : "the API key is not accepted"};
}

bool Service::AdmitBody(const httplib::Request& request,
                        httplib::Response& response) {
  // Waiting before the body is read keeps it out of memory until there is
  // room. A body without Content-Length (chunked) may be as large as the
  // limit.
  uint64_t units = 0;
  if (request.has_header("Transfer-Encoding")) {
    units = PayloadLimit(config_);
  } else if (const auto declared = DeclaredLength(request)) {
    units = *declared;
  }
  const auto timeout = std::chrono::seconds(config_.queue_timeout_seconds);
  t_request.body_permit = body_gate_.Acquire(units, timeout);
  if (t_request.body_permit.has_value()) {
    return true;
  }
  SendBusy(response,
           "request bodies waiting to be verified fill the memory allowed "
           "for them (maxBufferedBytes " +
               std::to_string(config_.max_buffered_bytes) + ") for " +
               std::to_string(config_.queue_timeout_seconds) +
               " s (queueTimeoutSeconds)");
  return false;
}

HandlerResponse Service::FillErrorBody(const httplib::Request& request,
                                       httplib::Response& response) {
  EnsureRequestId(response);
  if (!response.body.empty()) {
    return HandlerResponse::Unhandled;
  }
  if (response.status == 404) {
    SendNoRoute(request, response);
  } else {
    SendError(response, ErrorForStatus(response.status));
  }
  return HandlerResponse::Handled;
}

std::optional<ApiError> Service::RejectBeforeReading(
    const httplib::Request& request) const {
  if (!KeyAccepted(request)) {
    return UnauthorizedError(request);
  }
  if (auto error = CheckContentEncoding(request)) {
    return error;
  }
  if (!FormatOf(request).has_value()) {
    return ApiError{ApiErrorCode::kUnsupportedMediaType,
                    "send application/json or multipart/form-data, not \"" +
                        request.get_header_value("Content-Type") + "\""};
  }
  return std::nullopt;
}

bool Service::ReadVerifyBody(const httplib::Request& request,
                             httplib::Response& response,
                             const httplib::ContentReader& reader,
                             ReceivedBody* body) {
  // A body of unclear length is left unread: there is no telling where
  // it ends.
  if (const auto framing = CheckFraming(request)) {
    SendError(response, *framing);
    return false;
  }
  if (DeclaredLength(request).value_or(0) > PayloadLimit(config_)) {
    // httplib skips a body over the limit without keeping it, so the
    // client gets the 413 rather than a reset connection, and the body
    // takes no room in memory.
    DiscardBody(request, reader, PayloadLimit(config_));
    SendError(response, PayloadTooLarge(config_));
    return false;
  }
  if (const auto rejection = RejectBeforeReading(request)) {
    DiscardBody(request, reader, PayloadLimit(config_));
    SendError(response, *rejection);
    return false;
  }
  if (!AdmitBody(request, response)) {
    DiscardBody(request, reader, PayloadLimit(config_));
    return false;
  }
  const auto started = Clock::now();
  const auto read_timeout = std::chrono::seconds(config_.read_timeout_seconds);
  const BodyLimits limits{PayloadLimit(config_), started + read_timeout};
  const bool received = ReceiveBody(request, reader, limits, body);
  t_request.body_bytes = body->size;
  // A body that stopped arriving fails in httplib when a read times out.
  if (body->late || (!received && Clock::now() - started >= read_timeout)) {
    SendError(response,
              {ApiErrorCode::kRequestTimeout,
               "the request body did not arrive within " +
                   std::to_string(config_.read_timeout_seconds) +
                   " s (readTimeoutSeconds): send it faster or raise the "
                   "setting"});
    return false;
  }
  if (body->too_large || response.status == 413) {
    SendError(response, PayloadTooLarge(config_));
    return false;
  }
  if (!received) {
    SendError(response, {ApiErrorCode::kInvalidRequest,
                         "the request body could not be read: check "
                         "Content-Length, chunking and multipart "
                         "boundaries"});
    return false;
  }
  return true;
}

void Service::HandleVerify(const httplib::Request& request,
                           httplib::Response& response,
                           const httplib::ContentReader& reader) {
  ReceivedBody body;
  if (!ReadVerifyBody(request, response, reader, &body)) {
    return;
  }
  const BodyFormat format = *FormatOf(request);

  const RequestLimits limits{config_.max_document_bytes,
                             config_.max_signature_bytes};
  VerifyInput input;
  const std::optional<ApiError> error =
      format == BodyFormat::kJson
          ? ParseJsonVerifyRequest(body.text, limits, &input)
          : ParseMultipartVerifyRequest(body.parts, limits, &input);
  if (error.has_value()) {
    SendError(response, *error);
    return;
  }

  const Time now = WallClockNow();
  verify::VerifyOptions options;
  options.validation_time = input.validation_time.value_or(now);
  options.current_time = now;
  options.policy = input.policy;
  const auto start = Clock::now();
  if (options.policy.revocation != verify::RevocationPolicy::kOff) {
    options.revocation = CollectRevocation(
        input.cms, options.validation_time,
        response.get_header_value(std::string(kRequestIdHeader).c_str()));
  }
  const auto permit = worker_gate_.Acquire(
      1, std::chrono::seconds(config_.queue_timeout_seconds));
  if (!permit.has_value()) {
    SendBusy(response,
             "all " + std::to_string(WorkerCount(config_)) +
                 " workers stayed busy verifying other requests for " +
                 std::to_string(config_.queue_timeout_seconds) +
                 " s (queueTimeoutSeconds)");
    return;
  }
  const auto report =
      verify::VerifyCms(input.cms, input.DocumentView(), trust_, options);
  const std::chrono::duration<double> elapsed = Clock::now() - start;
  if (!report.has_value()) {
    const bool internal =
        ErrorKindOf(report.error().code) == ErrorKind::kInternal;
    SendError(
        response,
        {internal ? ApiErrorCode::kInternal : ApiErrorCode::kInvalidSignature,
         internal ? "internal error while verifying"
                  : "the signature could not be read as a CMS SignedData: " +
                        report.error().ToString()});
    return;
  }
  if (report->document.source == "missing") {
    SendError(response, {ApiErrorCode::kMissingDocument,
                         "the signature is detached: send \"document\" or "
                         "\"documentDigest\""});
    return;
  }
  t_request.verdict = std::string(verify::VerdictName(report->verdict));
  metrics_.RecordVerification(t_request.verdict, elapsed.count());
  SendJson(response, 200, report::ReportToJsonObject(*report));
}

verify::RevocationEvidence Service::CollectRevocation(
    const Bytes& cms, Time control_time, const std::string& request_id) {
  if (fetcher_ == nullptr) {
    return {};
  }
  auto collected = fetcher_->CollectForCms(cms, trust_, control_time);
  if (!collected.has_value()) {
    // VerifyCms reports the same parse error to the client.
    return {};
  }
  for (const fetch::FetchFailure& failure : collected->failures) {
    log_.Write(LogLevel::kWarning, "revocation_fetch_failed",
               {{"id", request_id},
                {"subject", failure.subject},
                {"code", ErrorId(failure.error.code)}});
  }
  return std::move(collected->evidence);
}

void Service::HandleTrust(httplib::Response& response) const {
  SendJson(response, 200, TrustListing(trust_));
}

void Service::HandleReady(httplib::Response& response) const {
  if (trust_.size() == 0) {
    SendError(response, {ApiErrorCode::kNotReady,
                         "no trust certificates are loaded: pass --trust DIR"});
    return;
  }
  std::vector<fetch::CachedCrl> crls;
  if (fetcher_ != nullptr) {
    crls = fetcher_->crls().Snapshot();
  }
  const Time now = WallClockNow();
  size_t num_stale_crls = 0;
  for (const fetch::CachedCrl& crl : crls) {
    if (crl.next_update.has_value() &&
        now.unix_seconds >
            crl.next_update->unix_seconds + config_.crl_grace_seconds) {
      ++num_stale_crls;
    }
  }
  if (num_stale_crls > 0) {
    SendError(response, {ApiErrorCode::kNotReady,
                         "kept CRLs past nextUpdate and the grace period, "
                         "not yet refreshed: " +
                             std::to_string(num_stale_crls)});
    return;
  }
  SendJson(response, 200,
           {{"status", "ready"},
            {"trustCertificates", static_cast<uint64_t>(trust_.size())},
            {"crls", DescribeCrls(crls)}});
}

void Service::HandleMetrics(httplib::Response& response) {
  std::string text = metrics_.Text();
  text += RenderGateMetrics(body_gate_, worker_gate_);
  if (fetcher_ != nullptr) {
    text += fetcher_->metrics().RenderPrometheus();
    text += RenderCrlMetrics(fetcher_->crls().Snapshot(), WallClockNow());
  } else {
    // Fetching is off: the series are still listed, at zero.
    text += fetch::FetchMetrics().RenderPrometheus();
  }
  response.set_content(text, "text/plain; version=0.0.4");
}

void Service::LogRequest(const httplib::Request& request,
                         const httplib::Response& response) {
  const std::string_view route = RouteLabel(request);
  metrics_.RecordRequest(route, response.status);
  boost::json::object fields;
  fields["id"] =
      response.get_header_value(std::string(kRequestIdHeader).c_str());
  fields["method"] = MethodLabel(request);
  fields["route"] = route;
  fields["status"] = response.status;
  if (!t_request.verdict.empty()) {
    fields["verdict"] = t_request.verdict;
  }
  if (t_request.start.has_value()) {
    fields["durationUs"] =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() -
                                                              *t_request.start)
            .count();
  }
  fields["requestBytes"] = request.body.size() + t_request.body_bytes;
  fields["responseBytes"] = response.body.size();
  log_.Write(LogLevel::kInfo, "request", fields);
  if (response.status >= 400) {
    log_.Write(response.status >= 500 ? LogLevel::kError : LogLevel::kWarning,
               "request_error",
               {{"id", fields["id"]},
                {"status", response.status},
                {"code", t_request.error_code}});
  }
  t_request = RequestState{};
}

}  // namespace tinysign::server
