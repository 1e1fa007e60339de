#include "core/cms/signer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/cms/attributes.h"
#include "core/cms/signed_data.h"
#include "core/crypto/digest.h"
#include "core/encoding/input_form.h"
#include "core/pkcs12/key_file.h"
#include "core/verify/verifier.h"
#include "tests/core/crypto/signature_test_support.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"

namespace tinysign::cms {
namespace {

using crypto::signature_testing::SeededRandom;
using testing::FixturePath;
using testing::ReadFileBytes;

const Bytes kDocument = {'t', 'e', 's', 't', '1', '2', '3'};

pkcs12::KeyFile LoadKey(const std::string& relative,
                        const std::string& password) {
  auto key_file =
      pkcs12::LoadKeyFile(ReadFileBytes(FixturePath(relative)), password);
  EXPECT_TRUE(key_file.has_value()) << relative;
  return std::move(key_file).value();
}

// A GOST 2015-512 key, a GOST 2004 key and an RSA key, whose chains are all
// in trust/nuc-test.
const char kGost2015Key[] =
    "nuc/ncanode-kz_NCANode/groovy-constants/KEY_INDIVIDUAL_VALID_2015.p12";
const char kGost2004Key[] =
    "nuc/ncanode-kz_NCANode/groovy-constants/KEY_CEO_SIGN_REVOKED_2004.p12";
const char kRsaKey[] =
    "nuc/ncanode-kz_NCANode/groovy-constants/"
    "KEY_INDIVIDUAL_VALID_SIGN_2004.p12";

x509::TrustStore LoadTrust() {
  x509::TrustStore trust;
  for (const auto& entry :
       std::filesystem::directory_iterator(FixturePath("trust/nuc-test"))) {
    auto ders =
        encoding::NormalizeToDerList(testing::ReadFileBytes(entry.path()));
    if (!ders) {
      continue;  // The README.
    }
    for (const Bytes& der : *ders) {
      EXPECT_TRUE(trust.Add(der).has_value()) << entry.path();
    }
  }
  return trust;
}

// MiddleOfValidity is a time inside the certificate's validity.
Time MiddleOfValidity(const x509::Certificate& certificate) {
  return Time{(certificate.not_before().unix_seconds +
               certificate.not_after().unix_seconds) /
              2};
}

verify::VerifyOptions OptionsAt(Time time) {
  verify::VerifyOptions options;
  options.validation_time = time;
  options.policy.revocation = verify::RevocationPolicy::kOff;
  return options;
}

struct KeyCase {
  const char* path;
  const char* password;
};

constexpr KeyCase kKeys[] = {
    {kGost2015Key, "Aa123456"},
    {kGost2004Key, "Qwerty12"},
    {kRsaKey, "Qwerty12"},
};

TEST(SignerTest, AttachedVerifiesWithCore) {
  TINYSIGN_REQUIRE_FIXTURES();
  const x509::TrustStore trust = LoadTrust();
  for (const KeyCase& key_case : kKeys) {
    SCOPED_TRACE(key_case.path);
    const pkcs12::KeyFile key = LoadKey(key_case.path, key_case.password);
    const Time time = MiddleOfValidity(*key.certificate);
    SeededRandom random(1);
    Result<Bytes> cms =
        SignContent(kDocument, Signer{key.private_key, key.certificate},
                    SignOptions{.signing_time = time}, random);
    ASSERT_TRUE(cms.has_value()) << cms.error().ToString();
    auto report =
        verify::VerifyCms(*cms, verify::Document{}, trust, OptionsAt(time));
    ASSERT_TRUE(report.has_value()) << report.error().ToString();
    ASSERT_EQ(report->signers.size(), 1u);
    EXPECT_EQ(report->signers[0].checks.digest, verify::CheckResult::kPassed);
    EXPECT_EQ(report->signers[0].checks.signature,
              verify::CheckResult::kPassed);
    EXPECT_EQ(report->verdict, verify::Verdict::kValid);
  }
}

TEST(SignerTest, DetachedAndDigestOnlyVerify) {
  TINYSIGN_REQUIRE_FIXTURES();
  const x509::TrustStore trust = LoadTrust();
  const pkcs12::KeyFile key = LoadKey(kGost2015Key, "Aa123456");
  const Time time = MiddleOfValidity(*key.certificate);
  const Signer signer{key.private_key, key.certificate};
  SeededRandom random(2);
  Result<Bytes> detached =
      SignContent(kDocument, signer,
                  SignOptions{.detached = true, .signing_time = time}, random);
  ASSERT_TRUE(detached.has_value());
  const Bytes digest =
      crypto::ComputeDigest(crypto::DigestAlgorithm::kStreebog512, kDocument);
  Result<Bytes> digest_only =
      SignDigest(digest, signer, SignOptions{.signing_time = time}, random);
  ASSERT_TRUE(digest_only.has_value());
  for (const Bytes* cms : {&*detached, &*digest_only}) {
    auto parsed = ParseSignedData(*cms);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_FALSE((*parsed)->encapsulated_content().has_value());
    verify::Document document;
    document.kind = verify::Document::Kind::kContent;
    document.content = kDocument;
    auto report = verify::VerifyCms(*cms, document, trust, OptionsAt(time));
    ASSERT_TRUE(report.has_value());
    EXPECT_EQ(report->verdict, verify::Verdict::kValid);
  }
}

TEST(SignerTest, DigestOfWrongLengthRejected) {
  TINYSIGN_REQUIRE_FIXTURES();
  const pkcs12::KeyFile key = LoadKey(kGost2015Key, "Aa123456");
  SeededRandom random(3);
  const Bytes sha256_sized(32, 0x11);
  Result<Bytes> cms =
      SignDigest(sha256_sized, Signer{key.private_key, key.certificate},
                 SignOptions{}, random);
  ASSERT_FALSE(cms.has_value());
  EXPECT_EQ(cms.error().code, ErrorCode::kCmsDigestLengthMismatch);
}

// The structure must match what Kalkan wrote in a real sample: the same
// digest and signature OIDs, one certificate, no eContent when detached,
// and the same signed attribute types in the same DER order.
TEST(SignerTest, StructureMatchesKalkanSample) {
  TINYSIGN_REQUIRE_FIXTURES();
  const Bytes sample_bytes = ReadFileBytes(
      FixturePath("nuc/skarm_kalkan/cms/individual_detached.der"));
  auto sample = ParseSignedData(sample_bytes);
  ASSERT_TRUE(sample.has_value());
  const pkcs12::KeyFile key = LoadKey(kGost2015Key, "Aa123456");
  SeededRandom random(4);
  Result<Bytes> ours = SignContent(
      kDocument, Signer{key.private_key, key.certificate},
      SignOptions{.detached = true,
                  .signing_time = MiddleOfValidity(*key.certificate)},
      random);
  ASSERT_TRUE(ours.has_value());
  auto mine = ParseSignedData(*ours);
  ASSERT_TRUE(mine.has_value());
  const SignedData& theirs_data = **sample;
  const SignedData& our_data = **mine;
  EXPECT_EQ(our_data.version(), theirs_data.version());
  EXPECT_TRUE(our_data.digest_algorithm_tlvs() ==
              theirs_data.digest_algorithm_tlvs());
  EXPECT_TRUE(our_data.encapsulated_content_type() ==
              theirs_data.encapsulated_content_type());
  EXPECT_FALSE(our_data.encapsulated_content().has_value());
  EXPECT_EQ(our_data.certificates().size(), 1u);
  EXPECT_TRUE(our_data.crls().empty());
  ASSERT_EQ(our_data.signers().size(), 1u);
  const SignerInfo& our_signer = our_data.signers()[0];
  const SignerInfo& their_signer = theirs_data.signers()[0];
  EXPECT_EQ(our_signer.version, their_signer.version);
  EXPECT_EQ(our_signer.sid.kind, their_signer.sid.kind);
  EXPECT_TRUE(our_signer.digest_algorithm_tlv ==
              their_signer.digest_algorithm_tlv);
  EXPECT_TRUE(our_signer.signature_algorithm_tlv ==
              their_signer.signature_algorithm_tlv);
  ASSERT_EQ(our_signer.signed_attributes.size(),
            their_signer.signed_attributes.size());
  for (size_t i = 0; i < our_signer.signed_attributes.size(); ++i) {
    EXPECT_TRUE(our_signer.signed_attributes[i].type ==
                their_signer.signed_attributes[i].type)
        << "attribute " << i;
  }
  EXPECT_EQ(our_signer.signature.size(), their_signer.signature.size());
}

// The RSA sample from Kalkan has the same digest and signature OIDs.
TEST(SignerTest, RsaAlgorithmsMatchKalkanSample) {
  TINYSIGN_REQUIRE_FIXTURES();
  const Bytes sample_bytes = ReadFileBytes(FixturePath(
      "nuc/ncanode-kz_NCANode/groovy-constants/SIGNED_CMS_ONE_SIGNER.p7s"));
  auto sample = ParseSignedData(sample_bytes);
  ASSERT_TRUE(sample.has_value());
  const pkcs12::KeyFile key = LoadKey(kRsaKey, "Qwerty12");
  SeededRandom random(5);
  Result<Bytes> ours =
      SignContent(kDocument, Signer{key.private_key, key.certificate},
                  SignOptions{.signing_time = Time{1600000000}}, random);
  ASSERT_TRUE(ours.has_value());
  auto mine = ParseSignedData(*ours);
  ASSERT_TRUE(mine.has_value());
  const SignerInfo& our_signer = (*mine)->signers()[0];
  const SignerInfo& their_signer = (*sample)->signers()[0];
  EXPECT_TRUE(our_signer.digest_algorithm_tlv ==
              their_signer.digest_algorithm_tlv);
  EXPECT_TRUE(our_signer.signature_algorithm_tlv ==
              their_signer.signature_algorithm_tlv);
  EXPECT_TRUE((*mine)->encapsulated_content() ==
              std::optional<der::Input>(der::Input(kDocument)));
}

TEST(SignerTest, AddSignerKeepsExistingSigner) {
  TINYSIGN_REQUIRE_FIXTURES();
  const x509::TrustStore trust = LoadTrust();
  const pkcs12::KeyFile gost = LoadKey(kGost2015Key, "Aa123456");
  const pkcs12::KeyFile rsa = LoadKey(kRsaKey, "Qwerty12");
  // A time inside both validity periods.
  const Time time{1650000000};  // 2022-04-15.
  ASSERT_LT(rsa.certificate->not_before().unix_seconds, time.unix_seconds);
  SeededRandom random(6);
  Result<Bytes> first =
      SignContent(kDocument, Signer{rsa.private_key, rsa.certificate},
                  SignOptions{.signing_time = time}, random);
  ASSERT_TRUE(first.has_value());
  const Time later = MiddleOfValidity(*gost.certificate);
  Result<Bytes> both = AddSigner(*first, std::nullopt,
                                 Signer{gost.private_key, gost.certificate},
                                 SignOptions{.signing_time = later}, random);
  ASSERT_TRUE(both.has_value()) << both.error().ToString();
  auto before = ParseSignedData(*first);
  auto after = ParseSignedData(*both);
  ASSERT_TRUE(before.has_value());
  ASSERT_TRUE(after.has_value());
  ASSERT_EQ((*after)->signers().size(), 2u);
  EXPECT_EQ((*after)->certificates().size(), 2u);
  EXPECT_EQ((*after)->digest_algorithm_tlvs().size(), 2u);
  EXPECT_TRUE((*after)->signers()[0].signature ==
              (*before)->signers()[0].signature);
  auto report =
      verify::VerifyCms(*both, verify::Document{}, trust, OptionsAt(later));
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->signers.size(), 2u);
  for (const auto& signer : report->signers) {
    EXPECT_EQ(signer.checks.signature, verify::CheckResult::kPassed);
  }
}

TEST(SignerTest, AddSignerToDetachedNeedsDocument) {
  TINYSIGN_REQUIRE_FIXTURES();
  const pkcs12::KeyFile key = LoadKey(kGost2015Key, "Aa123456");
  const Signer signer{key.private_key, key.certificate};
  SeededRandom random(7);
  Result<Bytes> detached =
      SignContent(kDocument, signer, SignOptions{.detached = true}, random);
  ASSERT_TRUE(detached.has_value());
  Result<Bytes> added =
      AddSigner(*detached, std::nullopt, signer, SignOptions{}, random);
  ASSERT_FALSE(added.has_value());
  EXPECT_EQ(added.error().code, ErrorCode::kCmsDetachedContentMissing);
}

// A real TSA token from a Kalkan CMS becomes signer 0's
// signatureTimeStampToken, and the parser finds it there.
TEST(SignerTest, AddSignatureTimestampStoresToken) {
  TINYSIGN_REQUIRE_FIXTURES();
  const Bytes token =
      ReadFileBytes(FixturePath("nuc/ncanode-kz_NCANode/tsp/tsp_token.bin"));
  const pkcs12::KeyFile key = LoadKey(kGost2015Key, "Aa123456");
  SeededRandom random(8);
  Result<Bytes> cms =
      SignContent(kDocument, Signer{key.private_key, key.certificate},
                  SignOptions{}, random);
  ASSERT_TRUE(cms.has_value());
  Result<Bytes> stamped = AddSignatureTimestamp(*cms, 0, token);
  ASSERT_TRUE(stamped.has_value()) << stamped.error().ToString();
  auto parsed = ParseSignedData(*stamped);
  ASSERT_TRUE(parsed.has_value());
  const auto tokens = FindTimestampTokens((*parsed)->signers()[0]);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_TRUE(tokens[0] == der::Input(token));
  auto original = ParseSignedData(*cms);
  EXPECT_TRUE((*parsed)->signers()[0].signature ==
              (*original)->signers()[0].signature);
  EXPECT_EQ(AddSignatureTimestamp(*cms, 1, token).error().code,
            ErrorCode::kCmsMalformed);
}

// `openssl cms -verify` accepts the RSA signature.
TEST(SignerTest, RsaVerifiesWithOpenSsl) {
  TINYSIGN_REQUIRE_FIXTURES();
  const pkcs12::KeyFile key = LoadKey(kRsaKey, "Qwerty12");
  SeededRandom random(9);
  Result<Bytes> cms =
      SignContent(kDocument, Signer{key.private_key, key.certificate},
                  SignOptions{.signing_time = Time{1600000000}}, random);
  ASSERT_TRUE(cms.has_value());
  const auto dir = testing::TempDir("cms_signer_openssl");
  testing::WriteFileBytes(dir / "sig.p7s", *cms);
  const auto result = testing::RunCommand(
      {"openssl", "cms", "-verify", "-noverify", "-inform", "DER", "-in",
       (dir / "sig.p7s").string(), "-out", (dir / "content.txt").string()});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(ReadFileBytes(dir / "content.txt"), kDocument);
}

}  // namespace
}  // namespace tinysign::cms
