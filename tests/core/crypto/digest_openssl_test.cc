// Cross-checks every digest against OpenSSL: its own SHA-1 and SHA-2, and
// the gost engine's md_gost94 (GOST R 34.11-94 with the CryptoPro S-box),
// md_gost12_256 and md_gost12_512.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/crypto/digest.h"
#include "core/crypto/gost34311.h"
#include "tests/core/crypto/digest_test_support.h"
#include "tests/support/files.h"
#include "tests/support/openssl.h"

namespace tinysign::crypto {
namespace {

using testing::Hex;

using HashFunction = std::function<Bytes(der::Input)>;

struct InputFile {
  std::string path;
  Bytes data;
};

// ParseDigestLines reads `openssl dgst -r` output, one "<hex> *<path>" line
// per file, into a map from path to hex.
std::map<std::string, std::string> ParseDigestLines(const std::string& text) {
  std::map<std::string, std::string> digests;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    const size_t separator = line.find(" *");
    if (separator != std::string::npos) {
      digests[line.substr(separator + 2)] = line.substr(0, separator);
    }
  }
  return digests;
}

HashFunction HashWith(DigestAlgorithm algorithm) {
  return
      [algorithm](der::Input data) { return ComputeDigest(algorithm, data); };
}

Bytes HashGost34311CryptoPro(der::Input data) {
  Gost34311 hash(Gost34311ParamSet::kCryptoPro);
  hash.Update(data);
  return hash.Finish();
}

// The inputs are random files of every length from 0 to 1024 bytes, which
// covers every position of the end of a message within a 32- or 64-byte
// block, and three large files around block boundaries.
class DigestOpenSslTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = tinysign::testing::TempDir("digest-openssl");
    std::vector<size_t> lengths;
    for (size_t len = 0; len <= 1024; ++len) {
      lengths.push_back(len);
    }
    lengths.push_back(1024 * 1024);
    lengths.push_back(1024 * 1024 + 1);
    lengths.push_back(2 * 1024 * 1024 + 63);
    std::mt19937 rng(6986);
    for (size_t len : lengths) {
      InputFile input;
      input.path = (dir_ / ("input-" + std::to_string(len) + ".bin")).string();
      input.data = testing::RandomBytes(rng, len);
      tinysign::testing::WriteFileBytes(input.path, input.data);
      inputs_.push_back(std::move(input));
    }
  }

  static void TearDownTestSuite() {
    inputs_.clear();
    std::filesystem::remove_all(dir_);
  }

  // ExpectMatchesOpenSsl runs `openssl dgst <dgst_args> -r` over the inputs,
  // leaving out the empty one when `skip_empty` is set, and expects the
  // digest it prints for each file to equal `hash` of the file's bytes.
  static void ExpectMatchesOpenSsl(const std::vector<std::string>& dgst_args,
                                   const HashFunction& hash,
                                   bool skip_empty = false) {
    std::vector<std::string> argv = {"openssl", "dgst"};
    argv.insert(argv.end(), dgst_args.begin(), dgst_args.end());
    argv.push_back("-r");
    size_t num_files = 0;
    for (const InputFile& input : inputs_) {
      if (skip_empty && input.data.empty()) {
        continue;
      }
      argv.push_back(input.path);
      ++num_files;
    }
    const tinysign::testing::CommandResult result =
        tinysign::testing::RunCommand(argv);
    ASSERT_EQ(result.exit_code, 0) << "openssl dgst failed";

    const std::map<std::string, std::string> printed =
        ParseDigestLines(result.output);
    ASSERT_EQ(printed.size(), num_files);
    for (const InputFile& input : inputs_) {
      if (skip_empty && input.data.empty()) {
        continue;
      }
      const auto it = printed.find(input.path);
      ASSERT_NE(it, printed.end()) << "no digest printed for " << input.path;
      EXPECT_EQ(Hex(hash(input.data)), it->second)
          << "length " << input.data.size();
    }
  }

  static inline std::filesystem::path dir_;
  static inline std::vector<InputFile> inputs_;
};

TEST_F(DigestOpenSslTest, Streebog256MatchesGostEngine) {
  TINYSIGN_REQUIRE_GOST_ENGINE();
  ExpectMatchesOpenSsl({"-engine", "gost", "-md_gost12_256"},
                       HashWith(DigestAlgorithm::kStreebog256));
}

TEST_F(DigestOpenSslTest, Streebog512MatchesGostEngine) {
  TINYSIGN_REQUIRE_GOST_ENGINE();
  ExpectMatchesOpenSsl({"-engine", "gost", "-md_gost12_512"},
                       HashWith(DigestAlgorithm::kStreebog512));
}

// The gost engine hashes an extra zero block for the empty message only
// (checked by EmptyMessageDiffersFromGostEngine), so "" is left out here.
TEST_F(DigestOpenSslTest, Gost34311CryptoProMatchesGostEngine) {
  TINYSIGN_REQUIRE_GOST_ENGINE();
  ExpectMatchesOpenSsl({"-engine", "gost", "-md_gost94"},
                       HashGost34311CryptoPro, /*skip_empty=*/true);
}

// For "" the gost engine prints 3f25bc1f..., the value its maintainers keep
// to match CryptoPro CSP, while pygost and BouncyCastle give 981e5f3c...
// If the engine ever changes, the NOTE in gost34311.h must change too.
TEST_F(DigestOpenSslTest, EmptyMessageDiffersFromGostEngine) {
  TINYSIGN_REQUIRE_GOST_ENGINE();
  const tinysign::testing::CommandResult result = tinysign::testing::RunCommand(
      {"openssl", "dgst", "-engine", "gost", "-md_gost94", "-r", "/dev/null"});
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_EQ(ParseDigestLines(result.output)["/dev/null"],
            "3f25bc1fbbce27ca10fb1958f319473ae7e17482c3b53ecf47a7e2de8aabe4c8");
  EXPECT_EQ(Hex(HashGost34311CryptoPro(der::Input())),
            "981e5f3ca30c841487830f84fb433e13ac1101569b9c13584ac483234cd656c0");
}

TEST_F(DigestOpenSslTest, Sha1MatchesOpenSsl) {
  ExpectMatchesOpenSsl({"-sha1"}, HashWith(DigestAlgorithm::kSha1));
}

TEST_F(DigestOpenSslTest, Sha224MatchesOpenSsl) {
  ExpectMatchesOpenSsl({"-sha224"}, HashWith(DigestAlgorithm::kSha224));
}

TEST_F(DigestOpenSslTest, Sha256MatchesOpenSsl) {
  ExpectMatchesOpenSsl({"-sha256"}, HashWith(DigestAlgorithm::kSha256));
}

TEST_F(DigestOpenSslTest, Sha384MatchesOpenSsl) {
  ExpectMatchesOpenSsl({"-sha384"}, HashWith(DigestAlgorithm::kSha384));
}

TEST_F(DigestOpenSslTest, Sha512MatchesOpenSsl) {
  ExpectMatchesOpenSsl({"-sha512"}, HashWith(DigestAlgorithm::kSha512));
}

}  // namespace
}  // namespace tinysign::crypto
