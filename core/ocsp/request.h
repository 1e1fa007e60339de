// OCSP requests (RFC 6960 section 4.1), built for one certificate:
//
//   OCSPRequest ::= SEQUENCE {
//     tbsRequest TBSRequest }  -- optionalSignature is not written
//   TBSRequest ::= SEQUENCE {
//     requestList       SEQUENCE OF Request,
//     requestExtensions [2] EXPLICIT Extensions OPTIONAL }
//   Request ::= SEQUENCE {
//     reqCert CertID }
//
// version (DEFAULT v1) and requestorName are left out, as OpenSSL does.
#ifndef TINYSIGN_CORE_OCSP_REQUEST_H_
#define TINYSIGN_CORE_OCSP_REQUEST_H_

#include <optional>

#include "core/crypto/digest.h"
#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::x509 {
class Certificate;
}  // namespace tinysign::x509

namespace tinysign::ocsp {

// BuildOcspRequest returns the DER OCSPRequest for `certificate`, issued by
// `issuer`, with a CertID hashed by `hash` (SHA-1 or SHA-256, see
// `EncodeCertId`). With `nonce`, it adds the id-pkix-ocsp-nonce extension
// whose value is the DER OCTET STRING of `nonce`. RFC 8954 section 2.1
// wants 1 to 32 octets, which the caller chooses. It fails as
// `EncodeCertId` does.
Result<Bytes> BuildOcspRequest(const x509::Certificate& certificate,
                               const x509::Certificate& issuer,
                               crypto::DigestAlgorithm hash,
                               std::optional<der::Input> nonce);

}  // namespace tinysign::ocsp

#endif  // TINYSIGN_CORE_OCSP_REQUEST_H_
