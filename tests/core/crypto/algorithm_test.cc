#include "core/crypto/algorithm.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/der/oid.h"
#include "core/der/writer.h"
#include "core/encoding/input_form.h"
#include "tests/core/crypto/signature_test_support.h"

namespace tinysign::crypto {
namespace {

using signature_testing::Hex;
enum class Parameters { kNull, kAbsent };

// Identifier builds AlgorithmIdentifier { dotted, NULL or nothing }.
Bytes Identifier(std::string_view dotted,
                 Parameters parameters = Parameters::kNull) {
  auto oid = der::OidFromString(dotted);
  EXPECT_TRUE(oid.has_value()) << dotted;
  der::Writer contents;
  contents.AddTlv(der::tag::kOid, *oid);
  if (parameters == Parameters::kNull) {
    contents.AddNull();
  }
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, contents);
  return out.Take();
}

struct SignatureCase {
  std::string_view dotted;
  SignatureAlgorithm algorithm;
  std::optional<DigestAlgorithm> digest;
  std::string_view name;
};

// The signature OIDs that NUC files carry, and the RSA family.
const SignatureCase kCertificateSignatures[] = {
    {"1.2.398.3.10.1.1.1.2", SignatureAlgorithm::kGost34310_2004,
     DigestAlgorithm::kGost34311, "gost34310-2004"},
    {"1.2.398.3.10.1.1.2.3.1", SignatureAlgorithm::kGost2015_256,
     DigestAlgorithm::kStreebog256, "gost3410-2015-256"},
    {"1.2.398.3.10.1.1.2.3.2", SignatureAlgorithm::kGost2015_512,
     DigestAlgorithm::kStreebog512, "gost3410-2015-512"},
    {"1.2.643.7.1.1.3.2", SignatureAlgorithm::kGost2015_256,
     DigestAlgorithm::kStreebog256, "gost3410-2015-256"},
    {"1.2.643.7.1.1.3.3", SignatureAlgorithm::kGost2015_512,
     DigestAlgorithm::kStreebog512, "gost3410-2015-512"},
    {"1.2.840.113549.1.1.5", SignatureAlgorithm::kRsaPkcs1,
     DigestAlgorithm::kSha1, "rsa-sha1"},
    {"1.2.840.113549.1.1.14", SignatureAlgorithm::kRsaPkcs1,
     DigestAlgorithm::kSha224, "rsa-sha224"},
    {"1.2.840.113549.1.1.11", SignatureAlgorithm::kRsaPkcs1,
     DigestAlgorithm::kSha256, "rsa-sha256"},
    {"1.2.840.113549.1.1.12", SignatureAlgorithm::kRsaPkcs1,
     DigestAlgorithm::kSha384, "rsa-sha384"},
    {"1.2.840.113549.1.1.13", SignatureAlgorithm::kRsaPkcs1,
     DigestAlgorithm::kSha512, "rsa-sha512"},
};

TEST(AlgorithmTest, CertificateSignatureOids) {
  for (const SignatureCase& test_case : kCertificateSignatures) {
    for (Parameters parameters : {Parameters::kNull, Parameters::kAbsent}) {
      SCOPED_TRACE(std::string(test_case.dotted));
      for (AlgorithmContext context :
           {AlgorithmContext::kCertificate, AlgorithmContext::kSignerInfo}) {
        auto id = ParseSignatureAlgorithm(
            Identifier(test_case.dotted, parameters), context);
        ASSERT_TRUE(id.has_value()) << id.error().ToString();
        EXPECT_EQ(id->algorithm, test_case.algorithm);
        EXPECT_EQ(id->digest, test_case.digest);
        EXPECT_EQ(SignatureAlgorithmName(*id), test_case.name);
      }
    }
  }
}

TEST(AlgorithmTest, Gost2004KeyOidOnlyInSignerInfo) {
  // Kalkan and NCALayer write the key OID 1.2.398.3.10.1.1.1.1 as
  // SignerInfo.signatureAlgorithm, with NULL parameters.
  const Bytes key_oid = Identifier("1.2.398.3.10.1.1.1.1");
  auto in_signer_info =
      ParseSignatureAlgorithm(key_oid, AlgorithmContext::kSignerInfo);
  ASSERT_TRUE(in_signer_info.has_value());
  EXPECT_EQ(in_signer_info->algorithm, SignatureAlgorithm::kGost34310_2004);
  EXPECT_EQ(in_signer_info->digest, DigestAlgorithm::kGost34311);

  auto in_certificate =
      ParseSignatureAlgorithm(key_oid, AlgorithmContext::kCertificate);
  ASSERT_FALSE(in_certificate.has_value());
  EXPECT_EQ(in_certificate.error().code,
            ErrorCode::kCryptoUnsupportedAlgorithm);
  EXPECT_NE(in_certificate.error().detail.find("1.2.398.3.10.1.1.1.1"),
            std::string::npos);
}

TEST(AlgorithmTest, RsaEncryptionTakesSignerDigest) {
  const Bytes rsa = Identifier("1.2.840.113549.1.1.1");
  auto id = ParseSignatureAlgorithm(rsa, AlgorithmContext::kSignerInfo);
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->algorithm, SignatureAlgorithm::kRsaPkcs1);
  EXPECT_FALSE(id->digest.has_value());
  EXPECT_EQ(SignatureAlgorithmName(*id), "rsa");

  auto resolved = ResolveSignerDigest(*id, DigestAlgorithm::kSha256);
  ASSERT_TRUE(resolved.has_value());
  EXPECT_EQ(resolved->digest, DigestAlgorithm::kSha256);
  EXPECT_EQ(SignatureAlgorithmName(*resolved), "rsa-sha256");

  EXPECT_EQ(
      ResolveSignerDigest(*id, DigestAlgorithm::kStreebog512).error().code,
      ErrorCode::kCmsDigestAlgorithmMismatch);
  EXPECT_EQ(
      ParseSignatureAlgorithm(rsa, AlgorithmContext::kCertificate).error().code,
      ErrorCode::kCryptoUnsupportedAlgorithm);
}

TEST(AlgorithmTest, ResolveSignerDigestChecksGost) {
  auto gost = ParseSignatureAlgorithm(Identifier("1.2.398.3.10.1.1.2.3.2"),
                                      AlgorithmContext::kSignerInfo);
  ASSERT_TRUE(gost.has_value());
  EXPECT_TRUE(
      ResolveSignerDigest(*gost, DigestAlgorithm::kStreebog512).has_value());
  EXPECT_EQ(ResolveSignerDigest(*gost, DigestAlgorithm::kSha256).error().code,
            ErrorCode::kCmsDigestAlgorithmMismatch);
  EXPECT_EQ(
      ResolveSignerDigest(*gost, DigestAlgorithm::kStreebog256).error().code,
      ErrorCode::kCmsDigestAlgorithmMismatch);

  auto rsa = ParseSignatureAlgorithm(Identifier("1.2.840.113549.1.1.11"),
                                     AlgorithmContext::kSignerInfo);
  ASSERT_TRUE(rsa.has_value());
  EXPECT_EQ(ResolveSignerDigest(*rsa, DigestAlgorithm::kSha1).error().code,
            ErrorCode::kCmsDigestAlgorithmMismatch);
}

TEST(AlgorithmTest, DigestOids) {
  const struct {
    std::string_view dotted;
    DigestAlgorithm digest;
  } kCases[] = {
      {"1.2.398.3.10.1.3.1", DigestAlgorithm::kGost34311},
      {"1.2.398.3.10.1.3.2", DigestAlgorithm::kStreebog256},
      {"1.2.398.3.10.1.3.3", DigestAlgorithm::kStreebog512},
      {"1.2.643.7.1.1.2.2", DigestAlgorithm::kStreebog256},
      {"1.2.643.7.1.1.2.3", DigestAlgorithm::kStreebog512},
      {"1.3.14.3.2.26", DigestAlgorithm::kSha1},
      {"2.16.840.1.101.3.4.2.4", DigestAlgorithm::kSha224},
      {"2.16.840.1.101.3.4.2.1", DigestAlgorithm::kSha256},
      {"2.16.840.1.101.3.4.2.2", DigestAlgorithm::kSha384},
      {"2.16.840.1.101.3.4.2.3", DigestAlgorithm::kSha512},
  };
  for (const auto& test_case : kCases) {
    for (Parameters parameters : {Parameters::kNull, Parameters::kAbsent}) {
      auto digest =
          ParseDigestAlgorithm(Identifier(test_case.dotted, parameters));
      ASSERT_TRUE(digest.has_value()) << test_case.dotted;
      EXPECT_EQ(*digest, test_case.digest) << test_case.dotted;
    }
  }
}

TEST(AlgorithmTest, DigestFromNucCms) {
  // digestAlgorithm of Kalkan's GOST 2004 CMS (gokalkan testCMS.p7s):
  // SEQUENCE { OID 1.2.398.3.10.1.3.1, NULL }.
  auto digest = ParseDigestAlgorithm(Hex("300c06082a830e030a0103010500"));
  ASSERT_TRUE(digest.has_value());
  EXPECT_EQ(*digest, DigestAlgorithm::kGost34311);
}

TEST(AlgorithmTest, UnknownOidNamesDottedOid) {
  // ecdsa-with-SHA256 and id-GostR3411-94: not in the registry.
  for (std::string_view dotted : {"1.2.840.10045.4.3.2", "1.2.643.2.2.9"}) {
    auto signature = ParseSignatureAlgorithm(Identifier(dotted),
                                             AlgorithmContext::kCertificate);
    ASSERT_FALSE(signature.has_value());
    EXPECT_EQ(signature.error().code, ErrorCode::kCryptoUnsupportedAlgorithm);
    EXPECT_NE(signature.error().detail.find(dotted), std::string::npos)
        << signature.error().detail;
    EXPECT_EQ(ErrorId(signature.error().code), "crypto.unsupported_algorithm");

    auto digest = ParseDigestAlgorithm(Identifier(dotted));
    ASSERT_FALSE(digest.has_value());
    EXPECT_EQ(digest.error().code, ErrorCode::kCryptoUnsupportedAlgorithm);
    EXPECT_NE(digest.error().detail.find(dotted), std::string::npos);
  }
}

TEST(AlgorithmTest, RejectsParametersOtherThanNull) {
  // SEQUENCE { OID sha256WithRSAEncryption, INTEGER 0 }
  const Bytes integer_parameters = Hex("300e06092a864886f70d01010b020100");
  EXPECT_EQ(ParseSignatureAlgorithm(integer_parameters,
                                    AlgorithmContext::kCertificate)
                .error()
                .code,
            ErrorCode::kCryptoBadParameters);
  // SEQUENCE { OID id-sha256, NULL, NULL }
  const Bytes two_nulls = Hex("300f060960864801650304020105000500");
  EXPECT_EQ(ParseDigestAlgorithm(two_nulls).error().code,
            ErrorCode::kDerUnconsumedData);
}

TEST(AlgorithmTest, RejectsTrailingBytes) {
  Bytes identifier = Identifier("2.16.840.1.101.3.4.2.1");
  identifier.push_back(0x00);
  EXPECT_EQ(ParseDigestAlgorithm(identifier).error().code,
            ErrorCode::kDerUnconsumedData);
}

// RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt, laid out as
// OpenSSL 3.0 writes it for `-sigopt rsa_padding_mode:pss
// -sigopt rsa_pss_saltlen:32`.
constexpr std::string_view kPssSha256 =
    "304106092a864886f70d01010a3034a00f300d0609608648016503040201050"
    "0a11c301a06092a864886f70d010108300d06096086480165030402010500a2"
    "03020120";

TEST(AlgorithmTest, RsaPssParameters) {
  auto id =
      ParseSignatureAlgorithm(Hex(kPssSha256), AlgorithmContext::kCertificate);
  ASSERT_TRUE(id.has_value()) << id.error().ToString();
  EXPECT_EQ(id->algorithm, SignatureAlgorithm::kRsaPss);
  EXPECT_EQ(id->digest, DigestAlgorithm::kSha256);
  EXPECT_EQ(id->pss.mgf1_digest, DigestAlgorithm::kSha256);
  EXPECT_EQ(id->pss.salt_length, 32u);
  EXPECT_EQ(SignatureAlgorithmName(*id), "rsa-pss-sha256");
}

TEST(AlgorithmTest, RsaPssDefaultsAreSha1) {
  // SEQUENCE { id-RSASSA-PSS, SEQUENCE {} }: every field at its DEFAULT.
  auto id = ParseSignatureAlgorithm(Hex("300d06092a864886f70d01010a3000"),
                                    AlgorithmContext::kCertificate);
  ASSERT_TRUE(id.has_value()) << id.error().ToString();
  EXPECT_EQ(id->digest, DigestAlgorithm::kSha1);
  EXPECT_EQ(id->pss.mgf1_digest, DigestAlgorithm::kSha1);
  EXPECT_EQ(id->pss.salt_length, 20u);
}

TEST(AlgorithmTest, RsaPssRejectsBadParameters) {
  // Parameters absent.
  EXPECT_EQ(ParseSignatureAlgorithm(Hex("300b06092a864886f70d01010a"),
                                    AlgorithmContext::kCertificate)
                .error()
                .code,
            ErrorCode::kCryptoBadParameters);

  // trailerField [3] INTEGER 2.
  EXPECT_EQ(
      ParseSignatureAlgorithm(Hex("301206092a864886f70d01010a3005a303020102"),
                              AlgorithmContext::kCertificate)
          .error()
          .code,
      ErrorCode::kCryptoBadParameters);

  // trailerField [3] INTEGER 1, the default, written out: accepted.
  EXPECT_TRUE(
      ParseSignatureAlgorithm(Hex("301206092a864886f70d01010a3005a303020101"),
                              AlgorithmContext::kCertificate)
          .has_value());

  // saltLength [2] INTEGER -1.
  EXPECT_EQ(
      ParseSignatureAlgorithm(Hex("301206092a864886f70d01010a3005a2030201ff"),
                              AlgorithmContext::kCertificate)
          .error()
          .code,
      ErrorCode::kCryptoBadParameters);

  // maskGenAlgorithm [1] with OID 1.2.840.113549.1.1.9 (not MGF1).
  EXPECT_EQ(ParseSignatureAlgorithm(
                Hex("302006092a864886f70d01010a3013a111300f06092a864886f70d"
                    "01010906022a03"),
                AlgorithmContext::kCertificate)
                .error()
                .code,
            ErrorCode::kCryptoUnsupportedAlgorithm);

  // hashAlgorithm [0] Streebog-256: RSASSA-PSS is defined for SHA only.
  EXPECT_EQ(ParseSignatureAlgorithm(
                Hex("301d06092a864886f70d01010a3010a00e300c06082a850307010102"
                    "020500"),
                AlgorithmContext::kCertificate)
                .error()
                .code,
            ErrorCode::kCryptoUnsupportedAlgorithm);
}

TEST(AlgorithmTest, EncodeRoundTrips) {
  std::vector<SignatureAlgorithmId> ids;
  for (const SignatureCase& test_case : kCertificateSignatures) {
    ids.push_back({test_case.algorithm, test_case.digest, {}});
  }
  ids.push_back({SignatureAlgorithm::kRsaPss,
                 DigestAlgorithm::kSha256,
                 {DigestAlgorithm::kSha256, 32}});
  ids.push_back({SignatureAlgorithm::kRsaPss,
                 DigestAlgorithm::kSha1,
                 {DigestAlgorithm::kSha1, 20}});
  for (const SignatureAlgorithmId& id : ids) {
    SCOPED_TRACE(SignatureAlgorithmName(id));
    auto encoded = EncodeSignatureAlgorithm(id);
    ASSERT_TRUE(encoded.has_value());
    auto parsed =
        ParseSignatureAlgorithm(*encoded, AlgorithmContext::kCertificate);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
    EXPECT_TRUE(*parsed == id);
  }
}

TEST(AlgorithmTest, EncodeMatchesNucAndOpenSsl) {
  // NUC GOST 2015-512 certificates: SEQUENCE { 1.2.398.3.10.1.1.2.3.2, NULL }.
  auto gost = EncodeSignatureAlgorithm(
      {SignatureAlgorithm::kGost2015_512, DigestAlgorithm::kStreebog512, {}});
  ASSERT_TRUE(gost.has_value());
  EXPECT_EQ(encoding::HexEncode(*gost), "300e060a2a830e030a01010203020500");
  auto pss = EncodeSignatureAlgorithm({SignatureAlgorithm::kRsaPss,
                                       DigestAlgorithm::kSha256,
                                       {DigestAlgorithm::kSha256, 32}});
  ASSERT_TRUE(pss.has_value());
  EXPECT_EQ(encoding::HexEncode(*pss), kPssSha256);
  EXPECT_EQ(
      encoding::HexEncode(EncodeDigestAlgorithm(DigestAlgorithm::kGost34311)),
      "300c06082a830e030a0103010500");
}

TEST(AlgorithmTest, EncodeRejectsRsaWithGostDigest) {
  EXPECT_EQ(
      EncodeSignatureAlgorithm(
          {SignatureAlgorithm::kRsaPkcs1, DigestAlgorithm::kStreebog256, {}})
          .error()
          .code,
      ErrorCode::kCryptoUnsupportedAlgorithm);
}

TEST(AlgorithmTest, RequiredGostDigests) {
  EXPECT_EQ(RequiredGostDigest(SignatureAlgorithm::kGost34310_2004),
            DigestAlgorithm::kGost34311);
  EXPECT_EQ(RequiredGostDigest(SignatureAlgorithm::kGost2015_256),
            DigestAlgorithm::kStreebog256);
  EXPECT_EQ(RequiredGostDigest(SignatureAlgorithm::kGost2015_512),
            DigestAlgorithm::kStreebog512);
  EXPECT_FALSE(RequiredGostDigest(SignatureAlgorithm::kRsaPkcs1).has_value());
  EXPECT_TRUE(IsGost(SignatureAlgorithm::kGost2015_512));
  EXPECT_FALSE(IsGost(SignatureAlgorithm::kRsaPss));
}

}  // namespace
}  // namespace tinysign::crypto
