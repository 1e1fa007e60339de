#include "core/x509/nuc_profile.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "core/der/oid.h"

namespace tinysign::x509 {

namespace {

// NUC role OIDs placed in extKeyUsage. Source: NCANode
// (github.com/ncanode-kz/NCANode, CertificateKeyUser.java), confirmed on
// NUC test certificates for individual, legal_entity, first_head,
// signing_right, employee and treasury_client.
inline constexpr der::Oid kLegalEntity("1.2.398.3.3.4.1.2");
// NOTE: 1.2.398.3.3.4.1.2.6 has no published meaning; it occurs only on
// NUC test information-system certificates, so it is read as that role.
inline constexpr der::Oid kInformationSystemRole("1.2.398.3.3.4.1.2.6");

// The UID value of NUC information-system certificates.
constexpr std::string_view kInformationSystemUid = "1.2.398.6.10.1.1";

struct RoleOid {
  der::Oid oid;
  const char* role;
};

// The role table: one entry per role OID, in the order roles are reported.
constexpr std::array<RoleOid, 17> kRoles = {{
    {der::Oid("1.2.398.3.3.4.1.1"), "individual"},
    {kLegalEntity, "legal_entity"},
    {der::Oid("1.2.398.3.3.4.1.2.1"), "first_head"},
    {der::Oid("1.2.398.3.3.4.1.2.2"), "signing_right"},
    {der::Oid("1.2.398.3.3.4.1.2.3"), "financial_signing_right"},
    {der::Oid("1.2.398.3.3.4.1.2.4"), "hr"},
    {der::Oid("1.2.398.3.3.4.1.2.5"), "employee"},
    {kInformationSystemRole, "information_system"},
    {der::Oid("1.2.398.5.19.1.2.2.1"), "treasury_client"},
    {der::Oid("1.2.398.3.3.4.2"), "nca_privileges"},
    {der::Oid("1.2.398.3.3.4.2.1"), "nca_admin"},
    {der::Oid("1.2.398.3.3.4.2.2"), "nca_manager"},
    {der::Oid("1.2.398.3.3.4.2.3"), "nca_operator"},
    {der::Oid("1.2.398.3.3.4.3"), "identification"},
    {der::Oid("1.2.398.3.3.4.3.1"), "identification_in_person"},
    {der::Oid("1.2.398.3.3.4.3.2"), "identification_remote"},
    {der::Oid("1.2.398.3.3.4.3.2.1"), "identification_remote_digital_id"},
}};

constexpr uint16_t kDigitalSignature =
    KeyUsageMask(KeyUsageBit::kDigitalSignature);
constexpr uint16_t kNonRepudiation = KeyUsageMask(KeyUsageBit::kNonRepudiation);
constexpr uint16_t kKeyEncipherment =
    KeyUsageMask(KeyUsageBit::kKeyEncipherment);
constexpr uint16_t kKeyAgreement = KeyUsageMask(KeyUsageBit::kKeyAgreement);

// KeyPurposeRule gives `purpose` to a certificate whose keyUsage has every
// bit of `key_usage` and, when `ext_key_usage` is set, whose extKeyUsage
// lists it.
struct KeyPurposeRule {
  uint16_t key_usage;
  const der::Oid* ext_key_usage;
  const char* purpose;
};

// The NUC key profiles, as `ExtractNucIdentity` documents them.
constexpr std::array<KeyPurposeRule, 4> kKeyPurposeRules = {{
    // SIGN keys of every hierarchy.
    {kNonRepudiation, nullptr, "sign"},
    // AUTH keys of the 2015/2018 hierarchy.
    {kDigitalSignature, &oid::kClientAuth, "auth"},
    // Single keys of the GOST 2015 hierarchy, used for both.
    {kDigitalSignature | kNonRepudiation | kKeyAgreement, nullptr, "auth"},
    {kDigitalSignature | kNonRepudiation | kKeyEncipherment, nullptr, "auth"},
}};

bool Lists(const std::vector<der::Input>& oids, const der::Oid& oid) {
  return std::any_of(oids.begin(), oids.end(),
                     [&](der::Input entry) { return oid == entry; });
}

void AddOnce(std::string value, std::vector<std::string>* list) {
  if (std::find(list->begin(), list->end(), value) == list->end()) {
    list->push_back(std::move(value));
  }
}

// DigitsAfterPrefix returns the 12 digits after `prefix` when `text` is
// exactly the prefix and 12 ASCII digits, else "".
std::string DigitsAfterPrefix(const std::string* text,
                              std::string_view prefix) {
  constexpr size_t kNumDigits = 12;
  if (text == nullptr || text->size() != prefix.size() + kNumDigits ||
      text->compare(0, prefix.size(), prefix) != 0) {
    return "";
  }
  const std::string digits = text->substr(prefix.size());
  const bool all_digits = std::all_of(digits.begin(), digits.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  return all_digits ? digits : "";
}

std::string BinOf(const Name& subject) {
  for (const std::string& unit :
       subject.FindAll(attribute::kOrganizationalUnit)) {
    std::string bin = DigitsAfterPrefix(&unit, "BIN");
    if (!bin.empty()) {
      return bin;
    }
  }
  return "";
}

std::string TextOrEmpty(const std::string* text) {
  return text != nullptr ? *text : "";
}

// GivenNameOf applies the CN heuristic that the header's NOTE describes.
std::string GivenNameOf(const std::string& common_name,
                        const std::string& surname) {
  if (surname.empty() || common_name.size() <= surname.size() ||
      common_name.compare(0, surname.size(), surname) != 0 ||
      common_name[surname.size()] != ' ') {
    return "";
  }
  const size_t start = common_name.find_first_not_of(' ', surname.size());
  return start == std::string::npos ? "" : common_name.substr(start);
}

std::string EmailOf(const Certificate& certificate) {
  const std::string* subject_email =
      certificate.subject().FindFirst(attribute::kEmailAddress);
  if (subject_email != nullptr) {
    return *subject_email;
  }
  if (!certificate.subject_alt_names()) {
    return "";
  }
  for (const GeneralName& name : *certificate.subject_alt_names()) {
    if (name.kind == GeneralName::Kind::kRfc822Name) {
      return name.text;
    }
  }
  return "";
}

// HasInformationSystemShape returns true for an extKeyUsage that contains
// legal_entity and nothing else but the information-system role OID.
bool HasInformationSystemShape(const std::vector<der::Input>& purposes) {
  return Lists(purposes, kLegalEntity) &&
         std::all_of(purposes.begin(), purposes.end(), [](der::Input entry) {
           return kLegalEntity == entry || kInformationSystemRole == entry;
         });
}

std::vector<std::string> RolesOf(const Certificate& certificate) {
  static const std::vector<der::Input> kNoPurposes;
  const std::vector<der::Input>& purposes =
      certificate.ext_key_usage() ? *certificate.ext_key_usage() : kNoPurposes;
  const std::string* uid = certificate.subject().FindFirst(attribute::kUserId);
  const bool information_system =
      (uid != nullptr && *uid == kInformationSystemUid) ||
      HasInformationSystemShape(purposes);
  std::vector<std::string> roles;
  for (const RoleOid& entry : kRoles) {
    const bool by_rule =
        information_system && entry.oid == kInformationSystemRole;
    if (by_rule || Lists(purposes, entry.oid)) {
      AddOnce(entry.role, &roles);
    }
  }
  return roles;
}

std::vector<std::string> KeyPurposesOf(const Certificate& certificate) {
  std::vector<std::string> purposes;
  if (!certificate.key_usage()) {
    return purposes;
  }
  const uint16_t mask = certificate.key_usage()->mask();
  for (const KeyPurposeRule& rule : kKeyPurposeRules) {
    if ((mask & rule.key_usage) != rule.key_usage) {
      continue;
    }
    if (rule.ext_key_usage != nullptr &&
        !(certificate.ext_key_usage() &&
          Lists(*certificate.ext_key_usage(), *rule.ext_key_usage))) {
      continue;
    }
    AddOnce(rule.purpose, &purposes);
  }
  return purposes;
}

}  // namespace

NucIdentity ExtractNucIdentity(const Certificate& certificate) {
  const Name& subject = certificate.subject();
  NucIdentity identity;
  identity.iin =
      DigitsAfterPrefix(subject.FindFirst(attribute::kSerialNumber), "IIN");
  identity.bin = BinOf(subject);
  identity.common_name = TextOrEmpty(subject.FindFirst(attribute::kCommonName));
  identity.surname = TextOrEmpty(subject.FindFirst(attribute::kSurname));
  identity.given_name = GivenNameOf(identity.common_name, identity.surname);
  identity.patronymic = TextOrEmpty(subject.FindFirst(attribute::kGivenName));
  identity.organization =
      TextOrEmpty(subject.FindFirst(attribute::kOrganization));
  identity.email = EmailOf(certificate);
  identity.roles = RolesOf(certificate);
  identity.key_purposes = KeyPurposesOf(certificate);
  return identity;
}

}  // namespace tinysign::x509
