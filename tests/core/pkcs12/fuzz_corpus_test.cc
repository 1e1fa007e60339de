// Seeds of the pkcs12 fuzz target. With TINYSIGN_WRITE_FUZZ_CORPUS naming
// the corpus folder, the test rewrites them:
//   export TINYSIGN_WRITE_FUZZ_CORPUS=tests/fuzz/corpus
//   build/bin/tinysign_pkcs12_tests --gtest_filter='Pkcs12FuzzCorpus*'
// Otherwise it checks that the checked-in seeds are the ones built here.
// The keys are generated from a fixed seed and the certificate bytes are a
// placeholder, so no NUC file is copied into the repository.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/crypto/gost_signature.h"
#include "core/crypto/rsa.h"
#include "core/encoding/input_form.h"
#include "core/pkcs12/pfx.h"
#include "core/pkcs12/pfx_writer.h"
#include "tests/core/crypto/signature_test_support.h"
#include "tests/support/files.h"

namespace tinysign::pkcs12 {
namespace {

using crypto::signature_testing::SeededRandom;

std::filesystem::path CorpusDir() {
  const char* root = std::getenv("TINYSIGN_WRITE_FUZZ_CORPUS");
  if (root != nullptr) {
    return std::filesystem::path(root) / "pkcs12";
  }
  // This file is tests/core/pkcs12/fuzz_corpus_test.cc.
  return std::filesystem::path(__FILE__)
             .parent_path()
             .parent_path()
             .parent_path() /
         "fuzz" / "corpus" / "pkcs12";
}

// A placeholder certificate: an empty SEQUENCE, which the writer does not
// parse.
const Bytes kPlaceholderCertificate = {0x30, 0x00};

Bytes WriteSeed(const ParsedPrivateKey& key, uint32_t seed) {
  SeededRandom random(seed);
  Pkcs12WriteOptions options;
  options.friendly_name = "fuzz";
  options.iterations = 1;
  auto file =
      WritePkcs12(key, kPlaceholderCertificate, {}, "fuzz", options, random);
  EXPECT_TRUE(file.has_value());
  return file.has_value() ? *file : Bytes();
}

std::vector<std::pair<std::string, Bytes>> BuildSeeds() {
  std::vector<std::pair<std::string, Bytes>> seeds;
  SeededRandom key_random(7);
  ParsedPrivateKey gost2004;
  gost2004.algorithm = crypto::KeyAlgorithm::kGost2004;
  gost2004.key = crypto::GenerateGostPrivateKey(
                     crypto::GostCurveId::kCryptoProA, key_random)
                     .value();
  ParsedPrivateKey gost2015;
  gost2015.algorithm = crypto::KeyAlgorithm::kGost2015_512;
  gost2015.key = crypto::GenerateGostPrivateKey(
                     crypto::GostCurveId::kTc26Gost512ParamSetA, key_random)
                     .value();
  ParsedPrivateKey rsa;
  rsa.algorithm = crypto::KeyAlgorithm::kRsa;
  rsa.key = crypto::GenerateRsaPrivateKey(1024, key_random).value();
  seeds.emplace_back("gost2004_file", WriteSeed(gost2004, 1));
  seeds.emplace_back("gost2015_file", WriteSeed(gost2015, 2));
  seeds.emplace_back("rsa_file", WriteSeed(rsa, 3));
  seeds.emplace_back("gost2004_key_info",
                     EncodePrivateKeyInfo(gost2004).value());
  seeds.emplace_back("gost2015_key_info",
                     EncodePrivateKeyInfo(gost2015).value());
  seeds.emplace_back("rsa_key_info", EncodePrivateKeyInfo(rsa).value());
  return seeds;
}

TEST(Pkcs12FuzzCorpusTest, SeedsMatchGenerator) {
  const std::filesystem::path dir = CorpusDir();
  const bool write = std::getenv("TINYSIGN_WRITE_FUZZ_CORPUS") != nullptr;
  if (write) {
    std::filesystem::create_directories(dir);
  }
  for (const auto& [name, bytes] : BuildSeeds()) {
    SCOPED_TRACE(name);
    if (write) {
      testing::WriteFileBytes(dir / name, bytes);
    } else {
      EXPECT_EQ(encoding::HexEncode(testing::ReadFileBytes(dir / name)),
                encoding::HexEncode(bytes));
    }
  }
}

// Every seed file opens with the fuzz target's password.
TEST(Pkcs12FuzzCorpusTest, SeedFilesOpen) {
  for (const auto& [name, bytes] : BuildSeeds()) {
    if (name.ends_with("_file")) {
      SCOPED_TRACE(name);
      auto contents = ParsePkcs12(bytes, "fuzz");
      ASSERT_TRUE(contents.has_value()) << contents.error().ToString();
      EXPECT_EQ(contents->keys.size(), 1u);
      EXPECT_EQ(contents->certificates.size(), 1u);
    }
  }
}

}  // namespace
}  // namespace tinysign::pkcs12
