#include "testpki/hierarchy.h"

#include <array>
#include <utility>

#include "core/der/tag.h"
#include "core/x509/extensions.h"
#include "core/x509/name.h"
#include "testpki/identity_number.h"
#include "testpki/nuc_extensions.h"

namespace tinysign::testpki {

namespace {

constexpr int64_t kDaySeconds = 86400;

Time DaysFrom(Time at, int64_t days) {
  return Time{at.unix_seconds + days * kDaySeconds};
}

// Profile is one kind of end entity of a hierarchy.
struct Profile {
  std::string_view name;
  std::vector<std::string> roles;
  KeyStatus status = KeyStatus::kValid;
  bool legal_entity = false;
  bool information_system = false;
  // Surname, first name and patronymic of the subject.
  std::array<std::string_view, 3> person;
};

std::vector<Profile> EndEntityProfiles() {
  return {
      {"individual",
       {"individual"},
       KeyStatus::kValid,
       false,
       false,
       {"ТЕСТОВ", "ТЕСТ", "ТЕСТОВИЧ"}},
      {"first_head",
       {"legal_entity", "first_head"},
       KeyStatus::kValid,
       true,
       false,
       {"ҚҰНАНБАЙ", "АБАЙ", "ҚҰНАНБАЙҰЛЫ"}},
      {"employee",
       {"legal_entity", "employee"},
       KeyStatus::kValid,
       true,
       false,
       {"СЕРІКОВА", "АЙГҮЛ", "СЕРІКҚЫЗЫ"}},
      {"signing_right",
       {"legal_entity", "signing_right"},
       KeyStatus::kValid,
       true,
       false,
       {"ИВАНОВ", "ИВАН", "ИВАНОВИЧ"}},
      {"revoked",
       {"individual"},
       KeyStatus::kRevoked,
       false,
       false,
       {"ОТОЗВАНОВ", "ПЁТР", "ПЕТРОВИЧ"}},
      {"expired",
       {"individual"},
       KeyStatus::kExpired,
       false,
       false,
       {"ИСТЕКШЕВ", "СЕРГЕЙ", "СЕРГЕЕВИЧ"}},
      {"information_system",
       {"legal_entity", "information_system"},
       KeyStatus::kValid,
       true,
       true,
       {}},
  };
}

// Old hierarchies (RSA, GOST 2004) give individuals and legal entity
// officers separate signing and authentication keys.
std::vector<KeyPurpose> PurposesOf(const Profile& profile, bool old_style) {
  if (!old_style) {
    return {KeyPurpose::kSignAndAuth};
  }
  if (profile.status != KeyStatus::kValid || profile.information_system) {
    return {KeyPurpose::kSign};
  }
  return {KeyPurpose::kSign, KeyPurpose::kAuth};
}

std::string_view DisplayName(std::string_view algorithm) {
  if (algorithm == "gost2004") {
    return "GOST 2004";
  }
  if (algorithm == "gost2015") {
    return "GOST 2015";
  }
  return "RSA";
}

pki::NameAttribute Printable(const der::Oid& type, std::string value) {
  return {type, std::move(value), der::tag::kPrintableString};
}

std::vector<pki::NameAttribute> CaName(std::string_view common_name) {
  return {Printable(x509::attribute::kCountry, "KZ"),
          {x509::attribute::kOrganization, "TinySign Test PKI"},
          {x509::attribute::kCommonName, std::string(common_name)}};
}

std::vector<pki::NameAttribute> EndEntityName(const Profile& profile,
                                              const EndEntity& entity) {
  const std::string organization = "ТОО «TinySign Test»";
  if (profile.information_system) {
    return {{x509::attribute::kUserId, std::string(kInformationSystemUid)},
            {x509::attribute::kCommonName, "TinySign Test Information System"},
            {x509::attribute::kOrganization, organization},
            {x509::attribute::kOrganizationalUnit, "BIN" + entity.bin}};
  }
  const auto& [surname, first_name, patronymic] = profile.person;
  std::vector<pki::NameAttribute> name = {
      {x509::attribute::kCommonName,
       std::string(surname) + " " + std::string(first_name)},
      {x509::attribute::kSurname, std::string(surname)},
      Printable(x509::attribute::kSerialNumber, "IIN" + entity.iin),
      Printable(x509::attribute::kCountry, "KZ")};
  if (profile.legal_entity) {
    name.push_back({x509::attribute::kOrganization, organization});
    name.push_back({x509::attribute::kOrganizationalUnit, "BIN" + entity.bin});
  }
  // NUC writes the patronymic, not the first name, as GIVENNAME.
  name.push_back({x509::attribute::kGivenName, std::string(patronymic)});
  return name;
}

std::vector<der::Oid> RoleOids(const Profile& profile) {
  if (profile.information_system) {
    return {kRoleLegalEntity, kRoleInformationSystem};
  }
  if (!profile.legal_entity) {
    return {kRoleIndividual};
  }
  const std::string& role = profile.roles.back();
  if (role == "first_head") {
    return {kRoleLegalEntity, kRoleFirstHead};
  }
  if (role == "signing_right") {
    return {kRoleLegalEntity, kRoleSigningRight};
  }
  return {kRoleLegalEntity, kRoleEmployee};
}

uint16_t KeyUsageOf(KeyPurpose purpose) {
  using x509::KeyUsageBit;
  using x509::KeyUsageMask;
  switch (purpose) {
    case KeyPurpose::kSign:
      return KeyUsageMask(KeyUsageBit::kDigitalSignature) |
             KeyUsageMask(KeyUsageBit::kNonRepudiation);
    case KeyPurpose::kAuth:
      return KeyUsageMask(KeyUsageBit::kDigitalSignature) |
             KeyUsageMask(KeyUsageBit::kKeyEncipherment);
    case KeyPurpose::kSignAndAuth:
      break;
  }
  return KeyUsageMask(KeyUsageBit::kDigitalSignature) |
         KeyUsageMask(KeyUsageBit::kNonRepudiation) |
         KeyUsageMask(KeyUsageBit::kKeyAgreement);
}

der::Oid PolicyOf(const Profile& profile, KeyPurpose purpose) {
  const bool auth = purpose == KeyPurpose::kAuth;
  if (purpose == KeyPurpose::kSignAndAuth) {
    return kPolicyEndEntity2015;
  }
  if (profile.legal_entity) {
    return auth ? kPolicyLegalAuth : kPolicyLegalSign;
  }
  return auth ? kPolicyIndividualAuth : kPolicyIndividualSign;
}

std::string CrlUrl(const HierarchyOptions& options, std::string_view algorithm,
                   std::string_view ca, bool delta) {
  return options.base_url + "/crl/" + CrlFileName(algorithm, ca, delta);
}

std::string CertificateUrl(const HierarchyOptions& options,
                           std::string_view algorithm, std::string_view ca) {
  return options.base_url + "/cert/" + CertificateFileName(algorithm, ca);
}

Result<std::unique_ptr<pki::TestKey>> MakeKey(const Hierarchy& hierarchy,
                                              const HierarchyOptions& options,
                                              std::string_view name) {
  const std::string seed = "tinysign testpki/" + std::to_string(options.seed) +
                           "/" + hierarchy.algorithm + "/" + std::string(name);
  TINYSIGN_ASSIGN_OR_RETURN(pki::TestKey key,
                            pki::GenerateTestKey(hierarchy.key_type, seed));
  return std::make_unique<pki::TestKey>(std::move(key));
}

pki::CertificateSpec IssuedBy(const pki::IssuedCertificate& issuer,
                              std::vector<pki::NameAttribute> subject,
                              Time not_before, Time not_after) {
  pki::CertificateSpec spec;
  spec.subject = std::move(subject);
  spec.issuer = issuer.subject;
  spec.authority_key_identifier = issuer.subject_key_identifier;
  spec.not_before = not_before;
  spec.not_after = not_after;
  return spec;
}

Status BuildAuthorities(Hierarchy& h, const HierarchyOptions& options) {
  const std::string display(DisplayName(h.algorithm));
  const bool old_style = h.algorithm != "gost2015";
  TINYSIGN_ASSIGN_OR_RETURN(h.root_key, MakeKey(h, options, "root"));
  TINYSIGN_ASSIGN_OR_RETURN(h.ca_key, MakeKey(h, options, "ca"));
  TINYSIGN_ASSIGN_OR_RETURN(h.ocsp_key, MakeKey(h, options, "ocsp"));
  TINYSIGN_ASSIGN_OR_RETURN(h.tsa_key, MakeKey(h, options, "tsa"));

  pki::CertificateSpec root = pki::RootSpec("");
  root.subject = CaName("TinySign Test Root " + display);
  root.not_before = DaysFrom(options.at, -3 * 365);
  root.not_after = DaysFrom(options.at, 20 * 365);
  root.policies = {kPolicyRoot};
  TINYSIGN_ASSIGN_OR_RETURN(
      h.root, pki::IssueCertificate(root, *h.root_key, *h.root_key));

  pki::CertificateSpec ca = pki::CaSpec("", h.root);
  ca.subject = CaName("TinySign Test NCA " + display);
  ca.not_before = DaysFrom(options.at, -2 * 365);
  ca.not_after = DaysFrom(options.at, 10 * 365);
  ca.basic_constraints->path_len_constraint = 0;
  ca.policies = {old_style ? kPolicyOldIntermediate : kPolicyEndEntity2015};
  ca.extra_extensions = {
      CrlDistributionPointsExtension(
          CrlUrl(options, h.algorithm, "root", false), false),
      AuthorityInfoAccessExtension(
          "", CertificateUrl(options, h.algorithm, "root"))};
  TINYSIGN_ASSIGN_OR_RETURN(h.ca,
                            pki::IssueCertificate(ca, *h.ca_key, *h.root_key));

  const Time service_from = DaysFrom(options.at, -365);
  const Time service_to = DaysFrom(options.at, 2 * 365);
  pki::CertificateSpec ocsp = IssuedBy(
      h.ca, CaName("TinySign Test OCSP " + display), service_from, service_to);
  ocsp.key_usage = x509::KeyUsageMask(x509::KeyUsageBit::kDigitalSignature);
  ocsp.ext_key_usage = {x509::oid::kOcspSigning};
  ocsp.extra_extensions = {OcspNoCheckExtension()};
  TINYSIGN_ASSIGN_OR_RETURN(
      h.ocsp_responder, pki::IssueCertificate(ocsp, *h.ocsp_key, *h.ca_key));

  pki::CertificateSpec tsa = IssuedBy(
      h.ca, CaName("TinySign Test TSA " + display), service_from, service_to);
  tsa.key_usage = x509::KeyUsageMask(x509::KeyUsageBit::kDigitalSignature);
  tsa.policies = {kPolicyTsa};
  tsa.extra_extensions = {
      CriticalExtKeyUsageExtension({x509::oid::kTimeStamping}),
      CrlDistributionPointsExtension(CrlUrl(options, h.algorithm, "ca", false),
                                     false)};
  TINYSIGN_ASSIGN_OR_RETURN(h.tsa,
                            pki::IssueCertificate(tsa, *h.tsa_key, *h.ca_key));
  return OkStatus();
}

std::string_view PurposeSuffix(KeyPurpose purpose) {
  switch (purpose) {
    case KeyPurpose::kSign:
      return "_sign";
    case KeyPurpose::kAuth:
      return "_auth";
    case KeyPurpose::kSignAndAuth:
      break;
  }
  return "";
}

pki::CertificateSpec EndEntitySpec(const Hierarchy& h,
                                   const HierarchyOptions& options,
                                   const Profile& profile,
                                   const EndEntity& entity) {
  Time not_before = DaysFrom(options.at, -30);
  Time not_after = DaysFrom(options.at, 365);
  if (profile.status == KeyStatus::kExpired) {
    not_before = DaysFrom(options.at, -400);
    not_after = DaysFrom(options.at, -35);
  }
  pki::CertificateSpec spec =
      IssuedBy(h.ca, EndEntityName(profile, entity), not_before, not_after);
  spec.key_usage = KeyUsageOf(entity.purpose);
  spec.ext_key_usage = {entity.purpose == KeyPurpose::kAuth
                            ? x509::oid::kClientAuth
                            : x509::oid::kEmailProtection};
  if (profile.information_system) {
    spec.ext_key_usage.clear();
  }
  for (const der::Oid& role : RoleOids(profile)) {
    spec.ext_key_usage.push_back(role);
  }
  spec.policies = {PolicyOf(profile, entity.purpose)};
  spec.extra_extensions = {
      CrlDistributionPointsExtension(CrlUrl(options, h.algorithm, "ca", false),
                                     false),
      CrlDistributionPointsExtension(CrlUrl(options, h.algorithm, "ca", true),
                                     true),
      AuthorityInfoAccessExtension(OcspUrl(options.base_url, h.algorithm),
                                   CertificateUrl(options, h.algorithm, "ca")),
      KeystoreBranchExtension()};
  return spec;
}

Status BuildEndEntities(Hierarchy& h, const HierarchyOptions& options) {
  const bool old_style = h.algorithm != "gost2015";
  for (const Profile& profile : EndEntityProfiles()) {
    const std::string person_seed = std::to_string(options.seed) + "/" +
                                    h.algorithm + "/" +
                                    std::string(profile.name);
    const std::string iin =
        profile.information_system ? std::string() : DeriveIin(person_seed);
    const std::string bin =
        profile.legal_entity ? DeriveBin(person_seed) : std::string();
    for (KeyPurpose purpose : PurposesOf(profile, old_style)) {
      EndEntity entity;
      entity.name = h.algorithm + "_" + std::string(profile.name) +
                    std::string(PurposeSuffix(purpose));
      entity.roles = profile.roles;
      entity.purpose = purpose;
      entity.status = profile.status;
      entity.iin = iin;
      entity.bin = bin;
      if (profile.status == KeyStatus::kRevoked) {
        entity.revocation_time = DaysFrom(options.at, -7);
        entity.revocation_reason = crl::ReasonCode::kKeyCompromise;
      }
      TINYSIGN_ASSIGN_OR_RETURN(entity.key, MakeKey(h, options, entity.name));
      const pki::CertificateSpec spec =
          EndEntitySpec(h, options, profile, entity);
      TINYSIGN_ASSIGN_OR_RETURN(
          entity.certificate,
          pki::IssueCertificate(spec, *entity.key, *h.ca_key));
      h.end_entities.push_back(std::move(entity));
    }
  }
  return OkStatus();
}

}  // namespace

std::string_view KeyStatusName(KeyStatus status) {
  switch (status) {
    case KeyStatus::kValid:
      return "valid";
    case KeyStatus::kRevoked:
      return "revoked";
    case KeyStatus::kExpired:
      break;
  }
  return "expired";
}

std::optional<KeyStatus> KeyStatusFromName(std::string_view name) {
  for (KeyStatus status :
       {KeyStatus::kValid, KeyStatus::kRevoked, KeyStatus::kExpired}) {
    if (KeyStatusName(status) == name) {
      return status;
    }
  }
  return std::nullopt;
}

std::string_view KeyPurposeName(KeyPurpose purpose) {
  switch (purpose) {
    case KeyPurpose::kSign:
      return "sign";
    case KeyPurpose::kAuth:
      return "auth";
    case KeyPurpose::kSignAndAuth:
      break;
  }
  return "sign_and_auth";
}

std::vector<std::string> AlgorithmNames() {
  return {"rsa", "gost2004", "gost2015"};
}

Result<Hierarchy> BuildHierarchy(std::string_view algorithm,
                                 const HierarchyOptions& options) {
  Hierarchy h;
  h.algorithm = std::string(algorithm);
  if (algorithm == "gost2004") {
    h.key_type = pki::KeyType::kGost2004;
  } else if (algorithm == "gost2015") {
    h.key_type = pki::KeyType::kGost2015_512;
  } else if (algorithm == "rsa") {
    h.key_type = pki::KeyType::kRsa2048;
  } else {
    return Fail(ErrorCode::kCryptoUnsupportedAlgorithm, std::string(algorithm));
  }
  TINYSIGN_TRY(BuildAuthorities(h, options));
  TINYSIGN_TRY(BuildEndEntities(h, options));
  return h;
}

std::string OcspUrl(std::string_view base_url, std::string_view algorithm) {
  return std::string(base_url) + "/ocsp/" + std::string(algorithm);
}

std::string TsaUrl(std::string_view base_url, std::string_view algorithm) {
  return std::string(base_url) + "/tsa/" + std::string(algorithm);
}

std::string CrlFileName(std::string_view algorithm, std::string_view ca,
                        bool delta) {
  return std::string(algorithm) + "_" + std::string(ca) +
         (delta ? "_delta.crl" : ".crl");
}

std::string CertificateFileName(std::string_view algorithm,
                                std::string_view ca) {
  return std::string(algorithm) + "_" + std::string(ca) + ".cer";
}

}  // namespace tinysign::testpki
