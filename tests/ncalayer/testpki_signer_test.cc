// tinysign-ncalayer with keys from tinysign-testpki: certificates valid
// today that chain to the test PKI's roots, and the test PKI's loopback TSA
// behind --tsa. These run without the NUC fixtures, and each signature must
// reach the verdict "valid" in VerifyCms with the test PKI as trust
// anchors.

#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "core/cms/signed_data.h"
#include "core/ocsp/request.h"
#include "core/ocsp/response.h"
#include "core/verify/verifier.h"
#include "core/x509/certificate.h"
#include "core/x509/name.h"
#include "core/x509/trust_store.h"
#include "ncalayer-module/tls_certificate.h"
#include "tests/ncalayer/requests.h"
#include "tests/ncalayer/signer_process.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"

namespace tinysign::testing {
namespace {

namespace json = boost::json;

constexpr char kDocument[] = "test PKI document";

std::filesystem::path TestPkiBinary() {
  return BinaryDir() / "bin" / "tinysign-testpki";
}

Bytes ReadBytes(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(file),
               std::istreambuf_iterator<char>());
}

// FreePort returns a loopback port that was free a moment ago; testpki
// serve takes no port 0.
uint16_t FreePort() {
  boost::asio::io_context io_context;
  boost::asio::ip::tcp::acceptor acceptor(
      io_context, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

bool PortOpen(uint16_t port) {
  boost::asio::io_context io_context;
  boost::asio::ip::tcp::socket socket(io_context);
  boost::system::error_code ec;
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
  return !ec;
}

// TestPki generates a test PKI once per test suite and serves its TSA.
class TestPki {
 public:
  bool Start(std::string* error) {
    dir_ = std::filesystem::temp_directory_path() /
           ("tinysign-ncalayer-pki-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    port_ = FreePort();
    std::string base_url = "http://127.0.0.1:" + std::to_string(port_);
    CommandResult generate =
        RunCommand({TestPkiBinary().string(), "generate", "--out",
                    dir_.string(), "--seed", "7", "--base-url", base_url});
    if (generate.exit_code != 0) {
      *error = "tinysign-testpki generate failed";
      return false;
    }
    pid_ = fork();
    if (pid_ == 0) {
      std::string binary = TestPkiBinary().string();
      std::string dir = dir_.string();
      std::string listen = "127.0.0.1:" + std::to_string(port_);
      execl(binary.c_str(), binary.c_str(), "serve", "--dir", dir.c_str(),
            "--listen", listen.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    // serve took 8 s to open its port on a loaded 2-core machine, so wait
    // up to 30 s.
    for (int i = 0; i < 1200 && !PortOpen(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    if (!PortOpen(port_)) {
      *error = "tinysign-testpki serve did not open its port";
      return false;
    }
    return true;
  }

  ~TestPki() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  const std::filesystem::path& dir() const { return dir_; }
  std::string TsaUrl(const std::string& algorithm) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/tsa/" + algorithm;
  }
  uint16_t port() const { return port_; }

  // Trust returns the roots and issuing CAs of every hierarchy.
  x509::TrustStore Trust() const {
    x509::TrustStore trust;
    for (const auto& entry :
         std::filesystem::directory_iterator(dir_ / "trust")) {
      EXPECT_TRUE(trust.Add(ReadBytes(entry.path())).has_value())
          << entry.path();
    }
    return trust;
  }

 private:
  std::filesystem::path dir_;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
};

class TestPkiSignerTest : public ::testing::TestWithParam<bool> {
 protected:
  static void SetUpTestSuite() {
    pki_ = new TestPki();
    std::string error;
    if (!pki_->Start(&error)) {
      ADD_FAILURE() << error;
    }
  }

  static void TearDownTestSuite() {
    delete pki_;
    pki_ = nullptr;
  }

  void SetUp() override {
    keys_dir_ = pki_->dir().string() + "-keys";
    std::filesystem::create_directories(keys_dir_);
    // Sorted names fix the key order: 0 RSA SIGN, 1 RSA AUTH (first
    // head), 2 GOST 2015, 3 GOST 2004 SIGN.
    const std::pair<const char*, const char*> kKeys[] = {
        {"a_rsa_sign.p12", "rsa_individual_sign.p12"},
        {"b_rsa_first_head_auth.p12", "rsa_first_head_auth.p12"},
        {"c_gost2015.p12", "gost2015_individual.p12"},
        {"d_gost2004_sign.p12", "gost2004_individual_sign.p12"},
    };
    for (const auto& [name, file] : kKeys) {
      std::filesystem::copy_file(
          pki_->dir() / "keys" / file, keys_dir_ / name,
          std::filesystem::copy_options::overwrite_existing);
    }
    StartSigner({}, "");
  }

  // StartSigner (re)starts the signer with `extra` options and connects
  // as a page of `origin`.
  void StartSigner(const std::vector<std::string>& extra,
                   const std::string& origin) {
    client_.reset();
    process_.reset();
    cert_path_ = keys_dir_.string() + ".pem";
    std::vector<std::string> args = {"--keys",     keys_dir_.string(),
                                     "--password", "Qwerty12",
                                     "--tsa",      pki_->TsaUrl("rsa")};
    if (GetParam()) {
      args.insert(args.end(), {"--cert-out", cert_path_});
    } else {
      args.push_back("--no-tls");
    }
    args.insert(args.end(), extra.begin(), extra.end());
    std::string error;
    process_ = SignerProcess::Start(args, &error);
    ASSERT_NE(process_, nullptr) << error;
    client_ = std::make_unique<WebSocketClient>();
    ASSERT_TRUE(client_->Connect(process_->port(), GetParam(), cert_path_,
                                 origin, &error))
        << error;
  }

  void TearDown() override {
    client_.reset();
    process_.reset();
    std::error_code ec;
    std::filesystem::remove_all(keys_dir_, ec);
    std::filesystem::remove(cert_path_, ec);
  }

  json::object Call(const std::string& request) {
    std::optional<std::string> reply = client_->Call(request);
    EXPECT_TRUE(reply.has_value()) << "no reply to " << request;
    return reply ? ParseObject(*reply) : json::object();
  }

  // VerifyValid verifies `cms` against the test PKI now, revocation off,
  // expecting the verdict valid, and returns the report.
  verify::Report VerifyValid(const Bytes& cms, const verify::Document& document,
                             verify::KeyPurpose purpose) {
    verify::VerifyOptions options;
    options.validation_time =
        Time{std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count()};
    options.policy.revocation = verify::RevocationPolicy::kOff;
    options.policy.purpose = purpose;
    x509::TrustStore trust = pki_->Trust();
    Result<verify::Report> report = VerifyCms(cms, document, trust, options);
    EXPECT_TRUE(report.has_value()) << report.error().ToString();
    if (!report) {
      return verify::Report();
    }
    EXPECT_EQ(report->verdict, verify::Verdict::kValid);
    for (const verify::SignerReport& signer : report->signers) {
      for (const verify::Reason& reason : signer.reasons) {
        ADD_FAILURE() << "reason: " << reason.message;
      }
    }
    return *report;
  }

  Bytes SignedCms(const json::object& reply) {
    EXPECT_EQ(reply.at("status"), json::value(true)) << reply;
    const json::value* result =
        reply.contains("body")
            ? reply.at("body").as_object().if_contains("result")
            : nullptr;
    if (result == nullptr || !result->is_array() ||
        result->as_array().size() != 1) {
      ADD_FAILURE() << "expected one result in " << reply;
      return Bytes();
    }
    return DecodeCms(std::string(result->as_array()[0].as_string()));
  }

  static TestPki* pki_;
  std::filesystem::path keys_dir_;
  std::string cert_path_;
  std::unique_ptr<SignerProcess> process_;
  std::unique_ptr<WebSocketClient> client_;
};

TestPki* TestPkiSignerTest::pki_ = nullptr;

TEST_P(TestPkiSignerTest, DefaultChainTakesValidKey) {
  // chain absent: only certificates valid now, which these are.
  json::object signer;
  signer["extKeyUsageOids"] = json::array{"1.3.6.1.5.5.7.3.4"};
  Bytes cms = SignedCms(Call(SignRequest(kDocument, {}, signer)));
  verify::Report report =
      VerifyValid(cms, verify::Document(), verify::KeyPurpose::kSign);
  ASSERT_EQ(report.signers.size(), 1u);
  EXPECT_EQ(report.signers[0].signature_algorithm, "rsa-sha256");
  EXPECT_EQ(report.signers[0].checks.timestamp, verify::CheckResult::kAbsent);
}

TEST_P(TestPkiSignerTest, TsaProfileAddsVerifiedTimestamp) {
  json::object signing;
  signing["tsaProfile"] = json::object();
  Bytes cms = SignedCms(Call(SignRequest(kDocument, signing, AnyKey())));
  verify::Report report =
      VerifyValid(cms, verify::Document(), verify::KeyPurpose::kSign);
  ASSERT_EQ(report.signers.size(), 1u);
  EXPECT_EQ(report.signers[0].checks.timestamp, verify::CheckResult::kPassed);
  EXPECT_TRUE(report.signers[0].timestamp.has_value());
}

TEST_P(TestPkiSignerTest, CmsSignatureFromBase64IsTimestamped) {
  json::object reply = Call(CommonRequest(
      "createCMSSignatureFromBase64",
      json::array{"PKCS12", "SIGNATURE", Base64(kDocument), false}));
  ASSERT_EQ(reply.at("code"), "200") << reply;
  Bytes cms = DecodeCms(std::string(reply.at("responseObject").as_string()));
  Bytes document = ToBytes(kDocument);
  verify::Report report =
      VerifyValid(cms, Content(document), verify::KeyPurpose::kSign);
  ASSERT_EQ(report.signers.size(), 1u);
  EXPECT_EQ(report.signers[0].checks.timestamp, verify::CheckResult::kPassed);
}

TEST_P(TestPkiSignerTest, IinAndBinPickFirstHead) {
  // The IIN and BIN come from the key's own certificate, by getKeyInfo.
  ASSERT_EQ(PostAction(process_->control_port(),
                       R"({"action":"choose_key","key":1})"),
            200);
  json::object info = Call(CommonRequest("getKeyInfo", json::array{"PKCS12"}));
  ASSERT_EQ(info.at("code"), "200") << info;
  std::string dn(info.at("responseObject").at("subjectDn").as_string());
  size_t iin_at = dn.find("IIN");
  size_t bin_at = dn.find("BIN");
  ASSERT_NE(iin_at, std::string::npos) << dn;
  ASSERT_NE(bin_at, std::string::npos) << dn;
  json::object signer = AnyKey();
  signer["iin"] = dn.substr(iin_at + 3, 12);
  signer["bin"] = dn.substr(bin_at + 3, 12);
  Bytes cms = SignedCms(Call(SignRequest(kDocument, {}, signer)));
  verify::Report report =
      VerifyValid(cms, verify::Document(), verify::KeyPurpose::kAuth);
  ASSERT_EQ(report.signers.size(), 1u);
  ASSERT_TRUE(report.signers[0].certificate.has_value());
  EXPECT_EQ(report.signers[0].certificate->bin, dn.substr(bin_at + 3, 12));
}

TEST_P(TestPkiSignerTest, GostKeysSign) {
  const std::pair<int, const char*> kCases[] = {
      {2, "gost3410-2015-512"},
      {3, "gost34310-2004"},
  };
  for (const auto& [key, algorithm] : kCases) {
    ASSERT_EQ(PostAction(process_->control_port(),
                         R"({"action":"choose_key","key":)" +
                             std::to_string(key) + "}"),
              200);
    Bytes cms = SignedCms(Call(SignRequest(kDocument, {}, AnyKey())));
    verify::Report report =
        VerifyValid(cms, verify::Document(), verify::KeyPurpose::kSign);
    ASSERT_EQ(report.signers.size(), 1u);
    EXPECT_EQ(report.signers[0].signature_algorithm, algorithm);
  }
}

TEST_P(TestPkiSignerTest, KeyOptionPrefersNamedFile) {
  StartSigner({"--key", "c_gost2015.p12"}, "");
  Bytes cms = SignedCms(Call(SignRequest(kDocument, {}, AnyKey())));
  verify::Report report =
      VerifyValid(cms, verify::Document(), verify::KeyPurpose::kSign);
  ASSERT_EQ(report.signers.size(), 1u);
  EXPECT_EQ(report.signers[0].signature_algorithm, "gost3410-2015-512");
}

TEST_P(TestPkiSignerTest, UnnamedPurposePrefersSigningKey) {
  // The authentication key sorts first, and its keyUsage lacks
  // nonRepudiation, so a signature made with it fails the signing purpose.
  std::filesystem::copy_file(
      pki_->dir() / "keys" / "gost2004_employee_auth.p12",
      keys_dir_ / "0_employee_auth.p12");
  std::filesystem::copy_file(
      pki_->dir() / "keys" / "gost2004_employee_sign.p12",
      keys_dir_ / "0_employee_sign.p12");
  StartSigner({}, "");
  json::object role_only;
  // The NUC role OID of a legal entity's employee.
  role_only["extKeyUsageOids"] = json::array{"1.2.398.3.3.4.1.2.5"};
  role_only["chain"] = json::array();
  for (const json::object& signer : {AnyKey(), role_only}) {
    Bytes cms = SignedCms(Call(SignRequest(kDocument, {}, signer)));
    verify::Report report =
        VerifyValid(cms, verify::Document(), verify::KeyPurpose::kSign);
    ASSERT_EQ(report.signers.size(), 1u) << signer;
    EXPECT_EQ(report.signers[0].signature_algorithm, "gost34310-2004")
        << signer;
  }
}

TEST_P(TestPkiSignerTest, SignFileOverHttps) {
  ncalayer::TlsCredentials credentials;
  std::string error;
  ASSERT_TRUE(ncalayer::GenerateTlsCredentials(&credentials, &error)) << error;
  std::string cert_file = keys_dir_.string() + "-https.pem";
  std::string key_file = keys_dir_.string() + "-https.key";
  std::ofstream(cert_file) << credentials.certificate_pem;
  std::ofstream(key_file) << credentials.private_key_pem;
  httplib::SSLServer server(cert_file.c_str(), key_file.c_str());
  ASSERT_TRUE(server.is_valid());
  server.Get("/doc.txt", [](const httplib::Request&, httplib::Response& r) {
    r.set_content(kDocument, "text/plain");
  });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread thread([&server] { server.listen_after_bind(); });
  std::string origin = "https://127.0.0.1:" + std::to_string(port);

  json::object request;
  request["module"] = "kz.tinysign";
  request["method"] = "signFile";
  request["args"] = {{"url", origin + "/doc.txt"}, {"signerParams", AnyKey()}};
  // Without --download-ca the server certificate is untrusted.
  StartSigner({}, origin);
  json::object untrusted = Call(json::serialize(request));
  StartSigner({"--download-ca", cert_file}, origin);
  json::object reply = Call(json::serialize(request));
  server.stop();
  thread.join();
  std::filesystem::remove(cert_file);
  std::filesystem::remove(key_file);

  ASSERT_EQ(reply.at("status"), json::value(true)) << reply;
  Bytes cms = DecodeCms(std::string(reply.at("body").at("result").as_string()));
  Bytes document = ToBytes(kDocument);
  VerifyValid(cms, Content(document), verify::KeyPurpose::kSign);
}

// FetchOcsp asks the test PKI's responder about the signer of `cms`, as a
// site's back end would, with a nonce, and returns the evidence.
std::optional<verify::OcspEvidence> FetchOcsp(const Bytes& cms,
                                              const x509::TrustStore& trust,
                                              uint16_t port,
                                              const std::string& algorithm) {
  auto signed_data = cms::ParseSignedData(cms);
  EXPECT_TRUE(signed_data.has_value());
  if (!signed_data || (*signed_data)->certificates().empty()) {
    return std::nullopt;
  }
  auto signer = x509::ParseCertificate((*signed_data)->certificates()[0]);
  EXPECT_TRUE(signer.has_value());
  std::shared_ptr<const x509::Certificate> issuer;
  for (const auto& candidate : trust.certificates()) {
    if (x509::NamesMatch(candidate->subject(), (*signer)->issuer())) {
      issuer = candidate;
    }
  }
  EXPECT_NE(issuer, nullptr);
  if (!signer || issuer == nullptr) {
    return std::nullopt;
  }
  const Bytes nonce = {0x6e, 0x6f, 0x6e, 0x63, 0x65, 0x2d, 0x31, 0x36,
                       0x2d, 0x62, 0x79, 0x74, 0x65, 0x73, 0x21, 0x21};
  auto request = ocsp::BuildOcspRequest(
      **signer, *issuer, crypto::DigestAlgorithm::kSha256, der::Input(nonce));
  EXPECT_TRUE(request.has_value());
  if (!request) {
    return std::nullopt;
  }
  httplib::Client client("127.0.0.1", port);
  auto reply = client.Post(("/ocsp/" + algorithm).c_str(),
                           std::string(request->begin(), request->end()),
                           "application/ocsp-request");
  EXPECT_TRUE(reply);
  EXPECT_EQ(reply ? reply->status : 0, 200);
  if (!reply || reply->status != 200) {
    return std::nullopt;
  }
  auto response = ocsp::ParseOcspResponse(der::Input(reply->body));
  EXPECT_TRUE(response.has_value());
  if (!response) {
    return std::nullopt;
  }
  return verify::OcspEvidence{*response, nonce};
}

// The whole path a site takes: the page signs through basics.sign with a
// timestamp, the back end fetches OCSP with a nonce, and verification
// under the default "require" policy gives valid.
TEST_P(TestPkiSignerTest, TimestampedSignatureValidWithLiveOcsp) {
  json::object signing;
  signing["tsaProfile"] = json::object();
  Bytes cms = SignedCms(Call(SignRequest(kDocument, signing, AnyKey())));
  const x509::TrustStore trust = pki_->Trust();
  auto evidence = FetchOcsp(cms, trust, pki_->port(), "rsa");
  ASSERT_TRUE(evidence.has_value());

  verify::VerifyOptions options;
  options.validation_time =
      Time{std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
               .count()};
  options.policy.revocation = verify::RevocationPolicy::kRequire;
  options.revocation.ocsp.push_back(*evidence);
  auto report = VerifyCms(cms, verify::Document(), trust, options);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  ASSERT_EQ(report->signers.size(), 1u);
  const verify::SignerReport& signer = report->signers[0];
  for (const verify::Reason& reason : signer.reasons) {
    ADD_FAILURE() << ErrorId(reason.code) << ": " << reason.message;
  }
  EXPECT_EQ(report->verdict, verify::Verdict::kValid);
  EXPECT_EQ(signer.checks.timestamp, verify::CheckResult::kPassed);
  EXPECT_EQ(signer.checks.revocation, verify::RevocationStatus::kGood);
  ASSERT_TRUE(signer.revocation.has_value());
  EXPECT_EQ(signer.revocation->source, "ocsp");
  ASSERT_TRUE(signer.timestamp.has_value());
  EXPECT_EQ(signer.control_time, signer.timestamp->gen_time);
}

INSTANTIATE_TEST_SUITE_P(Transport, TestPkiSignerTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Wss" : "Ws";
                         });

}  // namespace
}  // namespace tinysign::testing
