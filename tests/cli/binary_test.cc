// The real `tinysign` executable, spawned, for the exit statuses that
// scripts rely on. The other CLI tests run the same code in process.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"

namespace tinysign::testing {
namespace {

int RunTinysign(std::vector<std::string> args) {
  args.insert(args.begin(), (BinaryDir() / "bin" / "tinysign").string());
  return RunCommand(args).exit_code;
}

std::vector<std::string> TrustedArgs(const std::string& at) {
  return {"verify",
          "--trust",
          FixturePath("trust/nuc-test").string(),
          "--revocation",
          "off",
          "--at",
          at};
}

TEST(BinaryTest, VersionExits0) {
  const CommandResult result =
      RunCommand({(BinaryDir() / "bin" / "tinysign").string(), "--version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.output.rfind("tinysign ", 0), 0u) << result.output;
}

TEST(BinaryTest, UsageErrorExits64) {
  EXPECT_EQ(RunTinysign({"verify", "--bogus", "sig.p7s"}), 64);
  EXPECT_EQ(RunTinysign({}), 64);
}

TEST(BinaryTest, MissingFileExits65) {
  EXPECT_EQ(RunTinysign({"verify", "/nonexistent/sig.p7s"}), 65);
}

TEST(BinaryTest, ValidSignatureExits0) {
  TINYSIGN_REQUIRE_FIXTURES();
  // 2026-08-01 is inside the signer certificate's validity, which OpenSSL
  // prints as May  8 06:45:13 2026 GMT to May  8 06:45:13 2027 GMT, and
  // after the signer's claimed signingTime, 2026-07-20T09:08:06Z.
  std::vector<std::string> args = TrustedArgs("2026-08-01T00:00:00Z");
  args.push_back(
      FixturePath("nuc/skarm_kalkan/cms/individual_attached.der").string());
  EXPECT_EQ(RunTinysign(args), 0);
}

TEST(BinaryTest, WrongDigestExits1) {
  TINYSIGN_REQUIRE_FIXTURES();
  std::vector<std::string> args = TrustedArgs("2026-06-01T00:00:00Z");
  args.push_back("--digest");
  args.push_back("streebog512:" + std::string(128, '0'));
  args.push_back(
      FixturePath("nuc/skarm_kalkan/cms/individual_detached.der").string());
  EXPECT_EQ(RunTinysign(args), 1);
}

TEST(BinaryTest, DetachedWithoutDocumentExits2) {
  TINYSIGN_REQUIRE_FIXTURES();
  // Inside the signer's validity, Apr 4 2019 to Apr 3 2020 per OpenSSL.
  std::vector<std::string> args = TrustedArgs("2019-10-01T00:00:00Z");
  args.push_back(
      FixturePath("nuc/skarm_kalkan/examples/CMS_for_double_sign.txt")
          .string());
  EXPECT_EQ(RunTinysign(args), 2);
}

}  // namespace
}  // namespace tinysign::testing
