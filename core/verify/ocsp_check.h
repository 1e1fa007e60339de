// Evaluation of one OCSP response as evidence for one certificate (RFC
// 6960): the response status, the SingleResponse whose CertID names the
// certificate, the responder's authority and signature, the nonce, and
// the times.
#ifndef TINYSIGN_CORE_VERIFY_OCSP_CHECK_H_
#define TINYSIGN_CORE_VERIFY_OCSP_CHECK_H_

#include "core/verify/revocation_evidence.h"
#include "core/verify/revocation_finding.h"

namespace tinysign::verify {

// CheckOcspEvidence evaluates `evidence` for `question`. The responder is
// authorised when it is the certificate's issuer, or a certificate the
// issuer signed with the id-kp-OCSPSigning extended key usage that was
// valid at the response's producedAt (RFC 6960 section 4.2.2.2).
RevocationFinding CheckOcspEvidence(const OcspEvidence& evidence,
                                    const RevocationQuestion& question);

}  // namespace tinysign::verify

#endif  // TINYSIGN_CORE_VERIFY_OCSP_CHECK_H_
