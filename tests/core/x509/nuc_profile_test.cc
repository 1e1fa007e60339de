#include "core/x509/nuc_profile.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>

#include "core/der/tag.h"
#include "tests/core/x509/fixture_certificates.h"
#include "tests/core/x509/openssl_view.h"
#include "tests/core/x509/test_certificate.h"

namespace tinysign::x509 {
namespace {

using testing::CertificateParts;
using testing::ExtensionTlv;
using testing::NameTlv;
using testing::NucLikeCertificate;
using testing::OidTlv;
using testing::PrintableAttribute;
using testing::Sequence;
using testing::Tlv;
using testing::Utf8Attribute;

using Strings = std::vector<std::string>;

// Identify parses `parts` and extracts the NUC identity.
NucIdentity Identify(const CertificateParts& parts) {
  auto certificate = ParseCertificate(parts.Encode());
  EXPECT_TRUE(certificate.has_value()) << certificate.error().ToString();
  return certificate ? ExtractNucIdentity(**certificate) : NucIdentity();
}

// WithUsage replaces keyUsage and extKeyUsage of the NUC-like certificate;
// an empty encoding leaves the extension out.
CertificateParts WithUsage(const Bytes& key_usage,
                           const std::vector<std::string>& purposes) {
  CertificateParts parts = NucLikeCertificate();
  std::vector<Bytes> extensions;
  if (!key_usage.empty()) {
    extensions.push_back(ExtensionTlv("2.5.29.15", true, key_usage));
  }
  if (!purposes.empty()) {
    std::vector<Bytes> oids;
    for (const std::string& purpose : purposes) {
      oids.push_back(OidTlv(purpose));
    }
    extensions.push_back(ExtensionTlv("2.5.29.37", false, Sequence(oids)));
  }
  parts.extensions = extensions;
  return parts;
}

// Key usage encodings of the NUC key profiles. SIGN keys have 03 02 06 C0
// (digitalSignature, nonRepudiation) and AUTH keys 03 02 05 A0
// (digitalSignature, keyEncipherment). GOST 2015 single keys have
// 03 02 03 C8 (DS, NR, keyAgreement) or 03 02 05 E0 (DS, NR,
// keyEncipherment).
const Bytes kSignKeyUsage = {0x03, 0x02, 0x06, 0xc0};
const Bytes kAuthKeyUsage = {0x03, 0x02, 0x05, 0xa0};
const Bytes kSingleKeyAgreementUsage = {0x03, 0x02, 0x03, 0xc8};
const Bytes kSingleKeyEnciphermentUsage = {0x03, 0x02, 0x05, 0xe0};
constexpr char kEmailProtection[] = "1.3.6.1.5.5.7.3.4";
constexpr char kClientAuth[] = "1.3.6.1.5.5.7.3.2";
constexpr char kIndividual[] = "1.2.398.3.3.4.1.1";
constexpr char kLegalEntity[] = "1.2.398.3.3.4.1.2";

TEST(NucProfileTest, ReadsNucSubject) {
  const NucIdentity identity = Identify(NucLikeCertificate());
  EXPECT_EQ(identity.iin, "123456789011");
  EXPECT_EQ(identity.bin, "123456789021");
  EXPECT_EQ(identity.common_name, "ТЕСТОВ ТЕСТ");
  EXPECT_EQ(identity.surname, "ТЕСТОВ");
  EXPECT_EQ(identity.given_name, "ТЕСТ");
  EXPECT_EQ(identity.patronymic, "ТЕСТОВИЧ");
  EXPECT_EQ(identity.organization, "АО \"ТЕСТ\"");
  EXPECT_EQ(identity.email, "");
  EXPECT_EQ(identity.roles, (Strings{"legal_entity", "first_head"}));
  EXPECT_EQ(identity.key_purposes, (Strings{"sign", "auth"}));
}

TEST(NucProfileTest, OldSignKeyIsForSigningOnly) {
  const NucIdentity identity =
      Identify(WithUsage(kSignKeyUsage, {kEmailProtection, kIndividual}));
  EXPECT_EQ(identity.key_purposes, Strings{"sign"});
  EXPECT_EQ(identity.roles, Strings{"individual"});
}

TEST(NucProfileTest, OldAuthKeyIsForAuthenticationOnly) {
  const NucIdentity identity =
      Identify(WithUsage(kAuthKeyUsage, {kClientAuth, kIndividual}));
  EXPECT_EQ(identity.key_purposes, Strings{"auth"});
}

TEST(NucProfileTest, AuthNeedsClientAuthOnOldKeys) {
  const NucIdentity identity =
      Identify(WithUsage(kAuthKeyUsage, {kEmailProtection, kIndividual}));
  EXPECT_TRUE(identity.key_purposes.empty());
}

TEST(NucProfileTest, SingleKeysServeBothPurposes) {
  EXPECT_EQ(Identify(WithUsage(kSingleKeyAgreementUsage, {kEmailProtection}))
                .key_purposes,
            (Strings{"sign", "auth"}));
  EXPECT_EQ(Identify(WithUsage(kSingleKeyEnciphermentUsage, {kEmailProtection}))
                .key_purposes,
            (Strings{"sign", "auth"}));
}

TEST(NucProfileTest, NoKeyUsageGivesNoPurpose) {
  EXPECT_TRUE(Identify(WithUsage(Bytes(), {kClientAuth})).key_purposes.empty());
}

TEST(NucProfileTest, InformationSystemByExtKeyUsageShape) {
  EXPECT_EQ(Identify(WithUsage(kSingleKeyAgreementUsage, {kLegalEntity})).roles,
            (Strings{"legal_entity", "information_system"}));
  EXPECT_EQ(Identify(WithUsage(kSingleKeyAgreementUsage,
                               {kLegalEntity, "1.2.398.3.3.4.1.2.6"}))
                .roles,
            (Strings{"legal_entity", "information_system"}));
}

TEST(NucProfileTest, InformationSystemByUid) {
  CertificateParts parts =
      WithUsage(kSingleKeyAgreementUsage,
                {kEmailProtection, kLegalEntity, "1.2.398.3.3.4.1.2.5"});
  parts.subject = NameTlv({
      Utf8Attribute("0.9.2342.19200300.100.1.1", "1.2.398.6.10.1.1"),
      Utf8Attribute("2.5.4.3", "ИС \"Тест\""),
      PrintableAttribute("2.5.4.11", "BIN123456789021"),
  });
  const NucIdentity identity = Identify(parts);
  EXPECT_EQ(identity.roles,
            (Strings{"legal_entity", "employee", "information_system"}));
  EXPECT_EQ(identity.iin, "");
  EXPECT_EQ(identity.bin, "123456789021");
  EXPECT_EQ(identity.given_name, "");
}

TEST(NucProfileTest, ReadsEveryRoleOid) {
  const NucIdentity identity = Identify(WithUsage(
      kSignKeyUsage,
      {"1.2.398.3.3.4.3.2.1", "1.2.398.3.3.4.3.2", "1.2.398.3.3.4.3.1",
       "1.2.398.3.3.4.3", "1.2.398.3.3.4.2.3", "1.2.398.3.3.4.2.2",
       "1.2.398.3.3.4.2.1", "1.2.398.3.3.4.2", "1.2.398.5.19.1.2.2.1",
       "1.2.398.3.3.4.1.2.5", "1.2.398.3.3.4.1.2.4", "1.2.398.3.3.4.1.2.3",
       "1.2.398.3.3.4.1.2.2", "1.2.398.3.3.4.1.2.1", kLegalEntity, kIndividual,
       kEmailProtection}));
  EXPECT_EQ(
      identity.roles,
      (Strings{"individual", "legal_entity", "first_head", "signing_right",
               "financial_signing_right", "hr", "employee", "treasury_client",
               "nca_privileges", "nca_admin", "nca_manager", "nca_operator",
               "identification", "identification_in_person",
               "identification_remote", "identification_remote_digital_id"}));
}

TEST(NucProfileTest, IgnoresMalformedIinAndBin) {
  CertificateParts parts = NucLikeCertificate();
  parts.subject = NameTlv({
      PrintableAttribute("2.5.4.5", "IIN12345678901"),
      PrintableAttribute("2.5.4.11", "BIN12345678902A"),
  });
  const NucIdentity identity = Identify(parts);
  EXPECT_EQ(identity.iin, "");
  EXPECT_EQ(identity.bin, "");
}

TEST(NucProfileTest, GivenNameNeedsSurnameFollowedBySpace) {
  CertificateParts parts = NucLikeCertificate();
  parts.subject = NameTlv({
      Utf8Attribute("2.5.4.3", "ТЕСТОВА АННА"),
      Utf8Attribute("2.5.4.4", "ТЕСТОВ"),
  });
  EXPECT_EQ(Identify(parts).given_name, "");
}

TEST(NucProfileTest, PrefersSubjectEmailOverAltName) {
  CertificateParts parts = NucLikeCertificate();
  parts.subject = NameTlv({
      Utf8Attribute("2.5.4.3", "ТЕСТОВ ТЕСТ"),
      testing::AttributeTlv("1.2.840.113549.1.9.1", der::tag::kIa5String,
                            testing::Text("subject@example.kz")),
  });
  const Bytes alt_name = Sequence(
      {Tlv(der::tag::ContextSpecific(1), testing::Text("alt@example.kz"))});
  parts.extensions.push_back(ExtensionTlv("2.5.29.17", false, alt_name));
  EXPECT_EQ(Identify(parts).email, "subject@example.kz");
  parts.subject = testing::NucSubject();
  EXPECT_EQ(Identify(parts).email, "alt@example.kz");
}

// Fixture tests. Roles and key purposes come from the descriptions in the
// fixtures' MANIFEST.md; IIN, BIN and names from OpenSSL's subject.

struct ManifestEntry {
  std::string path;         // relative to fixtures/nuc
  std::string description;  // the "what it is" column
};

std::vector<ManifestEntry> ManifestP12Entries() {
  std::ifstream in(tinysign::testing::FixturePath("nuc/MANIFEST.md"));
  std::vector<ManifestEntry> entries;
  const std::regex row(
      R"(^\| `([^`]+\.p12)` \|[^|]*\|[^|]*\|[^|]*\| ([^|]+)\|)");
  std::string line;
  while (std::getline(in, line)) {
    std::smatch match;
    if (std::regex_search(line, match, row)) {
      entries.push_back({match[1].str(), match[2].str()});
    }
  }
  return entries;
}

// ExpectedRoles maps the MANIFEST role phrases to role names.
Strings ExpectedRoles(const std::string& description) {
  if (description.find("roles: individual(ФЛ)") != std::string::npos) {
    return {"individual"};
  }
  static const std::vector<std::pair<std::string, std::string>> kPhrases = {
      {"roles: first head", "first_head"},
      {"roles: signing right", "signing_right"},
      {"roles: employee", "employee"},
      {"roles: treasury-client", "treasury_client"},
      {"roles: information system", "information_system"},
      {"roles: EKU .1.2.6 (info-system?)", "information_system"},
  };
  for (const auto& [phrase, role] : kPhrases) {
    if (description.find(phrase) != std::string::npos) {
      return {"legal_entity", role};
    }
  }
  ADD_FAILURE() << "no known role in: " << description;
  return {};
}

// ExpectedPurposes gives the purposes of a MANIFEST entry. AUTH keys of the
// old hierarchy authenticate only. Every GOST 2015-512 key is a single key
// that signs and authenticates. The other SIGN keys sign only.
Strings ExpectedPurposes(const std::string& description) {
  if (description.find("clientAuth(AUTH)") != std::string::npos) {
    return {"auth"};
  }
  if (description.find("GOST2015-512") != std::string::npos) {
    return {"sign", "auth"};
  }
  EXPECT_NE(description.find("emailProtection(SIGN)"), std::string::npos);
  return {"sign"};
}

// SubjectValues splits OpenSSL's RFC 2253 subject into type=value pairs,
// removing the escapes.
std::multimap<std::string, std::string> SubjectValues(const std::string& text) {
  std::multimap<std::string, std::string> values;
  std::string current;
  auto flush = [&] {
    const size_t equals = current.find('=');
    values.emplace(current.substr(0, equals), current.substr(equals + 1));
    current.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      current += text[++i];
    } else if (text[i] == ',' || text[i] == '+') {
      flush();
    } else {
      current += text[i];
    }
  }
  flush();
  return values;
}

std::string ValueOf(const std::multimap<std::string, std::string>& values,
                    const std::string& type) {
  auto found = values.find(type);
  return found != values.end() ? found->second : "";
}

// The first names of the NUC test persons, read by eye from their CN and
// SURNAME: "ТЕСТОВ ТЕСТ" is ТЕСТОВ + ТЕСТ, and so on.
std::string ExpectedGivenName(const std::string& common_name) {
  static const std::map<std::string, std::string> kNames = {
      {"ТЕСТОВ ТЕСТ", "ТЕСТ"},
      {"ТЕСТТОВ ТЕСТТ", "ТЕСТТ"},
      {"ТЕСТОВ САБИТ", "САБИТ"},
      {"ИС \"Тест\"", ""},
  };
  auto found = kNames.find(common_name);
  EXPECT_NE(found, kNames.end()) << common_name;
  return found != kNames.end() ? found->second : "";
}

class NucProfileFixtureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TINYSIGN_REQUIRE_FIXTURES();
    if (!testing::OpenSslAvailable()) {
      GTEST_SKIP() << "openssl not found; it extracts the PKCS#12 "
                      "certificates";
    }
    temp_dir_ = tinysign::testing::TempDir("x509-nuc-profile");
  }

  // IdentifyP12 returns the identity of the certificate in `relative`, a
  // .p12 under fixtures/nuc, and OpenSSL's view of it.
  std::pair<NucIdentity, testing::OpenSslView> IdentifyP12(
      const std::string& relative) {
    const auto ders = testing::ExtractP12Certificates(
        tinysign::testing::FixturePath("nuc/" + relative), temp_dir_);
    EXPECT_EQ(ders.size(), 1u);
    if (ders.empty()) {
      return {};
    }
    auto certificate = ParseCertificate(ders[0]);
    EXPECT_TRUE(certificate.has_value()) << certificate.error().ToString();
    if (!certificate) {
      return {};
    }
    return {ExtractNucIdentity(**certificate),
            testing::ReadWithOpenSsl(ders[0], temp_dir_)};
  }

  std::filesystem::path temp_dir_;
};

TEST_F(NucProfileFixtureTest, MatchesManifestAndOpenSsl) {
  const std::vector<ManifestEntry> entries = ManifestP12Entries();
  EXPECT_EQ(entries.size(), 62u);
  for (const ManifestEntry& entry : entries) {
    SCOPED_TRACE(entry.path);
    const auto [identity, view] = IdentifyP12(entry.path);
    EXPECT_EQ(identity.roles, ExpectedRoles(entry.description));
    EXPECT_EQ(identity.key_purposes, ExpectedPurposes(entry.description));
    const auto subject = SubjectValues(view.subject);
    const std::string serial_number = ValueOf(subject, "serialNumber");
    EXPECT_EQ(identity.iin,
              serial_number.empty() ? "" : serial_number.substr(3));
    std::string bin;
    for (auto [it, end] = subject.equal_range("OU"); it != end; ++it) {
      bin = it->second.substr(3);
    }
    EXPECT_EQ(identity.bin, bin);
    EXPECT_EQ(identity.common_name, ValueOf(subject, "CN"));
    EXPECT_EQ(identity.surname, ValueOf(subject, "SN"));
    EXPECT_EQ(identity.patronymic, ValueOf(subject, "GN"));
    EXPECT_EQ(identity.organization, ValueOf(subject, "O"));
    EXPECT_EQ(identity.given_name, ExpectedGivenName(identity.common_name));
    const auto* alt_name = view.Find("X509v3 Subject Alternative Name");
    EXPECT_EQ(identity.email,
              alt_name != nullptr ? alt_name->body.substr(6) : "");
  }
}

// The role each bundle folder is named after. The NCANode-Go folder names
// infosystem and treasury_client are swapped relative to the certificates
// they hold, as the fixtures' MANIFEST.md records.
TEST_F(NucProfileFixtureTest, MatchesBundleFolderRoles) {
  const std::vector<std::pair<std::string, std::string>> kFolders = {
      {"KEP11_EdsNcaLayer/Gost2015/2025-10-17_2026-10-17/FL/", "individual"},
      {"KEP11_EdsNcaLayer/Gost2015/2025-10-17_2026-10-17/UL/first-head/",
       "first_head"},
      {"KEP11_EdsNcaLayer/Gost2015/2025-10-17_2026-10-17/UL/"
       "employee-signing-right/",
       "signing_right"},
      {"KEP11_EdsNcaLayer/Gost2015/2025-10-17_2026-10-17/UL/employee/",
       "employee"},
      {"KEP11_EdsNcaLayer/Gost2015/2025-10-17_2026-10-17/UL/"
       "information-system/",
       "information_system"},
      {"KEP11_EdsNcaLayer/Gost2015/2025-10-17_2026-10-17/UL/treasury-client/",
       "treasury_client"},
      {"ncanode-kz_NCANode-Go/individual/", "individual"},
      {"ncanode-kz_NCANode-Go/legal/valid/head.p12", "first_head"},
      {"ncanode-kz_NCANode-Go/legal/valid/employee.p12", "employee"},
      {"ncanode-kz_NCANode-Go/legal/valid/employee_signright.p12",
       "signing_right"},
      {"ncanode-kz_NCANode-Go/legal/valid/infosystem.p12", "treasury_client"},
      {"ncanode-kz_NCANode-Go/legal/valid/treasury_client.p12",
       "information_system"},
  };
  size_t num_checked = 0;
  for (const auto& file : testing::P12Files()) {
    const std::string relative =
        std::filesystem::relative(file, tinysign::testing::FixturePath("nuc"))
            .string();
    for (const auto& [prefix, role] : kFolders) {
      if (relative.compare(0, prefix.size(), prefix) != 0) {
        continue;
      }
      SCOPED_TRACE(relative);
      const Strings roles = IdentifyP12(relative).first.roles;
      EXPECT_NE(std::find(roles.begin(), roles.end(), role), roles.end())
          << role;
      ++num_checked;
    }
  }
  // 12 KEP11 keys, 2 NCANode-Go individuals, 5 NCANode-Go legal entities.
  EXPECT_EQ(num_checked, 19u);
}

}  // namespace
}  // namespace tinysign::x509
