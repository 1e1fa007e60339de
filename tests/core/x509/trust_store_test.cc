#include "core/x509/trust_store.h"

#include <gtest/gtest.h>

#include "core/encoding/input_form.h"
#include "tests/core/x509/fixture_certificates.h"
#include "tests/core/x509/openssl_view.h"
#include "tests/core/x509/test_certificate.h"

namespace tinysign::x509 {
namespace {

using testing::CertificateParts;
using testing::ExtensionTlv;
using testing::NucLikeCertificate;
using testing::Sequence;
using testing::Tlv;

// SelfIssued returns a built certificate whose issuer is its subject, with
// the given key identifiers (empty for none).
Bytes SelfIssued(const Bytes& subject_key_id, const Bytes& authority_key_id) {
  CertificateParts parts = NucLikeCertificate();
  parts.issuer = parts.subject;
  parts.extensions.clear();
  if (!subject_key_id.empty()) {
    parts.extensions.push_back(ExtensionTlv(
        "2.5.29.14", false, Tlv(der::tag::kOctetString, subject_key_id)));
  }
  if (!authority_key_id.empty()) {
    parts.extensions.push_back(ExtensionTlv(
        "2.5.29.35", false,
        Sequence({Tlv(der::tag::ContextSpecific(0), authority_key_id)})));
  }
  if (parts.extensions.empty()) {
    parts.version.clear();
  }
  return parts.Encode();
}

CertificatePtr MustParse(const Bytes& der) {
  auto certificate = ParseCertificate(der);
  EXPECT_TRUE(certificate.has_value()) << certificate.error().ToString();
  return certificate ? *certificate : nullptr;
}

TEST(TrustStoreTest, SelfIssuedWithOwnKeyIdIsAnchor) {
  EXPECT_TRUE(IsAnchorCandidate(*MustParse(SelfIssued({1, 2}, {1, 2}))));
  EXPECT_TRUE(IsAnchorCandidate(*MustParse(SelfIssued({1, 2}, {}))));
  EXPECT_TRUE(IsAnchorCandidate(*MustParse(SelfIssued({}, {}))));
}

TEST(TrustStoreTest, SelfIssuedWithOtherKeyIdIsNotAnchor) {
  // A rekeyed CA: same name, certificate issued by its previous key.
  EXPECT_FALSE(IsAnchorCandidate(*MustParse(SelfIssued({1, 2}, {3, 4}))));
}

TEST(TrustStoreTest, ReportsDuplicateOnce) {
  TrustStore trust;
  const Bytes der = SelfIssued({1, 2}, {1, 2});
  auto first = trust.Add(der);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(*first, TrustStore::AddOutcome::kAdded);
  auto second = trust.Add(der);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(*second, TrustStore::AddOutcome::kDuplicate);
  EXPECT_EQ(trust.size(), 1u);
}

TEST(TrustStoreTest, RejectsMalformedCertificate) {
  TrustStore trust;
  auto added = trust.Add(Bytes{0x30, 0x03, 0x02, 0x01, 0x01});
  ASSERT_FALSE(added.has_value());
  EXPECT_EQ(trust.size(), 0u);
}

TEST(TrustStoreTest, FindsIssuerByNameAndKeyId) {
  TrustStore trust;
  ASSERT_TRUE(trust.Add(SelfIssued({9, 9}, {9, 9})).has_value());
  CertificateParts leaf = NucLikeCertificate();
  leaf.issuer = leaf.subject;
  // A child whose issuer name matches but whose AKI names another key.
  auto child = MustParse(leaf.Encode());
  EXPECT_TRUE(trust.FindIssuers(*child).empty());
  EXPECT_EQ(trust.FindBySubject(child->issuer()).size(), 1u);
  EXPECT_EQ(trust.FindBySubjectKeyIdentifier(Bytes{9, 9}).size(), 1u);
  EXPECT_TRUE(trust.FindBySubjectKeyIdentifier(Bytes{9}).empty());
}

class TrustStoreFixtureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TINYSIGN_REQUIRE_FIXTURES();
    if (!testing::OpenSslAvailable()) {
      GTEST_SKIP() << "openssl not found; it is the oracle";
    }
    temp_dir_ = tinysign::testing::TempDir("x509-trust");
  }

  std::filesystem::path temp_dir_;
};

std::vector<Bytes> TrustSet(const std::string& folder) {
  std::vector<Bytes> ders;
  for (const auto& file :
       tinysign::testing::FixtureFiles("trust/" + folder, {".cer", ".crt"})) {
    auto der = encoding::NormalizeToDer(tinysign::testing::ReadFileBytes(file));
    EXPECT_TRUE(der.has_value()) << file;
    if (der) {
      ders.push_back(std::move(*der));
    }
  }
  return ders;
}

TEST_F(TrustStoreFixtureTest, SplitsTestSetIntoRootsAndIntermediates) {
  // The test set contains three roots (GOST 2004, RSA, GOST 2015) and one
  // issuing CA under each; OpenSSL shows which ones are self-issued.
  TrustStore trust;
  size_t num_self_issued = 0;
  for (const Bytes& der : TrustSet("nuc-test")) {
    auto added = trust.Add(der);
    ASSERT_TRUE(added.has_value()) << added.error().ToString();
    const auto view = testing::ReadWithOpenSsl(der, temp_dir_);
    if (view.subject == view.issuer) {
      ++num_self_issued;
    }
  }
  EXPECT_EQ(trust.size(), 6u);
  EXPECT_EQ(num_self_issued, 3u);
  EXPECT_EQ(trust.anchors().size(), num_self_issued);
  EXPECT_EQ(trust.intermediates().size(), 3u);
}

TEST_F(TrustStoreFixtureTest, SameCertificateAsPemAndDerIsDuplicate) {
  // nca_gost2015_test.cer is in the test trust set and, byte for byte, in
  // the NCANode fixtures; nca_gost_test.crt likewise.
  TrustStore trust;
  for (const Bytes& der : TrustSet("nuc-test")) {
    ASSERT_TRUE(trust.Add(der).has_value());
  }
  for (const std::string name : {"ncanode-kz_NCANode/ca/nca_gost2015_test.cer",
                                 "ncanode-kz_NCANode/ca/nca_gost_test.crt"}) {
    auto der = encoding::NormalizeToDer(tinysign::testing::ReadFileBytes(
        tinysign::testing::FixturePath("nuc/" + name)));
    ASSERT_TRUE(der.has_value());
    auto added = trust.Add(*der);
    ASSERT_TRUE(added.has_value());
    EXPECT_EQ(*added, TrustStore::AddOutcome::kDuplicate) << name;
  }
  EXPECT_EQ(trust.size(), 6u);
}

// KeyIdentifierLine returns the first line of an OpenSSL key identifier
// body without a "keyid:" label.
std::string KeyIdentifierLine(const testing::OpenSslExtension* extension) {
  if (extension == nullptr) {
    return "";
  }
  std::string line = extension->body.substr(0, extension->body.find('\n'));
  return testing::StartsWith(line, "keyid:") ? line.substr(6) : line;
}

TEST_F(TrustStoreFixtureTest, FindsIssuersOfFixtureCertificates) {
  // Expected issuers: trust certificates whose subject OpenSSL prints the
  // same as the certificate's issuer and whose SKI equals its AKI.
  TrustStore trust;
  std::vector<testing::OpenSslView> trust_views;
  for (const char* folder : {"nuc-test", "nuc-prod-2015"}) {
    for (const Bytes& der : TrustSet(folder)) {
      ASSERT_TRUE(trust.Add(der).has_value());
      trust_views.push_back(testing::ReadWithOpenSsl(der, temp_dir_));
    }
  }
  size_t num_with_issuer = 0;
  for (const auto& file :
       tinysign::testing::FixtureFiles("nuc", {".cer", ".crt"})) {
    SCOPED_TRACE(file.string());
    auto der = encoding::NormalizeToDer(tinysign::testing::ReadFileBytes(file));
    ASSERT_TRUE(der.has_value());
    auto certificate = MustParse(*der);
    ASSERT_NE(certificate, nullptr);
    const auto view = testing::ReadWithOpenSsl(*der, temp_dir_);
    const std::string authority =
        KeyIdentifierLine(view.Find("X509v3 Authority Key Identifier"));
    std::vector<std::string> expected;
    for (const auto& candidate : trust_views) {
      const std::string subject_key =
          KeyIdentifierLine(candidate.Find("X509v3 Subject Key Identifier"));
      if (candidate.subject == view.issuer &&
          (authority.empty() || subject_key.empty() ||
           authority == subject_key)) {
        expected.push_back(candidate.subject + " " + subject_key);
      }
    }
    std::vector<std::string> found;
    for (const CertificatePtr& issuer : trust.FindIssuers(*certificate)) {
      const auto issuer_view =
          testing::ReadWithOpenSsl(issuer->der(), temp_dir_);
      found.push_back(
          issuer_view.subject + " " +
          KeyIdentifierLine(issuer_view.Find("X509v3 Subject Key Identifier")));
    }
    EXPECT_EQ(found, expected);
    if (!found.empty()) {
      ++num_with_issuer;
    }
  }
  // Every fixture certificate file chains into one of the two trust sets.
  EXPECT_EQ(num_with_issuer,
            tinysign::testing::FixtureFiles("nuc", {".cer", ".crt"}).size());
}

}  // namespace
}  // namespace tinysign::x509
