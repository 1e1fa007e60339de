// The OCSP responder: which certificate signed a BasicOCSPResponse, and
// the check of its signature.
//
// Example:
//   TINYSIGN_ASSIGN_OR_RETURN(auto responder,
//                             ocsp::FindResponderCertificate(*basic, {}));
//   TINYSIGN_TRY(ocsp::VerifyOcspSignature(*basic, *responder));
#ifndef TINYSIGN_CORE_OCSP_RESPONDER_H_
#define TINYSIGN_CORE_OCSP_RESPONDER_H_

#include <memory>
#include <vector>

#include "core/der/input.h"
#include "core/ocsp/response.h"
#include "core/result.h"

namespace tinysign::x509 {
class Certificate;
}  // namespace tinysign::x509

namespace tinysign::ocsp {

// ResponderIdMatches returns true when `certificate` is the one `id` names:
// its subject matches the name by `x509::NamesMatch`, or the SHA-1 of its
// public key equals the key hash.
bool ResponderIdMatches(const ResponderId& id,
                        const x509::Certificate& certificate);

// FindResponderCertificate returns the first certificate of
// `basic.certificates`, then of `candidates`, that `basic.responder_id`
// names. `candidates` are typically the issuer of the certificate in
// question, which may sign responses itself (RFC 6960 section 4.2.2.2).
// Certificates in `basic` that do not parse are skipped. It fails with
// `ocsp.responder_not_found` when none matches.
Result<std::shared_ptr<const x509::Certificate>> FindResponderCertificate(
    const BasicResponse& basic,
    const std::vector<std::shared_ptr<const x509::Certificate>>& candidates);

// VerifyOcspSignature checks that `signer`'s key signed `tbsResponseData`
// with the response's signatureAlgorithm. It does not check that `signer`
// is authorised to sign for the CA (RFC 6960 section 4.2.2.2); that is the
// revocation policy's job.
Status VerifyOcspSignature(const BasicResponse& basic,
                           const x509::Certificate& signer);

// VerifyOcspSignature checks the signature with the key in
// `signer_spki_tlv`, a DER SubjectPublicKeyInfo, for a signer known only by
// its key.
Status VerifyOcspSignature(const BasicResponse& basic,
                           der::Input signer_spki_tlv);

}  // namespace tinysign::ocsp

#endif  // TINYSIGN_CORE_OCSP_RESPONDER_H_
