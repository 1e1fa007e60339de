// The seed corpora of tests/fuzz/certificate_fuzzer.cc and name_fuzzer.cc.
//
// Every seed must parse, so that fuzzing starts from inputs that reach deep
// into the parser. To rewrite the seeds, run this from the repository root
// with TINYSIGN_WRITE_FUZZ_CORPUS=tests/fuzz/corpus in the environment:
//   build/bin/tinysign_x509_tests --gtest_filter='FuzzCorpusTest.*'
// The seeds are built here with der::Writer or made on the fly by
// `openssl req -x509`; none is a copy of a NUC fixture.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "core/der/tag.h"
#include "core/x509/certificate.h"
#include "core/x509/name.h"
#include "tests/core/x509/fixture_certificates.h"
#include "tests/core/x509/test_certificate.h"
#include "tests/support/files.h"
#include "tests/support/openssl.h"

namespace tinysign::x509 {
namespace {

using der::tag::ContextConstructed;
using der::tag::ContextSpecific;
using testing::AttributeTlv;
using testing::CertificateParts;
using testing::ExtensionTlv;
using testing::NameTlv;
using testing::NucLikeCertificate;
using testing::OidTlv;
using testing::Sequence;
using testing::Text;
using testing::Tlv;
using testing::Utf8Attribute;

using Seeds = std::map<std::string, Bytes>;

std::filesystem::path CorpusDir() {
  return std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "fuzz" /
         "corpus";
}

Bytes StringTypesName() {
  return Sequence({
      Tlv(der::tag::kSet,
          testing::Concat(
              {AttributeTlv("2.5.4.3", der::tag::kBmpString,
                            Bytes{0x04, 0xd8, 0xd8, 0x3d, 0xde, 0x00}),
               AttributeTlv("2.5.4.11", der::tag::kNumericString,
                            Text("12 34"))})),
      Tlv(der::tag::kSet, AttributeTlv("2.5.4.7", der::tag::kTeletexString,
                                       Bytes{0x43, 0x61, 0x66, 0xe9})),
      Tlv(der::tag::kSet, AttributeTlv("2.5.4.8", der::tag::kUniversalString,
                                       Bytes{0x00, 0x00, 0x04, 0x1a})),
      Tlv(der::tag::kSet,
          AttributeTlv("1.2.840.113549.1.9.1", der::tag::kIa5String,
                       Text("pki@nitec.kz"))),
      Tlv(der::tag::kSet,
          AttributeTlv("1.2.3.4", der::tag::kInteger, Bytes{0x05})),
  });
}

Bytes SpecialCharactersName() {
  return NameTlv({Utf8Attribute("2.5.4.3", " #a\"b+c,d;e<f>g\\h "),
                  Utf8Attribute("2.5.4.12", "title")});
}

// EveryExtensionCertificate carries every extension the parser
// interprets, in its less common forms.
Bytes EveryExtensionCertificate() {
  CertificateParts parts = NucLikeCertificate();
  parts.subject = StringTypesName();
  const Bytes directory_name = Tlv(ContextConstructed(4), testing::NucIssuer());
  const Bytes qualifier = Sequence(
      {OidTlv("1.3.6.1.5.5.7.2.1"), Tlv(der::tag::kIa5String, Text("cps"))});
  parts.extensions = {
      ExtensionTlv("2.5.29.19", true,
                   Sequence({Tlv(der::tag::kBoolean, Bytes{0xff}),
                             testing::IntegerTlv(0)})),
      ExtensionTlv("2.5.29.15", true, Bytes{0x03, 0x03, 0x07, 0x86, 0x80}),
      ExtensionTlv("2.5.29.17", false,
                   Sequence({Tlv(ContextSpecific(1), Text("a@b.kz")),
                             Tlv(ContextSpecific(2), Text("b.kz")),
                             Tlv(ContextSpecific(6), Text("https://b.kz/")),
                             Tlv(ContextSpecific(7), Bytes{127, 0, 0, 1}),
                             Tlv(ContextSpecific(8), Bytes{0x2a, 0x03}),
                             directory_name})),
      ExtensionTlv("2.5.29.35", false,
                   Sequence({Tlv(ContextSpecific(0), Bytes{1, 2, 3}),
                             Tlv(ContextConstructed(1), directory_name),
                             Tlv(ContextSpecific(2), Bytes{0x56})})),
      ExtensionTlv(
          "2.5.29.32", false,
          Sequence({Sequence({OidTlv("1.2.398.3.3.2"), Sequence({qualifier})}),
                    Sequence({OidTlv("2.5.29.32.0")})})),
      ExtensionTlv(
          "2.5.29.31", false,
          Sequence(
              {Sequence({Tlv(ContextConstructed(0),
                             Tlv(ContextConstructed(1),
                                 Utf8Attribute("2.5.4.3", "CRL1"))),
                         Tlv(ContextSpecific(1), Bytes{0x07, 0x80}),
                         Tlv(ContextConstructed(2), directory_name)}),
               Sequence({Tlv(ContextConstructed(0),
                             Tlv(ContextConstructed(0),
                                 testing::UriName("http://c.kz/a.crl")))})})),
      ExtensionTlv("1.3.6.1.5.5.7.48.1.5", false, Bytes{0x05, 0x00}),
      ExtensionTlv("2.5.29.30", true, Sequence({})),
  };
  return parts.Encode();
}

Bytes V1Certificate() {
  CertificateParts parts = NucLikeCertificate();
  parts.version.clear();
  parts.extensions.clear();
  return parts.Encode();
}

Bytes V2Certificate() {
  CertificateParts parts = NucLikeCertificate();
  parts.version = Tlv(ContextConstructed(0), testing::IntegerTlv(1));
  parts.extensions.clear();
  parts.unique_ids =
      testing::Concat({Tlv(ContextSpecific(1), Bytes{0x00, 0xaa}),
                       Tlv(ContextSpecific(2), Bytes{0x00, 0xbb})});
  return parts.Encode();
}

// OpenSslCertificate has OpenSSL make a self-signed certificate with key
// `key_type` ("rsa:2048", or "ec" with a P-256 curve) and several
// extensions.
Bytes OpenSslCertificate(const std::string& key_type,
                         const std::filesystem::path& dir) {
  std::vector<std::string> argv = {"openssl", "req",     "-x509",
                                   "-new",    "-newkey", key_type};
  if (key_type == "ec") {
    argv.insert(argv.end(), {"-pkeyopt", "ec_paramgen_curve:P-256"});
  }
  const auto out = dir / (key_type.substr(0, 2) + ".der");
  argv.insert(argv.end(),
              {"-nodes",
               "-keyout",
               (dir / "key.pem").string(),
               "-outform",
               "DER",
               "-out",
               out.string(),
               "-days",
               "30",
               "-utf8",
               "-subj",
               "/C=KZ/O=АО \"ТЕСТ\"/OU=BIN123456789021/CN=ТЕСТОВ ТЕСТ"
               "/SN=ТЕСТОВ/serialNumber=IIN123456789011",
               "-addext",
               "keyUsage=critical,digitalSignature,nonRepudiation",
               "-addext",
               "extendedKeyUsage=emailProtection,1.2.398.3.3.4.1.1",
               "-addext",
               "subjectAltName=email:a@b.kz,DNS:b.kz",
               "-addext",
               "crlDistributionPoints=URI:http://c.kz/a.crl",
               "-addext",
               "authorityInfoAccess=OCSP;URI:http://o.kz/,caIssuers;URI:"
               "http://c.kz/ca.cer",
               "-addext",
               "certificatePolicies=1.2.398.3.3.2"});
  const auto result = tinysign::testing::RunCommand(argv);
  EXPECT_EQ(result.exit_code, 0) << "openssl req failed";
  return tinysign::testing::ReadFileBytes(out);
}

void WriteSeeds(const std::filesystem::path& dir, const Seeds& seeds) {
  std::filesystem::create_directories(dir);
  for (const auto& [name, bytes] : seeds) {
    tinysign::testing::WriteFileBytes(dir / name, bytes);
  }
}

// WriteCorpus writes the seeds of both targets under `root`.
void WriteCorpus(const std::filesystem::path& root) {
  ASSERT_TRUE(testing::OpenSslAvailable());
  const auto temp_dir = tinysign::testing::TempDir("x509-corpus");
  const Bytes openssl_rsa = OpenSslCertificate("rsa:2048", temp_dir);
  auto parsed = ParseCertificate(openssl_rsa);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  WriteSeeds(root / "certificate",
             {{"nuc_like_first_head", NucLikeCertificate().Encode()},
              {"every_extension", EveryExtensionCertificate()},
              {"v1_no_extensions", V1Certificate()},
              {"v2_unique_identifiers", V2Certificate()},
              {"openssl_rsa", openssl_rsa},
              {"openssl_ec", OpenSslCertificate("ec", temp_dir)}});
  WriteSeeds(root / "name",
             {{"nuc_subject", testing::NucSubject()},
              {"nuc_issuer", testing::NucIssuer()},
              {"special_characters", SpecialCharactersName()},
              {"string_types", StringTypesName()},
              {"empty", Sequence({})},
              {"openssl_subject", (*parsed)->subject().tlv().ToBytes()}});
}

std::vector<std::filesystem::path> SeedFiles(const std::string& target) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(CorpusDir() / target)) {
    if (entry.is_regular_file()) {
      files.push_back(entry.path());
    }
  }
  return files;
}

class FuzzCorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* root = std::getenv("TINYSIGN_WRITE_FUZZ_CORPUS");
    if (root != nullptr) {
      WriteCorpus(root);
    }
  }
};

TEST_F(FuzzCorpusTest, CertificateSeedsParse) {
  const auto files = SeedFiles("certificate");
  EXPECT_EQ(files.size(), 6u);
  for (const auto& file : files) {
    auto certificate = ParseCertificate(tinysign::testing::ReadFileBytes(file));
    EXPECT_TRUE(certificate.has_value())
        << file << ": " << certificate.error().ToString();
  }
}

TEST_F(FuzzCorpusTest, NameSeedsParse) {
  const auto files = SeedFiles("name");
  EXPECT_EQ(files.size(), 6u);
  for (const auto& file : files) {
    const Bytes der = tinysign::testing::ReadFileBytes(file);
    auto name = ParseName(der);
    EXPECT_TRUE(name.has_value()) << file << ": " << name.error().ToString();
  }
}

}  // namespace
}  // namespace tinysign::x509
