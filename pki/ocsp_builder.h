// Signed OCSP responses (RFC 6960 section 4.2) for the test PKI, and the
// CertID of a certificate that a request or a SingleResponse names.
//
// Example:
//   TINYSIGN_ASSIGN_OR_RETURN(
//       Bytes cert_id, BuildCertId(leaf.der, issuing_ca.der,
//                                  crypto::DigestAlgorithm::kSha1));
//   OcspResponseSpec spec;
//   spec.responder_name = EncodeName(responder.subject);
//   spec.produced_at = now;
//   spec.responses.push_back(GoodResponse(cert_id, now));
//   spec.certificates.push_back(responder.der);
//   TINYSIGN_ASSIGN_OR_RETURN(Bytes der,
//                             BuildOcspResponse(spec, *responder.key));
//
// Not supported: response types other than id-pkix-ocsp-basic and
// extensions other than the nonce.
#ifndef TINYSIGN_PKI_OCSP_BUILDER_H_
#define TINYSIGN_PKI_OCSP_BUILDER_H_

#include <optional>
#include <vector>

#include "core/crl/crl.h"
#include "core/crypto/digest.h"
#include "core/der/input.h"
#include "core/ocsp/response.h"
#include "core/result.h"
#include "core/time.h"
#include "pki/certificate_builder.h"

namespace tinysign::pki {

// SingleResponseSpec is one certificate's status.
struct SingleResponseSpec {
  // DER CertID, as `BuildCertId` returns it or as a request carried it.
  Bytes cert_id;
  ocsp::CertStatus status = ocsp::CertStatus::kGood;
  // revocation_time and revocation_reason are written only for kRevoked.
  Time revocation_time;
  std::optional<crl::ReasonCode> revocation_reason;
  Time this_update;
  std::optional<Time> next_update;
};

// OcspResponseSpec is everything of an OCSPResponse but the signing key.
// For a status other than successful, only `status` is written: RFC 6960
// section 4.2.1 sends no responseBytes with an error status.
struct OcspResponseSpec {
  ocsp::ResponseStatus status = ocsp::ResponseStatus::kSuccessful;
  ocsp::ResponderId::Kind responder_id_kind = ocsp::ResponderId::Kind::kByName;
  // DER Name of the responder, written for kByName. For kByKey the key
  // hash is computed from the signing key.
  Bytes responder_name;
  Time produced_at;
  std::vector<SingleResponseSpec> responses;
  // Value of the nonce extension (RFC 8954 section 2.1: the contents of
  // the Nonce OCTET STRING). An empty optional leaves the extension out.
  std::optional<Bytes> nonce;
  // DER certificates for `certs`, typically the responder's own. An empty
  // list leaves the field out.
  std::vector<Bytes> certificates;
};

// BuildCertId returns the DER CertID of `certificate_der` issued by
// `issuer_der` with hashes made by `hash` (SHA-1 or SHA-256), by
// `ocsp::EncodeCertId`. It fails with the certificate parser's errors, or
// `crypto.unsupported_algorithm` for another hash.
Result<Bytes> BuildCertId(der::Input certificate_der, der::Input issuer_der,
                          crypto::DigestAlgorithm hash);

// GoodResponse returns a SingleResponse with certStatus good, thisUpdate
// `this_update` and no nextUpdate.
SingleResponseSpec GoodResponse(der::Input cert_id, Time this_update);

// BuildOcspResponse returns the DER OCSPResponse of `spec`. A successful
// one carries a BasicOCSPResponse whose tbsResponseData is signed by
// `signing_key` with the algorithm `SignatureAlgorithmFor` gives for it.
// It fails when the key cannot sign or, for kByKey, has an invalid SPKI.
Result<Bytes> BuildOcspResponse(const OcspResponseSpec& spec,
                                const TestKey& signing_key);

}  // namespace tinysign::pki

#endif  // TINYSIGN_PKI_OCSP_BUILDER_H_
