// tinysign-server under contention: idle keep-alive connections do not
// hold the workers, and a request that waits too long for memory gets 503.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/server/http_client.h"
#include "tests/server/raw_socket.h"
#include "tests/server/sample_server.h"
#include "tests/server/server_process.h"
#include "tests/server/signed_samples.h"

namespace tinysign::testing {
namespace {

constexpr char kVerify[] = "/api/v1/verify";
constexpr char kJson[] = "application/json";

TEST(AdmissionTest, IdleConnectionsLeaveWorkerFree) {
  // One worker and a long keep-alive: if a connection held the worker
  // while idle, the request below would wait a minute.
  auto server =
      StartSampleServer({}, {{"TINYSIGN_WORKERS", "1"},
                             {"TINYSIGN_KEEP_ALIVE_TIMEOUT_SECONDS", "60"},
                             {"TINYSIGN_READ_TIMEOUT_SECONDS", "60"}});
  ASSERT_NE(server, nullptr);
  std::vector<int> idle;
  for (int i = 0; i < 3; ++i) {
    const int fd = ConnectTo(server->port());
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(
        SendAll(fd, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    idle.push_back(fd);
  }
  auto reply = std::async(std::launch::async, [&] {
    return Post(server->port(), kVerify, ValidVerifyBody(), kJson);
  });
  ASSERT_EQ(reply.wait_for(std::chrono::seconds(20)),
            std::future_status::ready);
  const HttpReply answer = reply.get();
  EXPECT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.Json().at("verdict"), "valid");
  for (const int fd : idle) {
    close(fd);
  }
}

TEST(AdmissionTest, MemoryWaitTimesOutWith503) {
  const std::string body = ValidVerifyBody();
  auto server = StartSampleServer(
      {}, {{"TINYSIGN_MAX_BUFFERED_BYTES", std::to_string(body.size())},
           {"TINYSIGN_QUEUE_TIMEOUT_SECONDS", "1"}});
  ASSERT_NE(server, nullptr);
  // The first request announces its whole body and sends none of it yet,
  // so it reserves all the memory allowed for bodies.
  const int fd = ConnectTo(server->port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(SendAll(fd, PostHead(kVerify, body.size(), false)));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));

  const HttpReply metrics = Get(server->port(), "/metrics");
  EXPECT_NE(metrics.body.find("tinysign_buffered_body_bytes " +
                              std::to_string(body.size()) + "\n"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("tinysign_busy_workers 0\n"), std::string::npos);

  const HttpReply busy = Post(server->port(), kVerify, body, kJson);
  EXPECT_EQ(busy.status, 503) << busy.body;
  EXPECT_EQ(busy.ErrorCode(), "busy");
  ASSERT_TRUE(busy.headers.count("Retry-After") == 1);
  EXPECT_EQ(busy.headers.find("Retry-After")->second, "1");

  ASSERT_TRUE(SendAll(fd, body));
  const std::string first = ReceiveAll(fd);
  close(fd);
  EXPECT_EQ(first.rfind("HTTP/1.1 200", 0), 0u) << first;
  EXPECT_NE(first.find("\"verdict\":\"valid\""), std::string::npos);

  const HttpReply after = Post(server->port(), kVerify, body, kJson);
  EXPECT_EQ(after.status, 200) << after.body;
  EXPECT_NE(server->Log().find("\"code\":\"busy\""), std::string::npos);
}

TEST(AdmissionTest, RejectedKeyKeepsConnectionUsable) {
  // SHA-256 of "test-key", from `printf test-key | sha256sum`.
  auto server = StartSampleServer(
      {},
      {{"TINYSIGN_API_KEY_SHA256",
        "62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef"}});
  ASSERT_NE(server, nullptr);
  const std::string body = ValidVerifyBody();
  const int fd = ConnectTo(server->port());
  ASSERT_GE(fd, 0);
  // The first request has no key, and the service rejects it without
  // looking at its body. The second, on the same connection, carries the
  // key: it must not be confused by the body of the first.
  ASSERT_TRUE(SendAll(fd, PostHead(kVerify, body.size(), true) + body));
  const std::string rejected = ReceiveResponse(fd);
  EXPECT_EQ(rejected.rfind("HTTP/1.1 401", 0), 0u) << rejected;
  const std::string second_head =
      "POST /api/v1/verify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "X-API-Key: test-key\r\nConnection: close\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  ASSERT_TRUE(SendAll(fd, second_head + body));
  const std::string accepted = ReceiveAll(fd);
  close(fd);
  EXPECT_EQ(accepted.rfind("HTTP/1.1 200", 0), 0u) << accepted;
  EXPECT_NE(accepted.find("\"verdict\":\"valid\""), std::string::npos);
}

TEST(AdmissionTest, UnsupportedTypeKeepsConnectionUsable) {
  auto server = StartSampleServer({}, {});
  ASSERT_NE(server, nullptr);
  const std::string body = ValidVerifyBody();
  const int fd = ConnectTo(server->port());
  ASSERT_GE(fd, 0);
  const std::string text_head =
      "POST /api/v1/verify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: text/plain\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  ASSERT_TRUE(SendAll(fd, text_head + body));
  const std::string rejected = ReceiveResponse(fd);
  EXPECT_EQ(rejected.rfind("HTTP/1.1 415", 0), 0u) << rejected;
  ASSERT_TRUE(SendAll(fd, PostHead(kVerify, body.size(), false) + body));
  const std::string accepted = ReceiveAll(fd);
  close(fd);
  EXPECT_EQ(accepted.rfind("HTTP/1.1 200", 0), 0u) << accepted;
}

TEST(AdmissionTest, MalformedRequestLineNotLogged) {
  auto server = StartSampleServer({}, {});
  ASSERT_NE(server, nullptr);
  const int fd = ConnectTo(server->port());
  ASSERT_GE(fd, 0);
  // A request line made of base64, as when a client sends a body the
  // service did not expect.
  const std::string secret = "MIIBsecretSignatureBytesQWERTY";
  ASSERT_TRUE(SendAll(fd, secret + " / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                   "Connection: close\r\n\r\n"));
  const std::string reply = ReceiveAll(fd);
  close(fd);
  EXPECT_EQ(reply.rfind("HTTP/1.1 4", 0), 0u) << reply;
  // The request log line is written after the response.
  for (int i = 0; i < 100 && server->Log().find("\"event\":\"request\"") ==
                                 std::string::npos;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const std::string log = server->Log();
  EXPECT_NE(log.find("\"event\":\"request\""), std::string::npos) << log;
  EXPECT_EQ(log.find(secret), std::string::npos) << log;
}

}  // namespace
}  // namespace tinysign::testing
