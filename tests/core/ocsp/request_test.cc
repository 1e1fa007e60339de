#include "core/ocsp/request.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/der/reader.h"
#include "core/encoding/input_form.h"
#include "core/ocsp/cert_id.h"
#include "core/ocsp/response.h"
#include "core/x509/certificate.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"

namespace tinysign::ocsp {
namespace {

using crypto::DigestAlgorithm;
using testing::FixturePath;
using testing::ReadFileBytes;
using testing::RunCommand;

using CertificatePtr = std::shared_ptr<const x509::Certificate>;

constexpr char kNcaRsaTest[] = "nuc/ncanode-kz_NCANode/ca/nca_rsa_test.crt";
constexpr char kNcaGostTest[] = "nuc/ncanode-kz_NCANode/ca/nca_gost_test.crt";
constexpr char kNcaGost2015Test[] =
    "nuc/ncanode-kz_NCANode/ca/nca_gost2015_test.cer";
constexpr char kRsaIndividual[] =
    "nuc/ncanode-kz_NCANode/certs/individual_valid_sign_2004_rsa.cer";
constexpr char kGostCeo[] =
    "nuc/ncanode-kz_NCANode/certs/ceo_valid_sign_2004_gost.cer";

// WorkDir returns this process's scratch folder; `TempDir` empties the
// folder on each call, so it is called once.
const std::filesystem::path& WorkDir() {
  static const std::filesystem::path dir = testing::TempDir("ocsp_request");
  return dir;
}

// LoadCertificate reads a PEM or DER certificate file.
CertificatePtr LoadCertificate(const std::filesystem::path& path) {
  auto der = encoding::NormalizeToDer(ReadFileBytes(path));
  EXPECT_TRUE(der.has_value()) << path;
  if (!der.has_value()) {
    return nullptr;
  }
  auto certificate = x509::ParseCertificate(*der);
  EXPECT_TRUE(certificate.has_value())
      << path << ": " << certificate.error().ToString();
  return certificate.has_value() ? *certificate : nullptr;
}

// ExtractP12Certificate writes the end-entity certificate of a NUC test
// key file as PEM, with OpenSSL, and returns the PEM file's path.
std::filesystem::path ExtractP12Certificate(const std::string& p12,
                                            const std::string& password) {
  const std::filesystem::path out =
      WorkDir() / (std::filesystem::path(p12).stem().string() + ".pem");
  const testing::CommandResult result =
      RunCommand({"openssl", "pkcs12", "-legacy", "-in",
                  FixturePath(p12).string(), "-passin", "pass:" + password,
                  "-nokeys", "-clcerts", "-out", out.string()});
  EXPECT_EQ(result.exit_code, 0) << p12;
  return out;
}

// OpenSslRequest returns the OCSPRequest that `openssl ocsp` builds for
// `certificate` and `issuer` without a nonce, with `digest_flag` ("-sha1"
// or "-sha256").
Bytes OpenSslRequest(const std::filesystem::path& certificate,
                     const std::filesystem::path& issuer,
                     const std::string& digest_flag) {
  const std::filesystem::path out =
      WorkDir() / (certificate.stem().string() + digest_flag + ".der");
  const testing::CommandResult result = RunCommand(
      {"openssl", "ocsp", digest_flag, "-issuer", issuer.string(), "-cert",
       certificate.string(), "-no_nonce", "-reqout", out.string()});
  EXPECT_EQ(result.exit_code, 0);
  return ReadFileBytes(out);
}

struct RequestCase {
  std::filesystem::path certificate;
  std::filesystem::path issuer;
  DigestAlgorithm hash;
  const char* openssl_flag;
};

// Our requests must equal OpenSSL's byte for byte, for an RSA, a GOST 2004
// and a GOST 2015 issuer key.
TEST(OcspRequestTest, MatchesOpenSsl) {
  TINYSIGN_REQUIRE_FIXTURES();
  const RequestCase cases[] = {
      {FixturePath(kRsaIndividual), FixturePath(kNcaRsaTest),
       DigestAlgorithm::kSha1, "-sha1"},
      {FixturePath(kRsaIndividual), FixturePath(kNcaRsaTest),
       DigestAlgorithm::kSha256, "-sha256"},
      {FixturePath(kGostCeo), FixturePath(kNcaGostTest),
       DigestAlgorithm::kSha256, "-sha256"},
      {ExtractP12Certificate(
           "nuc/ncanode-kz_NCANode/groovy-constants/KEY_CEO_REVOKED_2015.p12",
           "Aa123456"),
       FixturePath(kNcaGost2015Test), DigestAlgorithm::kSha1, "-sha1"},
  };
  for (const RequestCase& c : cases) {
    SCOPED_TRACE(c.certificate.string() + " " + c.openssl_flag);
    CertificatePtr certificate = LoadCertificate(c.certificate);
    CertificatePtr issuer = LoadCertificate(c.issuer);
    ASSERT_NE(certificate, nullptr);
    ASSERT_NE(issuer, nullptr);
    auto request = BuildOcspRequest(*certificate, *issuer, c.hash, {});
    ASSERT_TRUE(request.has_value()) << request.error().ToString();
    EXPECT_EQ(encoding::HexEncode(*request),
              encoding::HexEncode(
                  OpenSslRequest(c.certificate, c.issuer, c.openssl_flag)));
  }
}

TEST(OcspRequestTest, WritesNonce) {
  TINYSIGN_REQUIRE_FIXTURES();
  CertificatePtr certificate = LoadCertificate(FixturePath(kGostCeo));
  CertificatePtr issuer = LoadCertificate(FixturePath(kNcaGostTest));
  ASSERT_NE(certificate, nullptr);
  ASSERT_NE(issuer, nullptr);
  const Bytes nonce = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
  auto request = BuildOcspRequest(*certificate, *issuer,
                                  DigestAlgorithm::kSha256, der::Input(nonce));
  ASSERT_TRUE(request.has_value()) << request.error().ToString();

  // Read it back: OCSPRequest { TBSRequest { requestList, [2] { Extensions
  // { Extension { nonce OID, OCTET STRING { OCTET STRING nonce } } } } } }.
  der::Reader outer(*request);
  auto ocsp_request = outer.ReadSequence();
  ASSERT_TRUE(ocsp_request.has_value());
  auto tbs = ocsp_request->ReadSequence();
  ASSERT_TRUE(tbs.has_value());
  ASSERT_TRUE(tbs->ReadSequence().has_value());
  auto wrapper = tbs->ReadConstructed(der::tag::ContextConstructed(2));
  ASSERT_TRUE(wrapper.has_value());
  auto list = wrapper->ReadSequence();
  ASSERT_TRUE(list.has_value());
  auto extension = list->ReadSequence();
  ASSERT_TRUE(extension.has_value());
  auto oid = extension->ReadOid();
  ASSERT_TRUE(oid.has_value());
  EXPECT_EQ(*oid, kIdPkixOcspNonce.bytes());
  auto value = extension->ReadOctetString();
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(encoding::HexEncode(*value), "04080123456789abcdef");
  EXPECT_TRUE(extension->ExpectEnd("Extension").has_value());
  EXPECT_TRUE(tbs->ExpectEnd("TBSRequest").has_value());
  EXPECT_TRUE(outer.ExpectEnd("OCSPRequest").has_value());

  // And OpenSSL reads the same nonce and CertID.
  const std::filesystem::path path = WorkDir() / "nonce.der";
  testing::WriteFileBytes(path, *request);
  const testing::CommandResult text =
      RunCommand({"openssl", "ocsp", "-reqin", path.string(), "-req_text"});
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.output.find("0408012345678"), std::string::npos)
      << text.output;
  EXPECT_NE(text.output.find("Serial Number: "
                             "6CBD4560A33A58C0B07C3363C9AE0674A0838E58"),
            std::string::npos)
      << text.output;
}

TEST(OcspRequestTest, RejectsStreebogCertIdHash) {
  TINYSIGN_REQUIRE_FIXTURES();
  CertificatePtr certificate = LoadCertificate(FixturePath(kGostCeo));
  CertificatePtr issuer = LoadCertificate(FixturePath(kNcaGostTest));
  ASSERT_NE(certificate, nullptr);
  ASSERT_NE(issuer, nullptr);
  auto request = BuildOcspRequest(*certificate, *issuer,
                                  DigestAlgorithm::kStreebog512, {});
  ASSERT_FALSE(request.has_value());
  EXPECT_EQ(request.error().code, ErrorCode::kCryptoUnsupportedAlgorithm);
}

struct ResponseCase {
  const char* response;
  const char* p12;
  const char* password;
  const char* issuer;
  const char* other_issuer;
};

// Each NUC response's CertID names the certificate of the NUC test key it
// was made for, under its own CA and under no other.
TEST(OcspCertIdTest, MatchesNucResponses) {
  TINYSIGN_REQUIRE_FIXTURES();
  const ResponseCase cases[] = {
      {"nuc/ncanode-kz_NCANode/ocsp/ocsp_response_ceo_2015_revoked.bin",
       "nuc/ncanode-kz_NCANode/groovy-constants/KEY_CEO_REVOKED_2015.p12",
       "Aa123456", kNcaGost2015Test, kNcaGostTest},
      {"nuc/ncanode-kz_NCANode/ocsp/ocsp_response_ceo_sign_2004_revoked.bin",
       "nuc/ncanode-kz_NCANode/groovy-constants/"
       "KEY_CEO_SIGN_REVOKED_2004.p12",
       "Qwerty12", kNcaGostTest, kNcaRsaTest},
      {"nuc/ncanode-kz_NCANode/ocsp/ocsp_response_individual_sign_2004.bin",
       "nuc/ncanode-kz_NCANode/groovy-constants/"
       "KEY_INDIVIDUAL_VALID_SIGN_2004.p12",
       "Qwerty12", kNcaRsaTest, kNcaGostTest},
  };
  for (const ResponseCase& c : cases) {
    SCOPED_TRACE(c.response);
    auto response = ParseOcspResponse(ReadFileBytes(FixturePath(c.response)));
    ASSERT_TRUE(response.has_value()) << response.error().ToString();
    auto basic = (*response)->basic_response();
    ASSERT_TRUE(basic.has_value());
    CertificatePtr certificate =
        LoadCertificate(ExtractP12Certificate(c.p12, c.password));
    CertificatePtr issuer = LoadCertificate(FixturePath(c.issuer));
    CertificatePtr other = LoadCertificate(FixturePath(c.other_issuer));
    ASSERT_NE(certificate, nullptr);
    ASSERT_NE(issuer, nullptr);
    ASSERT_NE(other, nullptr);
    const CertId& id = (*basic)->responses[0].cert_id;
    auto matches = CertIdMatches(id, *certificate, *issuer);
    ASSERT_TRUE(matches.has_value()) << matches.error().ToString();
    EXPECT_TRUE(*matches);
    auto other_matches = CertIdMatches(id, *certificate, *other);
    ASSERT_TRUE(other_matches.has_value());
    EXPECT_FALSE(*other_matches);
  }
}

}  // namespace
}  // namespace tinysign::ocsp
