// Usage errors (exit 64) and unreadable or malformed input (exit 65) of
// `tinysign verify` and `tinysign verify-cert`, run in process.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"

namespace tinysign::testing {
namespace {

constexpr int kExitUsage = 64;
constexpr int kExitDataError = 65;

// A CMS file path for usage tests; usage errors are found before any file
// is opened, so it need not exist.
constexpr char kAnySignature[] = "signature.p7s";

struct UsageCase {
  const char* name;
  std::vector<std::string> args;
  // Part of the message expected on standard error.
  const char* message;
};

// 64 bytes as 128 hex digits, a valid Streebog-512 or SHA-512 length.
const std::string kHex64 = std::string(128, 'a');

const std::vector<UsageCase>& UsageCases() {
  static const std::vector<UsageCase> cases = {
      {"UnknownOption",
       {"verify", "--bogus", kAnySignature},
       "unknown option '--bogus'"},
      {"UnknownShortOption",
       {"verify", "-v", kAnySignature},
       "unknown option '-v'"},
      {"MissingFile", {"verify"}, "missing SIGNATURE_FILE"},
      {"TwoFiles", {"verify", "a.p7s", "b.p7s"}, "unexpected argument 'b.p7s'"},
      {"MissingValue",
       {"verify", kAnySignature, "--at"},
       "option --at requires a value"},
      {"OptionAsValue",
       {"verify", "--document", "--json", kAnySignature},
       "option --document requires a value"},
      {"DocumentAndDigest",
       {"verify", "--document", "doc.txt", "--digest", "sha512:" + kHex64,
        kAnySignature},
       "--document and --digest cannot be used together"},
      {"DigestWithoutColon",
       {"verify", "--digest", kHex64, kAnySignature},
       "expected ALG:HEX"},
      {"UnknownDigestAlgorithm",
       {"verify", "--digest", "md5:" + std::string(32, '0'), kAnySignature},
       "unknown --digest algorithm 'md5'"},
      {"DigestBadHex",
       {"verify", "--digest", "sha256:" + std::string(63, '0') + "g",
        kAnySignature},
       "invalid --digest hexadecimal"},
      {"DigestOddHex",
       {"verify", "--digest", "sha256:" + std::string(63, '0'), kAnySignature},
       "invalid --digest hexadecimal"},
      // SHA-256 is 32 bytes; 64 bytes is the wrong length.
      {"DigestWrongLength",
       {"verify", "--digest", "sha256:" + kHex64, kAnySignature},
       "a sha256 digest is 32 bytes (64 hex digits), got 64 bytes"},
      {"DigestEmptyHex",
       {"verify", "--digest", "streebog512:", kAnySignature},
       "a streebog512 digest is 64 bytes"},
      {"BadAt",
       {"verify", "--at", "yesterday", kAnySignature},
       "invalid --at time 'yesterday'"},
      {"AtWithoutZone",
       {"verify", "--at", "2026-12-04T10:00:00", kAnySignature},
       "invalid --at time"},
      {"BadPurpose",
       {"verify", "--purpose", "encrypt", kAnySignature},
       "invalid --purpose value 'encrypt'"},
      {"BadRevocation",
       {"verify", "--revocation", "never", kAnySignature},
       "invalid --revocation value 'never'"},
      {"RepeatedAt",
       {"verify", "--at", "2026-12-04T10:00:00Z", "--at",
        "2026-12-05T10:00:00Z", kAnySignature},
       "option --at is given more than once"},
      {"FlagWithValue",
       {"verify", "--json=yes", kAnySignature},
       "option --json takes no value"},
      {"BothFromStandardInput",
       {"verify", "--document", "-", "-"},
       "cannot both read standard input"},
      {"CertUnknownOption",
       {"verify-cert", "--document", "x", "cert.pem"},
       "unknown option '--document'"},
      {"CertMissingFile",
       {"verify-cert", "--trust", "dir"},
       "missing CERT_FILE"},
      {"CertTwoFiles",
       {"verify-cert", "a.pem", "b.pem"},
       "unexpected argument 'b.pem'"},
      {"CertBadAt",
       {"verify-cert", "--at", "2026-13-01T00:00:00Z", "c.pem"},
       "invalid --at time"},
      {"CertBadPurpose",
       {"verify-cert", "--purpose", "x", "c.pem"},
       "invalid --purpose value 'x'"},
      {"CertBadRevocation",
       {"verify-cert", "--revocation", "x", "c.pem"},
       "invalid --revocation value 'x'"},
      {"CertMissingValue",
       {"verify-cert", "c.pem", "--untrusted"},
       "option --untrusted requires a value"},
  };
  return cases;
}

TEST(VerifyCommandTest, UsageErrorsExit64) {
  for (const UsageCase& usage : UsageCases()) {
    SCOPED_TRACE(usage.name);
    const CliRun run = RunInProcess(usage.args);
    EXPECT_EQ(run.exit_code, kExitUsage);
    EXPECT_TRUE(run.out.empty()) << run.out;
    EXPECT_NE(run.err.find(usage.message), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("--help' to see the usage"), std::string::npos)
        << run.err;
  }
}

TEST(VerifyCommandTest, HelpListsEveryOption) {
  const CliRun run = RunInProcess({"verify", "--help"});
  EXPECT_EQ(run.exit_code, 0);
  for (const char* option : {"--document", "--digest", "--trust", "--at",
                             "--revocation", "--purpose", "--json"}) {
    EXPECT_NE(run.out.find(option), std::string::npos) << option;
  }
}

TEST(VerifyCommandTest, CertHelpListsEveryOption) {
  const CliRun run = RunInProcess({"verify-cert", "--help"});
  EXPECT_EQ(run.exit_code, 0);
  for (const char* option : {"--trust", "--untrusted", "--at", "--revocation",
                             "--purpose", "--json"}) {
    EXPECT_NE(run.out.find(option), std::string::npos) << option;
  }
}

// RunOnBytes writes `data` to a file and verifies it as a signature.
CliRun RunOnBytes(const std::string& name, const Bytes& data) {
  const auto dir = TempDir("verify-bytes");
  const auto path = dir / name;
  WriteFileBytes(path, data);
  CliRun run = RunInProcess({"verify", "--revocation", "off", path.string()});
  std::filesystem::remove_all(dir);
  return run;
}

TEST(VerifyCommandTest, MissingFileExit65) {
  const CliRun run = RunInProcess({"verify", "/nonexistent/sig.p7s"});
  EXPECT_EQ(run.exit_code, kExitDataError);
  EXPECT_EQ(run.err,
            "tinysign: /nonexistent/sig.p7s: cannot read: No such file or "
            "directory\n");
}

TEST(VerifyCommandTest, DirectoryAsFileExit65) {
  const auto dir = TempDir("verify-directory");
  const CliRun run = RunInProcess({"verify", dir.string()});
  EXPECT_EQ(run.exit_code, kExitDataError);
  EXPECT_EQ(run.err,
            "tinysign: " + dir.string() + ": is a directory, not a file\n");
  std::filesystem::remove_all(dir);
}

TEST(VerifyCommandTest, EmptyFileExit65) {
  const CliRun run = RunOnBytes("empty.p7s", {});
  EXPECT_EQ(run.exit_code, kExitDataError);
  EXPECT_NE(run.err.find("empty.p7s: not DER, PEM or base64 (input.empty"),
            std::string::npos)
      << run.err;
}

TEST(VerifyCommandTest, PngBytesExit65) {
  // The eight-byte PNG signature (RFC 2083 section 3.1) and an IHDR start.
  const Bytes png = {0x89, 'P',  'N',  'G',  '\r', '\n', 0x1a, '\n',
                     0x00, 0x00, 0x00, 0x0d, 'I',  'H',  'D',  'R'};
  const CliRun run = RunOnBytes("image.png", png);
  EXPECT_EQ(run.exit_code, kExitDataError);
  EXPECT_NE(run.err.find("tinysign: "), std::string::npos);
  EXPECT_NE(run.err.find("image.png: not DER, PEM or base64"),
            std::string::npos)
      << run.err;
  EXPECT_TRUE(run.out.empty());
}

TEST(VerifyCommandTest, RandomBytesExit65) {
  std::mt19937 generator(20261204);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 50; ++round) {
    Bytes data(1 + round * 37);
    for (uint8_t& b : data) {
      b = static_cast<uint8_t>(byte(generator));
    }
    const CliRun run = RunOnBytes("random.bin", data);
    EXPECT_EQ(run.exit_code, kExitDataError) << "round " << round;
    EXPECT_NE(run.err.find("random.bin: "), std::string::npos) << run.err;
  }
}

TEST(VerifyCommandTest, SequenceThatIsNotCmsExit65) {
  // SEQUENCE { INTEGER 5 }: DER, but not a ContentInfo.
  const CliRun run = RunOnBytes("sequence.der", {0x30, 0x03, 0x02, 0x01, 0x05});
  EXPECT_EQ(run.exit_code, kExitDataError);
  EXPECT_NE(run.err.find("sequence.der: not a CMS SignedData ("),
            std::string::npos)
      << run.err;
}

TEST(VerifyCommandTest, CertificateAsSignatureExit65) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const char* certificate :
       {"trust/nuc-test/root_test_gost_2022.cer",
        "trust/nuc-test/nca_rsa_test.crt",
        "nuc/skarm_kalkan/cms/individual_signer.cer"}) {
    const std::string path = FixturePath(certificate).string();
    const CliRun run = RunInProcess({"verify", path});
    EXPECT_EQ(run.exit_code, kExitDataError) << certificate;
    EXPECT_EQ(
        run.err.rfind("tinysign: " + path + ": not a CMS SignedData (", 0), 0u)
        << run.err;
  }
}

TEST(VerifyCommandTest, MissingDocumentExit65) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CliRun run = RunInProcess(
      {"verify", "--document", "/nonexistent/doc.txt",
       FixturePath("nuc/skarm_kalkan/cms/individual_detached.der").string()});
  EXPECT_EQ(run.exit_code, kExitDataError);
  EXPECT_EQ(run.err,
            "tinysign: /nonexistent/doc.txt: cannot read: No such file or "
            "directory\n");
}

TEST(VerifyCommandTest, MissingTrustDirectoryExit65) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CliRun run =
      RunInProcess({"verify", "--trust", "/nonexistent/trust",
                    FixturePath("nuc/gokalkan_gokalkan/testCMS.p7s").string()});
  EXPECT_EQ(run.exit_code, kExitDataError);
  EXPECT_NE(run.err.find("tinysign: /nonexistent/trust: trust directory "),
            std::string::npos)
      << run.err;
}

TEST(VerifyCommandTest, CertFileThatIsCmsExit65) {
  TINYSIGN_REQUIRE_FIXTURES();
  const std::string path =
      FixturePath("nuc/gokalkan_gokalkan/testCMS.p7s").string();
  const CliRun run = RunInProcess({"verify-cert", path});
  EXPECT_EQ(run.exit_code, kExitDataError);
  EXPECT_EQ(
      run.err.rfind("tinysign: " + path + ": not an X.509 certificate (", 0),
      0u)
      << run.err;
}

TEST(VerifyCommandTest, CertMissingUntrustedExit65) {
  TINYSIGN_REQUIRE_FIXTURES();
  const CliRun run = RunInProcess(
      {"verify-cert", "--untrusted", "/nonexistent/ca.pem",
       FixturePath("nuc/skarm_kalkan/cms/individual_signer.cer").string()});
  EXPECT_EQ(run.exit_code, kExitDataError);
  EXPECT_EQ(run.err,
            "tinysign: /nonexistent/ca.pem: cannot read: No such file or "
            "directory\n");
}

}  // namespace
}  // namespace tinysign::testing
