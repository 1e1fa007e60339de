#include "core/ocsp/response.h"

#include <string>
#include <utility>

#include "core/crl/internal/extension_list.h"
#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/limits.h"

namespace tinysign::ocsp {

namespace {

Error Malformed(std::string detail) {
  return Fail(ErrorCode::kOcspMalformed, std::move(detail));
}

Result<Time> ReadGeneralizedTime(der::Reader& reader) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Input text,
                            reader.Read(der::tag::kGeneralizedTime));
  return ParseGeneralizedTime(text);
}

// ReadResponseStatus reads OCSPResponseStatus ::= ENUMERATED.
Result<ResponseStatus> ReadResponseStatus(der::Reader& reader) {
  TINYSIGN_ASSIGN_OR_RETURN(const int64_t value, reader.ReadEnumerated());
  if (value < 0 || value > 6 || value == 4) {
    return Malformed("responseStatus " + std::to_string(value) +
                     " is not defined");
  }
  return static_cast<ResponseStatus>(value);
}

// ReadCertId reads
//   CertID ::= SEQUENCE {
//     hashAlgorithm  AlgorithmIdentifier,
//     issuerNameHash OCTET STRING,
//     issuerKeyHash  OCTET STRING,
//     serialNumber   CertificateSerialNumber }
Result<CertId> ReadCertId(der::Reader& reader) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader seq, reader.ReadSequence());
  CertId id;
  TINYSIGN_ASSIGN_OR_RETURN(id.hash_algorithm_tlv,
                            seq.ReadTlv(der::tag::kSequence));
  TINYSIGN_ASSIGN_OR_RETURN(id.issuer_name_hash, seq.ReadOctetString());
  TINYSIGN_ASSIGN_OR_RETURN(id.issuer_key_hash, seq.ReadOctetString());
  TINYSIGN_ASSIGN_OR_RETURN(id.serial_number, seq.ReadUnsignedInteger());
  TINYSIGN_TRY(seq.ExpectEnd("CertID"));
  return id;
}

// ReadRevokedInfo reads the contents of revoked [1] IMPLICIT RevokedInfo:
//   RevokedInfo ::= SEQUENCE {
//     revocationTime   GeneralizedTime,
//     revocationReason [0] EXPLICIT CRLReason OPTIONAL }
Status ReadRevokedInfo(der::Reader& info, SingleResponse& single) {
  TINYSIGN_ASSIGN_OR_RETURN(single.revocation_time, ReadGeneralizedTime(info));
  if (info.PeekTag(der::tag::ContextConstructed(0))) {
    TINYSIGN_ASSIGN_OR_RETURN(
        der::Reader wrapper,
        info.ReadConstructed(der::tag::ContextConstructed(0)));
    TINYSIGN_ASSIGN_OR_RETURN(const int64_t value, wrapper.ReadEnumerated());
    TINYSIGN_TRY(wrapper.ExpectEnd("revocationReason"));
    single.revocation_reason = crl::ReasonCodeFromValue(value);
    if (!single.revocation_reason.has_value()) {
      return Malformed("revocationReason " + std::to_string(value) +
                       " is not defined");
    }
  }
  return info.ExpectEnd("RevokedInfo");
}

// ReadCertStatus reads
//   CertStatus ::= CHOICE {
//     good    [0] IMPLICIT NULL,
//     revoked [1] IMPLICIT RevokedInfo,
//     unknown [2] IMPLICIT UnknownInfo }  -- UnknownInfo ::= NULL
Status ReadCertStatus(der::Reader& reader, SingleResponse& single) {
  if (reader.PeekTag(der::tag::ContextConstructed(1))) {
    single.status = CertStatus::kRevoked;
    TINYSIGN_ASSIGN_OR_RETURN(
        der::Reader info,
        reader.ReadConstructed(der::tag::ContextConstructed(1)));
    return ReadRevokedInfo(info, single);
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Element element, reader.ReadElement());
  if (element.tag == der::tag::ContextSpecific(0)) {
    single.status = CertStatus::kGood;
  } else if (element.tag == der::tag::ContextSpecific(2)) {
    single.status = CertStatus::kUnknown;
  } else {
    return Fail(ErrorCode::kDerUnexpectedTag,
                "certStatus: expected [0], [1] or [2], found " +
                    der::TagName(element.tag));
  }
  if (!element.value.empty()) {
    return Malformed("certStatus good or unknown is a NULL with contents");
  }
  return OkStatus();
}

// CheckNoCriticalExtension reads an Extensions list that TinySign does not
// interpret and rejects any critical member.
Status CheckNoCriticalExtension(der::Reader& reader, std::string_view what) {
  TINYSIGN_ASSIGN_OR_RETURN(std::vector<crl::internal::RawExtension> extensions,
                            crl::internal::ReadExtensionList(
                                reader, what, ErrorCode::kOcspMalformed));
  for (const crl::internal::RawExtension& extension : extensions) {
    if (extension.critical) {
      return Fail(ErrorCode::kOcspUnknownCriticalExtension,
                  std::string(what) + ": " + der::OidToString(extension.oid));
    }
  }
  return OkStatus();
}

// ReadSingleResponse reads
//   SingleResponse ::= SEQUENCE {
//     certID           CertID,
//     certStatus       CertStatus,
//     thisUpdate       GeneralizedTime,
//     nextUpdate       [0] EXPLICIT GeneralizedTime OPTIONAL,
//     singleExtensions [1] EXPLICIT Extensions OPTIONAL }
Result<SingleResponse> ReadSingleResponse(der::Reader& list) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader seq, list.ReadSequence());
  SingleResponse single;
  TINYSIGN_ASSIGN_OR_RETURN(single.cert_id, ReadCertId(seq));
  TINYSIGN_TRY(ReadCertStatus(seq, single));
  TINYSIGN_ASSIGN_OR_RETURN(single.this_update, ReadGeneralizedTime(seq));
  if (seq.PeekTag(der::tag::ContextConstructed(0))) {
    TINYSIGN_ASSIGN_OR_RETURN(
        der::Reader wrapper,
        seq.ReadConstructed(der::tag::ContextConstructed(0)));
    TINYSIGN_ASSIGN_OR_RETURN(single.next_update, ReadGeneralizedTime(wrapper));
    TINYSIGN_TRY(wrapper.ExpectEnd("nextUpdate"));
  }
  if (seq.PeekTag(der::tag::ContextConstructed(1))) {
    TINYSIGN_ASSIGN_OR_RETURN(
        der::Reader wrapper,
        seq.ReadConstructed(der::tag::ContextConstructed(1)));
    TINYSIGN_TRY(CheckNoCriticalExtension(wrapper, "singleExtensions"));
    TINYSIGN_TRY(wrapper.ExpectEnd("singleExtensions"));
  }
  TINYSIGN_TRY(seq.ExpectEnd("SingleResponse"));
  return single;
}

// ReadResponderId reads
//   ResponderID ::= CHOICE {
//     byName [1] Name,
//     byKey  [2] KeyHash }  -- KeyHash ::= OCTET STRING
// The OCSP module has EXPLICIT TAGS, so each choice wraps its value.
Result<ResponderId> ReadResponderId(der::Reader& reader) {
  ResponderId id;
  if (reader.PeekTag(der::tag::ContextConstructed(1))) {
    TINYSIGN_ASSIGN_OR_RETURN(
        der::Reader wrapper,
        reader.ReadConstructed(der::tag::ContextConstructed(1)));
    id.kind = ResponderId::Kind::kByName;
    TINYSIGN_ASSIGN_OR_RETURN(id.name_tlv,
                              wrapper.ReadTlv(der::tag::kSequence));
    TINYSIGN_TRY(wrapper.ExpectEnd("responderID byName"));
    return id;
  }
  if (reader.PeekTag(der::tag::ContextConstructed(2))) {
    TINYSIGN_ASSIGN_OR_RETURN(
        der::Reader wrapper,
        reader.ReadConstructed(der::tag::ContextConstructed(2)));
    id.kind = ResponderId::Kind::kByKey;
    TINYSIGN_ASSIGN_OR_RETURN(id.key_hash, wrapper.ReadOctetString());
    TINYSIGN_TRY(wrapper.ExpectEnd("responderID byKey"));
    return id;
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Element element, reader.ReadElement());
  return Fail(
      ErrorCode::kDerUnexpectedTag,
      "responderID: expected [1] or [2], found " + der::TagName(element.tag));
}

// ReadResponseExtensions reads responseExtensions: the nonce is kept, other
// non-critical extensions are skipped.
Status ReadResponseExtensions(der::Reader& reader, BasicResponse& basic) {
  TINYSIGN_ASSIGN_OR_RETURN(
      std::vector<crl::internal::RawExtension> extensions,
      crl::internal::ReadExtensionList(reader, "responseExtensions",
                                       ErrorCode::kOcspMalformed));
  for (const crl::internal::RawExtension& extension : extensions) {
    if (extension.oid == kIdPkixOcspNonce.bytes()) {
      // Nonce ::= OCTET STRING (RFC 8954 section 2.1).
      TINYSIGN_ASSIGN_OR_RETURN(
          basic.nonce, crl::internal::ReadSingleElement(
                           extension.value, der::tag::kOctetString, "nonce"));
    } else if (extension.critical) {
      return Fail(ErrorCode::kOcspUnknownCriticalExtension,
                  "responseExtensions: " + der::OidToString(extension.oid));
    }
  }
  return OkStatus();
}

// ReadResponseData reads
//   ResponseData ::= SEQUENCE {
//     version            [0] EXPLICIT Version DEFAULT v1,
//     responderID        ResponderID,
//     producedAt         GeneralizedTime,
//     responses          SEQUENCE OF SingleResponse,
//     responseExtensions [1] EXPLICIT Extensions OPTIONAL }
Status ReadResponseData(der::Input tbs_tlv, BasicResponse& basic) {
  der::Reader outer(tbs_tlv, 3);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader seq, outer.ReadSequence());

  // DER omits the DEFAULT v1; an explicit v1 is tolerated as it changes
  // nothing.
  if (seq.PeekTag(der::tag::ContextConstructed(0))) {
    TINYSIGN_ASSIGN_OR_RETURN(
        der::Reader wrapper,
        seq.ReadConstructed(der::tag::ContextConstructed(0)));
    TINYSIGN_ASSIGN_OR_RETURN(const int64_t version,
                              wrapper.ReadSmallInteger());
    TINYSIGN_TRY(wrapper.ExpectEnd("version"));
    if (version != 0) {
      return Malformed("ResponseData version " + std::to_string(version) +
                       " (only v1, encoded as 0, is defined)");
    }
  }
  TINYSIGN_ASSIGN_OR_RETURN(basic.responder_id, ReadResponderId(seq));
  TINYSIGN_ASSIGN_OR_RETURN(basic.produced_at, ReadGeneralizedTime(seq));
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader list, seq.ReadSequence());
  while (!list.AtEnd()) {
    if (basic.responses.size() == limits::kMaxElementsPerList) {
      return Fail(ErrorCode::kDerTooManyElements,
                  "responses has more than " +
                      std::to_string(limits::kMaxElementsPerList) +
                      " SingleResponses");
    }
    TINYSIGN_ASSIGN_OR_RETURN(SingleResponse single, ReadSingleResponse(list));
    basic.responses.push_back(single);
  }
  if (seq.PeekTag(der::tag::ContextConstructed(1))) {
    TINYSIGN_ASSIGN_OR_RETURN(
        der::Reader wrapper,
        seq.ReadConstructed(der::tag::ContextConstructed(1)));
    TINYSIGN_TRY(ReadResponseExtensions(wrapper, basic));
    TINYSIGN_TRY(wrapper.ExpectEnd("responseExtensions"));
  }
  TINYSIGN_TRY(seq.ExpectEnd("ResponseData"));
  return outer.ExpectEnd("ResponseData");
}

// ReadCertificates reads certs [0] EXPLICIT SEQUENCE OF Certificate and
// keeps each certificate's DER.
Status ReadCertificates(der::Reader& reader, BasicResponse& basic) {
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Reader wrapper,
      reader.ReadConstructed(der::tag::ContextConstructed(0)));
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader list, wrapper.ReadSequence());
  TINYSIGN_TRY(wrapper.ExpectEnd("certs"));
  while (!list.AtEnd()) {
    if (basic.certificates.size() == limits::kMaxElementsPerList) {
      return Fail(ErrorCode::kDerTooManyElements,
                  "certs has more than " +
                      std::to_string(limits::kMaxElementsPerList) +
                      " certificates");
    }
    TINYSIGN_ASSIGN_OR_RETURN(der::Input certificate,
                              list.ReadTlv(der::tag::kSequence));
    basic.certificates.push_back(certificate);
  }
  return OkStatus();
}

// ReadBasicResponse reads
//   BasicOCSPResponse ::= SEQUENCE {
//     tbsResponseData    ResponseData,
//     signatureAlgorithm AlgorithmIdentifier,
//     signature          BIT STRING,
//     certs              [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
Result<BasicResponse> ReadBasicResponse(der::Input der) {
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Element element,
      der::ParseSingle(der, der::tag::kSequence, "BasicOCSPResponse"));
  der::Reader seq(element.value, 3);
  BasicResponse basic;
  TINYSIGN_ASSIGN_OR_RETURN(basic.tbs_response_data_tlv,
                            seq.ReadTlv(der::tag::kSequence));
  TINYSIGN_ASSIGN_OR_RETURN(basic.signature_algorithm_tlv,
                            seq.ReadTlv(der::tag::kSequence));
  TINYSIGN_ASSIGN_OR_RETURN(basic.signature_value, seq.ReadBitStringBytes());
  if (seq.PeekTag(der::tag::ContextConstructed(0))) {
    TINYSIGN_TRY(ReadCertificates(seq, basic));
  }
  TINYSIGN_TRY(seq.ExpectEnd("BasicOCSPResponse"));
  TINYSIGN_TRY(ReadResponseData(basic.tbs_response_data_tlv, basic));
  return basic;
}

// ReadResponseBytes reads
//   ResponseBytes ::= SEQUENCE {
//     responseType OBJECT IDENTIFIER,
//     response     OCTET STRING }
Result<BasicResponse> ReadResponseBytes(der::Reader& reader) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader seq, reader.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input type, seq.ReadOid());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input response, seq.ReadOctetString());
  TINYSIGN_TRY(seq.ExpectEnd("ResponseBytes"));
  if (!(type == kIdPkixOcspBasic.bytes())) {
    return Fail(ErrorCode::kOcspUnsupportedResponseType,
                "responseType " + der::OidToString(type));
  }
  return ReadBasicResponse(response);
}

}  // namespace

std::string_view ResponseStatusName(ResponseStatus status) {
  switch (status) {
    case ResponseStatus::kSuccessful:
      return "successful";
    case ResponseStatus::kMalformedRequest:
      return "malformedRequest";
    case ResponseStatus::kInternalError:
      return "internalError";
    case ResponseStatus::kTryLater:
      return "tryLater";
    case ResponseStatus::kSigRequired:
      return "sigRequired";
    case ResponseStatus::kUnauthorized:
      return "unauthorized";
  }
  return "";
}

Result<const BasicResponse*> OcspResponse::basic_response() const {
  if (!basic_.has_value()) {
    return Fail(ErrorCode::kOcspUnsuccessfulResponse,
                "responseStatus " + std::string(ResponseStatusName(status_)));
  }
  return &*basic_;
}

Result<std::shared_ptr<const OcspResponse>> ParseOcspResponse(
    der::Input input) {
  if (input.size() > limits::kMaxInputBytes) {
    return Fail(ErrorCode::kInputTooLarge,
                "OCSP response of " + std::to_string(input.size()) +
                    " bytes; the maximum is " +
                    std::to_string(limits::kMaxInputBytes));
  }
  std::shared_ptr<OcspResponse> response(new OcspResponse());
  response->der_ = input.ToBytes();
  // OCSPResponse ::= SEQUENCE {
  //   responseStatus OCSPResponseStatus,
  //   responseBytes  [0] EXPLICIT ResponseBytes OPTIONAL }
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Element element,
      der::ParseSingle(response->der(), der::tag::kSequence, "OCSPResponse"));
  der::Reader seq(element.value, 1);
  TINYSIGN_ASSIGN_OR_RETURN(response->status_, ReadResponseStatus(seq));
  const bool successful = response->status_ == ResponseStatus::kSuccessful;
  const bool has_bytes = seq.PeekTag(der::tag::ContextConstructed(0));
  // RFC 6960 section 4.2.1: with an error status, "the responseBytes field
  // is not set".
  if (successful != has_bytes) {
    return Malformed(successful ? "successful response lacks responseBytes"
                                : "error response carries responseBytes");
  }
  if (has_bytes) {
    TINYSIGN_ASSIGN_OR_RETURN(
        der::Reader wrapper,
        seq.ReadConstructed(der::tag::ContextConstructed(0)));
    TINYSIGN_ASSIGN_OR_RETURN(response->basic_, ReadResponseBytes(wrapper));
    TINYSIGN_TRY(wrapper.ExpectEnd("responseBytes"));
  }
  TINYSIGN_TRY(seq.ExpectEnd("OCSPResponse"));
  return std::shared_ptr<const OcspResponse>(std::move(response));
}

}  // namespace tinysign::ocsp
