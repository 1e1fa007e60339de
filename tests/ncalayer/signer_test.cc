// End-to-end tests of tinysign-ncalayer: every module, method, reply
// envelope and scripted user action, against the running signer over wss://
// and ws://. Every signature is checked with the core's VerifyCms; RSA ones
// with `openssl cms -verify` as well.
//
// The keys are real NUC test keys from the shared fixtures (password
// Qwerty12), linked into a temporary key folder:
//   0 a_rsa_sign.p12   RSA, emailProtection (SIGN), expired
//   1 b_rsa_auth.p12   RSA, clientAuth (AUTH), expired
//   2 c_gost2015.p12   GOST 34.10-2015 512-bit, emailProtection, expired
//   d_other_password.p12 opens only with Aa123456, so the signer skips it.

#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "core/crypto/digest.h"
#include "core/encoding/input_form.h"
#include "core/verify/verifier.h"
#include "core/x509/trust_store.h"
#include "tests/ncalayer/requests.h"
#include "tests/ncalayer/signer_process.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"

namespace tinysign::testing {
namespace {

namespace json = boost::json;

constexpr char kSignOid[] = "1.3.6.1.5.5.7.3.4";
constexpr char kAuthOid[] = "1.3.6.1.5.5.7.3.2";
constexpr char kPassword[] = "Qwerty12";
constexpr char kDocument[] = "hello document";

std::filesystem::path MakeKeyDir() {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("tinysign-ncalayer-keys-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::pair<const char*, const char*> kLinks[] = {
      {"a_rsa_sign.p12",
       "nuc/ncanode-kz_NCANode/groovy-constants/"
       "KEY_INDIVIDUAL_VALID_SIGN_2004.p12"},
      {"b_rsa_auth.p12",
       "nuc/ncanode-kz_NCANode/groovy-constants/"
       "KEY_INDIVIDUAL_AUTH_REVOKED_2004.p12"},
      {"c_gost2015.p12",
       "nuc/skarm_kalkan/p12/"
       "GOST512_02c7a21f2df78b99cb67323e2e255779bb6ae309.p12"},
      {"d_other_password.p12",
       "nuc/ncanode-kz_NCANode/groovy-constants/KEY_INDIVIDUAL_VALID_2015.p12"},
  };
  for (const auto& [name, fixture] : kLinks) {
    std::filesystem::create_symlink(FixturePath(fixture), dir / name);
  }
  return dir;
}

// Verify checks `cms` with the core, revocation off and no trust anchors:
// the NUC test chains are not needed to prove the signature and digest.
verify::Report Verify(const Bytes& cms, const verify::Document& document) {
  x509::TrustStore trust;
  verify::VerifyOptions options;
  options.validation_time = Time{1600000000};
  options.policy.revocation = verify::RevocationPolicy::kOff;
  options.policy.purpose = verify::KeyPurpose::kAny;
  Result<verify::Report> report = VerifyCms(cms, document, trust, options);
  EXPECT_TRUE(report.has_value()) << report.error().ToString();
  return report ? *report : verify::Report();
}

// ExpectValidSignature asserts one signer whose digest and signature pass,
// and returns its common name.
std::string ExpectValidSignature(const Bytes& cms,
                                 const verify::Document& document) {
  verify::Report report = Verify(cms, document);
  EXPECT_EQ(report.signers.size(), 1u);
  if (report.signers.size() != 1) {
    return "";
  }
  const verify::SignerReport& signer = report.signers[0];
  EXPECT_EQ(signer.checks.digest, verify::CheckResult::kPassed);
  EXPECT_EQ(signer.checks.signature, verify::CheckResult::kPassed);
  return signer.certificate ? signer.certificate->common_name : "";
}

class SignerTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    TINYSIGN_REQUIRE_FIXTURES();
    keys_dir_ = MakeKeyDir();
    StartSigner({});
  }

  void TearDown() override {
    client_.reset();
    process_.reset();
    std::error_code ec;
    std::filesystem::remove_all(keys_dir_, ec);
    std::filesystem::remove(cert_path_, ec);
  }

  bool tls() const { return GetParam(); }

  // StartSigner (re)starts the signer with `extra` options and connects.
  void StartSigner(const std::vector<std::string>& extra,
                   const std::string& origin = "") {
    client_.reset();
    process_.reset();
    cert_path_ = keys_dir_.string() + ".pem";
    std::vector<std::string> args = {"--keys", keys_dir_.string(), "--password",
                                     kPassword};
    if (tls()) {
      args.insert(args.end(), {"--cert-out", cert_path_});
    } else {
      args.push_back("--no-tls");
    }
    args.insert(args.end(), extra.begin(), extra.end());
    std::string error;
    process_ = SignerProcess::Start(args, &error);
    ASSERT_NE(process_, nullptr) << error;
    Connect(origin);
  }

  void Connect(const std::string& origin) {
    client_ = std::make_unique<WebSocketClient>();
    std::string error;
    ASSERT_TRUE(
        client_->Connect(process_->port(), tls(), cert_path_, origin, &error))
        << error;
  }

  json::object Call(const std::string& request) {
    std::optional<std::string> reply = client_->Call(request);
    EXPECT_TRUE(reply.has_value()) << "no reply to " << request;
    return reply ? ParseObject(*reply) : json::object();
  }

  // SignedPems returns body.result of a successful basics reply.
  std::vector<std::string> SignedPems(const json::object& reply) {
    EXPECT_EQ(reply.at("status"), json::value(true)) << reply;
    const json::value* result =
        reply.if_contains("body")
            ? reply.at("body").as_object().if_contains("result")
            : nullptr;
    std::vector<std::string> pems;
    if (result == nullptr || !result->is_array()) {
      ADD_FAILURE() << "no result array in " << reply;
      return pems;
    }
    for (const json::value& pem : result->get_array()) {
      pems.emplace_back(pem.as_string());
    }
    return pems;
  }

  // KeyCommonName returns the subject CN of key `index` from GET /keys.
  std::string KeyCommonName(size_t index) {
    json::value keys = json::parse(GetKeys(process_->control_port()));
    return std::string(keys.at(index).at("subject_cn").as_string());
  }

  std::filesystem::path keys_dir_;
  std::string cert_path_;
  std::unique_ptr<SignerProcess> process_;
  std::unique_ptr<WebSocketClient> client_;
};

TEST_P(SignerTest, GreetingAnnouncesVersion) {
  EXPECT_EQ(client_->greeting(), R"({"result":{"version":"1.4"}})");
}

TEST_P(SignerTest, HeartbeatIsEchoed) {
  EXPECT_EQ(client_->Call("--heartbeat--"), "--heartbeat--");
}

TEST_P(SignerTest, ControlListsLoadedKeysOnly) {
  json::value keys = json::parse(GetKeys(process_->control_port()));
  ASSERT_TRUE(keys.is_array());
  ASSERT_EQ(keys.as_array().size(), 3u);
  EXPECT_EQ(keys.at(0).at("file"), "a_rsa_sign.p12");
  EXPECT_EQ(keys.at(1).at("file"), "b_rsa_auth.p12");
  EXPECT_EQ(keys.at(2).at("file"), "c_gost2015.p12");
}

TEST_P(SignerTest, BasicsSignsTextAttachedAsPemArray) {
  json::object reply = Call(SignRequest(kDocument, {}, AnyKey()));
  std::vector<std::string> pems = SignedPems(reply);
  ASSERT_EQ(pems.size(), 1u);
  EXPECT_EQ(pems[0].rfind("-----BEGIN CMS-----\r\n", 0), 0u);
  EXPECT_TRUE(pems[0].ends_with("\r\n-----END CMS-----\r\n"));
  Bytes cms = DecodeCms(pems[0]);
  // Attached by default, and the data is the text itself (decode=false).
  verify::Report report = Verify(cms, verify::Document());
  EXPECT_TRUE(report.document.attached);
  EXPECT_EQ(ExpectValidSignature(cms, verify::Document()), KeyCommonName(0));
}

TEST_P(SignerTest, BasicsRsaSignatureVerifiesWithOpenSsl) {
  json::object reply = Call(SignRequest(kDocument, {}, AnyKey()));
  std::vector<std::string> pems = SignedPems(reply);
  ASSERT_EQ(pems.size(), 1u);
  std::string path = keys_dir_.string() + "-cms.pem";
  {
    std::ofstream file(path, std::ios::binary);
    // OpenSSL reads the PKCS7 label; the base64 body is the same.
    std::string pem = pems[0];
    pem.replace(pem.find("BEGIN CMS"), 9, "BEGIN PKCS7");
    pem.replace(pem.find("END CMS"), 7, "END PKCS7");
    file << pem;
  }
  CommandResult result = RunCommand({"openssl", "cms", "-verify", "-noverify",
                                     "-inform", "PEM", "-in", path});
  std::filesystem::remove(path);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.output, kDocument);
}

TEST_P(SignerTest, BasicsSignsSeveralDetachedDocuments) {
  json::object signing;
  signing["decode"] = "true";  // The official page sends strings.
  signing["encapsulate"] = false;
  json::array data{Base64("first"), Base64("second document")};
  std::vector<std::string> pems =
      SignedPems(Call(SignRequest(data, signing, AnyKey())));
  ASSERT_EQ(pems.size(), 2u);
  Bytes first = ToBytes("first");
  Bytes second = ToBytes("second document");
  ExpectValidSignature(DecodeCms(pems[0]), Content(first));
  ExpectValidSignature(DecodeCms(pems[1]), Content(second));
  // Swapped documents must not verify: the order is the input order.
  verify::Report swapped = Verify(DecodeCms(pems[0]), Content(second));
  ASSERT_EQ(swapped.signers.size(), 1u);
  EXPECT_EQ(swapped.signers[0].checks.digest, verify::CheckResult::kFailed);
}

TEST_P(SignerTest, BasicsSignsDigest) {
  Bytes document = ToBytes(kDocument);
  Bytes digest =
      crypto::ComputeDigest(crypto::DigestAlgorithm::kSha256, document);
  json::object signing;
  signing["digested"] = true;
  std::vector<std::string> pems = SignedPems(
      Call(SignRequest(json::value(encoding::EncodeBase64(der::Input(digest))),
                       signing, AnyKey())));
  ASSERT_EQ(pems.size(), 1u);
  ExpectValidSignature(DecodeCms(pems[0]), Content(document));
}

TEST_P(SignerTest, BasicsExtKeyUsagePicksAuthKey) {
  json::object signer = AnyKey();
  signer["extKeyUsageOids"] = json::array{kAuthOid};
  std::vector<std::string> pems =
      SignedPems(Call(SignRequest(kDocument, {}, signer)));
  ASSERT_EQ(pems.size(), 1u);
  EXPECT_EQ(ExpectValidSignature(DecodeCms(pems[0]), verify::Document()),
            KeyCommonName(1));
}

TEST_P(SignerTest, BasicsSerialNumberPicksGostKey) {
  ASSERT_EQ(PostAction(process_->control_port(),
                       R"({"action":"choose_key","key":2})"),
            200);
  json::object info = Call(CommonRequest("getKeyInfo", json::array{"PKCS12"}));
  ASSERT_EQ(info.at("code"), "200");
  json::object signer = AnyKey();
  signer["serialNumber"] =
      info.at("responseObject").at("serialNumber").as_string();
  signer["extKeyUsageOids"] = json::array{kSignOid};
  std::vector<std::string> pems =
      SignedPems(Call(SignRequest(kDocument, {}, signer)));
  ASSERT_EQ(pems.size(), 1u);
  verify::Report report = Verify(DecodeCms(pems[0]), verify::Document());
  ASSERT_EQ(report.signers.size(), 1u);
  EXPECT_EQ(report.signers[0].signature_algorithm, "gost3410-2015-512");
  EXPECT_EQ(ExpectValidSignature(DecodeCms(pems[0]), verify::Document()),
            KeyCommonName(2));
}

TEST_P(SignerTest, BasicsWithoutChainOffersOnlyValidKeys) {
  // Every fixture key has expired, so NCALayer's default (chain absent:
  // only currently valid certificates) leaves nothing to choose.
  json::object signer;
  signer["extKeyUsageOids"] = json::array();
  EXPECT_EQ(json::serialize(Call(SignRequest(kDocument, {}, signer))),
            R"({"status":true,"body":{}})");
}

TEST_P(SignerTest, BasicsChainOfOtherCaMatchesNoKey) {
  // NUC's production RSA root issued none of the test keys.
  std::ifstream ca(FixturePath("nuc/malikzh_NCANode/root_rsa.crt"),
                   std::ios::binary);
  std::string der((std::istreambuf_iterator<char>(ca)),
                  std::istreambuf_iterator<char>());
  ASSERT_FALSE(der.empty());
  json::object signer = AnyKey();
  signer["chain"] = json::array{"-----BEGIN CERTIFICATE-----\n" + Base64(der) +
                                "\n-----END CERTIFICATE-----\n"};
  EXPECT_EQ(json::serialize(Call(SignRequest(kDocument, {}, signer))),
            R"({"status":true,"body":{}})");
}

TEST_P(SignerTest, BasicsNoMatchingKeyIsCancel) {
  json::object signer = AnyKey();
  signer["iin"] = "000000000000";
  EXPECT_EQ(json::serialize(Call(SignRequest(kDocument, {}, signer))),
            R"({"status":true,"body":{}})");
}

TEST_P(SignerTest, BasicsTsaProfileWithoutTsaFails) {
  json::object signing;
  signing["tsaProfile"] = json::object();
  json::object reply = Call(SignRequest(kDocument, signing, AnyKey()));
  EXPECT_EQ(reply.at("status"), json::value(false));
  EXPECT_EQ(reply.at("code"), "SIGNING_FAILURE");
  EXPECT_EQ(reply.at("message"), "Signing has failed.");
  EXPECT_NE(std::string(reply.at("details").as_string()).find("--tsa"),
            std::string::npos);
}

TEST_P(SignerTest, BasicsBadSigningParamsIsInvocationError) {
  json::object request = ParseObject(SignRequest(kDocument, {}, AnyKey()));
  request["args"].as_object()["signingParams"] = "oops";
  json::object reply = Call(json::serialize(request));
  EXPECT_EQ(json::serialize(reply),
            R"({"status":false,"code":"INVOCATION_ERROR",)"
            R"("message":"An invoked method threw an exception.",)"
            R"("details":"org.json.JSONException: )"
            R"(JSONObject[\"signingParams\"] is not a JSONObject."})");
}

TEST_P(SignerTest, BasicsMissingSignerParamsIsInvocationError) {
  json::object request = ParseObject(SignRequest(kDocument, {}, AnyKey()));
  request["args"].as_object().erase("signerParams");
  json::object reply = Call(json::serialize(request));
  EXPECT_EQ(reply.at("status"), json::value(false));
  EXPECT_EQ(reply.at("code"), "INVOCATION_ERROR");
}

TEST_P(SignerTest, CommonUtilsCreatesAttachedCades) {
  json::object reply = Call(CommonRequest(
      "createCAdESFromBase64",
      json::array{"PKCS12", "SIGNATURE", Base64(kDocument), true}));
  ASSERT_EQ(reply.at("code"), "200") << reply;
  Bytes cms = DecodeCms(std::string(reply.at("responseObject").as_string()));
  // commonUtils returns bare base64 DER, not PEM.
  EXPECT_EQ(reply.at("responseObject").as_string().find("-----"),
            json::string::npos);
  EXPECT_EQ(ExpectValidSignature(cms, verify::Document()), KeyCommonName(0));
}

TEST_P(SignerTest, CommonUtilsAuthenticationPicksAuthKey) {
  json::object reply = Call(CommonRequest(
      "createCAdESFromBase64",
      json::array{"PKCS12", "AUTHENTICATION", Base64(kDocument), false}));
  ASSERT_EQ(reply.at("code"), "200") << reply;
  Bytes cms = DecodeCms(std::string(reply.at("responseObject").as_string()));
  Bytes document = ToBytes(kDocument);
  EXPECT_EQ(ExpectValidSignature(cms, Content(document)), KeyCommonName(1));
}

TEST_P(SignerTest, CommonUtilsSignsHash) {
  Bytes document = ToBytes(kDocument);
  Bytes digest =
      crypto::ComputeDigest(crypto::DigestAlgorithm::kSha256, document);
  json::object reply = Call(
      CommonRequest("createCAdESFromBase64Hash",
                    json::array{"PKCS12", "SIGNATURE",
                                encoding::EncodeBase64(der::Input(digest))}));
  ASSERT_EQ(reply.at("code"), "200") << reply;
  Bytes cms = DecodeCms(std::string(reply.at("responseObject").as_string()));
  ExpectValidSignature(cms, Content(document));
}

TEST_P(SignerTest, CommonUtilsCmsSignatureNeedsTsa) {
  json::object reply = Call(CommonRequest(
      "createCMSSignatureFromBase64",
      json::array{"PKCS12", "SIGNATURE", Base64(kDocument), true}));
  EXPECT_EQ(reply.at("code"), "500");
  EXPECT_NE(std::string(reply.at("message").as_string()).find("--tsa"),
            std::string::npos);
}

TEST_P(SignerTest, CommonUtilsGetKeyInfo) {
  json::object reply = Call(CommonRequest("getKeyInfo", json::array{"PKCS12"}));
  ASSERT_EQ(reply.at("code"), "200") << reply;
  const json::object& info = reply.at("responseObject").as_object();
  EXPECT_EQ(info.at("alias"), "a_rsa_sign.p12");
  EXPECT_EQ(info.at("subjectCn").as_string(), KeyCommonName(0));
  EXPECT_EQ(info.at("algorithm"), "rsa");
  for (const char* field : {"subjectDn", "issuerCn", "issuerDn", "serialNumber",
                            "certNotBefore", "certNotAfter", "pem"}) {
    EXPECT_TRUE(info.contains(field)) << field;
  }
}

TEST_P(SignerTest, CommonUtilsUnknownMethod) {
  EXPECT_EQ(json::serialize(Call(CommonRequest("getVersion", json::array()))),
            R"({"code":"500","message":"NoSuchMethodException getVersion"})");
}

TEST_P(SignerTest, CommonUtilsWrongArgumentCount) {
  json::object reply = Call(CommonRequest("createCAdESFromBase64",
                                          json::array{"PKCS12", "SIGNATURE"}));
  EXPECT_EQ(reply.at("message"), "NoSuchMethodException createCAdESFromBase64");
}

TEST_P(SignerTest, CommonUtilsUnknownStorage) {
  json::object reply = Call(CommonRequest(
      "createCAdESFromBase64",
      json::array{"FLOPPY", "SIGNATURE", Base64(kDocument), true}));
  EXPECT_EQ(json::serialize(reply),
            R"({"code":"500","message":"storage.unknown"})");
}

TEST_P(SignerTest, AccessoryListsBundles) {
  json::object reply =
      Call(R"({"module":"kz.gov.pki.ncalayerservices.accessory",)"
           R"("method":"getBundles"})");
  EXPECT_TRUE(reply.contains("kz.gov.pki.knca.basics"));
  EXPECT_TRUE(reply.contains("kz.gov.pki.knca.commonUtils"));
  EXPECT_TRUE(reply.contains("kz.tinysign"));
  EXPECT_FALSE(reply.contains("status"));
}

TEST_P(SignerTest, UnknownModuleIsNotFound) {
  EXPECT_EQ(
      json::serialize(Call(R"({"module":"kz.example.missing","method":"x"})")),
      R"({"success":false,"errorCode":"MODULE_NOT_FOUND"})");
}

TEST_P(SignerTest, TinySignGetVersion) {
  json::object reply =
      Call(R"({"module":"kz.tinysign","method":"getVersion"})");
  EXPECT_EQ(reply.at("status"), json::value(true));
  EXPECT_EQ(reply.at("body").at("result").at("name"), "tinysign-ncalayer");
}

TEST_P(SignerTest, ControlCancel) {
  ASSERT_EQ(PostAction(process_->control_port(), R"({"action":"cancel"})"),
            200);
  EXPECT_EQ(json::serialize(Call(SignRequest(kDocument, {}, AnyKey()))),
            R"({"status":true,"body":{}})");
  ASSERT_EQ(PostAction(process_->control_port(), R"({"action":"cancel"})"),
            200);
  EXPECT_EQ(json::serialize(Call(CommonRequest(
                "createCAdESFromBase64",
                json::array{"PKCS12", "SIGNATURE", Base64(kDocument), true}))),
            R"({"code":"500","message":"action.canceled"})");
  // The action applied once: the next request signs.
  EXPECT_EQ(SignedPems(Call(SignRequest(kDocument, {}, AnyKey()))).size(), 1u);
}

TEST_P(SignerTest, ControlWrongPassword) {
  ASSERT_EQ(
      PostAction(process_->control_port(), R"({"action":"wrong_password"})"),
      200);
  json::object reply = Call(SignRequest(kDocument, {}, AnyKey()));
  EXPECT_EQ(reply.at("status"), json::value(false));
  EXPECT_EQ(reply.at("code"), "SIGNING_FAILURE");
}

TEST_P(SignerTest, ControlNoMatchingKey) {
  ASSERT_EQ(
      PostAction(process_->control_port(), R"({"action":"no_matching_key"})"),
      200);
  EXPECT_EQ(json::serialize(Call(SignRequest(kDocument, {}, AnyKey()))),
            R"({"status":true,"body":{}})");
}

TEST_P(SignerTest, ControlCloseSocket) {
  ASSERT_EQ(
      PostAction(process_->control_port(), R"({"action":"close_socket"})"),
      200);
  EXPECT_EQ(client_->Call(SignRequest(kDocument, {}, AnyKey())), std::nullopt);
  // The signer keeps serving new connections.
  Connect("");
  EXPECT_EQ(client_->Call("--heartbeat--"), "--heartbeat--");
}

TEST_P(SignerTest, ControlChooseKey) {
  ASSERT_EQ(PostAction(process_->control_port(),
                       R"({"action":"choose_key","key":1})"),
            200);
  std::vector<std::string> pems =
      SignedPems(Call(SignRequest(kDocument, {}, AnyKey())));
  ASSERT_EQ(pems.size(), 1u);
  EXPECT_EQ(ExpectValidSignature(DecodeCms(pems[0]), verify::Document()),
            KeyCommonName(1));
}

TEST_P(SignerTest, ControlRejectsOutOfRangeKey) {
  // Three keys open with the test password, so indexes 0 to 2 are valid.
  EXPECT_EQ(PostAction(process_->control_port(),
                       R"({"action":"choose_key","key":3})"),
            400);
  EXPECT_EQ(PostAction(process_->control_port(),
                       R"({"action":"choose_key","key":999})"),
            400);
  // Nothing was queued, so the next request signs instead of canceling.
  EXPECT_EQ(SignedPems(Call(SignRequest(kDocument, {}, AnyKey()))).size(), 1u);
}

TEST_P(SignerTest, ControlRejectsUnknownAction) {
  EXPECT_EQ(PostAction(process_->control_port(), R"({"action":"dance"})"), 400);
}

// FileServer serves /doc.txt and /big.bin on a free loopback port.
class FileServer {
 public:
  FileServer() {
    server_.Get("/doc.txt", [](const httplib::Request&, httplib::Response& r) {
      r.set_content(kDocument, "text/plain");
    });
    server_.Get("/big.bin", [](const httplib::Request&, httplib::Response& r) {
      r.set_content(std::string(5000, 'x'), "application/octet-stream");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~FileServer() {
    server_.stop();
    thread_.join();
  }
  std::string origin() const {
    return "http://127.0.0.1:" + std::to_string(port_);
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

std::string SignFileRequest(const std::string& url) {
  json::object args;
  args["url"] = url;
  args["signerParams"] = AnyKey();
  json::object request;
  request["module"] = "kz.tinysign";
  request["method"] = "signFile";
  request["args"] = std::move(args);
  return json::serialize(request);
}

TEST_P(SignerTest, SignFileFromPageOrigin) {
  FileServer files;
  StartSigner({}, files.origin());
  json::object reply = Call(SignFileRequest(files.origin() + "/doc.txt"));
  ASSERT_EQ(reply.at("status"), json::value(true)) << reply;
  Bytes cms = DecodeCms(std::string(reply.at("body").at("result").as_string()));
  Bytes document = ToBytes(kDocument);
  // Detached by default, so it verifies only with the file.
  EXPECT_EQ(ExpectValidSignature(cms, Content(document)), KeyCommonName(0));
  EXPECT_FALSE(Verify(cms, Content(document)).document.attached);
}

TEST_P(SignerTest, SignFileUpperCaseScheme) {
  // URI schemes are case-insensitive (RFC 3986 section 3.1).
  FileServer files;
  StartSigner({}, files.origin());
  const std::string url =
      "HTTP" + files.origin().substr(std::string("http").size()) + "/doc.txt";
  json::object reply = Call(SignFileRequest(url));
  EXPECT_EQ(reply.at("status"), json::value(true)) << reply;
}

TEST_P(SignerTest, SignFileRefusedConnectionInWords) {
  // A socket bound without listen() refuses connections to its port.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)),
            0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string origin =
      "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  StartSigner({}, origin);
  json::object reply = Call(SignFileRequest(origin + "/doc.txt"));
  close(fd);
  EXPECT_EQ(reply.at("status"), json::value(false));
  EXPECT_NE(std::string(reply.at("details").as_string())
                .find("downloading " + origin +
                      "/doc.txt failed: connection refused"),
            std::string::npos)
      << reply;
}

TEST_P(SignerTest, SignFileRejectsOtherOrigin) {
  FileServer files;
  StartSigner({}, "http://127.0.0.1:1");
  json::object reply = Call(SignFileRequest(files.origin() + "/doc.txt"));
  EXPECT_EQ(reply.at("status"), json::value(false));
  EXPECT_NE(std::string(reply.at("details").as_string()).find("origin"),
            std::string::npos);
}

TEST_P(SignerTest, SignFileAllowOriginList) {
  FileServer files;
  StartSigner({"--allow-origin", files.origin()}, "http://127.0.0.1:1");
  json::object reply = Call(SignFileRequest(files.origin() + "/doc.txt"));
  EXPECT_EQ(reply.at("status"), json::value(true)) << reply;
}

TEST_P(SignerTest, SignFileSizeLimit) {
  FileServer files;
  StartSigner({"--max-download-bytes", "1000"}, files.origin());
  json::object reply = Call(SignFileRequest(files.origin() + "/big.bin"));
  EXPECT_EQ(reply.at("status"), json::value(false));
  EXPECT_NE(std::string(reply.at("details").as_string()).find("1000"),
            std::string::npos);
}

TEST_P(SignerTest, LogHasKeyButNoSecrets) {
  std::string common_name = KeyCommonName(0);
  Call(SignRequest(kDocument, {}, AnyKey()));
  Call(R"({"module":"kz.example.missing","method":"x"})");
  process_->Stop();
  std::string log = process_->Log();
  EXPECT_EQ(log.find(kPassword), std::string::npos);
  EXPECT_EQ(log.find(kDocument), std::string::npos);
  EXPECT_EQ(log.find(Base64(kDocument)), std::string::npos);
  std::istringstream lines(log);
  std::string line;
  int num_requests = 0;
  bool saw_key = false;
  while (std::getline(lines, line)) {
    json::object entry = ParseObject(line);
    if (entry.contains("event") && entry.at("event") == "request") {
      ++num_requests;
      saw_key |= entry.contains("key_file") &&
                 entry.at("key_file") == "a_rsa_sign.p12" &&
                 entry.at("key_subject_cn") == json::value(common_name);
    }
  }
  EXPECT_EQ(num_requests, 2);
  EXPECT_TRUE(saw_key);
}

INSTANTIATE_TEST_SUITE_P(Transport, SignerTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Wss" : "Ws";
                         });

// RunSigner runs tinysign-ncalayer with `args` and returns its exit code
// and its standard error.
CommandResult RunSigner(const std::string& args) {
  return RunCommand(
      {"sh", "-c",
       "timeout 60 " + (BinaryDir() / "bin" / "tinysign-ncalayer").string() +
           " --no-tls --listen 127.0.0.1:0 " + args + " 2>&1 >/dev/null"});
}

TEST(SignerStartTest, WrongPasswordFailsAtStart) {
  TINYSIGN_REQUIRE_FIXTURES();
  const std::filesystem::path dir = MakeKeyDir();
  const CommandResult result =
      RunSigner("--keys " + dir.string() + " --password wrong");
  std::filesystem::remove_all(dir);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("no key in " + dir.string() +
                               " opened with the given --password"),
            std::string::npos)
      << result.output;
}

TEST(SignerStartTest, EmptyKeyFolderFailsAtStart) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("tinysign-ncalayer-empty-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const CommandResult result =
      RunSigner("--keys " + dir.string() + " --password x");
  std::filesystem::remove_all(dir);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("no key in " + dir.string()), std::string::npos)
      << result.output;
}

TEST(SignerStartTest, BusyControlPortFailsAtStart) {
  TINYSIGN_REQUIRE_FIXTURES();
  // The listener sets SO_REUSEPORT as cpp-httplib servers do, so the
  // signer must not set it too.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  int yes = 1;
  ASSERT_EQ(setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &yes, sizeof(yes)), 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)),
            0);
  ASSERT_EQ(listen(fd, 1), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string control =
      "127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  const std::filesystem::path dir = MakeKeyDir();
  const CommandResult result =
      RunSigner("--keys " + dir.string() + " --password " + kPassword +
                " --control " + control);
  std::filesystem::remove_all(dir);
  close(fd);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("control interface cannot listen on " + control),
            std::string::npos)
      << result.output;
}

}  // namespace
}  // namespace tinysign::testing
