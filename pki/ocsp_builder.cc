#include "pki/ocsp_builder.h"

#include "core/der/tag.h"
#include "core/der/writer.h"
#include "core/ocsp/cert_id.h"
#include "core/x509/certificate.h"

namespace tinysign::pki {

namespace {

Bytes Wrap(uint8_t tag, const der::Writer& contents) {
  der::Writer out;
  out.AddConstructed(tag, contents);
  return out.Take();
}

// CertStatus ::= CHOICE {
//   good    [0] IMPLICIT NULL,
//   revoked [1] IMPLICIT RevokedInfo,
//   unknown [2] IMPLICIT UnknownInfo }  -- UnknownInfo ::= NULL
// RevokedInfo ::= SEQUENCE {
//   revocationTime   GeneralizedTime,
//   revocationReason [0] EXPLICIT CRLReason OPTIONAL }
void AddCertStatus(der::Writer& out, const SingleResponseSpec& response) {
  switch (response.status) {
    case ocsp::CertStatus::kGood:
      out.AddTlv(der::tag::ContextSpecific(0), der::Input());
      return;
    case ocsp::CertStatus::kUnknown:
      out.AddTlv(der::tag::ContextSpecific(2), der::Input());
      return;
    case ocsp::CertStatus::kRevoked:
      break;
  }
  der::Writer revoked_info;
  AddGeneralizedTime(revoked_info, response.revocation_time);
  if (response.revocation_reason) {
    der::Writer reason;
    reason.AddTlv(
        der::tag::kEnumerated,
        der::Input(Bytes{static_cast<uint8_t>(*response.revocation_reason)}));
    revoked_info.AddConstructed(der::tag::ContextConstructed(0), reason);
  }
  out.AddConstructed(der::tag::ContextConstructed(1), revoked_info);
}

// SingleResponse ::= SEQUENCE {
//   certID           CertID,
//   certStatus       CertStatus,
//   thisUpdate       GeneralizedTime,
//   nextUpdate       [0] EXPLICIT GeneralizedTime OPTIONAL,
//   singleExtensions [1] EXPLICIT Extensions OPTIONAL }
Bytes EncodeSingleResponse(const SingleResponseSpec& response) {
  der::Writer fields;
  fields.AddRaw(response.cert_id);
  AddCertStatus(fields, response);
  AddGeneralizedTime(fields, response.this_update);
  if (response.next_update) {
    der::Writer next_update;
    AddGeneralizedTime(next_update, *response.next_update);
    fields.AddConstructed(der::tag::ContextConstructed(0), next_update);
  }
  return Wrap(der::tag::kSequence, fields);
}

// ResponderID ::= CHOICE {
//   byName [1] Name,
//   byKey  [2] KeyHash }  -- SHA-1 of the subjectPublicKey BIT STRING value
// The module uses EXPLICIT tags, so each choice wraps its inner TLV.
Result<Bytes> EncodeResponderId(const OcspResponseSpec& spec,
                                const TestKey& signing_key) {
  der::Writer inner;
  if (spec.responder_id_kind == ocsp::ResponderId::Kind::kByName) {
    inner.AddRaw(spec.responder_name);
    return Wrap(der::tag::ContextConstructed(1), inner);
  }
  TINYSIGN_ASSIGN_OR_RETURN(const Bytes key_hash,
                            ComputeKeyIdentifier(signing_key));
  inner.AddOctetString(key_hash);
  return Wrap(der::tag::ContextConstructed(2), inner);
}

// ResponseData ::= SEQUENCE {
//   version            [0] EXPLICIT Version DEFAULT v1,
//   responderID        ResponderID,
//   producedAt         GeneralizedTime,
//   responses          SEQUENCE OF SingleResponse,
//   responseExtensions [1] EXPLICIT Extensions OPTIONAL }
Result<Bytes> EncodeResponseData(const OcspResponseSpec& spec,
                                 const TestKey& signing_key) {
  der::Writer fields;
  // The version is v1, the DEFAULT, so DER leaves it out.
  TINYSIGN_ASSIGN_OR_RETURN(const Bytes responder_id,
                            EncodeResponderId(spec, signing_key));
  fields.AddRaw(responder_id);
  AddGeneralizedTime(fields, spec.produced_at);
  der::Writer responses;
  for (const SingleResponseSpec& response : spec.responses) {
    responses.AddRaw(EncodeSingleResponse(response));
  }
  fields.AddConstructed(der::tag::kSequence, responses);
  if (spec.nonce) {
    // Nonce ::= OCTET STRING inside extnValue (RFC 8954 section 2.1).
    der::Writer nonce;
    nonce.AddOctetString(*spec.nonce);
    der::Writer list;
    AddExtension(list, ocsp::kIdPkixOcspNonce, false, nonce.bytes());
    der::Writer extensions;
    extensions.AddConstructed(der::tag::kSequence, list);
    fields.AddConstructed(der::tag::ContextConstructed(1), extensions);
  }
  return Wrap(der::tag::kSequence, fields);
}

// BasicOCSPResponse ::= SEQUENCE {
//   tbsResponseData    ResponseData,
//   signatureAlgorithm AlgorithmIdentifier,
//   signature          BIT STRING,
//   certs              [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
Result<Bytes> EncodeBasicResponse(const OcspResponseSpec& spec,
                                  const TestKey& signing_key) {
  TINYSIGN_ASSIGN_OR_RETURN(const Bytes algorithm,
                            EncodeSignatureAlgorithmOf(signing_key.type));
  TINYSIGN_ASSIGN_OR_RETURN(const Bytes tbs,
                            EncodeResponseData(spec, signing_key));
  TINYSIGN_ASSIGN_OR_RETURN(const Bytes signature,
                            SignWithKey(signing_key, tbs));
  der::Writer basic;
  basic.AddRaw(tbs);
  basic.AddRaw(algorithm);
  basic.AddBitString(signature);
  if (!spec.certificates.empty()) {
    der::Writer list;
    for (const Bytes& certificate : spec.certificates) {
      list.AddRaw(certificate);
    }
    der::Writer certs;
    certs.AddConstructed(der::tag::kSequence, list);
    basic.AddConstructed(der::tag::ContextConstructed(0), certs);
  }
  return Wrap(der::tag::kSequence, basic);
}

}  // namespace

Result<Bytes> BuildCertId(der::Input certificate_der, der::Input issuer_der,
                          crypto::DigestAlgorithm hash) {
  TINYSIGN_ASSIGN_OR_RETURN(auto certificate,
                            x509::ParseCertificate(certificate_der));
  TINYSIGN_ASSIGN_OR_RETURN(auto issuer, x509::ParseCertificate(issuer_der));
  return ocsp::EncodeCertId(*certificate, *issuer, hash);
}

SingleResponseSpec GoodResponse(der::Input cert_id, Time this_update) {
  SingleResponseSpec response;
  response.cert_id = cert_id.ToBytes();
  response.this_update = this_update;
  return response;
}

// OCSPResponse ::= SEQUENCE {
//   responseStatus OCSPResponseStatus,
//   responseBytes  [0] EXPLICIT ResponseBytes OPTIONAL }
// ResponseBytes ::= SEQUENCE {
//   responseType OBJECT IDENTIFIER,
//   response     OCTET STRING }  -- DER of a BasicOCSPResponse
Result<Bytes> BuildOcspResponse(const OcspResponseSpec& spec,
                                const TestKey& signing_key) {
  der::Writer response;
  response.AddTlv(der::tag::kEnumerated,
                  der::Input(Bytes{static_cast<uint8_t>(spec.status)}));
  if (spec.status == ocsp::ResponseStatus::kSuccessful) {
    TINYSIGN_ASSIGN_OR_RETURN(const Bytes basic,
                              EncodeBasicResponse(spec, signing_key));
    der::Writer response_bytes;
    response_bytes.AddOid(ocsp::kIdPkixOcspBasic);
    response_bytes.AddOctetString(basic);
    der::Writer explicit_bytes;
    explicit_bytes.AddConstructed(der::tag::kSequence, response_bytes);
    response.AddConstructed(der::tag::ContextConstructed(0), explicit_bytes);
  }
  return Wrap(der::tag::kSequence, response);
}

}  // namespace tinysign::pki
