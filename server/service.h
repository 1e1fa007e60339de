// The HTTP routes of tinysign-server and the hooks around them: API key
// checks, request ids, JSON error bodies, request logs and metrics.
#ifndef TINYSIGN_SERVER_SERVICE_H_
#define TINYSIGN_SERVER_SERVICE_H_

#include <httplib.h>

#include <optional>
#include <span>
#include <string_view>

#include "core/x509/trust_store.h"
#include "fetch/revocation_fetcher.h"
#include "server/api_key.h"
#include "server/config.h"
#include "server/fair_gate.h"
#include "server/json_log.h"
#include "server/metrics.h"
#include "server/request_body.h"

namespace tinysign::server {

// Route is one method and path the service serves.
struct Route {
  std::string_view method;
  std::string_view path;
};

// Routes returns every route the service installs.
std::span<const Route> Routes();

class Service {
 public:
  // Service keeps references to `log` and `fetcher`, which must outlive
  // it. A null `fetcher` means live revocation fetching is off, so only a
  // policy of `prefer` or `off` can give a valid verdict.
  Service(const ServerConfig& config, x509::TrustStore trust, JsonLog& log,
          fetch::RevocationFetcher* fetcher);

  // Install adds the routes and hooks to `server` and applies the size
  // limit and timeouts of the configuration.
  void Install(httplib::Server* server);

  // NewConnectionPool returns the thread pool for `server.new_task_queue`:
  // `config.num_connections` threads, each serving one connection at a
  // time, that give back what a request held when its connection ends.
  httplib::TaskQueue* NewConnectionPool() const;

  Metrics& metrics() { return metrics_; }

 private:
  void HandleVerify(const httplib::Request& request,
                    httplib::Response& response,
                    const httplib::ContentReader& reader);
  // RejectBeforeReading returns the error for a verify request that is
  // rejected on its headers alone.
  std::optional<ApiError> RejectBeforeReading(
      const httplib::Request& request) const;
  // ReadVerifyBody reads the body of a verify request into `body`, or
  // fills `response` with the error and returns false.
  bool ReadVerifyBody(const httplib::Request& request,
                      httplib::Response& response,
                      const httplib::ContentReader& reader, ReceivedBody* body);
  // InstallBodyDiscarding makes requests with a body to every other route
  // discard the body before their error response.
  void InstallBodyDiscarding(httplib::Server* server);
  // KeyAccepted returns whether the request may use its route: routes under
  // /api/ need a configured key, when there are any.
  bool KeyAccepted(const httplib::Request& request) const;
  // UnauthorizedError returns the 401 for a missing or rejected key.
  ApiError UnauthorizedError(const httplib::Request& request) const;
  void HandleTrust(httplib::Response& response) const;
  void HandleReady(httplib::Response& response) const;
  void HandleMetrics(httplib::Response& response);
  // CollectRevocation fetches the OCSP responses and CRLs for the signers
  // of `cms`, logging each failed fetch.
  verify::RevocationEvidence CollectRevocation(const Bytes& cms,
                                               Time control_time,
                                               const std::string& request_id);
  httplib::Server::HandlerResponse CheckRequest(const httplib::Request& request,
                                                httplib::Response& response);
  // AdmitBody waits for room in memory for the body of a verify request.
  // It returns false, having filled `response`, when the wait times out.
  bool AdmitBody(const httplib::Request& request, httplib::Response& response);
  httplib::Server::HandlerResponse FillErrorBody(
      const httplib::Request& request, httplib::Response& response);
  void LogRequest(const httplib::Request& request,
                  const httplib::Response& response);

  const ServerConfig config_;
  const x509::TrustStore trust_;
  JsonLog& log_;
  ApiKeySet api_keys_;
  Metrics metrics_;
  fetch::RevocationFetcher* fetcher_;
  // body_gate_ counts the bytes of request bodies in memory; worker_gate_
  // counts the verifications running.
  FairGate body_gate_;
  FairGate worker_gate_;
};

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_SERVICE_H_
