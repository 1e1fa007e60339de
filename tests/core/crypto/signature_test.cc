#include "core/crypto/signature.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/crypto/algorithm.h"
#include "core/crypto/digest.h"
#include "core/crypto/gost_encoding.h"
#include "core/crypto/public_key.h"
#include "core/der/reader.h"
#include "core/encoding/input_form.h"
#include "tests/core/crypto/signature_test_support.h"
#include "tests/support/fixtures.h"

namespace tinysign::crypto {
namespace {

using encoding::HexEncode;

using signature_testing::CertificateParts;
using signature_testing::LoadCertificate;
using signature_testing::SeededRandom;

// WorkedExample is a child certificate, its issuer, and the intermediate
// values of its GOST signature check, all taken from a reference run over
// the same NUC files with pygost.
struct WorkedExample {
  std::string child;
  std::string issuer;
  GostCurveId curve;
  size_t tbs_bytes;
  std::string_view digest;
  std::string_view e;
  std::string_view signature_start;
  std::string_view signature_end;
  std::string_view r;
  std::string_view s;
  std::string_view qx;
  std::string_view qy;
};

// Example A: GOST 2004 certificate of a legal entity's head, issued by the
// test CA «ҰКО 3.0 (GOST TEST)».
const WorkedExample kGost2004Example = {
    "nuc/ncanode-kz_NCANode/certs/ceo_valid_sign_2004_gost.cer",
    "nuc/ncanode-kz_NCANode/ca/nca_gost_test.crt",
    GostCurveId::kCryptoProA,
    880,
    "934ea4a05b0b147671eea3f1d75feae61e992c01786f651e0d9bb18717100df0",
    "f00d101787b19b0d1e656f78012c991ee6ea5fd7f1a3ee7176140b5ba0a44e93",
    "9e0b4e358e03f46a",
    "bec9f9650d53e0f0",
    "d3358a7aca4519bc8c12bddfb4cc727f9ec3cfd4c7ce52406af4038e354e0b9e",
    "f0e0530d65f9c9bedfedf8ce05dd28c001bfc1d269858dc8f2e86fd7038b5910",
    "475af7892c4c796340324ac49c229ddd66c320e93fba42bf490280221021f875",
    "f43ac90e005566d891e14805053db338463e11411bae1e16c6f0414fa753a905",
};

// Example B: GOST 2015-512 test intermediate CA «ҰЛТТЫҚ КУӘЛАНДЫРУШЫ
// ОРТАЛЫҚ (GOST) TEST 2022», issued by the GOST TEST 2022 root.
const WorkedExample kGost2015Example = {
    "nuc/ncanode-kz_NCANode/ca/nca_gost2015_test.cer",
    "nuc/skarm_kalkan/certs/root_test_gost_2022.cer",
    GostCurveId::kTc26Gost512ParamSetA,
    873,
    "56ca165265266ac65d9189bd2d65b26d3f8dc45bc58bad26ee5505ec2a9607f9"
    "095901e234a01867b0e8acc32dd7f8bccd5fbe1599fcbba79cb36bb8d81aabcd",
    "cdab1ad8b86bb39ca7bbfc9915be5fcdbcf8d72dc3ace8b06718a034e2015909"
    "f907962aec0555ee26ad8bc55bc48d3f6db2652dbd89915dc66a26655216ca56",
    "",
    "",
    "745b9e2eba00acb4c1ca53d8df4b92d2b0dd11b1f4375f98aa00ab94193051d6"
    "169794496f7132741d218b2f74fa696ed78f36d8c97d97ebdc71850eb7cb5517",
    "75284e91514c0a4936c7ab1c5c0ff512d7619dd711aa17d6ac1654565afd1794"
    "988c978b1e54503f75211f8e383f4e2975356e2988aa64db67a7664fc9b166c7",
    "e4a86f1b674c8e4bff079a4440a32e9ee212aa6dd89d71eb7c66c5f02c2159d5"
    "be4124c052c16cddf06926367ecccc2b682267d67e56ebc3297eee9eb287fe4e",
    "57890eee6fea4e70346bf9939f8f0ec9c6dc9f572e1057b7a3cd8f810d6073a4"
    "2c22735cbe1c0d9f8da097e1e5d71d849027e9d633591ac4a0c6e0a1e229a6fc",
};

void CheckWorkedExample(const WorkedExample& example) {
  auto child = LoadCertificate(testing::FixturePath(example.child));
  auto issuer = LoadCertificate(testing::FixturePath(example.issuer));
  ASSERT_NE(child, nullptr);
  ASSERT_NE(issuer, nullptr);
  EXPECT_EQ(child->tbs_tlv.size(), example.tbs_bytes);

  auto algorithm = ParseSignatureAlgorithm(child->signature_algorithm_tlv,
                                           AlgorithmContext::kCertificate);
  ASSERT_TRUE(algorithm.has_value()) << algorithm.error().ToString();
  ASSERT_TRUE(algorithm->digest.has_value());
  const Bytes digest = ComputeDigest(*algorithm->digest, child->tbs_tlv);
  EXPECT_EQ(HexEncode(digest), example.digest);
  EXPECT_EQ(HexEncode(GostDigestToInteger(digest)), example.e);

  const std::string signature_hex = HexEncode(child->signature);
  EXPECT_EQ(signature_hex.substr(0, example.signature_start.size()),
            example.signature_start);
  EXPECT_EQ(
      signature_hex.substr(signature_hex.size() - example.signature_end.size()),
      example.signature_end);
  auto signature = DecodeGostSignature(example.curve, child->signature);
  ASSERT_TRUE(signature.has_value());
  EXPECT_EQ(HexEncode(signature->r), example.r);
  EXPECT_EQ(HexEncode(signature->s), example.s);

  auto key = ParsePublicKey(issuer->spki_tlv);
  ASSERT_TRUE(key.has_value()) << key.error().ToString();
  ASSERT_NE(key->gost(), nullptr);
  EXPECT_EQ(key->gost()->curve, example.curve);
  EXPECT_EQ(HexEncode(key->gost()->x), example.qx);
  EXPECT_EQ(HexEncode(key->gost()->y), example.qy);

  auto status =
      VerifySignature(*algorithm, *key, child->tbs_tlv, child->signature);
  EXPECT_TRUE(status.has_value()) << status.error().ToString();

  Bytes tampered_tbs = child->tbs_tlv.ToBytes();
  tampered_tbs[tampered_tbs.size() / 2] ^= 0x01;
  EXPECT_EQ(VerifySignature(*algorithm, *key, tampered_tbs, child->signature)
                .error()
                .code,
            ErrorCode::kCryptoSignatureMismatch);
  Bytes tampered_signature = child->signature.ToBytes();
  tampered_signature[3] ^= 0x40;
  EXPECT_EQ(
      VerifySignature(*algorithm, *key, child->tbs_tlv, tampered_signature)
          .error()
          .code,
      ErrorCode::kCryptoSignatureMismatch);
}

TEST(SignatureTest, NucGost2004WorkedExample) {
  TINYSIGN_REQUIRE_FIXTURES();
  CheckWorkedExample(kGost2004Example);
}

TEST(SignatureTest, NucGost2015WorkedExample) {
  TINYSIGN_REQUIRE_FIXTURES();
  CheckWorkedExample(kGost2015Example);
}

// Every certificate in the NUC samples whose issuer is also in the samples
// (matched by name, and by trying each candidate key) has a signature that
// verifies: GOST 2004, GOST 2015-512 and RSA, test and production CAs.
TEST(SignatureTest, NucSampleCertificatesVerify) {
  TINYSIGN_REQUIRE_FIXTURES();
  std::vector<std::unique_ptr<CertificateParts>> certificates;
  for (const auto& path :
       testing::FixtureFiles("nuc", {".cer", ".crt", ".pem"})) {
    auto parts = LoadCertificate(path);
    if (parts != nullptr) {
      certificates.push_back(std::move(parts));
    }
  }
  std::map<std::string, int> verified_by_algorithm;
  for (const auto& child : certificates) {
    auto algorithm = ParseSignatureAlgorithm(child->signature_algorithm_tlv,
                                             AlgorithmContext::kCertificate);
    ASSERT_TRUE(algorithm.has_value()) << algorithm.error().ToString();
    bool has_issuer = false;
    bool verified = false;
    for (const auto& issuer : certificates) {
      if (!(issuer->subject_tlv == child->issuer_tlv)) {
        continue;
      }
      has_issuer = true;
      auto key = ParsePublicKey(issuer->spki_tlv);
      ASSERT_TRUE(key.has_value()) << key.error().ToString();
      verified = verified || VerifySignature(*algorithm, *key, child->tbs_tlv,
                                             child->signature)
                                 .has_value();
    }
    if (has_issuer) {
      EXPECT_TRUE(verified) << SignatureAlgorithmName(*algorithm);
      verified_by_algorithm[SignatureAlgorithmName(*algorithm)] += verified;
    }
  }
  EXPECT_GE(verified_by_algorithm["gost34310-2004"], 3);
  EXPECT_GE(verified_by_algorithm["gost3410-2015-512"], 3);
  EXPECT_GE(verified_by_algorithm["rsa-sha256"], 3);
}

TEST(SignatureTest, AlgorithmKeyMismatch) {
  TINYSIGN_REQUIRE_FIXTURES();
  auto child = LoadCertificate(testing::FixturePath(kGost2004Example.child));
  auto gost2015_issuer =
      LoadCertificate(testing::FixturePath(kGost2015Example.issuer));
  ASSERT_NE(child, nullptr);
  ASSERT_NE(gost2015_issuer, nullptr);
  auto algorithm = ParseSignatureAlgorithm(child->signature_algorithm_tlv,
                                           AlgorithmContext::kCertificate);
  auto key = ParsePublicKey(gost2015_issuer->spki_tlv);
  ASSERT_TRUE(algorithm.has_value());
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(VerifySignature(*algorithm, *key, child->tbs_tlv, child->signature)
                .error()
                .code,
            ErrorCode::kCryptoAlgorithmMismatch);
}

TEST(SignatureTest, WrongSignatureLengthIsBadEncoding) {
  TINYSIGN_REQUIRE_FIXTURES();
  auto child = LoadCertificate(testing::FixturePath(kGost2004Example.child));
  auto issuer = LoadCertificate(testing::FixturePath(kGost2004Example.issuer));
  ASSERT_NE(child, nullptr);
  ASSERT_NE(issuer, nullptr);
  auto algorithm = ParseSignatureAlgorithm(child->signature_algorithm_tlv,
                                           AlgorithmContext::kCertificate);
  auto key = ParsePublicKey(issuer->spki_tlv);
  ASSERT_TRUE(algorithm.has_value());
  ASSERT_TRUE(key.has_value());
  Bytes short_signature = child->signature.ToBytes();
  short_signature.pop_back();
  EXPECT_EQ(VerifySignature(*algorithm, *key, child->tbs_tlv, short_signature)
                .error()
                .code,
            ErrorCode::kCryptoBadSignatureEncoding);
}

TEST(SignatureTest, UnresolvedRsaDigestIsInternalError) {
  // rsaEncryption from a SignerInfo has no digest until
  // ResolveSignerDigest; verifying it before is a caller bug.
  const SignatureAlgorithmId algorithm{
      SignatureAlgorithm::kRsaPkcs1, std::nullopt, {}};
  RsaPublicKey rsa;
  const PublicKey key{KeyAlgorithm::kRsa, rsa};
  EXPECT_EQ(VerifySignature(algorithm, key, Bytes{1}, Bytes{2}).error().code,
            ErrorCode::kInternal);
}

TEST(SignatureTest, DigestOfWrongLengthIsRejected) {
  SeededRandom random(3);
  auto private_key = GenerateGostPrivateKey(GostCurveId::kCryptoProA, random);
  ASSERT_TRUE(private_key.has_value());
  const SignatureAlgorithmId algorithm{
      SignatureAlgorithm::kGost34310_2004, DigestAlgorithm::kGost34311, {}};
  auto signature = SignDigest(algorithm, *private_key, Bytes(20, 0x11), random);
  ASSERT_FALSE(signature.has_value());
  EXPECT_EQ(signature.error().code, ErrorCode::kCryptoBadParameters);
}

// A signature made with SignMessage verifies through VerifySignature for
// each GOST algorithm, and the value has NUC's length: 2 * 32 or 2 * 64.
TEST(SignatureTest, GostSignMessageRoundTrip) {
  SeededRandom random(11);
  const struct {
    SignatureAlgorithm algorithm;
    DigestAlgorithm digest;
    KeyAlgorithm key_algorithm;
    GostCurveId curve;
  } kCases[] = {
      {SignatureAlgorithm::kGost34310_2004, DigestAlgorithm::kGost34311,
       KeyAlgorithm::kGost2004, GostCurveId::kCryptoProA},
      {SignatureAlgorithm::kGost2015_256, DigestAlgorithm::kStreebog256,
       KeyAlgorithm::kGost2015_256, GostCurveId::kTc26Gost256ParamSetA},
      {SignatureAlgorithm::kGost2015_512, DigestAlgorithm::kStreebog512,
       KeyAlgorithm::kGost2015_512, GostCurveId::kTc26Gost512ParamSetA},
  };
  const Bytes message = {'t', 'e', 's', 't', '1', '2', '3'};
  for (const auto& test_case : kCases) {
    const SignatureAlgorithmId algorithm{
        test_case.algorithm, test_case.digest, {}};
    SCOPED_TRACE(SignatureAlgorithmName(algorithm));
    auto private_key = GenerateGostPrivateKey(test_case.curve, random);
    ASSERT_TRUE(private_key.has_value());
    auto public_key = DeriveGostPublicKey(*private_key);
    ASSERT_TRUE(public_key.has_value());
    const PublicKey key{test_case.key_algorithm, *public_key};
    auto signature = SignMessage(algorithm, *private_key, message, random);
    ASSERT_TRUE(signature.has_value()) << signature.error().ToString();
    EXPECT_EQ(signature->size(),
              2 * GetGostCurveParams(test_case.curve).coordinate_bytes);
    EXPECT_TRUE(VerifySignature(algorithm, key, message, *signature));
    Bytes other_message = message;
    other_message[0] ^= 1;
    EXPECT_EQ(
        VerifySignature(algorithm, key, other_message, *signature).error().code,
        ErrorCode::kCryptoSignatureMismatch);
  }
}

TEST(SignatureTest, GostKeySizeMustFitAlgorithm) {
  SeededRandom random(5);
  auto private_key =
      GenerateGostPrivateKey(GostCurveId::kTc26Gost512ParamSetA, random);
  ASSERT_TRUE(private_key.has_value());
  const SignatureAlgorithmId algorithm{
      SignatureAlgorithm::kGost34310_2004, DigestAlgorithm::kGost34311, {}};
  auto signature = SignMessage(algorithm, *private_key, Bytes{'x'}, random);
  ASSERT_FALSE(signature.has_value());
  EXPECT_EQ(signature.error().code, ErrorCode::kCryptoAlgorithmMismatch);
}

}  // namespace
}  // namespace tinysign::crypto
