// Cross-checks GOST signatures against OpenSSL 3.0 with the gost engine
// (Debian libengine-gost-openssl 3.0.1), in both directions.
//
// What was established by hand with these same commands, and what the
// code below relies on:
//   - `openssl pkeyutl -engine gost -sign -in digest` signs the digest bytes
//     as given (no hashing), and `openssl dgst -engine gost -md_... -sign`
//     produces the same kind of value over the message's digest: one
//     verifies with the other.
//   - The signature value is s || r, each big-endian (RFC 4491). NUC's
//     layout r || s little-endian is exactly that value reversed.
//   - e is the digest read as a little-endian integer, as NUC does. The
//     other three combinations of byte order and r/s order never verified.
//   - `openssl genpkey` writes the Russian key OIDs: id-GostR3410-2001 with
//     SEQUENCE { CryptoPro-A, id-GostR3411-94-CryptoProParamSet }, and
//     id-tc26-gost3410-12-512 with SEQUENCE { tc26-512-paramSetA,
//     Streebog-512 }; for `gost2012_256 -pkeyopt paramset:TCA` only the
//     curve tc26-256-paramSetA. The PKCS#8 privateKey OCTET STRING contains
//     d itself, little-endian, with no inner wrapping.
//   - md_gost94 uses the CryptoPro S-box, not the Test S-box NUC uses, so
//     the GOST 2001 checks sign a digest that OpenSSL computed: the curve
//     arithmetic does not care which hash made the 32 bytes.
#include <gtest/gtest.h>

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "core/crypto/algorithm.h"
#include "core/crypto/gost_encoding.h"
#include "core/crypto/public_key.h"
#include "core/crypto/signature.h"
#include "core/der/reader.h"
#include "tests/core/crypto/signature_test_support.h"
#include "tests/support/files.h"
#include "tests/support/openssl.h"

namespace tinysign::crypto {
namespace {

using signature_testing::ReadPemAsDer;
using signature_testing::Reversed;
using signature_testing::RunOpenSsl;
using signature_testing::SeededRandom;

// Rounds per direction and curve; each round runs OpenSSL twice.
constexpr int kRounds = 8;

struct GostCase {
  std::string name;
  // `openssl genpkey -algorithm` and `-pkeyopt paramset:` values.
  std::string openssl_algorithm;
  std::string openssl_paramset;
  // The `openssl dgst` option of the digest that gets signed.
  std::string openssl_digest;
  GostCurveId curve;
  KeyAlgorithm key_algorithm;
  SignatureAlgorithmId algorithm;

  // PrintTo names the case in test failure messages.
  friend void PrintTo(const GostCase& test_case, std::ostream* out) {
    *out << test_case.name;
  }
};

// The GOST 2001 case labels the digest GOST 34.311: VerifyDigestSignature
// only checks its length, and OpenSSL's md_gost94 digest is 32 bytes too.
const GostCase kCases[] = {
    {"gost2001-cryptopro-a",
     "gost2001",
     "A",
     "-md_gost94",
     GostCurveId::kCryptoProA,
     KeyAlgorithm::kGost2004,
     {SignatureAlgorithm::kGost34310_2004, DigestAlgorithm::kGost34311, {}}},
    {"gost2012-512-tc26-a",
     "gost2012_512",
     "A",
     "-md_gost12_512",
     GostCurveId::kTc26Gost512ParamSetA,
     KeyAlgorithm::kGost2015_512,
     {SignatureAlgorithm::kGost2015_512, DigestAlgorithm::kStreebog512, {}}},
    {"gost2012-256-tc26-a",
     "gost2012_256",
     "TCA",
     "-md_gost12_256",
     GostCurveId::kTc26Gost256ParamSetA,
     KeyAlgorithm::kGost2015_256,
     {SignatureAlgorithm::kGost2015_256, DigestAlgorithm::kStreebog256, {}}},
};

class GostOpenSslTest : public ::testing::TestWithParam<GostCase> {
 protected:
  void SetUp() override {
    TINYSIGN_REQUIRE_GOST_ENGINE();
    dir_ = testing::TempDir("gost-openssl-" + GetParam().name);
    key_pem_ = (dir_ / "key.pem").string();
    public_pem_ = (dir_ / "public.pem").string();
    ASSERT_EQ(
        OpenSsl({"genpkey", "-quiet", "-engine", "gost", "-algorithm",
                 GetParam().openssl_algorithm, "-pkeyopt",
                 "paramset:" + GetParam().openssl_paramset, "-out", key_pem_}),
        0);
    ASSERT_EQ(OpenSsl({"pkey", "-engine", "gost", "-in", key_pem_, "-pubout",
                       "-out", public_pem_}),
              0);
  }

  void TearDown() override {
    if (!dir_.empty()) {
      std::filesystem::remove_all(dir_);
    }
  }

  int OpenSsl(const std::vector<std::string>& arguments) {
    return RunOpenSsl(arguments).exit_code;
  }

  std::string Path(const std::string& name) const {
    return (dir_ / name).string();
  }

  // OpenSslDigest writes `message` to a file and returns OpenSSL's digest
  // of it.
  Bytes OpenSslDigest(const Bytes& message, int round) {
    const std::string message_path = Path("message" + std::to_string(round));
    const std::string digest_path = Path("digest" + std::to_string(round));
    testing::WriteFileBytes(message_path, message);
    EXPECT_EQ(OpenSsl({"dgst", "-engine", "gost", GetParam().openssl_digest,
                       "-binary", "-out", digest_path, message_path}),
              0);
    return testing::ReadFileBytes(digest_path);
  }

  // OpenSslVerifies returns true when OpenSSL accepts `rfc4491_signature`
  // over `digest` with the public key.
  bool OpenSslVerifies(const Bytes& digest, const Bytes& rfc4491_signature) {
    const std::string digest_path = Path("verify-digest");
    const std::string signature_path = Path("verify-signature");
    testing::WriteFileBytes(digest_path, digest);
    testing::WriteFileBytes(signature_path, rfc4491_signature);
    const testing::CommandResult result = RunOpenSsl(
        {"pkeyutl", "-engine", "gost", "-verify", "-pubin", "-inkey",
         public_pem_, "-in", digest_path, "-sigfile", signature_path});
    return result.exit_code == 0 &&
           result.output.find("Signature Verified Successfully") !=
               std::string::npos;
  }

  Result<PublicKey> OurPublicKey() {
    return ParsePublicKey(ReadPemAsDer(public_pem_));
  }

  // OurPrivateKey reads d from OpenSSL's PKCS#8 PrivateKeyInfo, whose
  // privateKey OCTET STRING contains d, little-endian.
  Result<GostPrivateKey> OurPrivateKey() {
    const Bytes pkcs8 = ReadPemAsDer(key_pem_);
    der::Reader outer(pkcs8);
    TINYSIGN_ASSIGN_OR_RETURN(der::Reader info, outer.ReadSequence());
    TINYSIGN_TRY(info.ReadSmallInteger());
    TINYSIGN_TRY(info.ReadSequence());
    TINYSIGN_ASSIGN_OR_RETURN(der::Input d, info.ReadOctetString());
    return DecodeGostPrivateKey(GetParam().curve, d);
  }

  std::filesystem::path dir_;
  std::string key_pem_;
  std::string public_pem_;
};

TEST_P(GostOpenSslTest, ReadsOpenSslKeys) {
  auto public_key = OurPublicKey();
  ASSERT_TRUE(public_key.has_value()) << public_key.error().ToString();
  EXPECT_EQ(public_key->algorithm, GetParam().key_algorithm);
  ASSERT_NE(public_key->gost(), nullptr);
  EXPECT_EQ(public_key->gost()->curve, GetParam().curve);

  auto private_key = OurPrivateKey();
  ASSERT_TRUE(private_key.has_value()) << private_key.error().ToString();
  auto derived = DeriveGostPublicKey(*private_key);
  ASSERT_TRUE(derived.has_value());
  EXPECT_EQ(derived->x, public_key->gost()->x);
  EXPECT_EQ(derived->y, public_key->gost()->y);
}

TEST_P(GostOpenSslTest, OpenSslSignaturesVerify) {
  auto key = OurPublicKey();
  ASSERT_TRUE(key.has_value()) << key.error().ToString();
  SeededRandom random(1000 + static_cast<uint32_t>(GetParam().curve));
  for (int round = 0; round < kRounds; ++round) {
    const Bytes digest = OpenSslDigest(random.Take(1 + 37 * round), round);
    const std::string digest_path = Path("digest" + std::to_string(round));
    const std::string signature_path =
        Path("signature" + std::to_string(round));
    ASSERT_EQ(OpenSsl({"pkeyutl", "-engine", "gost", "-sign", "-inkey",
                       key_pem_, "-in", digest_path, "-out", signature_path}),
              0);
    // OpenSSL writes s || r big-endian; NUC's r || s little-endian is the
    // same bytes reversed.
    const Bytes nuc_signature =
        Reversed(testing::ReadFileBytes(signature_path));
    auto status = VerifyDigestSignature(GetParam().algorithm, *key, digest,
                                        nuc_signature);
    EXPECT_TRUE(status.has_value()) << status.error().ToString();

    Bytes tampered = nuc_signature;
    tampered[round % tampered.size()] ^= 0x04;
    EXPECT_EQ(
        VerifyDigestSignature(GetParam().algorithm, *key, digest, tampered)
            .error()
            .code,
        ErrorCode::kCryptoSignatureMismatch);
    // The signature as OpenSSL wrote it, unreversed, must not verify.
    EXPECT_FALSE(VerifyDigestSignature(GetParam().algorithm, *key, digest,
                                       Reversed(nuc_signature))
                     .has_value());
  }
}

TEST_P(GostOpenSslTest, OurSignaturesVerifyInOpenSsl) {
  auto private_key = OurPrivateKey();
  ASSERT_TRUE(private_key.has_value()) << private_key.error().ToString();
  SeededRandom random(2000 + static_cast<uint32_t>(GetParam().curve));
  const size_t digest_bytes = DigestLength(*GetParam().algorithm.digest);
  for (int round = 0; round < kRounds; ++round) {
    const Bytes digest = random.Take(digest_bytes);
    auto nuc_signature =
        SignDigest(GetParam().algorithm, *private_key, digest, random);
    ASSERT_TRUE(nuc_signature.has_value()) << nuc_signature.error().ToString();
    EXPECT_TRUE(OpenSslVerifies(digest, Reversed(*nuc_signature)));

    Bytes other_digest = digest;
    other_digest[round % other_digest.size()] ^= 0x01;
    EXPECT_FALSE(OpenSslVerifies(other_digest, Reversed(*nuc_signature)));
  }
}

INSTANTIATE_TEST_SUITE_P(Curves, GostOpenSslTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<GostCase>& info) {
                           std::string name = info.param.name;
                           for (char& c : name) {
                             if (c == '-') {
                               c = '_';
                             }
                           }
                           return name;
                         });

}  // namespace
}  // namespace tinysign::crypto
