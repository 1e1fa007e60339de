// Signed certificate revocation lists (RFC 5280 section 5) for the test
// PKI: version 2, with authorityKeyIdentifier and cRLNumber, and for a
// delta CRL the deltaCRLIndicator naming its base CRL.
//
// Example:
//   CrlSpec spec = CrlSpecFor(issuing_ca, this_update);
//   spec.next_update = Time{this_update.unix_seconds + 86400};
//   spec.entries.push_back({revoked.serial, revocation_time,
//                           crl::ReasonCode::kKeyCompromise, {}});
//   TINYSIGN_ASSIGN_OR_RETURN(Bytes der, BuildCrl(spec, *issuing_ca.key));
//
// Not supported: indirect CRLs and issuingDistributionPoint.
#ifndef TINYSIGN_PKI_CRL_BUILDER_H_
#define TINYSIGN_PKI_CRL_BUILDER_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "core/crl/crl.h"
#include "core/result.h"
#include "core/time.h"
#include "pki/certificate_builder.h"

namespace tinysign::pki {

// CrlEntrySpec is one revokedCertificates entry. An empty optional leaves
// that entry extension out.
struct CrlEntrySpec {
  // Magnitude of the revoked certificate's serialNumber.
  Bytes serial;
  Time revocation_date;
  std::optional<crl::ReasonCode> reason;
  std::optional<Time> invalidity_date;
};

// CrlSpec is everything of a CRL but the signing key.
struct CrlSpec {
  // DER Name of the issuer; it must equal the CA certificate's subject.
  Bytes issuer_name;
  Time this_update;
  std::optional<Time> next_update;
  std::vector<CrlEntrySpec> entries;
  // keyIdentifier of authorityKeyIdentifier. An empty one leaves the
  // extension out, though RFC 5280 section 5.2.1 requires conforming CAs to
  // include it.
  Bytes authority_key_identifier;
  // cRLNumber (RFC 5280 section 5.2.3), a non-negative counter.
  int64_t crl_number = 1;
  // When set, the CRL is a delta CRL and this is the cRLNumber of the
  // complete CRL it updates (deltaCRLIndicator, RFC 5280 section 5.2.4).
  std::optional<int64_t> base_crl_number;
};

// CrlSpecFor returns a spec for a CRL issued by `issuer` at `this_update`:
// the issuer's subject and key identifier, no nextUpdate and no entries.
CrlSpec CrlSpecFor(const IssuedCertificate& issuer, Time this_update);

// BuildCrl returns the DER CertificateList of `spec`, signed by
// `signing_key` with the algorithm `SignatureAlgorithmFor` gives for it.
// Times before 2050 are UTCTime and later ones GeneralizedTime (RFC 5280
// section 5.1.2.4); invalidityDate is always GeneralizedTime (section
// 5.3.2). It fails when the key cannot sign.
Result<Bytes> BuildCrl(const CrlSpec& spec, const TestKey& signing_key);

}  // namespace tinysign::pki

#endif  // TINYSIGN_PKI_CRL_BUILDER_H_
