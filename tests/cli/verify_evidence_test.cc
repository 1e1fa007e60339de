// `tinysign verify` with OCSP and CRL files, on a CMS, responses and CRLs
// built with the `pki` builders and written to a temporary folder. The
// validation time is 2026-06-01T00:00Z (--at). The spawned executable
// reads the system clock, so no evidence is dated later than
// 2026-06-02T00:00Z: a clock before that would reject it as not yet valid.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "core/x509/extensions.h"
#include "pki/crl_builder.h"
#include "pki/ocsp_builder.h"
#include "tests/cli/cli_runner.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"
#include "tests/support/pki_builders.h"

namespace tinysign::testing {
namespace {

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 24 * kHour;
constexpr char kAt[] = "2026-06-01T00:00:00Z";

Time Shift(Time time, int64_t seconds) {
  return Time{time.unix_seconds + seconds};
}

Time Control() { return MakeTime(2026, 6, 1); }

const TestKey& Key(int index) {
  return TestKeyFor(KeyType::kGost2015_512, index);
}

// Files is the temporary folder: trust/root.der, the signed CMS, and the
// OCSP responses and CRLs of the issuing CA.
struct Files {
  std::filesystem::path dir;
  std::filesystem::path trust;
  std::filesystem::path cms;
  std::filesystem::path ocsp_good;
  std::filesystem::path ocsp_stale;
  std::filesystem::path crl_revoked;
};

Bytes OcspAbout(const IssuedCertificate& signer, const IssuedCertificate& ca,
                Time this_update, Time next_update) {
  pki::OcspResponseSpec spec;
  spec.responder_name = EncodeName(ca.subject);
  spec.produced_at = this_update;
  pki::SingleResponseSpec single = pki::GoodResponse(
      ValueOrFail(
          pki::BuildCertId(signer.der, ca.der, crypto::DigestAlgorithm::kSha1),
          "CertID"),
      this_update);
  single.next_update = next_update;
  spec.responses.push_back(single);
  return ValueOrFail(pki::BuildOcspResponse(spec, *ca.key), "OCSP response");
}

Files WriteFiles() {
  Files files;
  files.dir = TempDir("verify-evidence");
  files.trust = files.dir / "trust";
  std::filesystem::create_directories(files.trust);

  const IssuedCertificate root =
      Issue(RootSpec("CLI Evidence Root"), Key(0), Key(0));
  const IssuedCertificate ca =
      Issue(CaSpec("CLI Evidence CA", root), Key(1), Key(0));
  const IssuedCertificate signer =
      Issue(LeafSpec("CLI Signer", ca), Key(2), Key(1));
  WriteFileBytes(files.trust / "root.der", root.der);

  CmsSpec cms;
  const std::string content = "evidence document";
  cms.content = Bytes(content.begin(), content.end());
  SignerSpec signer_spec;
  signer_spec.certificate = &signer;
  signer_spec.signing_time = Shift(Control(), -12 * kHour);
  cms.signers.push_back(signer_spec);
  cms.certificates = {signer.der, ca.der};
  files.cms = files.dir / "signed.p7s";
  WriteFileBytes(files.cms, BuildSignedData(cms));

  // Good from 2026-05-31T00:00Z to 2026-06-02T00:00Z.
  files.ocsp_good = files.dir / "good.ocsp";
  WriteFileBytes(files.ocsp_good, OcspAbout(signer, ca, Shift(Control(), -kDay),
                                            Shift(Control(), kDay)));
  // Good from 2026-05-29T00:00Z, but only until 2026-05-31T00:00Z.
  files.ocsp_stale = files.dir / "stale.ocsp";
  WriteFileBytes(files.ocsp_stale,
                 OcspAbout(signer, ca, Shift(Control(), -3 * kDay),
                           Shift(Control(), -kDay)));

  // Revoked at 2026-05-20T00:00Z, listed by the CRL of 2026-05-31T00:00Z.
  pki::CrlSpec crl = pki::CrlSpecFor(ca, Shift(Control(), -kDay));
  crl.next_update = Shift(Control(), 29 * kDay);
  crl.entries.push_back(pki::CrlEntrySpec{signer.serial,
                                          Shift(Control(), -12 * kDay),
                                          crl::ReasonCode::kKeyCompromise,
                                          {}});
  files.crl_revoked = files.dir / "revoked.crl";
  WriteFileBytes(files.crl_revoked,
                 ValueOrFail(pki::BuildCrl(crl, *ca.key), "CRL"));
  return files;
}

const Files& SharedFiles() {
  static const Files* files = new Files(WriteFiles());
  return *files;
}

std::vector<std::string> VerifyArgs(const std::vector<std::string>& evidence) {
  const Files& files = SharedFiles();
  std::vector<std::string> args = {(BinaryDir() / "bin" / "tinysign").string(),
                                   "verify",
                                   "--trust",
                                   files.trust.string(),
                                   "--at",
                                   kAt,
                                   "--json"};
  args.insert(args.end(), evidence.begin(), evidence.end());
  args.push_back(files.cms.string());
  return args;
}

// SignerJson returns signers[0] of the JSON report, or an empty object.
boost::json::object SignerJson(const std::string& output) {
  boost::system::error_code error;
  const boost::json::value parsed = boost::json::parse(output, error);
  EXPECT_FALSE(error) << output;
  if (error || !parsed.is_object()) {
    return {};
  }
  const boost::json::value* signers = parsed.as_object().if_contains("signers");
  if (signers == nullptr || !signers->is_array() ||
      signers->as_array().empty() || !signers->as_array()[0].is_object()) {
    ADD_FAILURE() << "no signers in " << output;
    return {};
  }
  return signers->as_array()[0].as_object();
}

std::string Text(const boost::json::object& object, const char* key) {
  const boost::json::value* value = object.if_contains(key);
  return value != nullptr && value->is_string()
             ? std::string(value->get_string())
             : std::string();
}

boost::json::object Child(const boost::json::object& object, const char* key) {
  const boost::json::value* value = object.if_contains(key);
  return value != nullptr && value->is_object() ? value->as_object()
                                                : boost::json::object{};
}

TEST(VerifyEvidenceTest, GoodOcspExits0) {
  const CommandResult result =
      RunCommand(VerifyArgs({"--ocsp", SharedFiles().ocsp_good.string()}));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  const boost::json::object signer = SignerJson(result.output);
  EXPECT_EQ(Text(signer, "controlTime"), kAt);
  const boost::json::object revocation = Child(signer, "revocation");
  EXPECT_EQ(Text(revocation, "status"), "good") << result.output;
  EXPECT_EQ(Text(revocation, "source"), "ocsp") << result.output;
}

TEST(VerifyEvidenceTest, RevokingCrlExits1) {
  const CommandResult result =
      RunCommand(VerifyArgs({"--crl", SharedFiles().crl_revoked.string()}));
  EXPECT_EQ(result.exit_code, 1) << result.output;
  const boost::json::object signer = SignerJson(result.output);
  EXPECT_EQ(Text(signer, "controlTime"), kAt);
  const boost::json::object revocation = Child(signer, "revocation");
  EXPECT_EQ(Text(revocation, "status"), "revoked") << result.output;
  EXPECT_EQ(Text(revocation, "source"), "crl") << result.output;
}

TEST(VerifyEvidenceTest, StaleOcspExits2) {
  const CommandResult result =
      RunCommand(VerifyArgs({"--ocsp", SharedFiles().ocsp_stale.string()}));
  EXPECT_EQ(result.exit_code, 2) << result.output;
  const boost::json::object signer = SignerJson(result.output);
  EXPECT_EQ(Text(Child(signer, "checks"), "revocation"), "unknown")
      << result.output;
}

TEST(VerifyEvidenceTest, NonNumericSkewExits64) {
  const CommandResult result = RunCommand(VerifyArgs({"--skew", "abc"}));
  EXPECT_EQ(result.exit_code, 64) << result.output;
}

TEST(VerifyEvidenceTest, CrlGivenAsOcspExits65) {
  const std::string crl = SharedFiles().crl_revoked.string();
  EXPECT_EQ(RunCommand(VerifyArgs({"--ocsp", crl})).exit_code, 65);
  // In process, to read the message on standard error.
  std::vector<std::string> args = VerifyArgs({"--ocsp", crl});
  args.erase(args.begin());
  const CliRun run = RunInProcess(args);
  EXPECT_EQ(run.exit_code, 65);
  EXPECT_NE(run.err.find(crl), std::string::npos) << run.err;
}

}  // namespace
}  // namespace tinysign::testing
