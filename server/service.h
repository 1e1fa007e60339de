// The HTTP routes of tinysign-server and the hooks around them: API key
// checks, request ids, JSON error bodies, request logs and metrics.
#ifndef TINYSIGN_SERVER_SERVICE_H_
#define TINYSIGN_SERVER_SERVICE_H_

#include <httplib.h>

#include <span>
#include <string_view>

#include "core/x509/trust_store.h"
#include "fetch/revocation_fetcher.h"
#include "server/api_key.h"
#include "server/config.h"
#include "server/json_log.h"
#include "server/metrics.h"

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

  Metrics& metrics() { return metrics_; }

 private:
  void HandleVerify(const httplib::Request& request,
                    httplib::Response& response);
  void HandleTrust(httplib::Response& response) const;
  void HandleReady(httplib::Response& response) const;
  void HandleMetrics(httplib::Response& response) const;
  // CollectRevocation fetches the OCSP responses and CRLs for the signers
  // of `cms`, logging each failed fetch.
  verify::RevocationEvidence CollectRevocation(const Bytes& cms,
                                               Time control_time,
                                               const std::string& request_id);
  httplib::Server::HandlerResponse CheckRequest(const httplib::Request& request,
                                                httplib::Response& response);
  httplib::Server::HandlerResponse FillErrorBody(httplib::Response& response);
  void LogRequest(const httplib::Request& request,
                  const httplib::Response& response);

  const ServerConfig config_;
  const x509::TrustStore trust_;
  JsonLog& log_;
  ApiKeySet api_keys_;
  Metrics metrics_;
  fetch::RevocationFetcher* fetcher_;
};

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_SERVICE_H_
