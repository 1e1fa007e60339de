// End-to-end test of tinysign-testpki: `generate` writes a PKI, `serve`
// runs on a free 127.0.0.1 port, and the core checks what its OCSP
// responders, CRL distribution points and TSAs send for every algorithm.
// Expected statuses follow from the key names generate is documented to
// write: "*_revoked*" keys are revoked, all others (expired included) are
// good for OCSP and absent from the CRLs.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/crl/crl.h"
#include "core/crypto/algorithm.h"
#include "core/crypto/digest.h"
#include "core/der/writer.h"
#include "core/encoding/input_form.h"
#include "core/ocsp/cert_id.h"
#include "core/ocsp/request.h"
#include "core/ocsp/responder.h"
#include "core/ocsp/response.h"
#include "core/pkcs12/key_file.h"
#include "core/tsp/timestamp.h"
#include "core/tsp/token_verification.h"
#include "core/x509/certificate.h"
#include "core/x509/name.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"

extern char** environ;

namespace tinysign::testpki {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kAlgorithms = {"rsa", "gost2004", "gost2015"};
const Bytes kNonce = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};

// PercentEncode escapes the base64 characters that are not unreserved in
// a URL path (RFC 3986 section 2.3).
std::string PercentEncode(std::string_view base64) {
  std::string out;
  for (char c : base64) {
    if (c == '+') {
      out += "%2B";
    } else if (c == '/') {
      out += "%2F";
    } else if (c == '=') {
      out += "%3D";
    } else {
      out += c;
    }
  }
  return out;
}

fs::path ProgramPath() {
  return testing::BinaryDir() / "bin" / "tinysign-testpki";
}

// FreePort returns an unused 127.0.0.1 port that the kernel picks.
int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

std::shared_ptr<const x509::Certificate> LoadCertificate(const fs::path& path) {
  auto certificate = x509::ParseCertificate(testing::ReadFileBytes(path));
  EXPECT_TRUE(certificate) << path << ": " << certificate.error().ToString();
  return certificate ? *certificate : nullptr;
}

// Server runs `tinysign-testpki serve` for the test's lifetime.
class Server {
 public:
  Server(const fs::path& dir, int port) {
    const std::string program = ProgramPath().string();
    const std::string listen = "127.0.0.1:" + std::to_string(port);
    std::vector<std::string> arguments = {program,      "serve",    "--dir",
                                          dir.string(), "--listen", listen};
    std::vector<char*> argv;
    for (std::string& argument : arguments) {
      argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, program.c_str(), nullptr, nullptr, argv.data(),
                    environ) != 0) {
      pid_ = -1;
    }
  }
  ~Server() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  bool started() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
};

class TestPkiServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    port_ = FreePort();
    ASSERT_NE(port_, 0);
    dir_ = testing::TempDir("testpki-service");
    const auto generate = testing::RunCommand(
        {ProgramPath().string(), "generate", "--out", dir_.string(), "--seed",
         "5", "--base-url", "http://127.0.0.1:" + std::to_string(port_)});
    ASSERT_EQ(generate.exit_code, 0) << generate.output;
    server_ = new Server(dir_, port_);
    ASSERT_TRUE(server_->started());
    client_ = new httplib::Client("127.0.0.1", port_);
    client_->set_read_timeout(30, 0);
    // serve rebuilds the RSA keys before it binds, which takes seconds.
    for (int attempt = 0; attempt < 300; ++attempt) {
      if (auto reply = client_->Get("/cert/rsa_ca.cer")) {
        if (reply->status == 200) {
          return;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL() << "tinysign-testpki serve did not start on port " << port_;
  }

  static void TearDownTestSuite() {
    delete client_;
    client_ = nullptr;
    delete server_;
    server_ = nullptr;
  }

  // EndEntities returns the certificate files of `algorithm`'s keys.
  static std::vector<fs::path> EndEntities(const std::string& algorithm) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(dir_ / "keys")) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(algorithm + "_", 0) == 0 &&
          entry.path().extension() == ".cer") {
        out.push_back(entry.path());
      }
    }
    return out;
  }

  static std::shared_ptr<const x509::Certificate> Ca(const std::string& alg,
                                                     const std::string& ca) {
    return LoadCertificate(dir_ / "trust" / (alg + "_" + ca + ".cer"));
  }

  static Bytes Post(const std::string& path, const Bytes& body,
                    const std::string& content_type) {
    auto reply = client_->Post(path, std::string(body.begin(), body.end()),
                               content_type);
    EXPECT_TRUE(reply) << path;
    if (!reply) {
      return {};
    }
    EXPECT_EQ(reply->status, 200) << path << ": " << reply->body;
    return Bytes(reply->body.begin(), reply->body.end());
  }

  static Bytes Get(const std::string& path) {
    auto reply = client_->Get(path);
    EXPECT_TRUE(reply) << path;
    if (!reply) {
      return {};
    }
    EXPECT_EQ(reply->status, 200) << path << ": " << reply->body;
    return Bytes(reply->body.begin(), reply->body.end());
  }

  static inline int port_ = 0;
  static inline fs::path dir_;
  static inline Server* server_ = nullptr;
  static inline httplib::Client* client_ = nullptr;
};

// CheckOcspResponse verifies `response_der` for `certificate` the way a
// relying party would, and returns its status.
std::optional<ocsp::CertStatus> CheckOcspResponse(
    der::Input response_der, const x509::Certificate& certificate,
    const std::shared_ptr<const x509::Certificate>& ca) {
  auto response = ocsp::ParseOcspResponse(response_der);
  EXPECT_TRUE(response) << response.error().ToString();
  if (!response) {
    return std::nullopt;
  }
  auto basic = (*response)->basic_response();
  EXPECT_TRUE(basic) << basic.error().ToString();
  if (!basic) {
    return std::nullopt;
  }
  auto responder = ocsp::FindResponderCertificate(**basic, {ca});
  EXPECT_TRUE(responder) << responder.error().ToString();
  if (!responder) {
    return std::nullopt;
  }
  EXPECT_TRUE(ocsp::VerifyOcspSignature(**basic, **responder));
  EXPECT_TRUE((*basic)->nonce);
  if ((*basic)->nonce) {
    EXPECT_EQ((*basic)->nonce->ToBytes(), kNonce);
  }
  EXPECT_EQ((*basic)->responses.size(), 1u);
  if ((*basic)->responses.empty()) {
    return std::nullopt;
  }
  const ocsp::SingleResponse& single = (*basic)->responses[0];
  auto matches = ocsp::CertIdMatches(single.cert_id, certificate, *ca);
  EXPECT_TRUE(matches) << matches.error().ToString();
  if (matches) {
    EXPECT_TRUE(*matches);
  }
  return single.status;
}

TEST_F(TestPkiServiceTest, OcspPostReportsEveryKey) {
  for (const std::string& algorithm : kAlgorithms) {
    const auto ca = Ca(algorithm, "ca");
    ASSERT_NE(ca, nullptr);
    const auto files = EndEntities(algorithm);
    ASSERT_GE(files.size(), 7u) << algorithm;
    for (const fs::path& file : files) {
      SCOPED_TRACE(file.filename().string());
      const auto certificate = LoadCertificate(file);
      ASSERT_NE(certificate, nullptr);
      auto request = ocsp::BuildOcspRequest(*certificate, *ca,
                                            crypto::DigestAlgorithm::kSha1,
                                            der::Input(kNonce));
      ASSERT_TRUE(request) << request.error().ToString();
      const Bytes response =
          Post("/ocsp/" + algorithm, *request, "application/ocsp-request");
      const bool revoked =
          file.filename().string().find("_revoked") != std::string::npos;
      EXPECT_EQ(CheckOcspResponse(response, *certificate, ca),
                revoked ? ocsp::CertStatus::kRevoked : ocsp::CertStatus::kGood);
    }
  }
}

TEST_F(TestPkiServiceTest, OcspGetUsesBase64Path) {
  for (const std::string& algorithm : kAlgorithms) {
    const auto ca = Ca(algorithm, "ca");
    ASSERT_NE(ca, nullptr);
    const auto certificate = LoadCertificate(
        dir_ / "keys" /
        (algorithm +
         (algorithm == "gost2015" ? "_revoked.cer" : "_revoked_sign.cer")));
    ASSERT_NE(certificate, nullptr);
    auto request = ocsp::BuildOcspRequest(*certificate, *ca,
                                          crypto::DigestAlgorithm::kSha256,
                                          der::Input(kNonce));
    ASSERT_TRUE(request) << request.error().ToString();
    // RFC 6960 appendix A.1: the base64 is URL-encoded in the path.
    const std::string path = "/ocsp/" + algorithm + "/" +
                             PercentEncode(encoding::EncodeBase64(*request));
    const Bytes response = Get(path);
    EXPECT_EQ(CheckOcspResponse(response, *certificate, ca),
              ocsp::CertStatus::kRevoked)
        << algorithm;
  }
}

TEST_F(TestPkiServiceTest, OcspUnknownForOtherIssuer) {
  // The issuing CA's own certificate is issued by the root, which this
  // responder does not serve.
  const auto ca = Ca("rsa", "ca");
  const auto root = Ca("rsa", "root");
  ASSERT_NE(ca, nullptr);
  ASSERT_NE(root, nullptr);
  auto request = ocsp::BuildOcspRequest(
      *ca, *root, crypto::DigestAlgorithm::kSha1, der::Input(kNonce));
  ASSERT_TRUE(request) << request.error().ToString();
  const Bytes response =
      Post("/ocsp/rsa", *request, "application/ocsp-request");
  EXPECT_EQ(CheckOcspResponse(response, *ca, root), ocsp::CertStatus::kUnknown);
}

TEST_F(TestPkiServiceTest, OcspMalformedRequestIsRejected) {
  const Bytes response = Post("/ocsp/rsa", Bytes{0x30, 0x03, 0x02, 0x01, 0x00},
                              "application/ocsp-request");
  auto parsed = ocsp::ParseOcspResponse(response);
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  EXPECT_EQ((*parsed)->response_status(),
            ocsp::ResponseStatus::kMalformedRequest);
}

TEST_F(TestPkiServiceTest, CrlsListOnlyRevokedKeys) {
  for (const std::string& algorithm : kAlgorithms) {
    SCOPED_TRACE(algorithm);
    const auto ca = Ca(algorithm, "ca");
    const auto root = Ca(algorithm, "root");
    ASSERT_NE(ca, nullptr);
    ASSERT_NE(root, nullptr);
    for (bool delta : {false, true}) {
      auto crl = crl::ParseCrl(
          Get("/crl/" + algorithm + (delta ? "_ca_delta.crl" : "_ca.crl")));
      ASSERT_TRUE(crl) << crl.error().ToString();
      EXPECT_EQ((*crl)->is_delta(), delta);
      const Status signature = crl::VerifyCrlSignature(**crl, *ca);
      EXPECT_TRUE(signature) << signature.error().ToString();
      for (const fs::path& file : EndEntities(algorithm)) {
        const auto certificate = LoadCertificate(file);
        ASSERT_NE(certificate, nullptr);
        const bool revoked =
            file.filename().string().find("_revoked") != std::string::npos;
        EXPECT_EQ((*crl)->FindRevoked(certificate->serial()).has_value(),
                  revoked)
            << file.filename();
      }
    }
    auto root_crl = crl::ParseCrl(Get("/crl/" + algorithm + "_root.crl"));
    ASSERT_TRUE(root_crl) << root_crl.error().ToString();
    EXPECT_TRUE(crl::VerifyCrlSignature(**root_crl, *root));
    EXPECT_EQ((*root_crl)->num_entries(), 0u);
  }
}

// TimeStampRequest returns a DER TimeStampReq (RFC 3161 section 2.4.1)
// for the SHA-256 of `data`, with a nonce and certReq set.
Bytes TimeStampRequest(std::string_view data) {
  der::Writer imprint;
  imprint.AddRaw(
      crypto::EncodeDigestAlgorithm(crypto::DigestAlgorithm::kSha256));
  imprint.AddOctetString(crypto::ComputeDigest(crypto::DigestAlgorithm::kSha256,
                                               der::Input(data)));
  der::Writer fields;
  fields.AddSmallInteger(1);
  fields.AddConstructed(der::tag::kSequence, imprint);
  fields.AddUnsignedInteger(kNonce);
  fields.AddBoolean(true);
  der::Writer request;
  request.AddConstructed(der::tag::kSequence, fields);
  return request.Take();
}

TEST_F(TestPkiServiceTest, TsaGrantsVerifiableTokens) {
  constexpr std::string_view kData = "signature value to timestamp";
  for (const std::string& algorithm : kAlgorithms) {
    SCOPED_TRACE(algorithm);
    const Bytes reply = Post("/tsa/" + algorithm, TimeStampRequest(kData),
                             "application/timestamp-query");
    auto response = tsp::ParseTimeStampResponse(reply);
    ASSERT_TRUE(response) << response.error().ToString();
    auto token = (*response)->granted_token();
    ASSERT_TRUE(token) << token.error().ToString();
    auto tsa = tsp::FindTsaCertificate(**token, {});
    ASSERT_TRUE(tsa) << tsa.error().ToString();
    const Status signature = tsp::VerifyTimeStampTokenSignature(**token, **tsa);
    EXPECT_TRUE(signature) << signature.error().ToString();
    EXPECT_TRUE(
        tsp::CheckMessageImprint((*token)->tst_info(), der::Input(kData)));
    ASSERT_TRUE((*token)->tst_info().nonce);
    EXPECT_EQ((*token)->tst_info().nonce->ToBytes(), kNonce);
    const auto tsa_file =
        LoadCertificate(dir_ / "services" / (algorithm + "_tsa.cer"));
    ASSERT_NE(tsa_file, nullptr);
    EXPECT_EQ((*tsa)->der().ToBytes(), tsa_file->der().ToBytes());
  }
}

TEST_F(TestPkiServiceTest, TsaRejectsUnknownHash) {
  // A messageImprint of 5 bytes cannot be a SHA-256 hash.
  der::Writer imprint;
  imprint.AddRaw(
      crypto::EncodeDigestAlgorithm(crypto::DigestAlgorithm::kSha256));
  imprint.AddOctetString(Bytes{1, 2, 3, 4, 5});
  der::Writer fields;
  fields.AddSmallInteger(1);
  fields.AddConstructed(der::tag::kSequence, imprint);
  der::Writer request;
  request.AddConstructed(der::tag::kSequence, fields);
  auto response = tsp::ParseTimeStampResponse(
      Post("/tsa/rsa", request.Take(), "application/timestamp-query"));
  ASSERT_TRUE(response) << response.error().ToString();
  EXPECT_EQ((*response)->status(), tsp::PkiStatus::kRejection);
  EXPECT_EQ((*response)->fail_info(), 1u);  // badAlg is bit 0.
}

TEST_F(TestPkiServiceTest, RsaOcspAcceptedByOpenSsl) {
  const auto dir = testing::TempDir("testpki-openssl-ocsp");
  const std::string root_pem = [] {
    const auto result =
        testing::RunCommand({"openssl", "x509", "-inform", "DER", "-in",
                             (dir_ / "trust" / "rsa_root.cer").string()});
    return result.output;
  }();
  testing::WriteFileBytes(dir / "root.pem",
                          der::Input(std::string_view(root_pem)));
  const auto result = testing::RunCommand(
      {"sh", "-c",
       "openssl ocsp -issuer " + (dir_ / "trust" / "rsa_ca.cer").string() +
           " -cert " + (dir_ / "keys" / "rsa_revoked_sign.cer").string() +
           " -url http://127.0.0.1:" + std::to_string(port_) +
           "/ocsp/rsa -CAfile " + (dir / "root.pem").string() +
           " -verify_other " + (dir_ / "trust" / "rsa_ca.cer").string() +
           " 2>&1"});
  EXPECT_NE(result.output.find("Response verify OK"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find(": revoked"), std::string::npos)
      << result.output;
}

TEST_F(TestPkiServiceTest, KeyFilesOpenWithTestPassword) {
  for (const std::string& algorithm : kAlgorithms) {
    for (const fs::path& file : EndEntities(algorithm)) {
      SCOPED_TRACE(file.filename().string());
      fs::path p12 = file;
      p12.replace_extension(".p12");
      // Qwerty12 is the password of NUC's test keys.
      auto key_file =
          pkcs12::LoadKeyFile(testing::ReadFileBytes(p12), "Qwerty12");
      ASSERT_TRUE(key_file) << key_file.error().ToString();
      EXPECT_EQ(key_file->certificate->der().ToBytes(),
                testing::ReadFileBytes(file));
      EXPECT_EQ(key_file->other_certificates.size(), 2u);
    }
  }
}

TEST_F(TestPkiServiceTest, ManifestHasBareIdentityNumbers) {
  // The certificate subject writes "IIN" and "BIN" before the 12 digits,
  // and the manifest, like TinySign's reports, gives the digits alone.
  const auto text = testing::ReadFileBytes(dir_ / "manifest.json");
  boost::system::error_code ec;
  const boost::json::value manifest =
      boost::json::parse(std::string(text.begin(), text.end()), ec);
  ASSERT_FALSE(ec) << ec.message();
  int num_iins = 0;
  int num_bins = 0;
  for (const boost::json::value& key : manifest.at("keys").as_array()) {
    const std::string name(key.at("name").as_string());
    const auto certificate =
        LoadCertificate(dir_ / std::string(key.at("certificate").as_string()));
    ASSERT_NE(certificate, nullptr) << name;
    const std::string iin(key.at("iin").as_string());
    const std::string bin(key.at("bin").as_string());
    if (!iin.empty()) {
      EXPECT_EQ(iin.size(), 12u) << name << ": " << iin;
      EXPECT_EQ(iin.find_first_not_of("0123456789"), std::string::npos)
          << name << ": " << iin;
      const std::string* serial_number =
          certificate->subject().FindFirst(x509::attribute::kSerialNumber);
      ASSERT_NE(serial_number, nullptr) << name;
      EXPECT_EQ(*serial_number, "IIN" + iin) << name;
      ++num_iins;
    }
    if (!bin.empty()) {
      EXPECT_EQ(bin.size(), 12u) << name << ": " << bin;
      EXPECT_EQ(bin.find_first_not_of("0123456789"), std::string::npos)
          << name << ": " << bin;
      const std::string* unit = certificate->subject().FindFirst(
          x509::attribute::kOrganizationalUnit);
      ASSERT_NE(unit, nullptr) << name;
      EXPECT_EQ(*unit, "BIN" + bin) << name;
      ++num_bins;
    }
  }
  EXPECT_GT(num_iins, 0);
  EXPECT_GT(num_bins, 0);
}

TEST_F(TestPkiServiceTest, SameSeedGivesSameFiles) {
  const auto again = testing::TempDir("testpki-service-again");
  const auto generate = testing::RunCommand(
      {ProgramPath().string(), "generate", "--out", again.string(), "--seed",
       "5", "--at", "2026-06-01T00:00:00Z", "--base-url",
       "http://127.0.0.1:" + std::to_string(port_)});
  ASSERT_EQ(generate.exit_code, 0) << generate.output;
  const auto third = testing::TempDir("testpki-service-third");
  const auto repeat = testing::RunCommand(
      {ProgramPath().string(), "generate", "--out", third.string(), "--seed",
       "5", "--at", "2026-06-01T00:00:00Z", "--base-url",
       "http://127.0.0.1:" + std::to_string(port_)});
  ASSERT_EQ(repeat.exit_code, 0) << repeat.output;
  for (const char* file :
       {"manifest.json", "trust/gost2015_root.cer",
        "keys/rsa_employee_sign.p12", "keys/gost2004_revoked_sign.key",
        "crl/gost2004_ca.crl"}) {
    EXPECT_EQ(testing::ReadFileBytes(again / file),
              testing::ReadFileBytes(third / file))
        << file;
  }
  // Another seed changes the keys.
  const auto other = testing::TempDir("testpki-service-other");
  const auto different = testing::RunCommand(
      {ProgramPath().string(), "generate", "--out", other.string(), "--seed",
       "6", "--at", "2026-06-01T00:00:00Z"});
  ASSERT_EQ(different.exit_code, 0) << different.output;
  EXPECT_NE(testing::ReadFileBytes(again / "trust/rsa_root.cer"),
            testing::ReadFileBytes(other / "trust/rsa_root.cer"));
}

TEST_F(TestPkiServiceTest, BusyPortIsRejected) {
  // A second server on the port of the running one must fail to bind
  // rather than share the port and take part of its requests.
  const auto result = testing::RunCommand(
      {"sh", "-c",
       "timeout 120 " + ProgramPath().string() + " serve --dir " +
           dir_.string() + " --listen 127.0.0.1:" + std::to_string(port_) +
           " 2>&1"});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("cannot listen on 127.0.0.1:"),
            std::string::npos)
      << result.output;
}

TEST(TestPkiServeTest, NonLoopbackListenIsRejected) {
  for (const char* address :
       {"0.0.0.0:8080", "192.168.1.1:8080", "example.com:80", "127.0.0.1:0"}) {
    const auto result = testing::RunCommand(
        {"sh", "-c",
         ProgramPath().string() + " serve --dir /nonexistent --listen " +
             address + " 2>&1"});
    EXPECT_EQ(result.exit_code, 2) << address << ": " << result.output;
    EXPECT_NE(result.output.find("invalid --listen"), std::string::npos)
        << result.output;
  }
}

TEST(TestPkiGenerateTest, NonLoopbackBaseUrlIsRejected) {
  const auto dir = testing::TempDir("testpki-bad-url");
  const auto result = testing::RunCommand(
      {"sh", "-c",
       ProgramPath().string() + " generate --out " + dir.string() +
           " --base-url http://pki.example.com 2>&1"});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("invalid --base-url"), std::string::npos)
      << result.output;
}

}  // namespace
}  // namespace tinysign::testpki
