#include "testpki/requests.h"

#include "core/der/oid.h"
#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/ocsp/response.h"

namespace tinysign::testpki {

namespace {

// Extensions ::= SEQUENCE OF Extension
// Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE,
//                          extnValue OCTET STRING }
// FindNonce returns the nonce of an OCSP request's extensions, when any.
Result<std::optional<Bytes>> FindNonce(der::Input extensions_tlv) {
  der::Reader outer(extensions_tlv);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader list, outer.ReadSequence());
  while (!list.AtEnd()) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Reader extension, list.ReadSequence());
    TINYSIGN_ASSIGN_OR_RETURN(der::Input oid, extension.ReadOid());
    TINYSIGN_TRY(extension.ReadOptional(der::tag::kBoolean));
    TINYSIGN_ASSIGN_OR_RETURN(der::Input value, extension.ReadOctetString());
    if (!(ocsp::kIdPkixOcspNonce == oid)) {
      continue;
    }
    // Nonce ::= OCTET STRING inside extnValue.
    der::Reader nonce_reader(value);
    TINYSIGN_ASSIGN_OR_RETURN(der::Input nonce, nonce_reader.ReadOctetString());
    return std::optional<Bytes>(nonce.ToBytes());
  }
  return std::optional<Bytes>();
}

}  // namespace

// OCSPRequest ::= SEQUENCE {
//   tbsRequest        TBSRequest,
//   optionalSignature [0] EXPLICIT Signature OPTIONAL }
// TBSRequest ::= SEQUENCE {
//   version           [0] EXPLICIT Version DEFAULT v1,
//   requestorName     [1] EXPLICIT GeneralName OPTIONAL,
//   requestList       SEQUENCE OF Request,
//   requestExtensions [2] EXPLICIT Extensions OPTIONAL }
// Request ::= SEQUENCE {
//   reqCert                 CertID,
//   singleRequestExtensions [0] EXPLICIT Extensions OPTIONAL }
Result<OcspRequestData> ParseOcspRequest(der::Input request) {
  der::Reader outer(request);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader ocsp_request, outer.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader tbs, ocsp_request.ReadSequence());
  TINYSIGN_TRY(tbs.ReadOptional(der::tag::ContextConstructed(0)));
  TINYSIGN_TRY(tbs.ReadOptional(der::tag::ContextConstructed(1)));
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader list, tbs.ReadSequence());

  OcspRequestData out;
  while (!list.AtEnd()) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Reader single, list.ReadSequence());
    TINYSIGN_ASSIGN_OR_RETURN(der::Input cert_id,
                              single.ReadTlv(der::tag::kSequence));
    out.cert_ids.push_back(cert_id.ToBytes());
  }
  if (out.cert_ids.empty()) {
    return Fail(ErrorCode::kOcspMalformed, "request lists no certificates");
  }
  TINYSIGN_ASSIGN_OR_RETURN(std::optional<der::Input> extensions,
                            tbs.ReadOptional(der::tag::ContextConstructed(2)));
  if (extensions) {
    TINYSIGN_ASSIGN_OR_RETURN(out.nonce, FindNonce(*extensions));
  }
  return out;
}

// TimeStampReq ::= SEQUENCE {
//   version        INTEGER { v1(1) },
//   messageImprint MessageImprint,
//   reqPolicy      TSAPolicyId OPTIONAL,
//   nonce          INTEGER OPTIONAL,
//   certReq        BOOLEAN DEFAULT FALSE,
//   extensions     [0] IMPLICIT Extensions OPTIONAL }
// MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier,
//                               hashedMessage OCTET STRING }
Result<TimeStampRequestData> ParseTimeStampRequest(der::Input request) {
  der::Reader outer(request);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader fields, outer.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(int64_t version, fields.ReadSmallInteger());
  if (version != 1) {
    return Fail(ErrorCode::kTimestampMalformed,
                "TimeStampReq version " + std::to_string(version));
  }
  TimeStampRequestData out;
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader imprint, fields.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input algorithm,
                            imprint.ReadTlv(der::tag::kSequence));
  TINYSIGN_ASSIGN_OR_RETURN(der::Input hashed, imprint.ReadOctetString());
  out.hash_algorithm_tlv = algorithm.ToBytes();
  out.hashed_message = hashed.ToBytes();
  if (fields.PeekTag(der::tag::kOid)) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input policy, fields.ReadOid());
    out.policy = policy.ToBytes();
  }
  if (fields.PeekTag(der::tag::kInteger)) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input nonce, fields.ReadInteger());
    out.nonce = nonce.ToBytes();
  }
  if (fields.PeekTag(der::tag::kBoolean)) {
    TINYSIGN_ASSIGN_OR_RETURN(out.cert_req, fields.ReadBoolean());
  }
  out.has_extensions = fields.PeekTag(der::tag::ContextConstructed(0));
  return out;
}

}  // namespace tinysign::testpki
