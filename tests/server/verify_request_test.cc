// Request parsing of POST /api/v1/verify on a running tinysign-server:
// decoded size limits, empty values, duplicate keys and parts, the wording
// of parse errors, leap seconds and a SignedData without signers.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "core/encoding/input_form.h"
#include "tests/server/http_client.h"
#include "tests/server/sample_server.h"
#include "tests/server/server_process.h"
#include "tests/server/signed_samples.h"
#include "tests/support/files.h"
#include "tests/support/openssl.h"

namespace tinysign::testing {
namespace {

constexpr char kVerify[] = "/api/v1/verify";
constexpr char kJson[] = "application/json";

std::string Base64(std::string_view text) {
  return encoding::EncodeBase64(der::Input(text));
}

std::string Base64(const Bytes& bytes) { return encoding::EncodeBase64(bytes); }

std::string Quoted(const std::string& text) {
  return boost::json::serialize(boost::json::value(text));
}

std::string OffPolicyJson() {
  return R"({"revocation":"off","validationTime":")" +
         std::string(kValidationTime) + "\"}";
}

// DetachedBody is a JSON body with the detached sample signature, the
// given document text (already base64) and revocation checks off.
std::string DetachedBody(const std::string& document_base64) {
  return R"({"signature":)" + Quoted(Base64(Samples().detached)) +
         R"(,"document":)" + Quoted(document_base64) + R"(,"policy":)" +
         OffPolicyJson() + "}";
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The limit is the size of the sample document, so a body at the limit
// verifies as valid.
class DocumentLimitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ =
        StartSampleServer({}, {{"TINYSIGN_MAX_DOCUMENT_BYTES",
                                std::to_string(Samples().document.size())}});
    ASSERT_NE(server_, nullptr);
  }
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(DocumentLimitTest, JsonDocumentAtLimitIsVerified) {
  const HttpReply reply = Post(server_->port(), kVerify,
                               DetachedBody(Base64(Samples().document)), kJson);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Verdict(), "valid") << reply.body;
}

TEST_F(DocumentLimitTest, JsonDocumentOverLimitGets413) {
  const std::string document = Samples().document + "x";
  const HttpReply reply =
      Post(server_->port(), kVerify, DetachedBody(Base64(document)), kJson);
  EXPECT_EQ(reply.status, 413) << reply.body;
  EXPECT_EQ(reply.ErrorCode(), "payload_too_large");
  const std::string message = reply.ErrorMessage();
  EXPECT_TRUE(Contains(message, "\"document\"")) << message;
  EXPECT_TRUE(Contains(message, std::to_string(document.size()) + " bytes"))
      << message;
  EXPECT_TRUE(Contains(message, std::to_string(Samples().document.size())))
      << message;
  EXPECT_TRUE(Contains(message, "maxDocumentBytes")) << message;
}

TEST_F(DocumentLimitTest, MultipartDocumentOverLimitGets413) {
  const std::string signature(Samples().detached.begin(),
                              Samples().detached.end());
  const HttpReply reply =
      PostForm(server_->port(), kVerify,
               {{"signature", signature, "", ""},
                {"document", Samples().document + "x", "", ""}});
  EXPECT_EQ(reply.status, 413) << reply.body;
  EXPECT_EQ(reply.ErrorCode(), "payload_too_large");
  EXPECT_TRUE(Contains(reply.ErrorMessage(), "(maxDocumentBytes)"))
      << reply.body;
}

TEST(DefaultDocumentLimitTest, JsonDocumentOfFiftyMebibytes) {
  auto server = StartSampleServer({}, {});
  ASSERT_NE(server, nullptr);
  // 52428800 bytes (50 MiB, the default maxDocumentBytes) take
  // 4 * ceil(52428800 / 3) = 69905068 base64 characters, more than the
  // 67108864 (64 MiB) the core takes as one input.
  std::string document(52428800, 'a');
  HttpReply reply =
      Post(server->port(), kVerify, DetachedBody(Base64(document)), kJson);
  ASSERT_EQ(reply.status, 200) << reply.body.substr(0, 300);
  // The detached signature covers another document.
  EXPECT_EQ(reply.Verdict(), "invalid");

  document.push_back('a');
  reply = Post(server->port(), kVerify, DetachedBody(Base64(document)), kJson);
  EXPECT_EQ(reply.status, 413) << reply.body;
  EXPECT_EQ(reply.ErrorCode(), "payload_too_large");
  EXPECT_TRUE(Contains(reply.ErrorMessage(), "52428801 bytes")) << reply.body;
}

class VerifyRequestTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = StartSampleServer({}, {}).release();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }

  static HttpReply PostJson(const std::string& body) {
    return Post(server_->port(), kVerify, body, kJson);
  }
  static HttpReply PostParts(const httplib::MultipartFormDataItems& items) {
    return PostForm(server_->port(), kVerify, items);
  }

  static ServerProcess* server_;
};

ServerProcess* VerifyRequestTest::server_ = nullptr;

TEST_F(VerifyRequestTest, EmptyJsonDocumentIsVerified) {
  const HttpReply reply = PostJson(DetachedBody(""));
  ASSERT_EQ(reply.status, 200) << reply.body;
  // The signature covers a non-empty document.
  EXPECT_EQ(reply.Verdict(), "invalid");
  const boost::json::value document = reply.Json().at("document");
  EXPECT_EQ(document.at("source").as_string(), "supplied");
  EXPECT_EQ(document.at("size").to_number<int64_t>(), 0);
}

TEST_F(VerifyRequestTest, EmptyDigestValueGetsInvalidDigest) {
  const HttpReply reply =
      PostJson(R"({"signature":)" + Quoted(Base64(Samples().detached)) +
               R"(,"documentDigest":{"algorithm":"streebog512","value":""}})");
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.ErrorCode(), "invalid_digest");
  EXPECT_TRUE(Contains(reply.ErrorMessage(), "must be 64 bytes, not 0"))
      << reply.body;
}

TEST_F(VerifyRequestTest, DuplicateKeysAreRejected) {
  const std::string signature = Quoted(Base64(Samples().detached));
  const std::string document = Quoted(Base64(Samples().document));
  const struct {
    std::string body;
    std::string expected;
  } cases[] = {
      {R"({"signature":)" + signature + R"(,"document":)" + document +
           R"(,"document":)" + Quoted(Base64("evil")) + "}",
       R"(duplicate key "document" in the body)"},
      {R"({"signature":)" + signature + R"(,"signature":)" + signature + "}",
       R"(duplicate key "signature" in the body)"},
      {R"({"signature":)" + signature + R"(,"document":)" + document +
           R"(,"policy":{"revocation":"off","revocation":"require"}})",
       R"(duplicate key "revocation" in "policy")"},
      {R"({"signature":)" + signature +
           R"(,"documentDigest":{"algorithm":"sha256","value":"","value":""}})",
       R"(duplicate key "value" in "documentDigest")"},
  };
  for (const auto& duplicate : cases) {
    SCOPED_TRACE(duplicate.expected);
    const HttpReply reply = PostJson(duplicate.body);
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(reply.ErrorCode(), "invalid_request");
    EXPECT_TRUE(Contains(reply.ErrorMessage(), duplicate.expected))
        << reply.body;
  }
}

TEST_F(VerifyRequestTest, DuplicatePartsAreRejected) {
  const std::string signature(Samples().detached.begin(),
                              Samples().detached.end());
  HttpReply reply = PostParts({{"signature", signature, "", ""},
                               {"document", Samples().document, "", ""},
                               {"document", "evil", "", ""}});
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.ErrorCode(), "invalid_request");
  EXPECT_TRUE(Contains(reply.ErrorMessage(), R"(duplicate part "document")"))
      << reply.body;

  reply =
      PostParts({{"signature", signature, "", ""},
                 {"document", Samples().document, "", ""},
                 {"policy", R"({"revocation":"off","revocation":"require"})",
                  "", kJson}});
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.ErrorCode(), "invalid_request");
  EXPECT_TRUE(Contains(reply.ErrorMessage(), R"(duplicate key "revocation")"))
      << reply.body;
}

TEST_F(VerifyRequestTest, SyntaxErrorsGiveByteOffset) {
  // Offsets counted by hand: in {"signature": 5,} the '}' where a key is
  // due is byte 16, and {"signature":  ends after 14 bytes.
  HttpReply reply = PostJson(R"({"signature": 5,})");
  EXPECT_EQ(reply.ErrorCode(), "invalid_json");
  EXPECT_TRUE(Contains(reply.ErrorMessage(), "at byte offset 16"))
      << reply.body;
  reply = PostJson(R"({"signature": )");
  EXPECT_EQ(reply.ErrorCode(), "invalid_json");
  EXPECT_TRUE(Contains(reply.ErrorMessage(), "at byte offset 14"))
      << reply.body;
}

TEST_F(VerifyRequestTest, BadBase64NamesFieldAndOffset) {
  // "Zm9v\nYm-y": '-' is the eighth character, offset 7.
  const HttpReply reply = PostJson(DetachedBody("Zm9v\nYm-y"));
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.ErrorCode(), "invalid_base64");
  const std::string message = reply.ErrorMessage();
  EXPECT_TRUE(Contains(message, "\"document\"")) << message;
  EXPECT_TRUE(Contains(message, "character '-' at offset 7")) << message;
  EXPECT_TRUE(Contains(message, "URL-safe")) << message;
}

TEST_F(VerifyRequestTest, HexDigestGetsHint) {
  // 128 hex digits of a 64-byte digest decode as base64 to 128 * 3 / 4 = 96
  // bytes.
  const std::string hex(128, 'a');
  const HttpReply reply =
      PostJson(R"({"signature":)" + Quoted(Base64(Samples().detached)) +
               R"(,"documentDigest":{"algorithm":"streebog512","value":")" +
               hex + "\"}}");
  EXPECT_EQ(reply.ErrorCode(), "invalid_digest");
  const std::string message = reply.ErrorMessage();
  EXPECT_TRUE(Contains(message, "must be 64 bytes, not 96")) << message;
  EXPECT_TRUE(Contains(message, "base64 of the 64 digest bytes")) << message;
}

TEST_F(VerifyRequestTest, SignatureOfWrongTypeSaysString) {
  const HttpReply reply = PostJson(R"({"signature": 5})");
  EXPECT_EQ(reply.ErrorCode(), "invalid_request");
  EXPECT_TRUE(Contains(reply.ErrorMessage(), "must be a string")) << reply.body;
  EXPECT_TRUE(Contains(reply.ErrorMessage(), "not a number")) << reply.body;
}

TEST_F(VerifyRequestTest, PemErrorsSayWhy) {
  const std::string base64 = Base64(Samples().attached);
  const struct {
    std::string pem;
    std::string expected;
  } cases[] = {
      {"-----BEGIN CMS-----\n" + base64 + "\n",
       R"(no "-----END CMS-----" line)"},
      {"-----BEGIN CMS-----\n" + base64 + "\n-----END PKCS7-----\n",
       R"(no "-----END CMS-----" line)"},
      // The body of the block starts with the line break, so '*' is at
      // offset 3 of it.
      {"-----BEGIN CMS-----\nMI*B\n-----END CMS-----\n",
       "character '*' at offset 3"},
  };
  for (const auto& bad : cases) {
    SCOPED_TRACE(bad.expected);
    const HttpReply reply =
        PostJson(R"({"signature":)" + Quoted(bad.pem) + "}");
    EXPECT_EQ(reply.ErrorCode(), "invalid_signature");
    EXPECT_TRUE(Contains(reply.ErrorMessage(), bad.expected)) << reply.body;
  }
}

TEST_F(VerifyRequestTest, LeapSecondIsReadAsSecondBefore) {
  // 15:59:60 at -08:00 is 23:59:60 UTC, as in RFC 3339 section 5.7.
  for (const char* time :
       {"2026-06-30T23:59:60Z", "2026-06-30T15:59:60-08:00"}) {
    SCOPED_TRACE(time);
    const HttpReply reply = PostJson(
        R"({"signature":)" + Quoted(Base64(Samples().attached)) +
        R"(,"policy":{"revocation":"off","validationTime":")" + time + "\"}}");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.Json().at("validationTime").as_string(),
              "2026-06-30T23:59:59Z");
  }
}

TEST_F(VerifyRequestTest, LeapSecondInsideMonthIsRejected) {
  const HttpReply reply =
      PostJson(R"({"signature":)" + Quoted(Base64(Samples().attached)) +
               R"(,"policy":{"validationTime":"2026-06-15T23:59:60Z"}})");
  EXPECT_EQ(reply.ErrorCode(), "invalid_policy");
  EXPECT_TRUE(Contains(reply.ErrorMessage(), "leap second")) << reply.body;
}

TEST_F(VerifyRequestTest, CertificatesOnlySignedDataHasNoSigners) {
  const std::filesystem::path dir = TempDir("certs-only");
  const std::string pem = (dir / "root.pem").string();
  const std::string p7b = (dir / "root.p7b").string();
  ASSERT_EQ(RunCommand({"openssl", "x509", "-inform", "DER", "-in",
                        Samples().root_der_path.string(), "-out", pem})
                .exit_code,
            0);
  ASSERT_EQ(RunCommand({"openssl", "crl2pkcs7", "-nocrl", "-certfile", pem,
                        "-outform", "PEM", "-out", p7b})
                .exit_code,
            0);
  const Bytes p7b_bytes = ReadFileBytes(p7b);
  const std::string signature(p7b_bytes.begin(), p7b_bytes.end());
  for (const std::string& body :
       {R"({"signature":)" + Quoted(signature) + "}",
        R"({"signature":)" + Quoted(signature) + R"(,"document":"")" + "}"}) {
    const HttpReply reply = PostJson(body);
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(reply.ErrorCode(), "invalid_signature");
    EXPECT_TRUE(Contains(reply.ErrorMessage(), "has no signers")) << reply.body;
  }
}

}  // namespace
}  // namespace tinysign::testing
