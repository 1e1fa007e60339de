// `tinysign verify --online` against the stand-in OCSP and CRL server of
// the fetch tests, with CMS signatures built by the `pki` builders. The
// command runs at kNow, 2026-06-01T00:00:00Z.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.h"
#include "tests/core/fetch/stand_in.h"
#include "tests/support/files.h"
#include "tests/support/pki_builders.h"

namespace tinysign::cli {
namespace {

using fetch::testing::kNow;
using fetch::testing::OcspMode;
using fetch::testing::SharedPki;
using fetch::testing::StandInServer;
using tinysign::testing::IssuedCertificate;

class VerifyOnlineTest : public ::testing::Test {
 protected:
  VerifyOnlineTest() : dir_(tinysign::testing::TempDir("verify-online")) {
    std::filesystem::create_directories(dir_ / "trust");
    tinysign::testing::WriteFileBytes(dir_ / "trust" / "root.cer",
                                      SharedPki().root.der);
  }

  // WriteSignature signs "online" as `leaf` and returns the file's path.
  std::string WriteSignature(const IssuedCertificate& leaf) {
    pki::CmsSpec spec;
    const std::string content = "online";
    spec.content = Bytes(content.begin(), content.end());
    pki::SignerSpec signer;
    signer.certificate = &leaf;
    signer.signing_time = fetch::testing::Shift(kNow, -3600);
    spec.signers.push_back(signer);
    spec.certificates.push_back(leaf.der);
    const std::filesystem::path path = dir_ / "signature.p7s";
    tinysign::testing::WriteFileBytes(path,
                                      tinysign::testing::BuildSignedData(spec));
    return path.string();
  }

  tinysign::testing::CliRun Verify(const IssuedCertificate& leaf,
                                   std::vector<std::string> extra) {
    std::vector<std::string> args = {"verify", "--trust",
                                     (dir_ / "trust").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(WriteSignature(leaf));
    return tinysign::testing::RunInProcess(args, "", kNow);
  }

  std::vector<std::string> OnlineMapped() const {
    return {"--online", "--fetch-map",
            "http://ocsp.pki.gov.kz/=" + server_.base_url() + "/ocsp",
            "--fetch-map",
            "http://crl.pki.gov.kz/=" + server_.base_url() + "/crl/"};
  }

  std::filesystem::path dir_;
  StandInServer server_;
};

TEST_F(VerifyOnlineTest, GoodOcspIsValid) {
  const auto run = Verify(SharedPki().good_leaf, OnlineMapped());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(server_.ocsp_requests(), 1);
  EXPECT_EQ(server_.crl_requests(), 0);
}

TEST_F(VerifyOnlineTest, RevokedOcspIsInvalid) {
  const auto run = Verify(SharedPki().revoked_leaf, OnlineMapped());
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("revocation.revoked"), std::string::npos) << run.out;
}

TEST_F(VerifyOnlineTest, CrlFallbackIsValid) {
  server_.set_ocsp_mode(OcspMode::kTryLater);
  server_.set_crl(
      "nca_gost2015.crl",
      fetch::testing::BuildCrlBytes(fetch::testing::Shift(kNow, -3600), 3));
  const auto run = Verify(SharedPki().good_leaf, OnlineMapped());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_GE(server_.crl_requests(), 1);
}

TEST_F(VerifyOnlineTest, GarbageIsIndeterminate) {
  server_.set_ocsp_mode(OcspMode::kGarbage);
  const auto run = Verify(SharedPki().good_leaf, OnlineMapped());
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.out.find("fetching the OCSP response failed"),
            std::string::npos)
      << run.out;
}

TEST_F(VerifyOnlineTest, UnmappedNucUrlsAreNotFetched) {
  const auto run = Verify(SharedPki().good_leaf, {"--online"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_EQ(server_.ocsp_requests(), 0);
  EXPECT_EQ(server_.crl_requests(), 0);
}

TEST_F(VerifyOnlineTest, FetchFailureIsInTextReport) {
  const auto run = Verify(SharedPki().good_leaf, {"--online"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.out.find("fetch.remote_not_allowed"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("http://ocsp.pki.gov.kz/"), std::string::npos)
      << run.out;
}

TEST_F(VerifyOnlineTest, FetchFailureIsInJsonReport) {
  const auto run = Verify(SharedPki().good_leaf, {"--online", "--json"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.out.find("\"code\": \"fetch.remote_not_allowed\""),
            std::string::npos)
      << run.out;
}

TEST_F(VerifyOnlineTest, RefusedConnectionNamesUrl) {
  const std::string url =
      "http://127.0.0.1:" + std::to_string(fetch::testing::ClosedPort()) +
      "/ocsp";
  const auto run =
      Verify(SharedPki().good_leaf,
             {"--online", "--fetch-map", "http://ocsp.pki.gov.kz/=" + url + "/",
              "--fetch-map", "http://crl.pki.gov.kz/=" + url + "/"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.out.find("could not connect to " + url +
                         "/: the connection was refused or failed"),
            std::string::npos)
      << run.out;
}

TEST_F(VerifyOnlineTest, ReportNamesNoOptionsButHintDoes) {
  const auto run = Verify(SharedPki().good_leaf, {});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  // The report is the core's, shared with the service, whose clients
  // cannot pass command-line options.
  EXPECT_EQ(run.out.find("--ocsp"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("--ocsp FILE"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("--online"), std::string::npos) << run.err;
}

TEST_F(VerifyOnlineTest, WithoutOnlineNothingIsFetched) {
  const auto run = Verify(SharedPki().good_leaf, {});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_EQ(server_.ocsp_requests(), 0);
}

TEST_F(VerifyOnlineTest, FetchMapNeedsOnline) {
  const auto run = Verify(SharedPki().good_leaf,
                          {"--fetch-map", "http://a=http://127.0.0.1:1"});
  EXPECT_EQ(run.exit_code, 64);
  EXPECT_NE(run.err.find("--fetch-map needs --online"), std::string::npos)
      << run.err;
}

TEST_F(VerifyOnlineTest, FetchMapWithoutEqualsIsUsageError) {
  const auto run =
      Verify(SharedPki().good_leaf, {"--online", "--fetch-map", "nonsense"});
  EXPECT_EQ(run.exit_code, 64);
  EXPECT_NE(run.err.find("invalid --fetch-map 'nonsense'"), std::string::npos)
      << run.err;
}

}  // namespace
}  // namespace tinysign::cli
