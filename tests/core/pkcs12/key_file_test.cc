#include "core/pkcs12/key_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/crypto/rsa.h"
#include "core/encoding/input_form.h"
#include "core/pkcs12/pfx.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"
#include "tests/support/openssl_certs.h"

namespace tinysign::pkcs12 {
namespace {

using testing::FixtureFiles;
using testing::ReadFileBytes;
using testing::RunCommand;

// The two passwords of NUC's test key files.
const std::vector<std::string> kPasswords = {"Qwerty12", "Aa123456"};

std::vector<std::filesystem::path> AllKeyFiles() {
  return FixtureFiles("nuc", {".p12"});
}

// OpenWithKnownPassword loads `path` with whichever test password fits and
// returns that password in `*password`.
Result<KeyFile> OpenWithKnownPassword(const std::filesystem::path& path,
                                      std::string* password) {
  const Bytes file = ReadFileBytes(path);
  Result<KeyFile> key_file = Fail(ErrorCode::kPkcs12BadPassword);
  for (const std::string& candidate : kPasswords) {
    key_file = LoadKeyFile(file, candidate);
    if (key_file.has_value() ||
        key_file.error().code != ErrorCode::kPkcs12BadPassword) {
      *password = candidate;
      return key_file;
    }
  }
  return key_file;
}

// Loading succeeds only when the private scalar (or RSA modulus) gives the
// certificate's public key, so this proves the GOST private key layout on
// every NUC key file.
TEST(KeyFileTest, EveryNucKeyFileLoads) {
  TINYSIGN_REQUIRE_FIXTURES();
  const auto files = AllKeyFiles();
  ASSERT_GE(files.size(), 60u);
  size_t num_gost_2004 = 0;
  size_t num_gost_2015 = 0;
  size_t num_rsa = 0;
  for (const auto& path : files) {
    SCOPED_TRACE(path.string());
    std::string password;
    Result<KeyFile> key_file = OpenWithKnownPassword(path, &password);
    ASSERT_TRUE(key_file.has_value()) << key_file.error().ToString();
    ASSERT_NE(key_file->certificate, nullptr);
    switch (key_file->private_key.algorithm) {
      case crypto::KeyAlgorithm::kGost2004:
        ++num_gost_2004;
        break;
      case crypto::KeyAlgorithm::kGost2015_512:
        ++num_gost_2015;
        break;
      case crypto::KeyAlgorithm::kRsa:
        ++num_rsa;
        break;
      default:
        ADD_FAILURE() << "unexpected key algorithm";
    }
  }
  EXPECT_GT(num_gost_2004, 0u);
  EXPECT_GT(num_gost_2015, 0u);
  EXPECT_GT(num_rsa, 0u);
}

TEST(KeyFileTest, WrongPasswordIsBadPassword) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const auto& path : AllKeyFiles()) {
    SCOPED_TRACE(path.string());
    Result<KeyFile> key_file = LoadKeyFile(ReadFileBytes(path), "Qwerty13");
    ASSERT_FALSE(key_file.has_value());
    EXPECT_EQ(key_file.error().code, ErrorCode::kPkcs12BadPassword);
  }
}

// OpenSSL (`openssl pkcs12 -legacy -nokeys`) must find the same
// certificate that the key was matched with.
TEST(KeyFileTest, CertificateMatchesOpenSsl) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const auto& path : AllKeyFiles()) {
    SCOPED_TRACE(path.string());
    std::string password;
    Result<KeyFile> key_file = OpenWithKnownPassword(path, &password);
    ASSERT_TRUE(key_file.has_value());
    const auto from_openssl = testing::CertificatesInPkcs12(path, {password});
    ASSERT_EQ(from_openssl.size(), 1 + key_file->other_certificates.size());
    Result<Bytes> der = encoding::NormalizeToDer(
        der::Input(std::string_view(from_openssl.front().pem)));
    ASSERT_TRUE(der.has_value());
    EXPECT_TRUE(der::Input(*der) == key_file->certificate->der());
  }
}

// OpenSSL decrypts the RSA key bags itself; the numbers must agree.
TEST(KeyFileTest, RsaKeyMatchesOpenSsl) {
  TINYSIGN_REQUIRE_FIXTURES();
  const auto dir = testing::TempDir("pkcs12_rsa");
  size_t num_rsa = 0;
  for (const auto& path : AllKeyFiles()) {
    std::string password;
    Result<KeyFile> key_file = OpenWithKnownPassword(path, &password);
    ASSERT_TRUE(key_file.has_value());
    const auto* ours =
        std::get_if<crypto::RsaPrivateKey>(&key_file->private_key.key);
    if (ours == nullptr) {
      continue;
    }
    SCOPED_TRACE(path.string());
    ++num_rsa;
    const auto pem = dir / "key.pem";
    const auto der = dir / "key.der";
    ASSERT_EQ(RunCommand({"openssl", "pkcs12", "-legacy", "-in", path.string(),
                          "-passin", "pass:" + password, "-nocerts", "-nodes",
                          "-out", pem.string()})
                  .exit_code,
              0);
    ASSERT_EQ(RunCommand({"openssl", "pkey", "-in", pem.string(), "-outform",
                          "DER", "-out", der.string()})
                  .exit_code,
              0);
    Result<crypto::RsaPrivateKey> theirs =
        crypto::ParseRsaPrivateKey(ReadFileBytes(der));
    ASSERT_TRUE(theirs.has_value());
    EXPECT_EQ(ours->modulus, theirs->modulus);
    EXPECT_EQ(ours->public_exponent, theirs->public_exponent);
    EXPECT_EQ(ours->private_exponent, theirs->private_exponent);
    EXPECT_EQ(ours->prime1, theirs->prime1);
    EXPECT_EQ(ours->prime2, theirs->prime2);
  }
  EXPECT_GT(num_rsa, 0u);
}

TEST(KeyFileTest, FriendlyNameAndLocalKeyId) {
  TINYSIGN_REQUIRE_FIXTURES();
  // Kalkan names the key bag after the hex localKeyId, as
  // `openssl pkcs12 -info` prints for this file.
  const auto path = testing::FixturePath(
      "nuc/skarm_kalkan/p12/"
      "GOST512_02c7a21f2df78b99cb67323e2e255779bb6ae309.p12");
  Result<KeyFile> key_file = LoadKeyFile(ReadFileBytes(path), "Qwerty12");
  ASSERT_TRUE(key_file.has_value());
  EXPECT_EQ(key_file->friendly_name,
            "02c7a21f2df78b99cb67323e2e255779bb6ae309");
  EXPECT_EQ(encoding::HexEncode(key_file->local_key_id),
            "02c7a21f2df78b99cb67323e2e255779bb6ae309");
}

}  // namespace
}  // namespace tinysign::pkcs12
