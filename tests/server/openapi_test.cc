// server/openapi.json against the implementation: the routes, the error
// codes, and a live request for every route and status the file lists.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>

#include "core/encoding/input_form.h"
#include "server/api_error.h"
#include "server/service.h"
#include "server/trust_listing.h"
#include "tests/server/http_client.h"
#include "tests/server/raw_socket.h"
#include "tests/server/sample_server.h"
#include "tests/server/server_process.h"
#include "tests/server/signed_samples.h"
#include "tests/support/pki_builders.h"

namespace tinysign::testing {
namespace {

// SHA-256 of "test-key", from `printf test-key | sha256sum`.
constexpr char kTestKeyHash[] =
    "62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef";

boost::json::object LoadOpenApi() {
  std::ifstream file(std::string(TINYSIGN_SOURCE_DIR) + "/server/openapi.json");
  std::ostringstream text;
  text << file.rdbuf();
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text.str(), ec);
  EXPECT_FALSE(ec) << "server/openapi.json is not valid JSON";
  return ec ? boost::json::object() : value.as_object();
}

std::string Upper(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

// RouteStatus is a method, path and documented status.
using RouteStatus = std::tuple<std::string, std::string, int>;

std::set<RouteStatus> DocumentedStatuses(const boost::json::object& api) {
  std::set<RouteStatus> statuses;
  for (const auto& path : api.at("paths").as_object()) {
    for (const auto& operation : path.value().as_object()) {
      for (const auto& response :
           operation.value().at("responses").as_object()) {
        if (response.key() == "default") {
          continue;
        }
        statuses.emplace(Upper(operation.key()), path.key(),
                         std::stoi(std::string(response.key())));
      }
    }
  }
  return statuses;
}

TEST(OpenApiTest, ListsExactlyTheServedRoutes) {
  const boost::json::object api = LoadOpenApi();
  ASSERT_TRUE(api.contains("paths"));
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [method, path, status] : DocumentedStatuses(api)) {
    documented.emplace(method, path);
  }
  std::set<std::pair<std::string, std::string>> served;
  for (const server::Route& route : server::Routes()) {
    served.emplace(route.method, route.path);
  }
  EXPECT_EQ(documented, served);
}

TEST(OpenApiTest, ListsEveryErrorCode) {
  const boost::json::object api = LoadOpenApi();
  ASSERT_TRUE(api.contains("components"));
  std::set<std::string> documented;
  for (const auto& code : api.at("components")
                              .at("schemas")
                              .at("ErrorCode")
                              .at("enum")
                              .as_array()) {
    documented.emplace(code.as_string());
  }
  std::set<std::string> emitted;
  for (const server::ApiErrorInfo& info : server::ApiErrorTable()) {
    emitted.emplace(info.id);
  }
  EXPECT_EQ(documented, emitted);
}

TEST(OpenApiTest, TrustListingMatchesSchema) {
  const auto& key = TestKeyFor(pki::KeyType::kGost2015_512, 0);
  const auto root = Issue(pki::RootSpec("Schema Root"), key, key);
  pki::CertificateSpec leaf_spec = pki::LeafSpec("Schema Leaf", root);
  leaf_spec.omit_subject_key_identifier = true;
  const auto leaf =
      Issue(leaf_spec, TestKeyFor(pki::KeyType::kGost2015_512, 1), key);
  x509::TrustStore trust;
  ASSERT_TRUE(trust.Add(root.der).has_value());
  ASSERT_TRUE(trust.Add(leaf.der).has_value());

  const boost::json::object api = LoadOpenApi();
  ASSERT_TRUE(api.contains("components"));
  const auto& properties = api.at("components")
                               .at("schemas")
                               .at("TrustCertificate")
                               .at("properties")
                               .as_object();
  const boost::json::object listing = server::TrustListing(trust);
  const auto& anchors = listing.at("anchors").as_array();
  const auto& intermediates = listing.at("intermediates").as_array();
  ASSERT_EQ(anchors.size(), 1u);
  ASSERT_EQ(intermediates.size(), 1u);
  for (const auto* list : {&anchors, &intermediates}) {
    for (const auto& [field, value] : list->at(0).as_object()) {
      EXPECT_TRUE(properties.contains(field)) << field << " is undocumented";
    }
  }
  // The builder chose the root's key identifier bytes.
  ASSERT_TRUE(anchors[0].as_object().contains("subjectKeyIdentifier"));
  EXPECT_EQ(std::string(anchors[0].at("subjectKeyIdentifier").as_string()),
            encoding::HexEncode(root.subject_key_identifier));
  EXPECT_FALSE(intermediates[0].as_object().contains("subjectKeyIdentifier"));
}

// Servers are the three configurations the status requests need.
struct Servers {
  std::unique_ptr<ServerProcess> trusting;
  // keyed needs the key "test-key" and takes documents up to 64 bytes.
  std::unique_ptr<ServerProcess> keyed;
  std::unique_ptr<ServerProcess> untrusting;
  // busy lets one byte of request bodies wait, for a second at most.
  std::unique_ptr<ServerProcess> busy;
  // hurried reads each body within a second.
  std::unique_ptr<ServerProcess> hurried;
};

using StatusRequest = std::function<HttpReply(const Servers&)>;

// StatusRequests returns, for every route and status the service can
// produce, a request that produces it.
std::map<RouteStatus, StatusRequest> StatusRequests() {
  const httplib::Headers key = {{"X-API-Key", "test-key"}};
  const std::string json = "application/json";
  const std::string verify = "/api/v1/verify";
  return {
      {{"POST", verify, 200},
       [=](const Servers& s) {
         return Post(s.trusting->port(), verify, ValidVerifyBody(), json);
       }},
      {{"POST", verify, 400},
       [=](const Servers& s) {
         return Post(s.trusting->port(), verify, "{", json);
       }},
      {{"POST", verify, 401},
       [=](const Servers& s) {
         return Post(s.keyed->port(), verify, ValidVerifyBody(), json);
       }},
      {{"POST", verify, 413},
       [=](const Servers& s) {
         const std::string body = boost::json::serialize(boost::json::object{
             {"signature", encoding::EncodeBase64(Samples().detached)},
             {"document", encoding::EncodeBase64(Bytes(65, 'a'))}});
         return Post(s.keyed->port(), verify, body, json, key);
       }},
      {{"POST", verify, 503},
       [=](const Servers& s) {
         // A request whose body has not arrived reserves the memory allowed
         // for bodies, so the next one waits and is turned away.
         const int fd = ConnectTo(s.busy->port());
         SendAll(fd, PostHead(verify, 100, false));
         std::this_thread::sleep_for(std::chrono::milliseconds(300));
         HttpReply reply =
             Post(s.busy->port(), verify, ValidVerifyBody(), json);
         close(fd);
         return reply;
       }},
      {{"POST", verify, 408},
       [=](const Servers& s) {
         // Every piece arrives within the 1 s read timeout, the whole body
         // after it.
         const std::string body = ValidVerifyBody();
         const int fd = ConnectTo(s.hurried->port());
         SendAll(fd, PostHead(verify, body.size(), false));
         const size_t piece = body.size() / 4 + 1;
         for (size_t offset = 0; offset < body.size(); offset += piece) {
           std::this_thread::sleep_for(std::chrono::milliseconds(400));
           SendAll(fd, body.substr(offset, piece));
         }
         HttpReply reply;
         const std::string response = ReceiveAll(fd);
         close(fd);
         if (response.rfind("HTTP/1.1 ", 0) == 0) {
           reply.status = std::stoi(response.substr(9, 3));
         }
         return reply;
       }},
      {{"POST", verify, 415},
       [=](const Servers& s) {
         return Post(s.trusting->port(), verify, "x", "text/plain");
       }},
      {{"GET", "/api/v1/trust", 200},
       [](const Servers& s) {
         return Get(s.trusting->port(), "/api/v1/trust");
       }},
      {{"GET", "/api/v1/trust", 401},
       [](const Servers& s) { return Get(s.keyed->port(), "/api/v1/trust"); }},
      {{"GET", "/healthz", 200},
       [](const Servers& s) { return Get(s.trusting->port(), "/healthz"); }},
      {{"GET", "/readyz", 200},
       [](const Servers& s) { return Get(s.trusting->port(), "/readyz"); }},
      {{"GET", "/readyz", 503},
       [](const Servers& s) { return Get(s.untrusting->port(), "/readyz"); }},
      {{"GET", "/metrics", 200},
       [](const Servers& s) { return Get(s.trusting->port(), "/metrics"); }},
  };
}

TEST(OpenApiTest, EveryDocumentedStatusIsServed) {
  const boost::json::object api = LoadOpenApi();
  ASSERT_TRUE(api.contains("paths"));
  Servers servers;
  std::string error;
  const std::string trust = Samples().trust_dir.string();
  servers.trusting = ServerProcess::Start({"--trust", trust}, {}, &error);
  ASSERT_NE(servers.trusting, nullptr) << error;
  servers.keyed =
      ServerProcess::Start({"--trust", trust},
                           {{"TINYSIGN_API_KEY_SHA256", kTestKeyHash},
                            {"TINYSIGN_MAX_DOCUMENT_BYTES", "64"}},
                           &error);
  ASSERT_NE(servers.keyed, nullptr) << error;
  const auto empty = std::filesystem::temp_directory_path() /
                     "tinysign-server-openapi-no-trust";
  std::filesystem::create_directories(empty);
  servers.untrusting =
      ServerProcess::Start({"--trust", empty.string()}, {}, &error);
  ASSERT_NE(servers.untrusting, nullptr) << error;
  servers.busy = ServerProcess::Start({"--trust", trust},
                                      {{"TINYSIGN_MAX_BUFFERED_BYTES", "1"},
                                       {"TINYSIGN_QUEUE_TIMEOUT_SECONDS", "1"}},
                                      &error);
  ASSERT_NE(servers.busy, nullptr) << error;
  servers.hurried = ServerProcess::Start(
      {"--trust", trust}, {{"TINYSIGN_READ_TIMEOUT_SECONDS", "1"}}, &error);
  ASSERT_NE(servers.hurried, nullptr) << error;

  const auto requests = StatusRequests();
  const std::set<RouteStatus> documented = DocumentedStatuses(api);
  for (const auto& [method, path, status] : documented) {
    SCOPED_TRACE(method + " " + path + " " + std::to_string(status));
    const auto request = requests.find({method, path, status});
    ASSERT_NE(request, requests.end())
        << "the file lists a status with no request that produces it";
    EXPECT_EQ(request->second(servers).status, status);
  }
  for (const auto& [route_status, request] : requests) {
    EXPECT_TRUE(documented.contains(route_status))
        << std::get<0>(route_status) << " " << std::get<1>(route_status) << " "
        << std::get<2>(route_status) << " is served but not listed";
  }
}

}  // namespace
}  // namespace tinysign::testing
