// X.509 v3 certificates (RFC 5280 section 4.1), DER only.
//
// `ParseCertificate` copies the input into the `Certificate`, and every view
// the certificate hands out (`der::Input` values, names, extensions) points
// into that copy. A `Certificate` is shared through
// `std::shared_ptr<const Certificate>` and cannot be copied or moved, so the
// views stay valid for as long as any owner keeps it.
//
// Example:
//   TINYSIGN_ASSIGN_OR_RETURN(auto certificate,
//                             x509::ParseCertificate(der));
//   std::string subject = certificate->subject().ToRfc4514();
//   bool ca = certificate->basic_constraints() &&
//             certificate->basic_constraints()->is_ca;
//
// Not supported / differences from RFC 5280:
// - BER: certificates must be DER (RFC 5280 section 4.1 requires DER for
//   the signed part). Explicit DEFAULT values (version v1, critical FALSE,
//   cA FALSE) are tolerated.
// - The subject public key is not parsed here; `spki_tlv()` hands its DER to
//   the crypto layer.
// - A zero serial number is accepted; a negative one is rejected.
// - issuerUniqueID and subjectUniqueID are skipped.
#ifndef TINYSIGN_CORE_X509_CERTIFICATE_H_
#define TINYSIGN_CORE_X509_CERTIFICATE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/der/input.h"
#include "core/result.h"
#include "core/time.h"
#include "core/x509/extensions.h"
#include "core/x509/name.h"

namespace tinysign::x509 {

// kMaxSerialNumberBytes is the longest serialNumber RFC 5280 4.1.2.2 allows
// ("Conforming CAs MUST NOT use serialNumber values longer than 20
// octets"), counted without the sign octet.
inline constexpr size_t kMaxSerialNumberBytes = 20;

// Version is the certificate version as encoded: v1 is 0, v3 is 2.
enum class Version { kV1 = 0, kV2 = 1, kV3 = 2 };

class Certificate {
 public:
  Certificate(const Certificate&) = delete;
  Certificate& operator=(const Certificate&) = delete;

  // der returns the whole certificate encoding.
  der::Input der() const { return der_; }
  // tbs_tlv returns the tbsCertificate encoding, the signed bytes.
  der::Input tbs_tlv() const { return tbs_tlv_; }
  // signature_algorithm_tlv returns the outer signatureAlgorithm
  // AlgorithmIdentifier encoding, byte-equal to the one inside
  // tbsCertificate.
  der::Input signature_algorithm_tlv() const {
    return signature_algorithm_tlv_;
  }
  // signature_value returns the signatureValue BIT STRING octets.
  der::Input signature_value() const { return signature_value_; }
  // spki_tlv returns the subjectPublicKeyInfo encoding.
  der::Input spki_tlv() const { return spki_tlv_; }

  Version version() const { return version_; }
  // serial returns the serialNumber as big-endian magnitude octets, without
  // the sign octet that DER adds when the top bit is set.
  der::Input serial() const { return serial_; }
  const Name& issuer() const { return issuer_; }
  const Name& subject() const { return subject_; }
  Time not_before() const { return not_before_; }
  Time not_after() const { return not_after_; }

  // extensions returns every extension; it is empty for v1 and v2
  // certificates.
  const Extensions& extensions() const { return extensions_; }
  const std::optional<BasicConstraints>& basic_constraints() const {
    return extensions_.basic_constraints;
  }
  const std::optional<KeyUsage>& key_usage() const {
    return extensions_.key_usage;
  }
  const std::optional<std::vector<der::Input>>& ext_key_usage() const {
    return extensions_.ext_key_usage;
  }
  const std::optional<std::vector<der::Input>>& policies() const {
    return extensions_.policies;
  }
  const std::optional<der::Input>& subject_key_identifier() const {
    return extensions_.subject_key_identifier;
  }
  const std::optional<AuthorityKeyIdentifier>& authority_key_identifier()
      const {
    return extensions_.authority_key_identifier;
  }
  const std::optional<std::vector<GeneralName>>& subject_alt_names() const {
    return extensions_.subject_alt_names;
  }
  const std::vector<std::string>& crl_urls() const {
    return extensions_.crl_urls;
  }
  const std::vector<std::string>& delta_crl_urls() const {
    return extensions_.delta_crl_urls;
  }
  const std::vector<std::string>& ocsp_urls() const {
    return extensions_.ocsp_urls;
  }
  const std::vector<std::string>& ca_issuers_urls() const {
    return extensions_.ca_issuers_urls;
  }
  bool has_ocsp_no_check() const { return extensions_.has_ocsp_no_check; }
  // unknown_critical_extensions returns the OIDs of critical extensions
  // TinySign does not interpret; a chain containing such a certificate must
  // be rejected (RFC 5280 section 4.2).
  const std::vector<der::Input>& unknown_critical_extensions() const {
    return extensions_.unknown_critical;
  }

  // IsSelfIssued returns true when issuer and subject match by `NamesMatch`
  // (RFC 5280 section 6.1: "the same DN appears in the subject and issuer
  // fields"). It does not check the signature.
  bool IsSelfIssued() const;

 private:
  friend Result<std::shared_ptr<const Certificate>> ParseCertificate(
      der::Input der);

  explicit Certificate(Bytes der) : der_(std::move(der)) {}
  Status Parse();
  Status ParseTbsCertificate(der::Reader* certificate);

  // der_ is never changed after construction: every view below points into
  // it.
  const Bytes der_;
  der::Input tbs_tlv_;
  der::Input tbs_signature_algorithm_tlv_;
  der::Input signature_algorithm_tlv_;
  der::Input signature_value_;
  der::Input spki_tlv_;
  Version version_ = Version::kV1;
  der::Input serial_;
  Name issuer_;
  Name subject_;
  Time not_before_;
  Time not_after_;
  Extensions extensions_;
};

// ParseCertificate parses `der`, which must hold one DER Certificate and
// nothing after it, and returns a certificate that owns a copy of the
// bytes. It fails with:
// - `input.too_large` past `limits::kMaxInputBytes`, `input.empty` for no
//   bytes;
// - `der.*` codes for malformed DER, `der.unconsumed_data` for bytes after
//   the certificate or inside any SEQUENCE past its last field;
// - `x509.bad_version` for a version other than v1, v2 or v3, or unique
//   identifiers or extensions in a version that does not allow them;
// - `der.bad_integer` for a negative serial number, `x509.malformed` for one
//   longer than `kMaxSerialNumberBytes`;
// - `der.bad_time` for a validity time that is invalid or, as GeneralizedTime,
//   has fractional seconds (RFC 5280 4.1.2.5.2);
// - `x509.algorithm_mismatch` when signatureAlgorithm differs from the
//   signature field of tbsCertificate (RFC 5280 4.1.1.2);
// - the codes of `ParseName` and `ParseExtensions`, for the names and
//   extensions.
Result<std::shared_ptr<const Certificate>> ParseCertificate(der::Input der);

}  // namespace tinysign::x509

#endif  // TINYSIGN_CORE_X509_CERTIFICATE_H_
