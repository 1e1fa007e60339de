// `tinysign inspect` on real NUC files, in process. Expected values come
// from OpenSSL: `openssl x509` for certificates (it prints GOST
// certificates' fields and extensions from PEM, though not their keys),
// `openssl crl`, `openssl ocsp`, `openssl ts` and `openssl cms`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"
#include "tests/support/openssl_certs.h"

namespace tinysign::testing {
namespace {

// CompactHex turns OpenSSL's "AB:CD" or "ABCD" hex into "abcd".
std::string CompactHex(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isxdigit(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(c)));
    }
  }
  return out;
}

// ValueAfter returns the rest of the line after the first `key`.
std::string ValueAfter(const std::string& text, const std::string& key) {
  const size_t pos = text.find(key);
  if (pos == std::string::npos) {
    return "";
  }
  const size_t start = pos + key.size();
  return text.substr(start, text.find('\n', start) - start);
}

// LineAfter returns the line after the first line that contains `key`,
// without its leading spaces.
std::string LineAfter(const std::string& text, const std::string& key) {
  const size_t pos = text.find(key);
  if (pos == std::string::npos) {
    return "";
  }
  const size_t start = text.find('\n', pos) + 1;
  std::string line = text.substr(start, text.find('\n', start) - start);
  line.erase(0, line.find_first_not_of(' '));
  return line;
}

std::vector<std::string> Split(const std::string& text,
                               const std::string& separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string::npos) {
      return parts;
    }
    start = end + separator.size();
  }
}

// PemOfFile returns the certificate in `path` as PEM: the file itself when
// it is PEM, else its DER, decoded from base64 by `openssl base64 -d` when
// the file is base64, wrapped with `openssl base64`.
std::string PemOfFile(const std::filesystem::path& path) {
  const Bytes bytes = ReadFileBytes(path);
  const std::string text(bytes.begin(), bytes.end());
  if (text.find("-----BEGIN CERTIFICATE-----") != std::string::npos) {
    return text;
  }
  const auto dir = TempDir("inspect-pem");
  std::filesystem::path der = path;
  if (!bytes.empty() && bytes[0] != 0x30) {
    der = dir / "certificate.der";
    const CommandResult decoded =
        RunCommand({"openssl", "base64", "-d", "-A", "-in", path.string(),
                    "-out", der.string()});
    EXPECT_EQ(decoded.exit_code, 0);
  }
  const CommandResult base64 =
      RunCommand({"openssl", "base64", "-in", der.string()});
  EXPECT_EQ(base64.exit_code, 0);
  std::filesystem::remove_all(dir);
  return "-----BEGIN CERTIFICATE-----\n" + base64.output +
         "-----END CERTIFICATE-----\n";
}

// OpenSslX509 runs `openssl x509 -noout ARGS` on the PEM certificate `pem`.
std::string OpenSslX509(const std::string& pem,
                        const std::vector<std::string>& args) {
  const auto dir = TempDir("inspect-x509");
  const auto path = dir / "certificate.pem";
  WriteFileBytes(path, der::Input(std::string_view(pem)));
  std::vector<std::string> argv = {"openssl", "x509", "-in", path.string(),
                                   "-noout"};
  argv.insert(argv.end(), args.begin(), args.end());
  const CommandResult result = RunCommand(argv);
  EXPECT_EQ(result.exit_code, 0);
  std::filesystem::remove_all(dir);
  return result.output;
}

// The KeyUsage names OpenSSL prints and the RFC 5280 names.
const std::map<std::string, std::string>& KeyUsageNames() {
  static const std::map<std::string, std::string> names = {
      {"Digital Signature", "digitalSignature"},
      {"Non Repudiation", "nonRepudiation"},
      {"Key Encipherment", "keyEncipherment"},
      {"Data Encipherment", "dataEncipherment"},
      {"Key Agreement", "keyAgreement"},
      {"Certificate Sign", "keyCertSign"},
      {"CRL Sign", "cRLSign"},
  };
  return names;
}

// The extKeyUsage names OpenSSL prints and their OIDs.
const std::map<std::string, std::string>& ExtKeyUsageOids() {
  static const std::map<std::string, std::string> oids = {
      {"E-mail Protection", "1.3.6.1.5.5.7.3.4"},
      {"TLS Web Client Authentication", "1.3.6.1.5.5.7.3.2"},
      {"TLS Web Server Authentication", "1.3.6.1.5.5.7.3.1"},
      {"Time Stamping", "1.3.6.1.5.5.7.3.8"},
      {"OCSP Signing", "1.3.6.1.5.5.7.3.9"},
  };
  return oids;
}

void ExpectContains(const std::string& output, const std::string& part) {
  EXPECT_NE(output.find(part), std::string::npos)
      << "missing \"" << part << "\"";
}

constexpr const char* kCertificates[] = {
    "nuc/skarm_kalkan/cms/individual_signer.cer",
    "nuc/skarm_kalkan/cms/legal_entity_signer.cer",
    "trust/nuc-test/root_test_gost_2022.cer",
    "trust/nuc-test/nca_gost2015_test.cer",
    "trust/nuc-test/nca_gost_test.crt",
    "trust/nuc-test/root_gost_test.crt",
    "trust/nuc-test/nca_rsa_test.crt",
    "nuc/ncanode-kz_NCANode/certs/ceo_valid_sign_2004_gost.cer",
    "nuc/ncanode-kz_NCANode/certs/individual_valid_sign_2004_rsa_auth.cer",
};

class InspectCertificateTest : public ::testing::TestWithParam<const char*> {};

TEST_P(InspectCertificateTest, FieldsMatchOpenSsl) {
  TINYSIGN_REQUIRE_FIXTURES();
  const auto path = FixturePath(GetParam());
  const CliRun run = RunInProcess({"inspect", path.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string& out = run.out;
  const std::string pem = PemOfFile(path);
  const std::string facts =
      OpenSslX509(pem, {"-serial", "-fingerprint", "-sha256"});
  const std::string sha1 = OpenSslX509(pem, {"-fingerprint", "-sha1"});
  const OpenSslCertificate described = DescribePem(pem);

  ExpectContains(out, "  Serial number: " +
                          CompactHex(ValueAfter(facts, "serial=")) + "\n");
  ExpectContains(out, "    SHA-256: " +
                          CompactHex(ValueAfter(facts, "Fingerprint=")) + "\n");
  ExpectContains(
      out, "    SHA-1: " + CompactHex(ValueAfter(sha1, "Fingerprint=")) + "\n");
  ExpectContains(
      out, "    Not before: " + FormatRfc3339(described.not_before) + "\n");
  ExpectContains(out,
                 "    Not after: " + FormatRfc3339(described.not_after) + "\n");
  if (!described.iin.empty()) {
    ExpectContains(out, "    SERIALNUMBER (2.5.4.5): IIN" + described.iin);
    ExpectContains(out, "    IIN: " + described.iin + "\n");
  }
}

TEST_P(InspectCertificateTest, ExtensionsMatchOpenSsl) {
  TINYSIGN_REQUIRE_FIXTURES();
  const auto path = FixturePath(GetParam());
  const CliRun run = RunInProcess({"inspect", path.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string& out = run.out;
  const std::string extensions = OpenSslX509(
      PemOfFile(path),
      {"-ext",
       "basicConstraints,keyUsage,extendedKeyUsage,subjectKeyIdentifier,"
       "authorityKeyIdentifier,crlDistributionPoints,authorityInfoAccess,"
       "certificatePolicies"});

  const std::string key_usage = LineAfter(extensions, "X509v3 Key Usage:");
  if (!key_usage.empty()) {
    std::string expected;
    for (const std::string& name : Split(key_usage, ", ")) {
      ASSERT_EQ(KeyUsageNames().count(name), 1u) << name;
      expected += (expected.empty() ? "" : ", ") + KeyUsageNames().at(name);
    }
    const bool critical =
        extensions.find("X509v3 Key Usage: critical") != std::string::npos;
    ExpectContains(out, std::string("keyUsage (2.5.29.15)") +
                            (critical ? ", critical" : "") + ":\n      " +
                            expected + "\n");
  }
  const std::string eku = LineAfter(extensions, "Extended Key Usage:");
  for (const std::string& purpose :
       eku.empty() ? std::vector<std::string>{} : Split(eku, ", ")) {
    const auto known = ExtKeyUsageOids().find(purpose);
    const std::string oid =
        known == ExtKeyUsageOids().end() ? purpose : known->second;
    ExpectContains(out, "(" + oid + ")\n");
  }
  const std::string ski =
      LineAfter(extensions, "X509v3 Subject Key Identifier:");
  if (!ski.empty()) {
    ExpectContains(out, "subjectKeyIdentifier (2.5.29.14):\n      " +
                            CompactHex(ski) + "\n");
  }
  const std::string aki = ValueAfter(extensions, "keyid:");
  if (!aki.empty()) {
    ExpectContains(out, "Key identifier: " + CompactHex(aki) + "\n");
  }
  const std::string basic = LineAfter(extensions, "Basic Constraints:");
  if (!basic.empty()) {
    ExpectContains(
        out, basic.rfind("CA:TRUE", 0) == 0 ? "CA: true\n" : "CA: false\n");
  }
  std::istringstream lines(extensions);
  for (std::string line; std::getline(lines, line);) {
    const size_t uri = line.find("URI:");
    if (uri != std::string::npos && line.find("CPS:") == std::string::npos) {
      ExpectContains(out, line.substr(uri) + "\n");
    }
    const size_t policy = line.find("Policy: ");
    if (policy != std::string::npos) {
      ExpectContains(out, "      " + line.substr(policy + 8) + "\n");
    }
  }
}

std::string CertificateName(const ::testing::TestParamInfo<const char*>& info) {
  std::string name = std::filesystem::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      c = '_';
    }
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(NucCertificates, InspectCertificateTest,
                         ::testing::ValuesIn(kCertificates), CertificateName);

TEST(InspectTest, GostCertificateShowsKeyAndIdentity) {
  TINYSIGN_REQUIRE_FIXTURES();
  // The curve, key size and NUC roles are facts of the NUC profile for this
  // GOST 2015 individual's certificate: key OID 1.2.398.3.10.1.1.2.2 on
  // curve 1.2.398.3.10.1.1.2.2.1, role OID 1.2.398.3.3.4.1.1.
  const CliRun run = RunInProcess(
      {"inspect",
       FixturePath("nuc/skarm_kalkan/cms/individual_signer.cer").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  ExpectContains(run.out,
                 "Algorithm: gost3410-2015-512 (1.2.398.3.10.1.1.2.2)");
  ExpectContains(run.out, "(1.2.398.3.10.1.1.2.2.1)\n");
  ExpectContains(run.out, "Key size: 512 bits\n");
  ExpectContains(run.out, "NUC role individual (1.2.398.3.3.4.1.1)\n");
  ExpectContains(run.out, "    Roles: individual\n");
}

TEST(InspectTest, CmsMatchesOpenSsl) {
  TINYSIGN_REQUIRE_FIXTURES();
  TINYSIGN_REQUIRE_GOST_ENGINE();
  const auto cms = FixturePath("nuc/skarm_kalkan/cms/individual_attached.der");
  const auto document =
      FixturePath("nuc/skarm_kalkan/cms/individual_document.txt");
  const CliRun run = RunInProcess({"inspect", cms.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;

  // The attached content, the first OCTET STRING `openssl asn1parse`
  // lists, is the document file byte for byte.
  const CommandResult parsed = RunCommand(
      {"openssl", "asn1parse", "-inform", "DER", "-in", cms.string()});
  const std::string content_hex = CompactHex(
      ValueAfter(parsed.output.substr(parsed.output.find("prim: OCTET STRING")),
                 "[HEX DUMP]:"));
  const CommandResult document_hex =
      RunCommand({"od", "-An", "-v", "-tx1", document.string()});
  ASSERT_EQ(content_hex, CompactHex(document_hex.output));
  const Bytes document_bytes = ReadFileBytes(document);
  ExpectContains(run.out, "Content: attached, " +
                              std::to_string(document_bytes.size()) +
                              " bytes\n");

  // messageDigest is the Streebog-512 of the content.
  const CommandResult digest =
      RunCommand({"openssl", "dgst", "-engine", "gost", "-md_gost12_512",
                  document.string()});
  const std::string hex =
      digest.output.substr(digest.output.rfind("= ") + 2, 128);
  ExpectContains(run.out, "messageDigest (1.2.840.113549.1.9.4): " + hex);

  // The signer certificate and its identity, as OpenSSL prints them.
  const auto certificates = CertificatesInCms(cms);
  ASSERT_EQ(certificates.size(), 1u);
  ExpectContains(run.out, "Certificates (1):\n");
  ExpectContains(run.out, "Signers (1):\n");
  ExpectContains(run.out, "SERIALNUMBER=IIN" + certificates[0].iin);
  ExpectContains(run.out, "Certificate: certificate 1\n");
  ExpectContains(run.out, "Matches: certificate 1\n");
  ExpectContains(run.out, "signatureTimeStampToken");
}

TEST(InspectTest, TimestampResponseMatchesOpenSsl) {
  TINYSIGN_REQUIRE_FIXTURES();
  const auto path = FixturePath("nuc/ncanode-kz_NCANode/tsp/tsp_response.bin");
  const CliRun run = RunInProcess({"inspect", path.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const CommandResult ts =
      RunCommand({"openssl", "ts", "-reply", "-in", path.string(), "-text"});
  ASSERT_EQ(ts.exit_code, 0);
  ExpectContains(run.out, "Status: granted\n");
  ExpectContains(run.out,
                 "Policy: " + ValueAfter(ts.output, "Policy OID: ") + "\n");
  ExpectContains(run.out,
                 "Serial number: " +
                     CompactHex(ValueAfter(ts.output, "Serial number: 0x")) +
                     "\n");
  ExpectContains(
      run.out,
      "Nonce: " + CompactHex(ValueAfter(ts.output, "Nonce: 0x")) + "\n");
  ExpectContains(run.out, "Gen time: " +
                              FormatRfc3339(ParseOpenSslDate(
                                  ValueAfter(ts.output, "Time stamp: "))) +
                              "\n");
}

TEST(InspectTest, TimestampTokenIsRecognised) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CliRun run = RunInProcess(
      {"inspect",
       FixturePath("nuc/ncanode-kz_NCANode/tsp/tsp_token.bin").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("Timestamp token:\n", 0), 0u) << run.out;
  ExpectContains(run.out, "Content type: TSTInfo (1.2.840.113549.1.9.16.1.4)");
}

TEST(InspectTest, CrlMatchesOpenSsl) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const char* relative :
       {"nuc/skarm_kalkan/certs/nca_gost2022_test.crl",
        "nuc/ncanode-kz_NCANode/crl/nca_rsa_test.crl",
        "nuc/skarm_kalkan/certs/nca_gost2022_d_test.crl"}) {
    SCOPED_TRACE(relative);
    const auto path = FixturePath(relative);
    const CliRun run = RunInProcess({"inspect", path.string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const CommandResult dates =
        RunCommand({"openssl", "crl", "-inform", "DER", "-in", path.string(),
                    "-noout", "-lastupdate", "-nextupdate", "-crlnumber"});
    const CommandResult text =
        RunCommand({"openssl", "crl", "-inform", "DER", "-in", path.string(),
                    "-noout", "-text"});
    ASSERT_EQ(text.exit_code, 0);
    size_t num_entries = 0;
    for (size_t pos = text.output.find("Serial Number: ");
         pos != std::string::npos;
         pos = text.output.find("Serial Number: ", pos + 1)) {
      ExpectContains(run.out, "    " +
                                  CompactHex(ValueAfter(text.output.substr(pos),
                                                        "Serial Number: ")) +
                                  ": revoked at ");
      ++num_entries;
    }
    ExpectContains(
        run.out, "Revoked certificates (" + std::to_string(num_entries) + ")");
    ExpectContains(run.out, "This update: " +
                                FormatRfc3339(ParseOpenSslDate(
                                    ValueAfter(dates.output, "lastUpdate="))) +
                                "\n");
    ExpectContains(run.out, "Next update: " +
                                FormatRfc3339(ParseOpenSslDate(
                                    ValueAfter(dates.output, "nextUpdate="))) +
                                "\n");
    // OpenSSL prints "0x0E"; inspect prints the INTEGER's bytes, "0e".
    std::string number = CompactHex(ValueAfter(dates.output, "crlNumber=0x"));
    if (number.size() % 2 != 0) {
      number = "0" + number;
    }
    ExpectContains(run.out, "CRL number: " + number + "\n");
  }
}

TEST(InspectTest, OcspResponseMatchesOpenSsl) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const char* relative :
       {"nuc/ncanode-kz_NCANode/ocsp/ocsp_response_ceo_2015_revoked.bin",
        "nuc/ncanode-kz_NCANode/ocsp/ocsp_response_individual_sign_2004.bin"}) {
    SCOPED_TRACE(relative);
    const auto path = FixturePath(relative);
    const CliRun run = RunInProcess({"inspect", path.string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const CommandResult ocsp =
        RunCommand({"openssl", "ocsp", "-respin", path.string(), "-resp_text",
                    "-noverify"});
    ExpectContains(run.out, "Response status: successful\n");
    ExpectContains(run.out,
                   "Serial number: " +
                       CompactHex(ValueAfter(ocsp.output, "Serial Number: ")) +
                       "\n");
    ExpectContains(
        run.out, "Issuer key hash: " +
                     CompactHex(ValueAfter(ocsp.output, "Issuer Key Hash: ")) +
                     "\n");
    ExpectContains(run.out, "Produced at: " +
                                FormatRfc3339(ParseOpenSslDate(
                                    ValueAfter(ocsp.output, "Produced At: "))) +
                                "\n");
    const std::string status = ValueAfter(ocsp.output, "Cert Status: ");
    ExpectContains(run.out, "Certificate status: " + status);
  }
}

TEST(InspectTest, PemBundlePrintsEveryBlock) {
  TINYSIGN_REQUIRE_FIXTURES();
  const auto dir = TempDir("inspect-bundle");
  const std::string bundle =
      PemOfFile(FixturePath("trust/nuc-test/nca_rsa_test.crt")) +
      PemOfFile(FixturePath("trust/nuc-test/root_test_gost_2022.cer"));
  WriteFileBytes(dir / "bundle.pem", der::Input(std::string_view(bundle)));
  const CliRun run = RunInProcess({"inspect", (dir / "bundle.pem").string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ExpectContains(run.out, "PEM block 1 of 2\nCertificate:\n");
  ExpectContains(run.out, "\nPEM block 2 of 2\nCertificate:\n");
  std::filesystem::remove_all(dir);
}

TEST(InspectTest, UnknownStructureExit65) {
  TINYSIGN_REQUIRE_FIXTURES();
  // A PKCS#12 file: DER, but none of the structures inspect prints.
  const std::string path =
      FixturePath(
          "nuc/skarm_kalkan/p12/"
          "GOST512_0d79679f360a2da49a631a0b1ac76f76c34b6f24.p12")
          .string();
  const CliRun run = RunInProcess({"inspect", path});
  EXPECT_EQ(run.exit_code, 65);
  EXPECT_EQ(run.err, "tinysign: " + path +
                         ": not a certificate, CMS signature, CRL, OCSP "
                         "response or timestamp\n");
}

TEST(InspectTest, TextFileExit65) {
  TINYSIGN_REQUIRE_FIXTURES();
  const std::string path = FixturePath("trust/README.md").string();
  const CliRun run = RunInProcess({"inspect", path});
  EXPECT_EQ(run.exit_code, 65);
  EXPECT_EQ(
      run.err.rfind("tinysign: " + path + ": not DER, PEM or base64 (", 0), 0u)
      << run.err;
}

TEST(InspectTest, TruncatedCertificateExit65) {
  TINYSIGN_REQUIRE_FIXTURES();
  // A DER file: every proper prefix cuts the certificate.
  const Bytes certificate =
      ReadFileBytes(FixturePath("trust/nuc-test/root_test_gost_2022.cer"));
  ASSERT_EQ(certificate[0], 0x30);
  for (size_t length = 1; length < certificate.size(); ++length) {
    const CliRun run = RunInProcess(
        {"inspect", "-"},
        std::string(certificate.begin(), certificate.begin() + length));
    ASSERT_EQ(run.exit_code, 65) << "length " << length << "\n" << run.out;
    ASSERT_TRUE(run.out.empty()) << "length " << length;
  }
}

TEST(InspectTest, UsageErrors) {
  EXPECT_EQ(RunInProcess({"inspect"}).exit_code, 64);
  EXPECT_EQ(RunInProcess({"inspect", "a", "b"}).exit_code, 64);
  EXPECT_EQ(RunInProcess({"inspect", "--json", "a"}).exit_code, 64);
  EXPECT_EQ(RunInProcess({"inspect", "--help"}).exit_code, 0);
}

TEST(InspectTest, MissingFileExit65) {
  const CliRun run = RunInProcess({"inspect", "/nonexistent/file.cer"});
  EXPECT_EQ(run.exit_code, 65);
  EXPECT_EQ(run.err,
            "tinysign: /nonexistent/file.cer: cannot read: No such file or "
            "directory\n");
}

}  // namespace
}  // namespace tinysign::testing
