// Parses every certificate of the shared NUC fixtures and compares each
// field with what OpenSSL prints for the same bytes.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/encoding/input_form.h"
#include "core/time.h"
#include "core/x509/certificate.h"
#include "tests/core/x509/fixture_certificates.h"
#include "tests/core/x509/openssl_view.h"

namespace tinysign::x509 {
namespace {

using testing::FixtureCertificate;
using testing::HexWithColons;
using testing::OpenSslExtension;
using testing::OpenSslView;

// The .p12 test keys listed in the fixtures' MANIFEST.md.
constexpr size_t kNumP12Files = 62;

class CertificateFixtureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TINYSIGN_REQUIRE_FIXTURES();
    if (!testing::OpenSslAvailable()) {
      GTEST_SKIP() << "openssl not found; it extracts the PKCS#12 "
                      "certificates and is the oracle";
    }
    temp_dir_ = tinysign::testing::TempDir("x509-fixtures");
    certificates_ = testing::LoadFixtureCertificates(temp_dir_);
  }

  // ForEach parses every fixture certificate and calls `check` with it and
  // OpenSSL's view of it.
  template <typename Check>
  void ForEach(Check check) {
    ASSERT_FALSE(certificates_.empty());
    for (const FixtureCertificate& fixture : certificates_) {
      SCOPED_TRACE(fixture.label);
      auto certificate = ParseCertificate(fixture.der);
      ASSERT_TRUE(certificate.has_value()) << certificate.error().ToString();
      const OpenSslView view = testing::ReadWithOpenSsl(fixture.der, temp_dir_);
      check(**certificate, view);
    }
  }

  std::filesystem::path temp_dir_;
  std::vector<FixtureCertificate> certificates_;
};

TEST_F(CertificateFixtureTest, ParsesEveryCertificate) {
  EXPECT_EQ(testing::P12Files().size(), kNumP12Files);
  EXPECT_GE(certificates_.size(),
            kNumP12Files + testing::CertificateFiles().size());
  for (const FixtureCertificate& fixture : certificates_) {
    auto certificate = ParseCertificate(fixture.der);
    EXPECT_TRUE(certificate.has_value())
        << fixture.label << ": " << certificate.error().ToString();
  }
}

std::string OpenSslTime(Time time) {
  std::string text = FormatRfc3339(time);
  text[10] = ' ';
  return text;
}

void CheckSerialValidityAndNames(const Certificate& certificate,
                                 const OpenSslView& view) {
  EXPECT_EQ(testing::UpperHex(certificate.serial()), view.serial);
  EXPECT_EQ(OpenSslTime(certificate.not_before()), view.not_before);
  EXPECT_EQ(OpenSslTime(certificate.not_after()), view.not_after);
  EXPECT_EQ(certificate.subject().ToRfc4514(),
            testing::OpenSslNameToOurs(view.subject));
  EXPECT_EQ(certificate.issuer().ToRfc4514(),
            testing::OpenSslNameToOurs(view.issuer));
  EXPECT_EQ(certificate.IsSelfIssued(), view.subject == view.issuer);
}

// OpenSslExtensionOid maps the headers `openssl x509 -text` prints to OIDs;
// extensions OpenSSL does not know are printed as the dotted OID.
std::string OpenSslExtensionOid(const std::string& header) {
  static const std::map<std::string, std::string> kHeaders = {
      {"X509v3 Subject Key Identifier", "2.5.29.14"},
      {"X509v3 Key Usage", "2.5.29.15"},
      {"X509v3 Subject Alternative Name", "2.5.29.17"},
      {"X509v3 Basic Constraints", "2.5.29.19"},
      {"X509v3 CRL Distribution Points", "2.5.29.31"},
      {"X509v3 Certificate Policies", "2.5.29.32"},
      {"X509v3 Authority Key Identifier", "2.5.29.35"},
      {"X509v3 Extended Key Usage", "2.5.29.37"},
      {"X509v3 Freshest CRL", "2.5.29.46"},
      {"Authority Information Access", "1.3.6.1.5.5.7.1.1"},
      {"OCSP No Check", "1.3.6.1.5.5.7.48.1.5"},
  };
  auto found = kHeaders.find(header);
  return found != kHeaders.end() ? found->second : header;
}

void CheckExtensionList(const Certificate& certificate,
                        const OpenSslView& view) {
  const auto& ours = certificate.extensions().all;
  ASSERT_EQ(ours.size(), view.extensions.size());
  for (size_t i = 0; i < ours.size(); ++i) {
    EXPECT_EQ(der::OidToString(ours[i].oid),
              OpenSslExtensionOid(view.extensions[i].header));
    EXPECT_EQ(ours[i].critical, view.extensions[i].critical);
  }
  EXPECT_TRUE(certificate.unknown_critical_extensions().empty());
}

// KeyIdentifierOf returns the key identifier in an OpenSSL body: the first
// line, without a "keyid:" label.
std::string KeyIdentifierOf(const std::string& body) {
  std::string line = body.substr(0, body.find('\n'));
  if (testing::StartsWith(line, "keyid:")) {
    line = line.substr(6);
  }
  return line;
}

void CheckKeyIdentifiers(const Certificate& certificate,
                         const OpenSslView& view) {
  const OpenSslExtension* ski = view.Find("X509v3 Subject Key Identifier");
  ASSERT_EQ(certificate.subject_key_identifier().has_value(), ski != nullptr);
  if (ski != nullptr) {
    EXPECT_EQ(HexWithColons(*certificate.subject_key_identifier()), ski->body);
  }
  const OpenSslExtension* aki = view.Find("X509v3 Authority Key Identifier");
  const auto& ours = certificate.authority_key_identifier();
  ASSERT_EQ(ours.has_value(), aki != nullptr);
  if (aki == nullptr) {
    return;
  }
  ASSERT_TRUE(ours->key_identifier.has_value());
  EXPECT_EQ(HexWithColons(*ours->key_identifier), KeyIdentifierOf(aki->body));
  const size_t serial_at = aki->body.find("serial:");
  ASSERT_EQ(ours->authority_cert_serial_number.has_value(),
            serial_at != std::string::npos);
  if (serial_at != std::string::npos) {
    EXPECT_EQ(HexWithColons(*ours->authority_cert_serial_number),
              aki->body.substr(serial_at + 7));
    EXPECT_EQ(ours->authority_cert_issuer.size(), 1u);
  }
}

void CheckKeyUsage(const Certificate& certificate, const OpenSslView& view) {
  static const std::map<std::string, KeyUsageBit> kNames = {
      {"Digital Signature", KeyUsageBit::kDigitalSignature},
      {"Non Repudiation", KeyUsageBit::kNonRepudiation},
      {"Key Encipherment", KeyUsageBit::kKeyEncipherment},
      {"Data Encipherment", KeyUsageBit::kDataEncipherment},
      {"Key Agreement", KeyUsageBit::kKeyAgreement},
      {"Certificate Sign", KeyUsageBit::kKeyCertSign},
      {"CRL Sign", KeyUsageBit::kCrlSign},
      {"Encipher Only", KeyUsageBit::kEncipherOnly},
      {"Decipher Only", KeyUsageBit::kDecipherOnly},
  };
  const OpenSslExtension* printed = view.Find("X509v3 Key Usage");
  ASSERT_EQ(certificate.key_usage().has_value(), printed != nullptr);
  if (printed == nullptr) {
    return;
  }
  uint16_t expected = 0;
  for (const std::string& name : testing::SplitList(printed->body)) {
    ASSERT_EQ(kNames.count(name), 1u) << name;
    expected |= KeyUsageMask(kNames.at(name));
  }
  EXPECT_EQ(certificate.key_usage()->mask(), expected);
}

void CheckExtendedKeyUsage(const Certificate& certificate,
                           const OpenSslView& view) {
  static const std::map<std::string, std::string> kNames = {
      {"TLS Web Server Authentication", "1.3.6.1.5.5.7.3.1"},
      {"TLS Web Client Authentication", "1.3.6.1.5.5.7.3.2"},
      {"Code Signing", "1.3.6.1.5.5.7.3.3"},
      {"E-mail Protection", "1.3.6.1.5.5.7.3.4"},
      {"Time Stamping", "1.3.6.1.5.5.7.3.8"},
      {"OCSP Signing", "1.3.6.1.5.5.7.3.9"},
      {"Any Extended Key Usage", "2.5.29.37.0"},
  };
  const OpenSslExtension* printed = view.Find("X509v3 Extended Key Usage");
  ASSERT_EQ(certificate.ext_key_usage().has_value(), printed != nullptr);
  if (printed == nullptr) {
    return;
  }
  std::vector<std::string> expected;
  for (const std::string& name : testing::SplitList(printed->body)) {
    auto known = kNames.find(name);
    expected.push_back(known != kNames.end() ? known->second : name);
  }
  std::vector<std::string> ours;
  for (der::Input oid : *certificate.ext_key_usage()) {
    ours.push_back(der::OidToString(oid));
  }
  EXPECT_EQ(ours, expected);
}

void CheckBasicConstraintsAndPolicies(const Certificate& certificate,
                                      const OpenSslView& view) {
  const OpenSslExtension* constraints = view.Find("X509v3 Basic Constraints");
  ASSERT_EQ(certificate.basic_constraints().has_value(),
            constraints != nullptr);
  if (constraints != nullptr) {
    std::string expected =
        certificate.basic_constraints()->is_ca ? "CA:TRUE" : "CA:FALSE";
    if (certificate.basic_constraints()->path_len_constraint) {
      expected +=
          ", pathlen:" +
          std::to_string(*certificate.basic_constraints()->path_len_constraint);
    }
    EXPECT_EQ(constraints->body, expected);
  }
  const OpenSslExtension* policies = view.Find("X509v3 Certificate Policies");
  ASSERT_EQ(certificate.policies().has_value(), policies != nullptr);
  if (policies == nullptr) {
    return;
  }
  std::vector<std::string> expected;
  for (const std::string& line : testing::SplitLines(policies->body)) {
    if (testing::StartsWith(line, "Policy: ")) {
      expected.push_back(line.substr(8));
    }
  }
  std::vector<std::string> ours;
  for (der::Input oid : *certificate.policies()) {
    ours.push_back(der::OidToString(oid));
  }
  EXPECT_EQ(ours, expected);
}

// CountOccurrences counts "URI:" entries in an OpenSSL body.
size_t CountOccurrences(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

// ExpectUrisPrinted checks that OpenSSL printed exactly `uris`, each as
// "URI:<uri>". One NUC CA has a URI holding a newline and spaces, which
// OpenSSL prints as is, so the check looks for each whole URI in the body.
void ExpectUrisPrinted(const std::vector<std::string>& uris,
                       const OpenSslExtension* printed) {
  if (printed == nullptr) {
    EXPECT_TRUE(uris.empty());
    return;
  }
  EXPECT_EQ(uris.size(), CountOccurrences(printed->body, "URI:"));
  for (const std::string& uri : uris) {
    EXPECT_NE(printed->body.find("URI:" + uri), std::string::npos) << uri;
  }
}

void CheckCrlUrls(const Certificate& certificate, const OpenSslView& view) {
  ExpectUrisPrinted(certificate.crl_urls(),
                    view.Find("X509v3 CRL Distribution Points"));
  ExpectUrisPrinted(certificate.delta_crl_urls(),
                    view.Find("X509v3 Freshest CRL"));
}

void CheckAuthorityInfoAccess(const Certificate& certificate,
                              const OpenSslView& view) {
  std::vector<std::string> expected_ocsp;
  std::vector<std::string> expected_ca_issuers;
  if (const OpenSslExtension* printed =
          view.Find("Authority Information Access")) {
    for (const std::string& line : testing::SplitLines(printed->body)) {
      if (testing::StartsWith(line, "OCSP - URI:")) {
        expected_ocsp.push_back(line.substr(11));
      } else if (testing::StartsWith(line, "CA Issuers - URI:")) {
        expected_ca_issuers.push_back(line.substr(17));
      } else {
        ADD_FAILURE() << "unexpected line " << line;
      }
    }
  }
  EXPECT_EQ(certificate.ocsp_urls(), expected_ocsp);
  EXPECT_EQ(certificate.ca_issuers_urls(), expected_ca_issuers);
}

void CheckSubjectAltName(const Certificate& certificate,
                         const OpenSslView& view) {
  const OpenSslExtension* printed =
      view.Find("X509v3 Subject Alternative Name");
  ASSERT_EQ(certificate.subject_alt_names().has_value(), printed != nullptr);
  if (printed == nullptr) {
    return;
  }
  std::vector<std::string> ours;
  for (const GeneralName& name : *certificate.subject_alt_names()) {
    switch (name.kind) {
      case GeneralName::Kind::kRfc822Name:
        ours.push_back("email:" + name.text);
        break;
      case GeneralName::Kind::kDnsName:
        ours.push_back("DNS:" + name.text);
        break;
      case GeneralName::Kind::kUri:
        ours.push_back("URI:" + name.text);
        break;
      default:
        ADD_FAILURE() << "no OpenSSL form for kind "
                      << static_cast<int>(name.kind);
    }
  }
  EXPECT_EQ(ours, testing::SplitList(printed->body));
}

void CheckOcspNoCheck(const Certificate& certificate, const OpenSslView& view) {
  EXPECT_EQ(certificate.has_ocsp_no_check(),
            view.Find("OCSP No Check") != nullptr);
}

// The 2018 NUC issuing CAs (GOST and RSA) have the 4-byte subject key
// identifiers 5B6A73E9 and 5B6A7411; no other fixture has one that short.
// MatchesOpenSsl runs every check above on every fixture certificate, so
// that OpenSSL reads each certificate once.
TEST_F(CertificateFixtureTest, MatchesOpenSsl) {
  ForEach([](const Certificate& certificate, const OpenSslView& view) {
    CheckSerialValidityAndNames(certificate, view);
    CheckExtensionList(certificate, view);
    CheckKeyIdentifiers(certificate, view);
    CheckKeyUsage(certificate, view);
    CheckExtendedKeyUsage(certificate, view);
    CheckBasicConstraintsAndPolicies(certificate, view);
    CheckCrlUrls(certificate, view);
    CheckAuthorityInfoAccess(certificate, view);
    CheckSubjectAltName(certificate, view);
    CheckOcspNoCheck(certificate, view);
  });
}

TEST_F(CertificateFixtureTest, OldNucIssuersHaveFourByteKeyIdentifiers) {
  const std::set<std::string> expected = {"5B:6A:73:E9", "5B:6A:74:11"};
  std::set<std::string> seen;
  for (const FixtureCertificate& fixture : certificates_) {
    auto certificate = ParseCertificate(fixture.der);
    ASSERT_TRUE(certificate.has_value()) << fixture.label;
    const auto& key_identifier = (*certificate)->subject_key_identifier();
    if (key_identifier && key_identifier->size() == 4) {
      seen.insert(HexWithColons(*key_identifier));
    }
  }
  EXPECT_EQ(seen, expected);
}

}  // namespace
}  // namespace tinysign::x509
