// RSA verification and signing, checked against OpenSSL 3.0: signatures
// that `openssl dgst -sign` makes (PKCS#1 v1.5 and PSS) must verify here,
// and ours must verify in `openssl dgst -verify`.
#include "core/crypto/rsa.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/crypto/algorithm.h"
#include "core/crypto/digest.h"
#include "core/crypto/public_key.h"
#include "core/crypto/signature.h"
#include "tests/core/crypto/signature_test_support.h"
#include "tests/support/files.h"
#include "tests/support/openssl.h"

namespace tinysign::crypto {
namespace {

using signature_testing::FailingRandom;
using signature_testing::LoadCertificate;
using signature_testing::ReadPemAsDer;
using signature_testing::RunOpenSsl;
using signature_testing::SeededRandom;

// One 2048-bit OpenSSL key for the whole suite: key generation is the slow
// part.
class RsaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(testing::TempDir("rsa"));
    key_ok_ = RunOpenSsl({"genpkey", "-quiet", "-algorithm", "RSA", "-pkeyopt",
                          "rsa_keygen_bits:2048", "-out", Path("key.pem")})
                      .exit_code == 0 &&
              RunOpenSsl({"pkey", "-in", Path("key.pem"), "-pubout", "-out",
                          Path("public.pem")})
                      .exit_code == 0;
  }

  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override { ASSERT_TRUE(key_ok_) << "openssl genpkey failed"; }

  static std::string Path(const std::string& name) {
    return (*dir_ / name).string();
  }

  static PublicKey OurPublicKey() {
    auto key = ParsePublicKey(ReadPemAsDer(Path("public.pem")));
    EXPECT_TRUE(key.has_value()) << key.error().ToString();
    return key.has_value() ? *key : PublicKey{};
  }

  // OpenSslSign signs `message` with `openssl dgst` and extra `options`.
  static Bytes OpenSslSign(const Bytes& message, const std::string& digest,
                           const std::vector<std::string>& options = {}) {
    testing::WriteFileBytes(Path("message"), message);
    std::vector<std::string> arguments = {"dgst", "-" + digest, "-sign",
                                          Path("key.pem")};
    arguments.insert(arguments.end(), options.begin(), options.end());
    arguments.insert(arguments.end(),
                     {"-out", Path("signature"), Path("message")});
    EXPECT_EQ(RunOpenSsl(arguments).exit_code, 0);
    return testing::ReadFileBytes(Path("signature"));
  }

  static bool OpenSslVerifies(const Bytes& message, const Bytes& signature,
                              const std::string& digest) {
    testing::WriteFileBytes(Path("message"), message);
    testing::WriteFileBytes(Path("signature"), signature);
    const testing::CommandResult result =
        RunOpenSsl({"dgst", "-" + digest, "-verify", Path("public.pem"),
                    "-signature", Path("signature"), Path("message")});
    return result.exit_code == 0 &&
           result.output.find("Verified OK") != std::string::npos;
  }

  static std::filesystem::path* dir_;
  static bool key_ok_;
};

std::filesystem::path* RsaTest::dir_ = nullptr;
bool RsaTest::key_ok_ = false;

const Bytes kMessage = {'t', 'e', 's', 't', '1', '2', '3'};

SignatureAlgorithmId Pkcs1(DigestAlgorithm digest) {
  return {SignatureAlgorithm::kRsaPkcs1, digest, {}};
}

SignatureAlgorithmId Pss(DigestAlgorithm digest, size_t salt_length) {
  return {SignatureAlgorithm::kRsaPss, digest, {digest, salt_length}};
}

TEST_F(RsaTest, ReadsOpenSslPublicKey) {
  const PublicKey key = OurPublicKey();
  EXPECT_EQ(key.algorithm, KeyAlgorithm::kRsa);
  ASSERT_NE(key.rsa(), nullptr);
  EXPECT_EQ(key.rsa()->modulus_bits, 2048u);
  EXPECT_EQ(key.rsa()->public_exponent, (Bytes{0x01, 0x00, 0x01}));
}

TEST_F(RsaTest, OpenSslPkcs1SignaturesVerify) {
  const PublicKey key = OurPublicKey();
  const struct {
    std::string openssl_name;
    DigestAlgorithm digest;
  } kDigests[] = {
      {"sha1", DigestAlgorithm::kSha1},
      {"sha224", DigestAlgorithm::kSha224},
      {"sha256", DigestAlgorithm::kSha256},
      {"sha384", DigestAlgorithm::kSha384},
      {"sha512", DigestAlgorithm::kSha512},
  };
  for (const auto& test_case : kDigests) {
    SCOPED_TRACE(test_case.openssl_name);
    const Bytes signature = OpenSslSign(kMessage, test_case.openssl_name);
    auto status =
        VerifySignature(Pkcs1(test_case.digest), key, kMessage, signature);
    EXPECT_TRUE(status.has_value()) << status.error().ToString();

    Bytes tampered = signature;
    tampered[100] ^= 0x01;
    EXPECT_EQ(VerifySignature(Pkcs1(test_case.digest), key, kMessage, tampered)
                  .error()
                  .code,
              ErrorCode::kCryptoSignatureMismatch);
    Bytes other_message = kMessage;
    other_message.push_back('4');
    EXPECT_EQ(
        VerifySignature(Pkcs1(test_case.digest), key, other_message, signature)
            .error()
            .code,
        ErrorCode::kCryptoSignatureMismatch);
  }
}

TEST_F(RsaTest, OpenSslPssSignaturesVerify) {
  const PublicKey key = OurPublicKey();
  for (size_t salt_length : {size_t{0}, size_t{20}, size_t{32}}) {
    SCOPED_TRACE(salt_length);
    const Bytes signature =
        OpenSslSign(kMessage, "sha256",
                    {"-sigopt", "rsa_padding_mode:pss", "-sigopt",
                     "rsa_pss_saltlen:" + std::to_string(salt_length),
                     "-sigopt", "rsa_mgf1_md:sha256"});
    auto status = VerifySignature(Pss(DigestAlgorithm::kSha256, salt_length),
                                  key, kMessage, signature);
    EXPECT_TRUE(status.has_value()) << status.error().ToString();

    // The same bytes under PKCS#1 v1.5, or with another salt length, fail.
    EXPECT_EQ(VerifySignature(Pkcs1(DigestAlgorithm::kSha256), key, kMessage,
                              signature)
                  .error()
                  .code,
              ErrorCode::kCryptoSignatureMismatch);
    EXPECT_EQ(VerifySignature(Pss(DigestAlgorithm::kSha256, salt_length + 1),
                              key, kMessage, signature)
                  .error()
                  .code,
              ErrorCode::kCryptoSignatureMismatch);
    Bytes tampered = signature;
    tampered[7] ^= 0x80;
    EXPECT_EQ(VerifySignature(Pss(DigestAlgorithm::kSha256, salt_length), key,
                              kMessage, tampered)
                  .error()
                  .code,
              ErrorCode::kCryptoSignatureMismatch);
  }
}

TEST_F(RsaTest, PssWithOtherMgf1DigestIsUnsupported) {
  // OpenSSL signs SHA-384 with MGF1-SHA-1; Mbed TLS 2.28 cannot verify
  // that combination, so it must be reported as unsupported, not invalid.
  const PublicKey key = OurPublicKey();
  const Bytes signature =
      OpenSslSign(kMessage, "sha384",
                  {"-sigopt", "rsa_padding_mode:pss", "-sigopt",
                   "rsa_pss_saltlen:48", "-sigopt", "rsa_mgf1_md:sha1"});
  SignatureAlgorithmId algorithm = Pss(DigestAlgorithm::kSha384, 48);
  algorithm.pss.mgf1_digest = DigestAlgorithm::kSha1;
  EXPECT_EQ(VerifySignature(algorithm, key, kMessage, signature).error().code,
            ErrorCode::kCryptoUnsupportedAlgorithm);
}

// Self-signed certificates from `openssl req -x509`: the algorithm comes
// from the certificate's own signatureAlgorithm, as the verifier reads it.
TEST_F(RsaTest, OpenSslCertificatesVerify) {
  const std::vector<std::vector<std::string>> kSignOptions = {
      {"-sha256"},
      {"-sha512", "-sigopt", "rsa_padding_mode:pss", "-sigopt",
       "rsa_pss_saltlen:64"},
      {"-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt",
       "rsa_pss_saltlen:32"},
  };
  const std::vector<std::string> kNames = {"rsa-sha256", "rsa-pss-sha512",
                                           "rsa-pss-sha256"};
  for (size_t i = 0; i < kSignOptions.size(); ++i) {
    SCOPED_TRACE(kNames[i]);
    std::vector<std::string> arguments = {"req",
                                          "-x509",
                                          "-new",
                                          "-key",
                                          Path("key.pem"),
                                          "-subj",
                                          "/CN=TinySign RSA test",
                                          "-days",
                                          "1",
                                          "-out",
                                          Path("cert.pem")};
    arguments.insert(arguments.end(), kSignOptions[i].begin(),
                     kSignOptions[i].end());
    ASSERT_EQ(RunOpenSsl(arguments).exit_code, 0);
    auto certificate = LoadCertificate(Path("cert.pem"));
    ASSERT_NE(certificate, nullptr);
    auto algorithm = ParseSignatureAlgorithm(
        certificate->signature_algorithm_tlv, AlgorithmContext::kCertificate);
    ASSERT_TRUE(algorithm.has_value()) << algorithm.error().ToString();
    EXPECT_EQ(SignatureAlgorithmName(*algorithm), kNames[i]);
    auto key = ParsePublicKey(certificate->spki_tlv);
    ASSERT_TRUE(key.has_value());
    auto status = VerifySignature(*algorithm, *key, certificate->tbs_tlv,
                                  certificate->signature);
    EXPECT_TRUE(status.has_value()) << status.error().ToString();
  }
}

TEST_F(RsaTest, OurSignaturesVerifyInOpenSsl) {
  auto pkcs8 = ParseRsaPrivateKey(ReadPemAsDer(Path("key.pem")));
  ASSERT_TRUE(pkcs8.has_value()) << pkcs8.error().ToString();
  ASSERT_EQ(RunOpenSsl({"rsa", "-in", Path("key.pem"), "-traditional", "-out",
                        Path("key-pkcs1.pem")})
                .exit_code,
            0);
  auto pkcs1 = ParseRsaPrivateKey(ReadPemAsDer(Path("key-pkcs1.pem")));
  ASSERT_TRUE(pkcs1.has_value()) << pkcs1.error().ToString();
  EXPECT_EQ(pkcs1->modulus, pkcs8->modulus);
  EXPECT_EQ(pkcs1->private_exponent, pkcs8->private_exponent);
  EXPECT_EQ(RsaPublicKeyOf(*pkcs8).modulus, OurPublicKey().rsa()->modulus);

  SeededRandom random(17);
  for (auto [digest, name] : {std::pair{DigestAlgorithm::kSha256, "sha256"},
                              std::pair{DigestAlgorithm::kSha1, "sha1"},
                              std::pair{DigestAlgorithm::kSha512, "sha512"}}) {
    auto signature = SignMessage(Pkcs1(digest), *pkcs8, kMessage, random);
    ASSERT_TRUE(signature.has_value()) << signature.error().ToString();
    EXPECT_EQ(signature->size(), 256u);
    EXPECT_TRUE(OpenSslVerifies(kMessage, *signature, name)) << name;
    Bytes other_message = kMessage;
    other_message[0] ^= 1;
    EXPECT_FALSE(OpenSslVerifies(other_message, *signature, name)) << name;
  }
}

TEST_F(RsaTest, RejectsSignatureOfWrongLength) {
  const PublicKey key = OurPublicKey();
  Bytes signature = OpenSslSign(kMessage, "sha256");
  signature.insert(signature.begin(), 0x00);
  EXPECT_EQ(
      VerifySignature(Pkcs1(DigestAlgorithm::kSha256), key, kMessage, signature)
          .error()
          .code,
      ErrorCode::kCryptoBadSignatureEncoding);
}

TEST_F(RsaTest, RejectsSignatureNotBelowModulus) {
  // RFC 8017 section 5.2.2: a signature representative >= n is invalid.
  const PublicKey key = OurPublicKey();
  const Bytes all_ones(256, 0xff);
  EXPECT_EQ(
      VerifySignature(Pkcs1(DigestAlgorithm::kSha256), key, kMessage, all_ones)
          .error()
          .code,
      ErrorCode::kCryptoSignatureMismatch);
}

TEST_F(RsaTest, RejectsGostDigest) {
  const PublicKey key = OurPublicKey();
  EXPECT_EQ(VerifyDigestSignature(Pkcs1(DigestAlgorithm::kStreebog256), key,
                                  Bytes(32, 1), Bytes(256, 1))
                .error()
                .code,
            ErrorCode::kCryptoUnsupportedAlgorithm);
}

TEST_F(RsaTest, SigningNeedsWorkingRandomSource) {
  auto key = ParseRsaPrivateKey(ReadPemAsDer(Path("key.pem")));
  ASSERT_TRUE(key.has_value());
  FailingRandom random;
  auto signature =
      SignRsaPkcs1(*key, DigestAlgorithm::kSha256, Bytes(32, 7), random);
  ASSERT_FALSE(signature.has_value());
  EXPECT_EQ(signature.error().code, ErrorCode::kCryptoRandomFailed);
}

TEST_F(RsaTest, RejectsInconsistentPrivateKey) {
  auto key = ParseRsaPrivateKey(ReadPemAsDer(Path("key.pem")));
  ASSERT_TRUE(key.has_value());
  RsaPrivateKey broken = *key;
  broken.private_exponent.back() ^= 0x02;
  SeededRandom random(1);
  EXPECT_EQ(SignRsaPkcs1(broken, DigestAlgorithm::kSha256, Bytes(32, 7), random)
                .error()
                .code,
            ErrorCode::kCryptoBadPrivateKey);
}

TEST_F(RsaTest, GeneratedKeyVerifiesInOpenSsl) {
  SeededRandom random(23);
  auto key = GenerateRsaPrivateKey(1024, random);
  ASSERT_TRUE(key.has_value()) << key.error().ToString();
  const PublicKey public_key{KeyAlgorithm::kRsa, RsaPublicKeyOf(*key)};
  EXPECT_EQ(public_key.rsa()->modulus_bits, 1024u);
  auto spki = EncodeSubjectPublicKeyInfo(public_key);
  ASSERT_TRUE(spki.has_value());
  testing::WriteFileBytes(Path("generated.der"), *spki);
  ASSERT_EQ(RunOpenSsl({"pkey", "-pubin", "-inform", "DER", "-in",
                        Path("generated.der"), "-out", Path("generated.pem")})
                .exit_code,
            0);
  auto signature =
      SignMessage(Pkcs1(DigestAlgorithm::kSha256), *key, kMessage, random);
  ASSERT_TRUE(signature.has_value());
  testing::WriteFileBytes(Path("message"), kMessage);
  testing::WriteFileBytes(Path("signature"), *signature);
  const testing::CommandResult result =
      RunOpenSsl({"dgst", "-sha256", "-verify", Path("generated.pem"),
                  "-signature", Path("signature"), Path("message")});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.output.find("Verified OK"), std::string::npos);
}

}  // namespace
}  // namespace tinysign::crypto
