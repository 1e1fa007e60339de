#include "core/ocsp/request.h"

#include "core/der/writer.h"
#include "core/ocsp/cert_id.h"
#include "core/ocsp/response.h"

namespace tinysign::ocsp {

namespace {

// NonceExtensions returns Extensions with the one id-pkix-ocsp-nonce
// extension, non-critical.
Bytes NonceExtensions(der::Input nonce) {
  der::Writer value;
  value.AddOctetString(nonce);
  der::Writer extension;
  extension.AddOid(kIdPkixOcspNonce);
  extension.AddOctetString(value.bytes());
  der::Writer list;
  list.AddConstructed(der::tag::kSequence, extension);
  der::Writer extensions;
  extensions.AddConstructed(der::tag::kSequence, list);
  return extensions.Take();
}

}  // namespace

Result<Bytes> BuildOcspRequest(const x509::Certificate& certificate,
                               const x509::Certificate& issuer,
                               crypto::DigestAlgorithm hash,
                               std::optional<der::Input> nonce) {
  TINYSIGN_ASSIGN_OR_RETURN(Bytes cert_id,
                            EncodeCertId(certificate, issuer, hash));
  der::Writer request;
  request.AddRaw(cert_id);
  der::Writer request_list;
  request_list.AddConstructed(der::tag::kSequence, request);
  der::Writer tbs_request;
  tbs_request.AddConstructed(der::tag::kSequence, request_list);
  if (nonce.has_value()) {
    tbs_request.AddTlv(der::tag::ContextConstructed(2),
                       NonceExtensions(*nonce));
  }
  der::Writer ocsp_request;
  ocsp_request.AddConstructed(der::tag::kSequence, tbs_request);
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, ocsp_request);
  return out.Take();
}

}  // namespace tinysign::ocsp
