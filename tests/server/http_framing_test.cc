// tinysign-server at the HTTP layer: body framing and encodings it
// rejects, methods and paths it does not serve, media types, and the
// deadline for stopping with a slow client connected.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
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

// Exchange sends `request` on a new connection and returns the whole
// response, read until the service closes the connection.
std::string Exchange(uint16_t port, const std::string& request) {
  const int fd = ConnectTo(port);
  if (fd < 0) {
    return "";
  }
  SendAll(fd, request);
  std::string response = ReceiveAll(fd);
  close(fd);
  return response;
}

std::string StatusLine(const std::string& response) {
  return response.substr(0, response.find("\r\n"));
}

TEST(HttpFramingTest, ChunkedBodyOverLimitGets413) {
  // With 64-byte documents and signatures the body limit is 1 MiB plus
  // 172 bytes: 128 decoded bytes as base64 and the slack for JSON.
  auto server = StartSampleServer({}, {{"TINYSIGN_MAX_DOCUMENT_BYTES", "64"},
                                       {"TINYSIGN_MAX_SIGNATURE_BYTES", "64"}});
  ASSERT_NE(server, nullptr);
  const std::string chunk(64 * 1024, 'A');
  std::string request =
      "POST /api/v1/verify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Connection: close\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  // 2 MiB in chunks of 64 KiB (10000 in hex), then the last chunk.
  for (int i = 0; i < 32; ++i) {
    request += "10000\r\n" + chunk + "\r\n";
  }
  request += "0\r\n\r\n";
  const std::string response = Exchange(server->port(), request);
  EXPECT_EQ(StatusLine(response), "HTTP/1.1 413 Payload Too Large");
  EXPECT_NE(response.find("\"code\":\"payload_too_large\""), std::string::npos);
  EXPECT_EQ(Get(server->port(), "/healthz").status, 200);
}

TEST(HttpFramingTest, CompressedBodyGets415) {
  auto server = StartSampleServer({}, {});
  ASSERT_NE(server, nullptr);
  const HttpReply reply =
      Post(server->port(), kVerify, ValidVerifyBody(), "application/json",
           {{"Content-Encoding", "gzip"}});
  EXPECT_EQ(reply.status, 415);
  EXPECT_EQ(reply.ErrorCode(), "unsupported_media_type");
  EXPECT_NE(reply.body.find("gzip"), std::string::npos);
}

TEST(HttpFramingTest, LengthWithChunkedGets400) {
  auto server = StartSampleServer({}, {});
  ASSERT_NE(server, nullptr);
  const std::string response =
      Exchange(server->port(),
               "POST /api/v1/verify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               "Connection: close\r\nContent-Type: application/json\r\n"
               "Content-Length: 7\r\nTransfer-Encoding: chunked\r\n\r\n"
               "2\r\n{}\r\n0\r\n\r\n");
  EXPECT_EQ(StatusLine(response), "HTTP/1.1 400 Bad Request");
  EXPECT_NE(response.find("Transfer-Encoding"), std::string::npos);
}

TEST(HttpFramingTest, NonDecimalLengthGets400) {
  auto server = StartSampleServer({}, {});
  ASSERT_NE(server, nullptr);
  for (const char* length : {"abc", "-1", "+5"}) {
    SCOPED_TRACE(length);
    const std::string response =
        Exchange(server->port(),
                 "POST /api/v1/verify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Connection: close\r\nContent-Type: application/json\r\n"
                 "Content-Length: " +
                     std::string(length) + "\r\n\r\n");
    EXPECT_EQ(StatusLine(response), "HTTP/1.1 400 Bad Request");
    EXPECT_NE(response.find("invalid Content-Length"), std::string::npos);
  }
}

TEST(HttpFramingTest, WrongMethodGets405WithAllow) {
  auto server = StartSampleServer({}, {});
  ASSERT_NE(server, nullptr);
  const HttpReply get_verify = Get(server->port(), kVerify);
  EXPECT_EQ(get_verify.status, 405);
  EXPECT_EQ(get_verify.ErrorCode(), "method_not_allowed");
  ASSERT_EQ(get_verify.headers.count("Allow"), 1u);
  EXPECT_EQ(get_verify.headers.find("Allow")->second, "POST");

  const HttpReply post_health =
      Post(server->port(), "/healthz", "{}", "application/json");
  EXPECT_EQ(post_health.status, 405);
  ASSERT_EQ(post_health.headers.count("Allow"), 1u);
  EXPECT_EQ(post_health.headers.find("Allow")->second, "GET, HEAD");

  EXPECT_EQ(Get(server->port(), "/api/v1/nothing").status, 404);
}

TEST(HttpFramingTest, MediaTypeIsMatchedExactly) {
  auto server = StartSampleServer({}, {});
  ASSERT_NE(server, nullptr);
  const HttpReply upper = Post(server->port(), kVerify, ValidVerifyBody(),
                               "APPLICATION/JSON; charset=utf-8");
  EXPECT_EQ(upper.status, 200) << upper.body;
  const HttpReply jsonp =
      Post(server->port(), kVerify, ValidVerifyBody(), "application/jsonp");
  EXPECT_EQ(jsonp.status, 415);
  EXPECT_EQ(jsonp.ErrorCode(), "unsupported_media_type");
}

TEST(HttpFramingTest, NulInPathGets400) {
  const std::filesystem::path web_root =
      std::filesystem::temp_directory_path() / "tinysign-server-nul-path";
  std::filesystem::create_directories(web_root);
  std::ofstream(web_root / "note.txt") << "plain text\n";
  auto server = StartSampleServer({"--web-root", web_root.string()}, {});
  ASSERT_NE(server, nullptr);
  const HttpReply text = Get(server->port(), "/note.txt");
  EXPECT_EQ(text.status, 200);
  ASSERT_EQ(text.headers.count("X-Content-Type-Options"), 1u);
  EXPECT_EQ(text.headers.find("X-Content-Type-Options")->second, "nosniff");
  // Served as note.txt with the type of .html, this would let the text
  // run as a page.
  const HttpReply trick = Get(server->port(), "/note.txt%00.html");
  EXPECT_EQ(trick.status, 400);
  EXPECT_EQ(trick.ErrorCode(), "invalid_request");
}

TEST(HttpFramingTest, GetWithBodyStillNeedsKey) {
  // SHA-256 of "test-key", from `printf test-key | sha256sum`.
  auto server = StartSampleServer(
      {},
      {{"TINYSIGN_API_KEY_SHA256",
        "62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef"}});
  ASSERT_NE(server, nullptr);
  const std::string response =
      Exchange(server->port(),
               "GET /api/v1/trust HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               "Connection: close\r\nContent-Length: 1\r\n\r\nx");
  EXPECT_EQ(StatusLine(response), "HTTP/1.1 401 Unauthorized") << response;
  EXPECT_EQ(response.find("\"anchors\""), std::string::npos) << response;
}

TEST(HttpFramingTest, PostWithoutLengthHasEmptyBody) {
  auto server = StartSampleServer({}, {});
  ASSERT_NE(server, nullptr);
  const auto start = std::chrono::steady_clock::now();
  const std::string response =
      Exchange(server->port(),
               "POST /api/v1/verify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               "Connection: close\r\nContent-Type: application/json\r\n\r\n");
  // An empty body is not JSON; the service must not wait for more.
  EXPECT_EQ(StatusLine(response), "HTTP/1.1 400 Bad Request") << response;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(HttpFramingTest, LengthOverLimitTakesNoMemory) {
  const std::string body = ValidVerifyBody();
  auto server = StartSampleServer(
      {}, {{"TINYSIGN_MAX_DOCUMENT_BYTES", "64"},
           {"TINYSIGN_MAX_SIGNATURE_BYTES", "65536"},
           {"TINYSIGN_MAX_BUFFERED_BYTES", std::to_string(body.size())},
           {"TINYSIGN_QUEUE_TIMEOUT_SECONDS", "1"}});
  ASSERT_NE(server, nullptr);
  // Three clients announce bodies over the limit and send none of them.
  // Were their lengths reserved, the request below would wait a second
  // and get 503.
  std::vector<int> idle;
  for (int i = 0; i < 3; ++i) {
    const int fd = ConnectTo(server->port());
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(SendAll(fd, PostHead(kVerify, 200000000, false)));
    idle.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const HttpReply reply =
      Post(server->port(), kVerify, body, "application/json");
  EXPECT_EQ(reply.status, 200) << reply.body;
  for (const int fd : idle) {
    close(fd);
  }
}

TEST(HttpFramingTest, StalledBodyGets408) {
  auto server = StartSampleServer({}, {{"TINYSIGN_READ_TIMEOUT_SECONDS", "1"}});
  ASSERT_NE(server, nullptr);
  const std::string body = ValidVerifyBody();
  // Half the body, then nothing: the read times out after a second.
  const std::string response =
      Exchange(server->port(), PostHead(kVerify, body.size(), false) +
                                   body.substr(0, body.size() / 2));
  EXPECT_EQ(StatusLine(response), "HTTP/1.1 408 Request Timeout") << response;
  EXPECT_NE(response.find("readTimeoutSeconds"), std::string::npos);
}

TEST(HttpFramingTest, IdentityEncodingInAnyCaseIsAccepted) {
  auto server = StartSampleServer({}, {});
  ASSERT_NE(server, nullptr);
  const HttpReply reply =
      Post(server->port(), kVerify, ValidVerifyBody(), "application/json",
           {{"Content-Encoding", "Identity"}});
  EXPECT_EQ(reply.status, 200) << reply.body;
}

TEST(HttpFramingTest, SlowClientCannotDelayStopPastDeadline) {
  auto server =
      StartSampleServer({}, {{"TINYSIGN_SHUTDOWN_TIMEOUT_SECONDS", "1"},
                             {"TINYSIGN_READ_TIMEOUT_SECONDS", "60"}});
  ASSERT_NE(server, nullptr);
  const std::string body = ValidVerifyBody();
  const int fd = ConnectTo(server->port());
  ASSERT_GE(fd, 0);
  // Half a body: the request stays in flight until the client sends the
  // rest, which it never does.
  ASSERT_TRUE(SendAll(fd, PostHead(kVerify, body.size(), false) +
                              body.substr(0, body.size() / 2)));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto start = std::chrono::steady_clock::now();
  const int status = server->Stop();
  const auto elapsed = std::chrono::steady_clock::now() - start;
  close(fd);
  EXPECT_EQ(status, 1);
  EXPECT_LT(elapsed, std::chrono::seconds(10));
  EXPECT_NE(server->Log().find("\"event\":\"stop_timeout\""),
            std::string::npos);
}

}  // namespace
}  // namespace tinysign::testing
