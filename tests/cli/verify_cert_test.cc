// `tinysign verify-cert` on real NUC certificates, in process. The
// certificates and their IINs and validity come from OpenSSL
// (`openssl pkcs7 -print_certs` and `openssl x509`).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.h"
#include "tests/cli/cms_samples.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"

namespace tinysign::testing {
namespace {

constexpr char kLegalEntityCms[] =
    "nuc/skarm_kalkan/cms/legal_entity_attached.der";
constexpr char kIntermediate[] = "trust/nuc-test/nca_gost2015_test.cer";
constexpr char kRoot[] = "trust/nuc-test/root_test_gost_2022.cer";

std::string Text(const boost::json::value& value) {
  return value.is_string() ? std::string(value.get_string()) : std::string();
}

// SignerCertificate returns the signer certificate of the legal-entity
// sample as OpenSSL prints it.
OpenSslCertificate SignerCertificate() {
  const auto certificates = CertificatesInCms(FixturePath(kLegalEntityCms));
  EXPECT_EQ(certificates.size(), 1u);
  return certificates.empty() ? OpenSslCertificate{} : certificates.front();
}

// PemOfDerFile wraps a DER file in PEM armour with `openssl base64`.
std::string PemOfDerFile(const std::string& relative) {
  const CommandResult base64 =
      RunCommand({"openssl", "base64", "-in", FixturePath(relative).string()});
  EXPECT_EQ(base64.exit_code, 0);
  return "-----BEGIN CERTIFICATE-----\n" + base64.output +
         "-----END CERTIFICATE-----\n";
}

boost::json::value ParseJson(const std::string& text) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(text, error);
  EXPECT_FALSE(error) << text;
  return value;
}

class VerifyCertTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TINYSIGN_REQUIRE_FIXTURES();
    dir_ = TempDir("verify-cert");
    certificate_ = SignerCertificate();
    at_ = FormatRfc3339(MidValidity(certificate_));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string WriteText(const std::string& name, const std::string& text) {
    WriteFileBytes(dir_ / name, der::Input(std::string_view(text)));
    return (dir_ / name).string();
  }

  std::filesystem::path dir_;
  OpenSslCertificate certificate_;
  std::string at_;
};

TEST_F(VerifyCertTest, ValidWithTrustDirectory) {
  const std::string path = WriteText("signer.pem", certificate_.pem);
  const CliRun run = RunInProcess({"verify-cert", "--json", "--trust",
                                   FixturePath(kNucTestTrust).string(),
                                   "--revocation", "off", "--at", at_, path});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const boost::json::value report = ParseJson(run.out);
  EXPECT_EQ(Text(report.at("verdict")), "valid");
  EXPECT_EQ(Text(report.at("certificate").at("iin")), certificate_.iin);
  EXPECT_EQ(Text(report.at("certificate").at("notBefore")),
            FormatRfc3339(certificate_.not_before));
  EXPECT_EQ(Text(report.at("checks").at("chain")), "passed");
  EXPECT_EQ(report.at("chain").as_array().size(), 3u);
}

TEST_F(VerifyCertTest, UntrustedIntermediateCompletesChain) {
  const std::string path = WriteText("signer.pem", certificate_.pem);
  const auto root_dir = dir_ / "root";
  std::filesystem::create_directories(root_dir);
  std::filesystem::copy_file(FixturePath(kRoot), root_dir / "root.cer");
  const std::vector<std::string> base = {
      "verify-cert", "--trust", root_dir.string(), "--revocation", "off",
      "--at",        at_};

  std::vector<std::string> without = base;
  without.push_back(path);
  const CliRun alone = RunInProcess(without);
  EXPECT_EQ(alone.exit_code, 2) << alone.out;

  std::vector<std::string> with = base;
  with.push_back("--untrusted");
  with.push_back(FixturePath(kIntermediate).string());
  with.push_back(path);
  const CliRun completed = RunInProcess(with);
  EXPECT_EQ(completed.exit_code, 0) << completed.out << completed.err;
}

TEST_F(VerifyCertTest, BundleFileSuppliesIntermediate) {
  const std::string bundle =
      WriteText("bundle.pem", certificate_.pem + PemOfDerFile(kIntermediate));
  const auto root_dir = dir_ / "root";
  std::filesystem::create_directories(root_dir);
  std::filesystem::copy_file(FixturePath(kRoot), root_dir / "root.cer");
  const CliRun run =
      RunInProcess({"verify-cert", "--json", "--trust", root_dir.string(),
                    "--revocation", "off", "--at", at_, bundle});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const boost::json::value report = ParseJson(run.out);
  // The first certificate of the bundle is the one validated.
  EXPECT_EQ(Text(report.at("certificate").at("iin")), certificate_.iin);
}

TEST_F(VerifyCertTest, ExpiredIsNotValid) {
  const std::string path = WriteText("signer.pem", certificate_.pem);
  const Time after{certificate_.not_after.unix_seconds + 86400};
  const CliRun run = RunInProcess(
      {"verify-cert", "--json", "--trust", FixturePath(kNucTestTrust).string(),
       "--revocation", "off", "--at", FormatRfc3339(after), path});
  EXPECT_NE(run.exit_code, 0) << run.out;
  const boost::json::value report = ParseJson(run.out);
  EXPECT_NE(Text(report.at("verdict")), "valid");
  bool expired = false;
  for (const auto& reason : report.at("reasons").as_array()) {
    expired = expired || Text(reason.at("code")) == "chain.expired";
  }
  EXPECT_TRUE(expired) << run.out;
}

TEST_F(VerifyCertTest, TextOutputNamesHolder) {
  const std::string path = WriteText("signer.pem", certificate_.pem);
  const CliRun run = RunInProcess({"verify-cert", "--trust",
                                   FixturePath(kNucTestTrust).string(),
                                   "--revocation", "off", "--at", at_, path});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("VALID: ", 0), 0u) << run.out;
  EXPECT_NE(run.out.find("  IIN:           " + certificate_.iin + "\n"),
            std::string::npos)
      << run.out;
}

}  // namespace
}  // namespace tinysign::testing
