// POST /api/v1/verify on a running tinysign-server: valid and tampered
// signatures, JSON and multipart bodies, and every malformed request, each
// followed by a check that the service still responds.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "core/crypto/digest.h"
#include "core/encoding/input_form.h"
#include "tests/server/http_client.h"
#include "tests/server/server_process.h"
#include "tests/server/signed_samples.h"

namespace tinysign::testing {
namespace {

constexpr char kVerify[] = "/api/v1/verify";
constexpr char kJson[] = "application/json";

std::string Base64(std::string_view text) {
  return encoding::EncodeBase64(der::Input(text));
}

std::string Base64(const Bytes& bytes) { return encoding::EncodeBase64(bytes); }

// OffPolicy validates at kValidationTime without revocation checks, since
// the builders' certificates name no OCSP responder.
boost::json::object OffPolicy() {
  return {{"revocation", "off"}, {"validationTime", kValidationTime}};
}

std::string Body(boost::json::object fields) {
  return boost::json::serialize(fields);
}

class VerifyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    server_ = ServerProcess::Start({"--trust", Samples().trust_dir.string()},
                                   {}, &error)
                  .release();
    ASSERT_NE(server_, nullptr) << error;
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }

  static uint16_t port() { return server_->port(); }
  static const ServerProcess& server() { return *server_; }

  HttpReply VerifyJson(const boost::json::object& fields) {
    return Post(port(), kVerify, Body(fields), kJson);
  }

  void ExpectStillAnswering() {
    EXPECT_EQ(Get(port(), "/healthz").status, 200);
  }

 private:
  static ServerProcess* server_;
};

ServerProcess* VerifyTest::server_ = nullptr;

TEST_F(VerifyTest, AttachedSignatureIsValid) {
  const HttpReply reply = VerifyJson(
      {{"signature", Base64(Samples().attached)}, {"policy", OffPolicy()}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Verdict(), "valid") << reply.body;
  EXPECT_EQ(reply.Json().at("signers").as_array().size(), 1u);
}

TEST_F(VerifyTest, DetachedSignatureWithDocumentIsValid) {
  const HttpReply reply = VerifyJson({{"signature", Base64(Samples().detached)},
                                      {"document", Base64(Samples().document)},
                                      {"policy", OffPolicy()}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Verdict(), "valid") << reply.body;
}

TEST_F(VerifyTest, PemSignatureIsAccepted) {
  const std::string pem = "-----BEGIN CMS-----\n" + Base64(Samples().attached) +
                          "\n-----END CMS-----\n";
  const HttpReply reply =
      VerifyJson({{"signature", pem}, {"policy", OffPolicy()}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Verdict(), "valid");
}

TEST_F(VerifyTest, DetachedSignatureWithDigestIsValid) {
  const Bytes digest = crypto::ComputeDigest(
      crypto::DigestAlgorithm::kStreebog512, der::Input(Samples().document));
  const HttpReply reply =
      VerifyJson({{"signature", Base64(Samples().detached)},
                  {"documentDigest",
                   {{"algorithm", "streebog512"}, {"value", Base64(digest)}}},
                  {"policy", OffPolicy()}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Verdict(), "valid") << reply.body;
}

TEST_F(VerifyTest, TamperedDocumentIsInvalid) {
  std::string tampered = Samples().document;
  tampered[tampered.size() - 2] ^= 0x01;
  const HttpReply reply = VerifyJson({{"signature", Base64(Samples().detached)},
                                      {"document", Base64(tampered)},
                                      {"policy", OffPolicy()}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Verdict(), "invalid");
}

TEST_F(VerifyTest, RequiredRevocationWithoutEvidenceIsIndeterminate) {
  const HttpReply reply = VerifyJson(
      {{"signature", Base64(Samples().attached)},
       {"policy",
        {{"revocation", "require"}, {"validationTime", kValidationTime}}}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Verdict(), "indeterminate");
}

TEST_F(VerifyTest, RemoteOcspUrlIsNeverFetched) {
  const boost::json::object at = {{"validationTime", kValidationTime}};
  boost::json::object require = at;
  require["revocation"] = "require";
  HttpReply reply = VerifyJson(
      {{"signature", Base64(Samples().with_ocsp_url)}, {"policy", require}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Verdict(), "indeterminate");

  boost::json::object prefer = at;
  prefer["revocation"] = "prefer";
  reply = VerifyJson(
      {{"signature", Base64(Samples().with_ocsp_url)}, {"policy", prefer}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Verdict(), "valid");
  EXPECT_NE(server().Log().find("fetch.remote_not_allowed"), std::string::npos);
}

TEST_F(VerifyTest, MultipartFormIsVerified) {
  const std::string policy = Body(OffPolicy());
  const std::string signature(Samples().detached.begin(),
                              Samples().detached.end());
  const HttpReply reply =
      PostForm(port(), kVerify,
               {{"signature", signature, "sig.p7s", "application/pkcs7-mime"},
                {"document", Samples().document, "contract.txt", "text/plain"},
                {"policy", policy, "", kJson}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Verdict(), "valid") << reply.body;
}

// MalformedCase is one bad request and the error it must produce.
struct MalformedCase {
  const char* name;
  std::string body;
  int status;
  const char* code;
};

std::vector<MalformedCase> MalformedCases() {
  const std::string signature = Base64(Samples().detached);
  const std::string document = Base64(Samples().document);
  auto with_policy = [&](boost::json::object policy) {
    return Body({{"signature", signature},
                 {"document", document},
                 {"policy", std::move(policy)}});
  };
  return {
      {"truncated JSON", "{\"signature\": ", 400, "invalid_json"},
      {"JSON array", "[1, 2]", 400, "invalid_json"},
      {"missing signature", Body({{"document", document}}), 400,
       "invalid_request"},
      {"unknown field", Body({{"signature", signature}, {"sig", "x"}}), 400,
       "invalid_request"},
      {"bad base64 signature", Body({{"signature", "!!not base64!!"}}), 400,
       "invalid_base64"},
      {"bad base64 document",
       Body({{"signature", signature}, {"document", "%%%"}}), 400,
       "invalid_base64"},
      {"not a CMS", Body({{"signature", Base64("hello, world")}}), 400,
       "invalid_signature"},
      {"detached without document", Body({{"signature", signature}}), 400,
       "missing_document"},
      {"digest of wrong length",
       Body({{"signature", signature},
             {"documentDigest",
              {{"algorithm", "streebog512"},
               {"value", Base64(Bytes(32, 0xAB))}}}}),
       400, "invalid_digest"},
      {"unknown digest algorithm",
       Body({{"signature", signature},
             {"documentDigest",
              {{"algorithm", "md5"}, {"value", Base64(Bytes(16, 0))}}}}),
       400, "invalid_digest"},
      {"unknown revocation policy", with_policy({{"revocation", "maybe"}}), 400,
       "invalid_policy"},
      {"unknown purpose", with_policy({{"purpose", "encrypt"}}), 400,
       "invalid_policy"},
      {"invalid validation time",
       with_policy({{"validationTime", "yesterday"}}), 400, "invalid_policy"},
      {"unknown policy field", with_policy({{"strict", "yes"}}), 400,
       "invalid_policy"},
  };
}

TEST_F(VerifyTest, MalformedRequestsGetErrors) {
  for (const MalformedCase& malformed : MalformedCases()) {
    SCOPED_TRACE(malformed.name);
    const HttpReply reply = Post(port(), kVerify, malformed.body, kJson);
    EXPECT_EQ(reply.status, malformed.status) << reply.body;
    EXPECT_EQ(reply.ErrorCode(), malformed.code) << reply.body;
    ExpectStillAnswering();
  }
}

TEST_F(VerifyTest, MalformedMultipartGetsErrors) {
  HttpReply reply =
      PostForm(port(), kVerify, {{"document", "abc", "doc.txt", "text/plain"}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.ErrorCode(), "invalid_request");
  reply = PostForm(port(), kVerify,
                   {{"signature", "not a signature \x01", "", ""}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.ErrorCode(), "invalid_signature");
  reply = PostForm(port(), kVerify,
                   {{"signature", Base64(Samples().attached), "", ""},
                    {"policy", "{\"revocation\": ", "", kJson}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.ErrorCode(), "invalid_json");
  ExpectStillAnswering();
}

TEST_F(VerifyTest, OtherContentTypesGet415) {
  for (const char* type : {"text/plain", "application/octet-stream",
                           "application/x-www-form-urlencoded"}) {
    SCOPED_TRACE(type);
    const HttpReply reply = Post(port(), kVerify, "signature=abc", type);
    EXPECT_EQ(reply.status, 415);
    EXPECT_EQ(reply.ErrorCode(), "unsupported_media_type");
  }
  ExpectStillAnswering();
}

TEST_F(VerifyTest, UnknownRouteGets404) {
  const HttpReply reply = Get(port(), "/api/v1/nothing");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.ErrorCode(), "not_found");
}

TEST_F(VerifyTest, RepliesCarryRequestId) {
  const HttpReply reply = Get(port(), "/healthz");
  const auto id = reply.headers.find("X-Request-Id");
  ASSERT_NE(id, reply.headers.end());
  EXPECT_EQ(id->second.size(), 16u);
}

TEST_F(VerifyTest, LogHasNoDocumentSignatureOrName) {
  VerifyJson({{"signature", Base64(Samples().detached)},
              {"document", Base64(Samples().document)},
              {"policy", OffPolicy()}});
  const std::string log = server().Log();
  EXPECT_NE(log.find("\"verdict\":\"valid\""), std::string::npos) << log;
  EXPECT_EQ(log.find(Samples().signer_name), std::string::npos);
  EXPECT_EQ(log.find(Samples().document), std::string::npos);
  EXPECT_EQ(log.find(Base64(Samples().document)), std::string::npos);
  EXPECT_EQ(log.find(Base64(Samples().detached).substr(0, 40)),
            std::string::npos);
}

TEST_F(VerifyTest, LogLinesAreJson) {
  Get(port(), "/healthz");
  // The server writes a request's log line after its reply, so the line
  // of the last request may land a moment after the client has read it.
  std::string log = server().Log();
  for (int i = 0; i < 100 && std::count(log.begin(), log.end(), '\n') <= 2;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    log = server().Log();
  }
  std::istringstream lines(log);
  int num_lines = 0;
  for (std::string line; std::getline(lines, line); ++num_lines) {
    boost::system::error_code ec;
    boost::json::parse(line, ec);
    EXPECT_FALSE(ec) << line;
  }
  EXPECT_GT(num_lines, 2);
}

}  // namespace
}  // namespace tinysign::testing
