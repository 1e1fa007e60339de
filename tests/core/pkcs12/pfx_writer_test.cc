#include "core/pkcs12/pfx_writer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/encoding/input_form.h"
#include "core/limits.h"
#include "core/pkcs12/key_file.h"
#include "core/pkcs12/pfx.h"
#include "tests/core/crypto/signature_test_support.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"

namespace tinysign::pkcs12 {
namespace {

using crypto::signature_testing::SeededRandom;
using testing::FixturePath;
using testing::ReadFileBytes;
using testing::RunCommand;

struct SourceKey {
  const char* path;
  const char* password;
};

// An RSA, a GOST 2004 and a GOST 2015-512 key from NUC's test files.
constexpr SourceKey kRsa = {
    "nuc/ncanode-kz_NCANode/groovy-constants/"
    "KEY_INDIVIDUAL_VALID_SIGN_2004.p12",
    "Qwerty12"};
constexpr SourceKey kSourceKeys[] = {
    kRsa,
    {"nuc/ncanode-kz_NCANode/groovy-constants/KEY_CEO_SIGN_REVOKED_2004.p12",
     "Qwerty12"},
    {"nuc/ncanode-kz_NCANode/groovy-constants/KEY_INDIVIDUAL_VALID_2015.p12",
     "Aa123456"},
};

KeyFile Load(const SourceKey& source) {
  auto key_file =
      LoadKeyFile(ReadFileBytes(FixturePath(source.path)), source.password);
  EXPECT_TRUE(key_file.has_value()) << source.path;
  return std::move(key_file).value();
}

Result<Bytes> Write(const KeyFile& key, std::string_view password,
                    const std::vector<Bytes>& ca_certificates = {},
                    size_t iterations = 1024) {
  SeededRandom random(42);
  Pkcs12WriteOptions options;
  options.friendly_name = "test key";
  options.iterations = iterations;
  return WritePkcs12(key.private_key, key.certificate->der(), ca_certificates,
                     password, options, random);
}

TEST(PfxWriterTest, RoundTripsEveryKeyKind) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const SourceKey& source : kSourceKeys) {
    SCOPED_TRACE(source.path);
    const KeyFile original = Load(source);
    Result<Bytes> written = Write(original, "Qwerty12");
    ASSERT_TRUE(written.has_value()) << written.error().ToString();
    Result<KeyFile> reread = LoadKeyFile(*written, "Qwerty12");
    ASSERT_TRUE(reread.has_value()) << reread.error().ToString();
    EXPECT_TRUE(reread->certificate->der() == original.certificate->der());
    EXPECT_EQ(reread->private_key.algorithm, original.private_key.algorithm);
    EXPECT_EQ(reread->friendly_name, "test key");
    EXPECT_EQ(EncodePrivateKeyInfo(reread->private_key).value(),
              EncodePrivateKeyInfo(original.private_key).value());
    EXPECT_EQ(LoadKeyFile(*written, "Aa123456").error().code,
              ErrorCode::kPkcs12BadPassword);
  }
}

// `openssl pkcs12 -legacy` reads what we write: the certificate of every
// key kind, and the RSA private key itself.
TEST(PfxWriterTest, OpenSslReadsOurFiles) {
  TINYSIGN_REQUIRE_FIXTURES();
  const auto dir = testing::TempDir("pfx_writer_openssl");
  for (const SourceKey& source : kSourceKeys) {
    SCOPED_TRACE(source.path);
    const KeyFile original = Load(source);
    Result<Bytes> written = Write(original, "Aa123456");
    ASSERT_TRUE(written.has_value());
    const auto p12 = dir / "key.p12";
    const auto cert = dir / "cert.pem";
    testing::WriteFileBytes(p12, *written);
    ASSERT_EQ(RunCommand({"openssl", "pkcs12", "-legacy", "-in", p12.string(),
                          "-passin", "pass:Aa123456", "-nokeys", "-out",
                          cert.string()})
                  .exit_code,
              0);
    auto der = encoding::NormalizeToDer(ReadFileBytes(cert));
    ASSERT_TRUE(der.has_value());
    EXPECT_TRUE(der::Input(*der) == original.certificate->der());
  }
  const KeyFile rsa = Load(kRsa);
  Result<Bytes> written = Write(rsa, "Aa123456");
  ASSERT_TRUE(written.has_value());
  const auto p12 = dir / "rsa.p12";
  const auto pem = dir / "rsa.pem";
  const auto der = dir / "rsa.der";
  testing::WriteFileBytes(p12, *written);
  ASSERT_EQ(RunCommand({"openssl", "pkcs12", "-legacy", "-in", p12.string(),
                        "-passin", "pass:Aa123456", "-nocerts", "-nodes",
                        "-out", pem.string()})
                .exit_code,
            0);
  ASSERT_EQ(RunCommand({"openssl", "pkey", "-in", pem.string(), "-outform",
                        "DER", "-out", der.string()})
                .exit_code,
            0);
  auto theirs = crypto::ParseRsaPrivateKey(ReadFileBytes(der));
  ASSERT_TRUE(theirs.has_value());
  const auto& ours = std::get<crypto::RsaPrivateKey>(rsa.private_key.key);
  EXPECT_EQ(theirs->private_exponent, ours.private_exponent);
  EXPECT_EQ(theirs->prime1, ours.prime1);
  EXPECT_EQ(theirs->prime2, ours.prime2);
}

// NUC files have 4 entries; 28 CA certificates make 32, the limit.
TEST(PfxWriterTest, BagLimitOnePast) {
  TINYSIGN_REQUIRE_FIXTURES();
  const KeyFile key = Load(kRsa);
  const Bytes ca = key.certificate->der().ToBytes();
  ASSERT_EQ(limits::kMaxPkcs12Bags, 32u);
  Result<Bytes> at_limit = Write(key, "pw", std::vector<Bytes>(28, ca), 1);
  ASSERT_TRUE(at_limit.has_value());
  EXPECT_TRUE(ParsePkcs12(*at_limit, "pw").has_value());
  Result<Bytes> past_limit = Write(key, "pw", std::vector<Bytes>(29, ca), 1);
  ASSERT_TRUE(past_limit.has_value());
  EXPECT_EQ(ParsePkcs12(*past_limit, "pw").error().code,
            ErrorCode::kPkcs12TooManyBags);
}

TEST(PfxWriterTest, IterationLimitOnePast) {
  TINYSIGN_REQUIRE_FIXTURES();
  const KeyFile key = Load(kRsa);
  EXPECT_EQ(Write(key, "pw", {}, limits::kMaxPkcs12Iterations + 1).error().code,
            ErrorCode::kCryptoBadParameters);
  EXPECT_EQ(Write(key, "pw", {}, 0).error().code,
            ErrorCode::kCryptoBadParameters);
}

TEST(PfxWriterTest, SizeLimitOnePast) {
  const Bytes too_large(limits::kMaxPkcs12Bytes + 1, 0x30);
  EXPECT_EQ(ParsePkcs12(too_large, "pw").error().code,
            ErrorCode::kInputTooLarge);
}

}  // namespace
}  // namespace tinysign::pkcs12
