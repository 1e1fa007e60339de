// Certificate extensions (RFC 5280 section 4.2) that chain building, the NUC
// profile and revocation checking need.
//
// `ParseExtensions` reads the whole Extensions SEQUENCE, interprets the
// extensions listed in `Extensions` and keeps every extension, known or not,
// in `Extensions::all`. An unknown critical extension is recorded, not
// rejected. RFC 5280 section 4.2 requires rejecting a certificate that has
// one, and the chain checker does so; parsing it anyway lets a report still
// show the certificate.
//
// Not supported:
// - Policy qualifiers are checked for shape only, and their values skipped.
// - Only the URIs of a distribution point's fullName are kept. A
//   nameRelativeToCRLIssuer is only checked to be a non-empty SET, and the
//   reasons field is skipped; cRLIssuer is parsed but not kept.
// - nameConstraints, policyConstraints, policyMappings and inhibitAnyPolicy
//   are not interpreted, so when critical they count as unknown.
#ifndef TINYSIGN_CORE_X509_EXTENSIONS_H_
#define TINYSIGN_CORE_X509_EXTENSIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/der/input.h"
#include "core/der/oid.h"
#include "core/result.h"
#include "core/x509/general_name.h"

namespace tinysign::x509 {

// OIDs of extensions, access methods and key purposes, from RFC 5280
// section 4.2 and appendix A.2 unless noted.
namespace oid {
// id-ce-subjectKeyIdentifier
inline constexpr der::Oid kSubjectKeyIdentifier("2.5.29.14");
// id-ce-keyUsage
inline constexpr der::Oid kKeyUsage("2.5.29.15");
// id-ce-subjectAltName
inline constexpr der::Oid kSubjectAltName("2.5.29.17");
// id-ce-basicConstraints
inline constexpr der::Oid kBasicConstraints("2.5.29.19");
// id-ce-cRLDistributionPoints
inline constexpr der::Oid kCrlDistributionPoints("2.5.29.31");
// id-ce-certificatePolicies
inline constexpr der::Oid kCertificatePolicies("2.5.29.32");
// id-ce-authorityKeyIdentifier
inline constexpr der::Oid kAuthorityKeyIdentifier("2.5.29.35");
// id-ce-extKeyUsage
inline constexpr der::Oid kExtKeyUsage("2.5.29.37");
// id-ce-freshestCRL: where the delta CRLs are.
inline constexpr der::Oid kFreshestCrl("2.5.29.46");
// id-pe-authorityInfoAccess
inline constexpr der::Oid kAuthorityInfoAccess("1.3.6.1.5.5.7.1.1");
// id-pkix-ocsp-nocheck (RFC 6960 section 4.2.2.2.1), on OCSP responder
// certificates.
inline constexpr der::Oid kOcspNoCheck("1.3.6.1.5.5.7.48.1.5");
// NUC "keystore_branch", non-critical, value SEQUENCE { OID }; its meaning
// is not published, so it is kept as an unknown extension.
inline constexpr der::Oid kNucKeystoreBranch("1.2.398.3.3.5");

// id-ad-ocsp
inline constexpr der::Oid kAccessMethodOcsp("1.3.6.1.5.5.7.48.1");
// id-ad-caIssuers
inline constexpr der::Oid kAccessMethodCaIssuers("1.3.6.1.5.5.7.48.2");

// anyExtendedKeyUsage
inline constexpr der::Oid kAnyExtendedKeyUsage("2.5.29.37.0");
// id-kp-serverAuth
inline constexpr der::Oid kServerAuth("1.3.6.1.5.5.7.3.1");
// id-kp-clientAuth; NUC authentication keys of the 2015/2018 hierarchy.
inline constexpr der::Oid kClientAuth("1.3.6.1.5.5.7.3.2");
// id-kp-codeSigning
inline constexpr der::Oid kCodeSigning("1.3.6.1.5.5.7.3.3");
// id-kp-emailProtection; NUC signing keys.
inline constexpr der::Oid kEmailProtection("1.3.6.1.5.5.7.3.4");
// id-kp-timeStamping
inline constexpr der::Oid kTimeStamping("1.3.6.1.5.5.7.3.8");
// id-kp-OCSPSigning
inline constexpr der::Oid kOcspSigning("1.3.6.1.5.5.7.3.9");
}  // namespace oid

// KeyUsageBit numbers the named bits of KeyUsage (RFC 5280 4.2.1.3).
enum class KeyUsageBit {
  kDigitalSignature = 0,
  kNonRepudiation = 1,  // contentCommitment in X.509 (2005) and later
  kKeyEncipherment = 2,
  kDataEncipherment = 3,
  kKeyAgreement = 4,
  kKeyCertSign = 5,
  kCrlSign = 6,
  kEncipherOnly = 7,
  kDecipherOnly = 8,
};

// KeyUsage is the set of key usage bits a certificate asserts.
class KeyUsage {
 public:
  KeyUsage() = default;
  // The constructor takes a mask in which bit n is named bit n.
  explicit KeyUsage(uint16_t mask) : mask_(mask) {}

  bool Has(KeyUsageBit bit) const {
    return (mask_ >> static_cast<int>(bit)) & 1;
  }
  // mask returns the bits, bit n being named bit n.
  uint16_t mask() const { return mask_; }

  friend bool operator==(KeyUsage a, KeyUsage b) = default;

 private:
  uint16_t mask_ = 0;
};

// KeyUsageMask returns the mask with `bit` set, for building masks.
constexpr uint16_t KeyUsageMask(KeyUsageBit bit) {
  return static_cast<uint16_t>(1u << static_cast<int>(bit));
}

// Extension is one extension as encoded.
struct Extension {
  // OBJECT IDENTIFIER contents of extnID.
  der::Input oid;
  bool critical = false;
  // Contents of the extnValue OCTET STRING: the DER of the extension value.
  der::Input value;
};

// BasicConstraints is the value of id-ce-basicConstraints.
struct BasicConstraints {
  bool is_ca = false;
  std::optional<int64_t> path_len_constraint;
};

// AuthorityKeyIdentifier is the value of id-ce-authorityKeyIdentifier.
struct AuthorityKeyIdentifier {
  std::optional<der::Input> key_identifier;
  // authorityCertIssuer; empty when absent.
  std::vector<GeneralName> authority_cert_issuer;
  // authorityCertSerialNumber as INTEGER contents.
  std::optional<der::Input> authority_cert_serial_number;
};

// Extensions contains every extension of a certificate and the values of
// those TinySign interprets. An `std::optional` or an empty list means the
// extension is absent.
struct Extensions {
  // Every extension in encoding order.
  std::vector<Extension> all;
  // OIDs of critical extensions that TinySign does not interpret.
  std::vector<der::Input> unknown_critical;

  std::optional<BasicConstraints> basic_constraints;
  std::optional<KeyUsage> key_usage;
  // extKeyUsage purposes as OID contents.
  std::optional<std::vector<der::Input>> ext_key_usage;
  // certificatePolicies policy identifiers as OID contents.
  std::optional<std::vector<der::Input>> policies;
  std::optional<der::Input> subject_key_identifier;
  std::optional<AuthorityKeyIdentifier> authority_key_identifier;
  std::optional<std::vector<GeneralName>> subject_alt_names;
  // URIs in the fullName of each cRLDistributionPoints entry.
  std::vector<std::string> crl_urls;
  // URIs in the fullName of each freshestCRL entry: the delta CRLs.
  std::vector<std::string> delta_crl_urls;
  // authorityInfoAccess URIs for id-ad-ocsp and id-ad-caIssuers.
  std::vector<std::string> ocsp_urls;
  std::vector<std::string> ca_issuers_urls;
  bool has_ocsp_no_check = false;

  // Find returns the extension with OID `oid`, or nullptr.
  const Extension* Find(const der::Oid& oid) const;
};

// ParseExtensions parses `extensions_tlv`, one DER
// `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension`. The result views
// `extensions_tlv`. It fails with:
// - `x509.duplicate_extension` when an extnID occurs twice (RFC 5280 4.2);
// - `x509.bad_extension` when a known extension's value is malformed or not
//   fully consumed, or the list is empty;
// - `der.*` codes when the list itself is malformed, and
//   `der.too_many_elements` past `limits::kMaxElementsPerList` entries.
Result<Extensions> ParseExtensions(der::Input extensions_tlv);

}  // namespace tinysign::x509

#endif  // TINYSIGN_CORE_X509_EXTENSIONS_H_
