// Revocation evidence a caller hands to the verifier: OCSP responses and
// CRLs, already parsed, and the fetches that gave none. The core does no
// fetching; the CLI reads files and fetches with --online, and the service
// fetches from the responders and distribution points.
#ifndef TINYSIGN_CORE_VERIFY_REVOCATION_EVIDENCE_H_
#define TINYSIGN_CORE_VERIFY_REVOCATION_EVIDENCE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/crl/crl.h"
#include "core/der/input.h"
#include "core/ocsp/response.h"
#include "core/result.h"
#include "core/x509/certificate.h"

namespace tinysign::verify {

// OcspEvidence is one OCSP response, with the nonce of the request it
// replies to when the caller sent one.
struct OcspEvidence {
  std::shared_ptr<const ocsp::OcspResponse> response;
  // nonce is the value the request carried; when set, the response must
  // echo it (RFC 8954 section 2.1).
  std::optional<Bytes> nonce;
};

// FailedFetch is one attempt of the caller to fetch evidence that gave
// none, kept so that the report can explain an unknown status.
struct FailedFetch {
  // certificate is the certificate whose status was requested. It is
  // matched by its DER, so it may come from a separate parse.
  std::shared_ptr<const x509::Certificate> certificate;
  // source names what was fetched, such as "the OCSP response" or
  // "the CRL at http://127.0.0.1:8081/crl/nca_gost2015.crl".
  std::string source;
  Error error;
};

// RevocationEvidence is every OCSP response and CRL the caller has. Each
// piece is used for the certificates it is about and ignored for others,
// so a caller may pass the CRLs of every CA it trusts.
struct RevocationEvidence {
  std::vector<OcspEvidence> ocsp;
  // crls contains complete and delta CRLs; a delta is used together with a
  // complete CRL it updates.
  std::vector<std::shared_ptr<const crl::Crl>> crls;
  // failed_fetches never change a status. When the status of their
  // certificate stays unknown, each becomes a reason with its own error
  // code, such as `fetch.timed_out`.
  std::vector<FailedFetch> failed_fetches = {};

  // empty returns true when there is no OCSP response and no CRL, whatever
  // `failed_fetches` contains.
  bool empty() const { return ocsp.empty() && crls.empty(); }
};

}  // namespace tinysign::verify

#endif  // TINYSIGN_CORE_VERIFY_REVOCATION_EVIDENCE_H_
