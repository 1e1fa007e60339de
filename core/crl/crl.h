// Certificate revocation lists (RFC 5280 section 5), in DER.
//
// `ParseCrl` reads a CertificateList once into an owned buffer and keeps
// views into it: the exact `tbsCertList` bytes for signature checking, the
// header fields, the CRL extensions, and every revoked entry. Entries get a
// sorted index by serial number at parse time, so `FindRevoked` is a binary
// search even for CRLs with hundreds of thousands of entries.
//
// Example:
//   TINYSIGN_ASSIGN_OR_RETURN(auto crl, crl::ParseCrl(der));
//   TINYSIGN_TRY(crl::VerifyCrlSignature(*crl, *issuer));
//   if (auto entry = crl->FindRevoked(certificate->serial())) { ... }
//
// Not supported (parsing fails with `crl.unknown_critical_extension`, as
// RFC 5280 sections 5.2 and 5.3 require for extensions a reader cannot
// process): indirect CRLs, whose entries carry the critical
// certificateIssuer extension, and any other unknown critical extension.
// issuingDistributionPoint and freshestCRL are kept as raw DER for the
// revocation policy to interpret.
#ifndef TINYSIGN_CORE_CRL_CRL_H_
#define TINYSIGN_CORE_CRL_CRL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/der/input.h"
#include "core/der/oid.h"
#include "core/result.h"
#include "core/time.h"

namespace tinysign::x509 {
class Certificate;
}  // namespace tinysign::x509

namespace tinysign::crl {

// CRL and CRL entry extension OIDs, from RFC 5280 sections 5.2 and 5.3
// (id-ce is 2.5.29).
inline constexpr der::Oid kIdCeCrlNumber("2.5.29.20");
inline constexpr der::Oid kIdCeCrlReasons("2.5.29.21");
inline constexpr der::Oid kIdCeHoldInstructionCode("2.5.29.23");
inline constexpr der::Oid kIdCeInvalidityDate("2.5.29.24");
inline constexpr der::Oid kIdCeDeltaCrlIndicator("2.5.29.27");
inline constexpr der::Oid kIdCeIssuingDistributionPoint("2.5.29.28");
inline constexpr der::Oid kIdCeCertificateIssuer("2.5.29.29");
inline constexpr der::Oid kIdCeAuthorityKeyIdentifier("2.5.29.35");
inline constexpr der::Oid kIdCeFreshestCrl("2.5.29.46");

// ReasonCode is CRLReason (RFC 5280 section 5.3.1). Value 7 is unused.
enum class ReasonCode : uint8_t {
  kUnspecified = 0,
  kKeyCompromise = 1,
  kCaCompromise = 2,
  kAffiliationChanged = 3,
  kSuperseded = 4,
  kCessationOfOperation = 5,
  kCertificateHold = 6,
  kRemoveFromCrl = 8,
  kPrivilegeWithdrawn = 9,
  kAaCompromise = 10,
};

// ReasonCodeFromValue returns the reason with the ENUMERATED value `value`,
// or nothing for a value that RFC 5280 does not define.
std::optional<ReasonCode> ReasonCodeFromValue(int64_t value);

// ReasonCodeName returns the ASN.1 name of `reason`, such as
// "keyCompromise", or "" for a value that is not an enumerator.
std::string_view ReasonCodeName(ReasonCode reason);

// RevokedCertificate is one entry of revokedCertificates. `serial_number`
// points into the CRL's buffer and is valid as long as the `Crl` is.
struct RevokedCertificate {
  // serial_number is the big-endian magnitude without a sign byte, the form
  // `der::Reader::ReadUnsignedInteger` returns. RFC 5280 section 4.1.2.2
  // forbids negative serials, but users "SHOULD be prepared to gracefully
  // handle" them: for one, `negative_serial` is true and `serial_number` is
  // the INTEGER's two's-complement contents.
  der::Input serial_number;
  bool negative_serial = false;
  Time revocation_date;
  std::optional<ReasonCode> reason;
  std::optional<Time> invalidity_date;
};

// Crl is a parsed CertificateList. It owns its bytes, and every `der::Input`
// it returns points into them, so it is shared, never copied.
class Crl {
 public:
  Crl(const Crl&) = delete;
  Crl& operator=(const Crl&) = delete;

  // version returns 1 or 2 (the encoded value plus one); version 1 CRLs
  // have no version field and no extensions.
  int version() const { return version_; }
  der::Input der() const { return der::Input(der_); }
  // tbs_cert_list_tlv is what the signature covers.
  der::Input tbs_cert_list_tlv() const { return tbs_cert_list_tlv_; }
  // signature_algorithm_tlv is the outer AlgorithmIdentifier; the one inside
  // `tbsCertList` was checked to be the same at parse time.
  der::Input signature_algorithm_tlv() const { return signature_algorithm_; }
  // signature_value is the BIT STRING contents without the unused-bits byte.
  der::Input signature_value() const { return signature_value_; }
  der::Input issuer_tlv() const { return issuer_; }
  Time this_update() const { return this_update_; }
  std::optional<Time> next_update() const { return next_update_; }

  // num_entries and entry walk revokedCertificates in CRL order.
  size_t num_entries() const { return entries_.size(); }
  RevokedCertificate entry(size_t index) const;

  // FindRevoked returns the entry for `serial_number` (magnitude bytes, as
  // `ReadUnsignedInteger` returns them) in O(log n), or nothing when the
  // serial is not listed. Negative serials never match. When a serial is
  // listed twice, the first entry in CRL order is returned.
  std::optional<RevokedCertificate> FindRevoked(der::Input serial_number) const;

  // crl_number is the cRLNumber extension as magnitude bytes.
  std::optional<der::Input> crl_number() const { return crl_number_; }
  // base_crl_number is the deltaCRLIndicator extension (the number of the
  // complete CRL this delta updates); it is set only on delta CRLs.
  std::optional<der::Input> base_crl_number() const { return base_crl_number_; }
  bool is_delta() const { return base_crl_number_.has_value(); }
  // authority_key_identifier is the keyIdentifier of the
  // authorityKeyIdentifier extension.
  std::optional<der::Input> authority_key_identifier() const {
    return authority_key_identifier_;
  }
  // issuing_distribution_point and freshest_crl are the DER inside the
  // extnValue of those extensions, unparsed.
  std::optional<der::Input> issuing_distribution_point() const {
    return issuing_distribution_point_;
  }
  std::optional<der::Input> freshest_crl() const { return freshest_crl_; }

 private:
  friend class CrlParser;
  friend Result<std::shared_ptr<const Crl>> ParseCrl(der::Input input);
  Crl() = default;

  // Entry is the compact form of one revoked entry: 40 bytes on 64-bit
  // targets, plus 4 bytes in `sorted_`.
  struct Entry {
    der::Input serial_number;
    int64_t revocation_date = 0;
    int64_t invalidity_date = 0;
    uint8_t flags = 0;
    uint8_t reason = 0;
  };
  static constexpr uint8_t kNegativeSerial = 1;
  static constexpr uint8_t kHasReason = 2;
  static constexpr uint8_t kHasInvalidityDate = 4;

  static RevokedCertificate ToRevokedCertificate(const Entry& entry);
  void BuildIndex();

  Bytes der_;
  int version_ = 1;
  der::Input tbs_cert_list_tlv_;
  der::Input signature_algorithm_;
  der::Input signature_value_;
  der::Input issuer_;
  Time this_update_;
  std::optional<Time> next_update_;
  std::vector<Entry> entries_;
  // sorted_ contains indexes into `entries_`, ordered by serial number.
  std::vector<uint32_t> sorted_;
  std::optional<der::Input> crl_number_;
  std::optional<der::Input> base_crl_number_;
  std::optional<der::Input> authority_key_identifier_;
  std::optional<der::Input> issuing_distribution_point_;
  std::optional<der::Input> freshest_crl_;
};

// ParseCrl parses a DER CertificateList of at most `limits::kMaxInputBytes`
// bytes with at most `limits::kMaxCrlEntries` entries. It copies `input`.
// Errors: DER errors for bad encodings, `crl.malformed` for a field that is
// well-formed DER but breaks RFC 5280 section 5, `crl.bad_version`,
// `crl.algorithm_mismatch` when the two signature AlgorithmIdentifiers
// differ, and `crl.unknown_critical_extension`.
Result<std::shared_ptr<const Crl>> ParseCrl(der::Input input);

// VerifyCrlSignature checks that `issuer` issued `crl`: its subject must
// match the CRL issuer by `x509::NamesMatch`, and when both the CRL's
// authorityKeyIdentifier and `issuer`'s subjectKeyIdentifier are present
// they must be equal (`crl.issuer_mismatch` otherwise). Then it verifies the
// signature over `tbsCertList` with `issuer`'s key, failing with the codes
// of `crypto::VerifySignature`, such as `crypto.signature_mismatch`. It
// checks neither the CRL's times nor `issuer`'s key usage.
Status VerifyCrlSignature(const Crl& crl, const x509::Certificate& issuer);

}  // namespace tinysign::crl

#endif  // TINYSIGN_CORE_CRL_CRL_H_
