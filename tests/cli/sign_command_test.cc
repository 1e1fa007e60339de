// `tinysign sign`, run as the real binary, checked with `tinysign verify`.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/time.h"
#include "tests/cli/cli_runner.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"
#include "tests/support/openssl_certs.h"

namespace tinysign::testing {
namespace {

const std::vector<std::string> kPasswords = {"Qwerty12", "Aa123456"};

std::string TinysignPath() {
  return (BinaryDir() / "bin" / "tinysign").string();
}

CommandResult RunTinysign(std::vector<std::string> args) {
  args.insert(args.begin(), TinysignPath());
  return RunCommand(args);
}

// KeyUnderTest is a key file with its password and OpenSSL's view of its
// certificate.
struct KeyUnderTest {
  std::filesystem::path path;
  std::string password;
  OpenSslCertificate certificate;
};

KeyUnderTest Describe(const std::filesystem::path& path) {
  KeyUnderTest key{path, "", {}};
  for (const std::string& password : kPasswords) {
    const CommandResult check =
        RunCommand({"openssl", "pkcs12", "-legacy", "-noout", "-in",
                    path.string(), "-passin", "pass:" + password});
    if (check.exit_code == 0) {
      key.password = password;
      key.certificate = CertificatesInPkcs12(path, {password}).front();
      return key;
    }
  }
  ADD_FAILURE() << "no password opens " << path;
  return key;
}

// Every NUC key file signs, and `tinysign verify` accepts the signature
// exactly when `tinysign verify-cert` accepts the signer's certificate at
// the same time: the keys whose chain is in trust/nuc-test and whose
// certificate allows signing. The time is the middle of the validity
// period that OpenSSL prints.
TEST(SignCommandTest, EveryNucKeySignsAndVerifies) {
  TINYSIGN_REQUIRE_FIXTURES();
  const auto dir = TempDir("sign_every_key");
  const auto document = dir / "document.txt";
  WriteFileBytes(document, der::Input(std::string_view("sign me\n")));
  const std::string trust = FixturePath("trust/nuc-test").string();
  size_t num_valid = 0;
  const auto files = FixtureFiles("nuc", {".p12"});
  ASSERT_GE(files.size(), 60u);
  for (const auto& path : files) {
    SCOPED_TRACE(path.string());
    const KeyUnderTest key = Describe(path);
    const auto signature = dir / "signature.p7s";
    const auto certificate = dir / "certificate.pem";
    WriteFileBytes(certificate,
                   der::Input(std::string_view(key.certificate.pem)));
    // Signed and verified at the middle of the validity OpenSSL prints.
    const std::string at =
        FormatRfc3339(Time{(key.certificate.not_before.unix_seconds +
                            key.certificate.not_after.unix_seconds) /
                           2});
    ASSERT_EQ(RunTinysign({"sign", "--key", path.string(), "--password",
                           key.password, "--signing-time", at, "--out",
                           signature.string(), document.string()})
                  .exit_code,
              0);
    const int verify = RunTinysign({"verify", "--trust", trust, "--at", at,
                                    "--revocation", "off", signature.string()})
                           .exit_code;
    const int verify_cert =
        RunTinysign({"verify-cert", "--trust", trust, "--at", at,
                     "--revocation", "off", certificate.string()})
            .exit_code;
    EXPECT_EQ(verify, verify_cert);
    if (verify == 0) {
      ++num_valid;
    }
  }
  // About fifty of the files chain to the test CAs and are signing keys.
  EXPECT_GE(num_valid, 40u);
}

TEST(SignCommandTest, DetachedAndDigestOnlyVerifyWithDocument) {
  TINYSIGN_REQUIRE_FIXTURES();
  const auto dir = TempDir("sign_detached");
  const auto document = dir / "document.txt";
  WriteFileBytes(document, der::Input(std::string_view("detached\n")));
  const std::string key = FixturePath(
                              "nuc/ncanode-kz_NCANode/groovy-constants/"
                              "KEY_INDIVIDUAL_VALID_2015.p12")
                              .string();
  for (const std::string mode : {"--detached", "--digest-only"}) {
    SCOPED_TRACE(mode);
    const auto signature = dir / "signature.pem";
    ASSERT_EQ(RunTinysign({"sign", "--key", key, "--password", "Aa123456", mode,
                           "--signing-time", "2023-01-01T00:00:00Z", "--pem",
                           "--out", signature.string(), document.string()})
                  .exit_code,
              0);
    const Bytes pem = ReadFileBytes(signature);
    EXPECT_EQ(std::string(pem.begin(), pem.begin() + 19),
              "-----BEGIN CMS-----");
    const std::vector<std::string> verify = {
        "verify",
        "--trust",
        FixturePath("trust/nuc-test").string(),
        "--at",
        "2023-01-01T00:00:00Z",
        "--revocation",
        "off"};
    std::vector<std::string> with_document = verify;
    with_document.insert(with_document.end(),
                         {"--document", document.string(), signature.string()});
    EXPECT_EQ(RunTinysign(with_document).exit_code, 0);
    // Without the document the digest cannot be checked.
    std::vector<std::string> without_document = verify;
    without_document.push_back(signature.string());
    EXPECT_EQ(RunTinysign(without_document).exit_code, 2);
  }
}

TEST(SignCommandTest, WrongPasswordExits65) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CliRun run = RunInProcess(
      {"sign", "--key",
       FixturePath("nuc/gokalkan_gokalkan/2022-05-24_c7630e7/gost1.p12")
           .string(),
       "--password", "Qwerty13", "-"},
      "document");
  EXPECT_EQ(run.exit_code, 65);
  EXPECT_NE(run.err.find("pkcs12.bad_password"), std::string::npos) << run.err;
  EXPECT_TRUE(run.out.empty());
}

TEST(SignCommandTest, RemoteTsaRefused) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CliRun run = RunInProcess(
      {"sign", "--key",
       FixturePath("nuc/gokalkan_gokalkan/2022-05-24_c7630e7/gost1.p12")
           .string(),
       "--password", "Qwerty12", "--tsa", "http://tsp.pki.gov.kz/", "-"},
      "document");
  EXPECT_EQ(run.exit_code, 65);
  EXPECT_NE(run.err.find("only 127.0.0.1 and localhost"), std::string::npos)
      << run.err;
  EXPECT_TRUE(run.out.empty());
}

TEST(SignCommandTest, NotPkcs12FileIsNamed) {
  TINYSIGN_REQUIRE_FIXTURES();
  const auto dir = TempDir("sign_not_pkcs12");
  const auto empty = dir / "empty.p12";
  WriteFileBytes(empty, der::Input(std::string_view("")));
  const auto random = dir / "random.p12";
  WriteFileBytes(random, der::Input(std::string_view("\x8f\x13\xa2zq\x01")));
  const auto certificate = dir / "certificate.cer";
  const auto pem = CertificatesInPkcs12(
      FixturePath("nuc/gokalkan_gokalkan/2022-05-24_c7630e7/gost1.p12"),
      {"Qwerty12"});
  ASSERT_FALSE(pem.empty());
  const CommandResult der = RunCommand(
      {"sh", "-c",
       "printf '%s' '" + pem.front().pem +
           "' | openssl x509 -outform DER -out " + certificate.string()});
  ASSERT_EQ(der.exit_code, 0);
  for (const auto& path : {empty, random, certificate}) {
    const CliRun run = RunInProcess(
        {"sign", "--key", path.string(), "--password", "Qwerty12", "-"},
        "document");
    EXPECT_EQ(run.exit_code, 65) << path;
    EXPECT_NE(run.err.find(path.string() + " is not a PKCS#12 key file ("),
              std::string::npos)
        << run.err;
    EXPECT_TRUE(run.out.empty()) << path;
  }
}

TEST(SignCommandTest, WrongPasswordIsNotCalledNotPkcs12) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CliRun run = RunInProcess(
      {"sign", "--key",
       FixturePath("nuc/gokalkan_gokalkan/2022-05-24_c7630e7/gost1.p12")
           .string(),
       "--password", "Qwerty13", "-"},
      "document");
  EXPECT_NE(run.err.find("wrong password"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("not a PKCS#12"), std::string::npos) << run.err;
}

// The validity period comes from OpenSSL, and signing goes on with a
// warning outside it.
TEST(SignCommandTest, WarnsOutsideValidityPeriod) {
  TINYSIGN_REQUIRE_FIXTURES();
  const auto key =
      FixturePath("nuc/gokalkan_gokalkan/2022-05-24_c7630e7/gost1.p12");
  const auto certificates = CertificatesInPkcs12(key, {"Qwerty12"});
  ASSERT_FALSE(certificates.empty());
  const Time not_before = certificates.front().not_before;
  const Time not_after = certificates.front().not_after;
  const std::vector<std::string> args = {"sign",       "--key",    key.string(),
                                         "--password", "Qwerty12", "-"};

  const CliRun expired =
      RunInProcess(args, "document", Time{not_after.unix_seconds + 86400});
  EXPECT_EQ(expired.exit_code, 0) << expired.err;
  EXPECT_FALSE(expired.out.empty());
  EXPECT_NE(
      expired.err.find("warning: the certificate in " + key.string() +
                       " expired at notAfter " + FormatRfc3339(not_after)),
      std::string::npos)
      << expired.err;

  const CliRun early =
      RunInProcess(args, "document", Time{not_before.unix_seconds - 86400});
  EXPECT_EQ(early.exit_code, 0) << early.err;
  EXPECT_NE(early.err.find("is not valid before notBefore " +
                           FormatRfc3339(not_before)),
            std::string::npos)
      << early.err;

  const CliRun valid = RunInProcess(
      args, "document",
      Time{(not_before.unix_seconds + not_after.unix_seconds) / 2});
  EXPECT_EQ(valid.exit_code, 0) << valid.err;
  EXPECT_EQ(valid.err.find("warning"), std::string::npos) << valid.err;
}

TEST(SignCommandTest, MissingKeyIsUsageError) {
  const CliRun run = RunInProcess({"sign", "--password", "x", "-"}, "data");
  EXPECT_EQ(run.exit_code, 64);
  EXPECT_NE(run.err.find("--key"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace tinysign::testing
