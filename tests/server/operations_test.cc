// tinysign-server operations: API keys, size limits, the trust listing,
// health, readiness, metrics and graceful shutdown on SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "core/encoding/input_form.h"
#include "tests/server/http_client.h"
#include "tests/server/raw_socket.h"
#include "tests/server/sample_server.h"
#include "tests/server/server_process.h"
#include "tests/server/signed_samples.h"
#include "tests/support/openssl.h"

namespace tinysign::testing {
namespace {

constexpr char kVerify[] = "/api/v1/verify";
constexpr char kJson[] = "application/json";

// SHA-256 of "test-key", from `printf test-key | sha256sum`.
constexpr char kTestKeyHash[] =
    "62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef";

TEST(ApiKeyTest, KeysAreRequiredWhenConfigured) {
  auto server =
      StartSampleServer({}, {{"TINYSIGN_API_KEY_SHA256", kTestKeyHash}});
  ASSERT_NE(server, nullptr);
  const uint16_t port = server->port();

  HttpReply reply = Post(port, kVerify, ValidVerifyBody(), kJson);
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.ErrorCode(), "unauthorized");
  reply = Post(port, kVerify, ValidVerifyBody(), kJson,
               {{"Authorization", "Bearer wrong-key"}});
  EXPECT_EQ(reply.status, 401);
  reply = Post(port, kVerify, ValidVerifyBody(), kJson,
               {{"Authorization", "Basic dGVzdC1rZXk="}});
  EXPECT_EQ(reply.status, 401);
  reply = Get(port, "/api/v1/trust", {{"X-API-Key", "test-key2"}});
  EXPECT_EQ(reply.status, 401);

  reply = Post(port, kVerify, ValidVerifyBody(), kJson,
               {{"Authorization", "Bearer test-key"}});
  EXPECT_EQ(reply.status, 200) << reply.body;
  reply = Post(port, kVerify, ValidVerifyBody(), kJson,
               {{"X-API-Key", "test-key"}});
  EXPECT_EQ(reply.status, 200) << reply.body;
  reply = Get(port, "/api/v1/trust", {{"X-API-Key", "test-key"}});
  EXPECT_EQ(reply.status, 200);
  // Health checks and metrics stay open to the orchestrator.
  EXPECT_EQ(Get(port, "/healthz").status, 200);
  EXPECT_EQ(Get(port, "/metrics").status, 200);
}

TEST(ApiKeyTest, NoKeyNeededWithoutConfiguredKeys) {
  auto server = StartSampleServer({}, {});
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(Post(server->port(), kVerify, ValidVerifyBody(), kJson).status,
            200);
}

TEST(ConfigTest, ConfigFileSetsKeysAndTrust) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "tinysign-server-config.json";
  std::ofstream(path) << boost::json::serialize(
      boost::json::object{{"trust", {Samples().trust_dir.string()}},
                          {"apiKeySha256", {kTestKeyHash}}});
  std::string error;
  auto server = ServerProcess::Start({"--config", path.string()}, {}, &error);
  ASSERT_NE(server, nullptr) << error;
  EXPECT_EQ(Get(server->port(), "/api/v1/trust").status, 401);
  EXPECT_EQ(
      Get(server->port(), "/api/v1/trust", {{"X-API-Key", "test-key"}}).status,
      200);
  EXPECT_EQ(Get(server->port(), "/readyz").status, 200);
}

TEST(ConfigTest, InvalidKeyHashStopsStartup) {
  std::string error;
  auto server = ServerProcess::Start(
      {}, {{"TINYSIGN_API_KEY_SHA256", "test-key"}}, &error);
  EXPECT_EQ(server, nullptr);
  EXPECT_NE(error.find("invalid API key hash"), std::string::npos) << error;
}

TEST(SizeLimitTest, LargeDocumentGets413) {
  auto server =
      StartSampleServer({}, {{"TINYSIGN_MAX_DOCUMENT_BYTES", "1024"},
                             {"TINYSIGN_MAX_SIGNATURE_BYTES", "65536"}});
  ASSERT_NE(server, nullptr);
  const uint16_t port = server->port();
  const auto body = [](size_t document_bytes) {
    return boost::json::serialize(boost::json::object{
        {"signature", encoding::EncodeBase64(Samples().detached)},
        {"document", encoding::EncodeBase64(Bytes(document_bytes, 'a'))},
        {"policy", {{"revocation", "off"}}}});
  };
  // A 1024-byte document is within the limit, so it is verified (and does
  // not match the signature).
  HttpReply reply = Post(port, kVerify, body(1024), kJson);
  EXPECT_EQ(reply.status, 200) << reply.body;
  reply = Post(port, kVerify, body(1025), kJson);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.ErrorCode(), "payload_too_large");
  // A body far over the limit is rejected from its Content-Length.
  reply = Post(port, kVerify, body(4 * 1024 * 1024), kJson);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.ErrorCode(), "payload_too_large");
  reply = PostForm(
      port, kVerify,
      {{"signature",
        std::string(Samples().detached.begin(), Samples().detached.end()),
        "sig.p7s", ""},
       {"document", std::string(2048, 'a'), "doc", ""}});
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(Get(port, "/healthz").status, 200);
}

TEST(TrustTest, ListsAnchorWithOpenSslFingerprint) {
  auto server = StartSampleServer({}, {});
  ASSERT_NE(server, nullptr);
  const HttpReply reply = Get(server->port(), "/api/v1/trust");
  ASSERT_EQ(reply.status, 200);
  const boost::json::value body = reply.Json();
  ASSERT_TRUE(body.is_object()) << reply.body;
  const auto& anchors = body.at("anchors").as_array();
  const auto& intermediates = body.at("intermediates").as_array();
  ASSERT_EQ(anchors.size(), 1u);
  EXPECT_EQ(intermediates.size(), 1u);

  const CommandResult dgst = RunCommand(
      {"openssl", "dgst", "-sha256", "-r", Samples().root_der_path.string()});
  ASSERT_EQ(dgst.exit_code, 0);
  EXPECT_EQ(std::string(anchors[0].at("sha256").as_string()),
            dgst.output.substr(0, 64));
  const CommandResult subject = RunCommand(
      {"openssl", "x509", "-inform", "DER", "-noout", "-subject", "-nameopt",
       "RFC2253", "-in", Samples().root_der_path.string()});
  ASSERT_EQ(subject.exit_code, 0);
  EXPECT_EQ(
      "subject=" + std::string(anchors[0].at("subject").as_string()) + "\n",
      subject.output);
  EXPECT_TRUE(anchors[0].as_object().contains("notBefore"));
  EXPECT_TRUE(anchors[0].as_object().contains("notAfter"));
}

TEST(HealthTest, ReadyOnlyWithTrust) {
  auto server = StartSampleServer({}, {});
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(Get(server->port(), "/healthz").status, 200);
  EXPECT_EQ(Get(server->port(), "/readyz").status, 200);

  const std::filesystem::path empty =
      std::filesystem::temp_directory_path() / "tinysign-server-no-trust";
  std::filesystem::create_directories(empty);
  std::string error;
  auto untrusting =
      ServerProcess::Start({"--trust", empty.string()}, {}, &error);
  ASSERT_NE(untrusting, nullptr) << error;
  EXPECT_EQ(Get(untrusting->port(), "/healthz").status, 200);
  const HttpReply reply = Get(untrusting->port(), "/readyz");
  EXPECT_EQ(reply.status, 503);
  EXPECT_EQ(reply.ErrorCode(), "not_ready");
}

TEST(WebRootTest, ServesStaticFiles) {
  const std::filesystem::path web_root =
      std::filesystem::temp_directory_path() / "tinysign-server-web-root";
  std::filesystem::create_directories(web_root);
  const std::string page = "<!doctype html><title>TinySign</title>\n";
  std::ofstream(web_root / "index.html") << page;
  std::string error;
  auto server = ServerProcess::Start({"--trust", Samples().trust_dir.string(),
                                      "--web-root", web_root.string()},
                                     {}, &error);
  ASSERT_NE(server, nullptr) << error;
  const HttpReply reply = Get(server->port(), "/index.html");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, page);
  EXPECT_EQ(Get(server->port(), "/healthz").status, 200);
  EXPECT_EQ(Get(server->port(), "/missing.html").status, 404);
}

TEST(MetricsTest, CountsRequestsAndVerdicts) {
  auto server = StartSampleServer({}, {});
  ASSERT_NE(server, nullptr);
  ASSERT_EQ(Post(server->port(), kVerify, ValidVerifyBody(), kJson).status,
            200);
  Post(server->port(), kVerify, "{", kJson);
  // The server counts a request after writing its reply, so the count of
  // the last one may land a moment after the client has read it.
  const std::string counted =
      "tinysign_http_requests_total{route=\"/api/v1/verify\","
      "status=\"400\"} 1\n";
  HttpReply reply = Get(server->port(), "/metrics");
  for (int i = 0; i < 100 && reply.body.find(counted) == std::string::npos;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    reply = Get(server->port(), "/metrics");
  }
  ASSERT_EQ(reply.status, 200);
  const std::string& text = reply.body;
  EXPECT_NE(text.find("tinysign_http_requests_total{route=\"/api/v1/verify\","
                      "status=\"200\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("tinysign_http_requests_total{route=\"/api/v1/verify\","
                      "status=\"400\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("tinysign_verdicts_total{verdict=\"valid\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("tinysign_verification_seconds_count 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("tinysign_verification_seconds_bucket{le=\"+Inf\"} 1\n"),
            std::string::npos);
  for (const char* series :
       {"tinysign_revocation_fetch_requests_total",
        "tinysign_revocation_fetch_errors_total",
        "tinysign_revocation_fetch_cache_hits_total",
        "tinysign_revocation_fetch_cache_file_loads_total",
        "tinysign_revocation_fetch_cache_file_errors_total",
        "tinysign_revocation_fetch_duration_seconds"}) {
    EXPECT_NE(text.find(series), std::string::npos) << series;
  }
}

TEST(FetchTest, UnreachableResponderGivesIndeterminate) {
  // Port 1 on 127.0.0.1 has no listener, so the connection is refused.
  auto server = StartSampleServer(
      {}, {{"TINYSIGN_FETCH_MAP",
            std::string(kSampleOcspUrl) + "=http://127.0.0.1:1/ocsp"}});
  ASSERT_NE(server, nullptr);
  const std::string body = boost::json::serialize(boost::json::object{
      {"signature", encoding::EncodeBase64(Samples().with_ocsp_url)},
      {"policy",
       {{"revocation", "require"}, {"validationTime", kValidationTime}}}});
  const HttpReply reply = Post(server->port(), kVerify, body, kJson);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Json().at("verdict"), "indeterminate") << reply.body;
  const std::string log = server->Log();
  EXPECT_NE(log.find("revocation_fetch_failed"), std::string::npos) << log;
  EXPECT_EQ(log.find("fetch.remote_not_allowed"), std::string::npos) << log;
  const HttpReply metrics = Get(server->port(), "/metrics");
  // One OCSP fetch failed after two requests: fetch::FetchConfig retries
  // a refused connection once by default.
  EXPECT_NE(metrics.body.find(
                "tinysign_revocation_fetch_errors_total{kind=\"ocsp\"} 1\n"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find(
                "tinysign_revocation_fetch_requests_total{kind=\"ocsp\"} 2\n"),
            std::string::npos);
}

TEST(ShutdownTest, SigtermFinishesRequestInFlight) {
  auto server = StartSampleServer({}, {});
  ASSERT_NE(server, nullptr);
  const std::string body = ValidVerifyBody();
  const int fd = ConnectTo(server->port());
  ASSERT_GE(fd, 0);
  // Send the headers and half the body, so the request is in flight when
  // SIGTERM arrives.
  const std::string head = PostHead(kVerify, body.size(), false);
  ASSERT_TRUE(SendAll(fd, head + body.substr(0, body.size() / 2)));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto stopped = std::async(std::launch::async, [&] { return server->Stop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_TRUE(SendAll(fd, body.substr(body.size() / 2)));
  const std::string response = ReceiveAll(fd);
  close(fd);

  EXPECT_EQ(response.rfind("HTTP/1.1 200", 0), 0u) << response;
  EXPECT_NE(response.find("\"verdict\":\"valid\""), std::string::npos);
  EXPECT_EQ(stopped.get(), 0);
  EXPECT_EQ(ConnectTo(server->port()), -1);
  EXPECT_NE(server->Log().find("\"event\":\"stopped\""), std::string::npos);
}

}  // namespace
}  // namespace tinysign::testing
