// Revocation evidence a caller hands to the verifier: OCSP responses and
// CRLs, already parsed. The core does no fetching; the CLI reads files and
// the service fetches from the responders and distribution points.
#ifndef TINYSIGN_CORE_VERIFY_REVOCATION_EVIDENCE_H_
#define TINYSIGN_CORE_VERIFY_REVOCATION_EVIDENCE_H_

#include <memory>
#include <optional>
#include <vector>

#include "core/crl/crl.h"
#include "core/der/input.h"
#include "core/ocsp/response.h"

namespace tinysign::verify {

// OcspEvidence is one OCSP response, with the nonce of the request it
// replies to when the caller sent one.
struct OcspEvidence {
  std::shared_ptr<const ocsp::OcspResponse> response;
  // nonce is the value the request carried; when set, the response must
  // echo it (RFC 8954 section 2.1).
  std::optional<Bytes> nonce;
};

// RevocationEvidence is every OCSP response and CRL the caller has. Each
// piece is used for the certificates it is about and ignored for others,
// so a caller may pass the CRLs of every CA it trusts.
struct RevocationEvidence {
  std::vector<OcspEvidence> ocsp;
  // crls contains complete and delta CRLs; a delta is used together with a
  // complete CRL it updates.
  std::vector<std::shared_ptr<const crl::Crl>> crls;

  bool empty() const { return ocsp.empty() && crls.empty(); }
};

}  // namespace tinysign::verify

#endif  // TINYSIGN_CORE_VERIFY_REVOCATION_EVIDENCE_H_
