// `tinysign sign --tsa` against a stand-in TSA on 127.0.0.1, built from the
// test PKI's timestamp builder.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include "core/cms/attributes.h"
#include "core/cms/signed_data.h"
#include "core/crypto/digest.h"
#include "core/der/reader.h"
#include "core/tsp/timestamp.h"
#include "pki/certificate_builder.h"
#include "pki/tsa_builder.h"
#include "tests/cli/cli_runner.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"

namespace tinysign::testing {
namespace {

// TimeStampRequestFields are the parts of a TimeStampReq the stand-in
// echoes: messageImprint and nonce.
struct TimeStampRequestFields {
  Bytes hash_algorithm_tlv;
  Bytes hashed_message;
  Bytes nonce;
};

TimeStampRequestFields ReadRequest(der::Input body) {
  TimeStampRequestFields fields;
  der::Reader outer(body);
  auto request = outer.ReadSequence();
  EXPECT_TRUE(request.has_value());
  EXPECT_EQ(request->ReadSmallInteger().value(), 1);
  auto imprint = request->ReadSequence();
  EXPECT_TRUE(imprint.has_value());
  fields.hash_algorithm_tlv =
      imprint->ReadTlv(der::tag::kSequence).value().ToBytes();
  fields.hashed_message = imprint->ReadOctetString().value().ToBytes();
  fields.nonce = request->ReadInteger().value().ToBytes();
  EXPECT_TRUE(request->ReadBoolean().value());
  EXPECT_TRUE(request->ExpectEnd("TimeStampReq").has_value());
  return fields;
}

// StandInTsa serves one HTTP POST on 127.0.0.1 with a granted
// TimeStampResp signed by a generated GOST 2015 TSA key. With
// `wrong_imprint` it timestamps a different hash.
class StandInTsa {
 public:
  explicit StandInTsa(bool wrong_imprint) : wrong_imprint_(wrong_imprint) {
    key_ =
        pki::GenerateTestKey(pki::KeyType::kGost2015_512, "sign-tsa").value();
    certificate_ =
        pki::IssueCertificate(pki::RootSpec("Stand-in TSA"), key_, key_)
            .value();
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    EXPECT_EQ(
        bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)),
        0);
    EXPECT_EQ(listen(listener_, 1), 0);
    socklen_t length = sizeof(address);
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { ServeOne(); });
  }

  ~StandInTsa() {
    shutdown(listener_, SHUT_RDWR);
    close(listener_);
    thread_.join();
  }

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/tsp";
  }

 private:
  void ServeOne() {
    const int connection = accept(listener_, nullptr, nullptr);
    if (connection < 0) {
      return;
    }
    const std::string body = ReadHttpBody(connection);
    const Bytes response =
        BuildResponse(ReadRequest(der::Input(std::string_view(body))));
    std::string reply =
        "HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\n"
        "Connection: close\r\nContent-Length: " +
        std::to_string(response.size()) + "\r\n\r\n";
    reply.append(response.begin(), response.end());
    (void)write(connection, reply.data(), reply.size());
    close(connection);
  }

  static std::string ReadHttpBody(int connection) {
    std::string data;
    char buffer[4096];
    size_t header_end = std::string::npos;
    size_t content_length = 0;
    while (true) {
      const ssize_t got = read(connection, buffer, sizeof(buffer));
      if (got <= 0) {
        break;
      }
      data.append(buffer, static_cast<size_t>(got));
      if (header_end == std::string::npos) {
        header_end = data.find("\r\n\r\n");
        if (header_end != std::string::npos) {
          const size_t at = data.find("Content-Length: ");
          content_length = std::stoul(data.substr(at + 16));
        }
      }
      if (header_end != std::string::npos &&
          data.size() >= header_end + 4 + content_length) {
        break;
      }
    }
    return data.substr(header_end + 4, content_length);
  }

  Bytes BuildResponse(const TimeStampRequestFields& request) {
    pki::TstInfoSpec spec;
    spec.hash_algorithm_tlv = request.hash_algorithm_tlv;
    spec.hashed_message = request.hashed_message;
    if (wrong_imprint_) {
      spec.hashed_message.assign(request.hashed_message.size(), 0x00);
    }
    spec.serial = {0x01};
    spec.gen_time = kFixedNow;
    spec.nonce = request.nonce;
    const Bytes token =
        pki::BuildTimeStampToken(spec, certificate_, {certificate_.der})
            .value();
    return pki::BuildTimeStampResp(pki::PkiStatusInfoSpec{}, token);
  }

  bool wrong_imprint_;
  pki::TestKey key_;
  pki::IssuedCertificate certificate_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::thread thread_;
};

const char kKey[] =
    "nuc/ncanode-kz_NCANode/groovy-constants/KEY_INDIVIDUAL_VALID_2015.p12";

TEST(SignTsaTest, TokenCoversSignatureValue) {
  TINYSIGN_REQUIRE_FIXTURES();
  StandInTsa tsa(/*wrong_imprint=*/false);
  const auto out = TempDir("sign_tsa") / "signature.p7s";
  const CliRun run =
      RunInProcess({"sign", "--key", FixturePath(kKey).string(), "--password",
                    "Aa123456", "--tsa", tsa.url(), "--out", out.string(), "-"},
                   "timestamped document");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto cms = cms::ParseSignedData(ReadFileBytes(out));
  ASSERT_TRUE(cms.has_value());
  const cms::SignerInfo& signer = (*cms)->signers().front();
  const auto tokens = cms::FindTimestampTokens(signer);
  ASSERT_EQ(tokens.size(), 1u);
  auto token = tsp::ParseTimeStampToken(tokens[0]);
  ASSERT_TRUE(token.has_value()) << token.error().ToString();
  // RFC 3161 appendix A: the imprint is the hash of the signature value.
  EXPECT_EQ((*token)->tst_info().hashed_message.ToBytes(),
            crypto::ComputeDigest(crypto::DigestAlgorithm::kStreebog512,
                                  signer.signature));
}

TEST(SignTsaTest, WrongImprintRejected) {
  TINYSIGN_REQUIRE_FIXTURES();
  StandInTsa tsa(/*wrong_imprint=*/true);
  const CliRun run =
      RunInProcess({"sign", "--key", FixturePath(kKey).string(), "--password",
                    "Aa123456", "--tsa", tsa.url(), "-"},
                   "timestamped document");
  EXPECT_EQ(run.exit_code, 65);
  EXPECT_NE(run.err.find("messageImprint does not match"), std::string::npos)
      << run.err;
  EXPECT_TRUE(run.out.empty());
}

// A socket bound without listen() makes connections to its port fail
// with ECONNREFUSED.
TEST(SignTsaTest, RefusedConnectionInWords) {
  TINYSIGN_REQUIRE_FIXTURES();
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)),
            0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string url =
      "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/tsa";
  const CliRun run = RunInProcess({"sign", "--key", FixturePath(kKey).string(),
                                   "--password", "Aa123456", "--tsa", url, "-"},
                                  "timestamped document");
  close(fd);
  EXPECT_EQ(run.exit_code, 65);
  EXPECT_NE(run.err.find("timestamp from " + url +
                         " failed: connection refused or failed"),
            std::string::npos)
      << run.err;
  EXPECT_TRUE(run.out.empty());
}

}  // namespace
}  // namespace tinysign::testing
