// `tinysign verify` on the real NUC samples, in process. Expected signer
// counts, IINs and validity periods come from OpenSSL (cms_samples.h), the
// document digest from `openssl dgst` with the gost engine.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.h"
#include "tests/cli/cms_samples.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"

namespace tinysign::testing {
namespace {

std::vector<std::string> VerifyArgs(const CmsSample& sample, Time at) {
  std::vector<std::string> args = {
      "verify",       "--json", "--trust", FixturePath(kNucTestTrust).string(),
      "--revocation", "off",    "--at",    FormatRfc3339(at)};
  if (sample.document != nullptr) {
    args.push_back("--document");
    args.push_back(FixturePath(sample.document).string());
  }
  args.push_back(FixturePath(sample.path).string());
  return args;
}

// Text returns a JSON string's value, or "" for any other kind, so that
// failed comparisons print readable values.
std::string Text(const boost::json::value& value) {
  return value.is_string() ? std::string(value.get_string()) : std::string();
}

boost::json::value ParseJson(const std::string& text) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(text, error);
  EXPECT_FALSE(error) << error.message() << "\n" << text;
  return value;
}

// FindSigner returns the signer of `report` whose certificate has `iin` and
// starts at `not_before`, or nullptr.
const boost::json::object* FindSigner(const boost::json::value& report,
                                      const OpenSslCertificate& certificate) {
  for (const auto& signer : report.at("signers").as_array()) {
    const auto& object = signer.as_object();
    const auto* summary = object.if_contains("certificate");
    if (summary == nullptr) {
      continue;
    }
    const auto* iin = summary->as_object().if_contains("iin");
    const auto* not_before = summary->as_object().if_contains("notBefore");
    if (iin != nullptr && not_before != nullptr &&
        Text(*iin) == certificate.iin &&
        Text(*not_before) == FormatRfc3339(certificate.not_before)) {
      return &object;
    }
  }
  return nullptr;
}

std::vector<std::string> SignerIins(const boost::json::value& report) {
  std::vector<std::string> iins;
  for (const auto& signer : report.at("signers").as_array()) {
    iins.emplace_back(signer.at("certificate").at("iin").as_string().c_str());
  }
  std::sort(iins.begin(), iins.end());
  return iins;
}

std::vector<std::string> OpenSslIins(const OpenSslView& view) {
  std::vector<std::string> iins;
  for (const auto& certificate : view.certificates) {
    iins.push_back(certificate.iin);
  }
  std::sort(iins.begin(), iins.end());
  return iins;
}

// SignedAfter returns true when `signer` claims a signingTime later than
// `at` by more than the default clock skew of 300 seconds.
bool SignedAfter(const boost::json::object& signer, Time at) {
  const auto* claimed = signer.if_contains("signingTime");
  if (claimed == nullptr) {
    return false;
  }
  auto time = ParseRfc3339(Text(*claimed));
  return time.has_value() && time->unix_seconds > at.unix_seconds + 300;
}

bool AnySignedAfter(const boost::json::value& report, Time at) {
  for (const auto& signer : report.at("signers").as_array()) {
    if (SignedAfter(signer.as_object(), at)) {
      return true;
    }
  }
  return false;
}

class VerifySampleTest : public ::testing::TestWithParam<CmsSample> {};

TEST_P(VerifySampleTest, SignersMatchOpenSsl) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CmsSample& sample = GetParam();
  const OpenSslView view = DescribeWithOpenSsl(sample);
  ASSERT_GT(view.num_signers, 0u);
  ASSERT_EQ(view.certificates.size(), view.num_signers);
  // The detached sample without its document still verifies its
  // signature, but its digest stays unchecked and its verdict indeterminate.
  const bool missing = sample.document_missing;

  for (const OpenSslCertificate& certificate : view.certificates) {
    SCOPED_TRACE(certificate.subject);
    const Time at = MidValidity(certificate);
    const CliRun run = RunInProcess(VerifyArgs(sample, at));
    const boost::json::value report = ParseJson(run.out);
    ASSERT_TRUE(report.is_object());
    ASSERT_EQ(report.at("signers").as_array().size(), view.num_signers);
    EXPECT_EQ(SignerIins(report), OpenSslIins(view));
    for (const auto& signer : report.at("signers").as_array()) {
      EXPECT_EQ(Text(signer.at("checks").at("signature")), "passed");
      EXPECT_EQ(Text(signer.at("checks").at("digest")),
                missing ? "not_checked" : "passed");
    }
    const boost::json::object* signer = FindSigner(report, certificate);
    ASSERT_NE(signer, nullptr) << run.out;
    EXPECT_EQ(Text(signer->at("checks").at("chain")), "passed") << run.out;
    // Kalkan's test signatures were often made after their certificate
    // expired: validated inside the validity, before their claimed
    // signingTime, they cannot be valid.
    const bool signed_later = SignedAfter(*signer, at);
    EXPECT_EQ(Text(signer->at("verdict")),
              missing || signed_later ? "indeterminate" : "valid")
        << run.out;
    if (missing) {
      EXPECT_EQ(run.exit_code, 2);
      EXPECT_NE(run.err.find("pass --document FILE or --digest ALG:HEX"),
                std::string::npos)
          << run.err;
    } else if (AllValidAt(view, at) && !AnySignedAfter(report, at)) {
      EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
      EXPECT_EQ(Text(report.at("verdict")), "valid");
    } else {
      // Signers whose certificates are not valid at `at`, as in
      // SIGNED_CMS.p7s, whose two certificates' validity periods do not
      // overlap, make the whole report indeterminate.
      EXPECT_EQ(run.exit_code, 2) << run.out;
      EXPECT_EQ(Text(report.at("verdict")), "indeterminate");
    }
  }
}

TEST_P(VerifySampleTest, TextNamesEverySigner) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CmsSample& sample = GetParam();
  const OpenSslView view = DescribeWithOpenSsl(sample);
  ASSERT_FALSE(view.certificates.empty());
  std::vector<std::string> args =
      VerifyArgs(sample, MidValidity(view.certificates.front()));
  args.erase(std::find(args.begin(), args.end(), "--json"));
  const CliRun run = RunInProcess(args);
  for (const OpenSslCertificate& certificate : view.certificates) {
    EXPECT_NE(run.out.find("  IIN:           " + certificate.iin + "\n"),
              std::string::npos)
        << run.out;
  }
  EXPECT_NE(
      run.out.find("Signers:       " + std::to_string(view.num_signers) + "\n"),
      std::string::npos)
      << run.out;
}

std::string SampleName(const ::testing::TestParamInfo<CmsSample>& info) {
  std::string name = std::filesystem::path(info.param.path).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      c = '_';
    }
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(NucSamples, VerifySampleTest,
                         ::testing::ValuesIn(kCmsSamples), SampleName);

TEST(VerifySamplesTest, DigestOptionFromOpenSsl) {
  TINYSIGN_REQUIRE_FIXTURES();
  TINYSIGN_REQUIRE_GOST_ENGINE();
  const std::string document =
      FixturePath("nuc/skarm_kalkan/cms/individual_document.txt").string();
  const CommandResult digest = RunCommand(
      {"openssl", "dgst", "-engine", "gost", "-md_gost12_512", document});
  ASSERT_EQ(digest.exit_code, 0);
  const size_t equals = digest.output.rfind("= ");
  ASSERT_NE(equals, std::string::npos) << digest.output;
  const std::string hex = digest.output.substr(equals + 2, 128);

  const CliRun run = RunInProcess(
      {"verify", "--json", "--trust", FixturePath(kNucTestTrust).string(),
       "--revocation", "off", "--at", "2026-08-01T00:00:00Z", "--digest",
       "streebog512:" + hex,
       FixturePath("nuc/skarm_kalkan/cms/individual_detached.der").string()});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const boost::json::value report = ParseJson(run.out);
  EXPECT_EQ(Text(report.at("document").at("source")), "digest");
  EXPECT_EQ(Text(report.at("signers").at(0).at("checks").at("digest")),
            "passed");
}

TEST(VerifySamplesTest, WrongDigestIsInvalid) {
  TINYSIGN_REQUIRE_FIXTURES();
  // 64 bytes of 0x00: not the Streebog-512 digest of the document.
  const CliRun run = RunInProcess(
      {"verify", "--json", "--revocation", "off", "--digest",
       "streebog512:" + std::string(128, '0'),
       FixturePath("nuc/skarm_kalkan/cms/individual_detached.der").string()});
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const boost::json::value report = ParseJson(run.out);
  EXPECT_EQ(Text(report.at("verdict")), "invalid");
  EXPECT_EQ(Text(report.at("signers").at(0).at("checks").at("digest")),
            "failed");
}

TEST(VerifySamplesTest, NoTrustIsIndeterminateWithHint) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CliRun run = RunInProcess(
      {"verify", "--revocation", "off", "--at", "2021-06-01T00:00:00Z",
       FixturePath("nuc/gokalkan_gokalkan/testCMS.p7s").string()});
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_EQ(run.out.rfind("INDETERMINATE: ", 0), 0u) << run.out;
  EXPECT_NE(run.err.find("pass --trust DIR"), std::string::npos) << run.err;
}

TEST(VerifySamplesTest, RevocationRequiredIsIndeterminate) {
  TINYSIGN_REQUIRE_FIXTURES();
  // No revocation evidence is fetched, so the default policy cannot be met.
  const CliRun run = RunInProcess(
      {"verify", "--json", "--trust", FixturePath(kNucTestTrust).string(),
       "--at", "2021-06-01T00:00:00Z",
       FixturePath("nuc/gokalkan_gokalkan/testCMS.p7s").string()});
  EXPECT_EQ(run.exit_code, 2) << run.out;
  const boost::json::value report = ParseJson(run.out);
  EXPECT_EQ(Text(report.at("policy").at("revocation")), "require");
  EXPECT_NE(Text(report.at("signers").at(0).at("checks").at("revocation")),
            "good");
}

TEST(VerifySamplesTest, ReadsSignatureFromStandardInput) {
  TINYSIGN_REQUIRE_FIXTURES();
  const Bytes cms = ReadFileBytes(
      FixturePath("nuc/skarm_kalkan/cms/individual_attached.der"));
  const CliRun run =
      RunInProcess({"verify", "--trust", FixturePath(kNucTestTrust).string(),
                    "--revocation", "off", "--at", "2026-08-01T00:00:00Z", "-"},
                   std::string(cms.begin(), cms.end()));
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

TEST(VerifySamplesTest, TrustDirectorySkipsReadme) {
  TINYSIGN_REQUIRE_FIXTURES();
  const auto dir = TempDir("trust-readme");
  for (const auto& entry :
       std::filesystem::directory_iterator(FixturePath(kNucTestTrust))) {
    std::filesystem::copy_file(entry.path(), dir / entry.path().filename());
  }
  WriteFileBytes(dir / "README.md",
                 der::Input(std::string_view("# CA certificates\n")));
  const CliRun run = RunInProcess(
      {"verify", "--trust", dir.string(), "--revocation", "off", "--at",
       "2026-08-01T00:00:00Z",
       FixturePath("nuc/skarm_kalkan/cms/individual_attached.der").string()});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.err.find("tinysign: warning: " + (dir / "README.md").string() +
                         ": skipped, not a certificate"),
            std::string::npos)
      << run.err;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tinysign::testing
