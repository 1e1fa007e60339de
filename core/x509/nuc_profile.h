// The signer identity and key purposes of a NUC RK certificate, read from
// the subject, extKeyUsage and keyUsage as the National Certification
// Authority of Kazakhstan (pki.gov.kz) fills them.
//
// The NUC subject profile: SERIALNUMBER is "IIN" and the 12-digit
// individual identification number; OU is "BIN" and the 12-digit business
// identification number (legal entities only); SURNAME is the surname;
// GIVENNAME is the patronymic, not the first name; CN is "SURNAME NAME", so
// the first name only exists inside CN. Information-system certificates
// carry UID "1.2.398.6.10.1.1" and no IIN.
//
// Example:
//   x509::NucIdentity who = x509::ExtractNucIdentity(*certificate);
//   // who.iin == "123456789011", who.roles == {"legal_entity", "first_head"}
#ifndef TINYSIGN_CORE_X509_NUC_PROFILE_H_
#define TINYSIGN_CORE_X509_NUC_PROFILE_H_

#include <string>
#include <vector>

#include "core/x509/certificate.h"

namespace tinysign::x509 {

// NucIdentity is the signer identity of the report's "certificate" object.
// A field the certificate does not carry is empty.
struct NucIdentity {
  // 12 digits from SERIALNUMBER "IIN…".
  std::string iin;
  // 12 digits from OU "BIN…".
  std::string bin;
  std::string common_name;
  std::string surname;
  // The first name, derived from CN (see `ExtractNucIdentity`).
  std::string given_name;
  // The patronymic, from the GIVENNAME attribute.
  std::string patronymic;
  std::string organization;
  // E in the subject, else the first rfc822Name of subjectAltName.
  std::string email;
  // Role names such as "individual", "legal_entity", "first_head", in the
  // order of the role table, each once.
  std::vector<std::string> roles;
  // "sign" and/or "auth", in that order.
  std::vector<std::string> key_purposes;
};

// ExtractNucIdentity reads the NUC profile of `certificate`. It never fails:
// a certificate outside the profile gives empty fields.
//
// Roles come from the role OIDs in extKeyUsage (NUC's OID arc
// 1.2.398.3.3.4, and 1.2.398.5.19.1.2.2.1 for treasury clients).
// "information_system" is also given for a subject UID of
// "1.2.398.6.10.1.1", or an extKeyUsage holding only 1.2.398.3.3.4.1.2 and
// optionally 1.2.398.3.3.4.1.2.6.
//
// Key purposes follow the NUC key profiles:
// - "sign" when keyUsage has nonRepudiation: the SIGN keys of the 2015/2018
//   hierarchy (digitalSignature + nonRepudiation, emailProtection), and
//   every single key of the GOST 2015 hierarchy.
// - "auth" when extKeyUsage has clientAuth and keyUsage has
//   digitalSignature: the AUTH keys of the 2015/2018 hierarchy
//   (digitalSignature + keyEncipherment).
// - "auth" too for the single keys NUC has issued since 2022, one per
//   person and used for both: keyUsage digitalSignature + nonRepudiation +
//   keyAgreement, or keyEncipherment in place of keyAgreement, without
//   clientAuth.
// A certificate without keyUsage gets no purpose; every NUC end-entity
// certificate carries it.
//
// NOTE: the first name is CN with the surname and the following spaces
// removed, when CN starts with the surname; otherwise it is empty. NUC
// writes CN as "SURNAME NAME", but nothing in the certificate marks where
// the surname ends.
NucIdentity ExtractNucIdentity(const Certificate& certificate);

}  // namespace tinysign::x509

#endif  // TINYSIGN_CORE_X509_NUC_PROFILE_H_
