#include "core/tsp/timestamp.h"

#include <string>
#include <utility>

#include "core/der/oid.h"
#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/limits.h"

namespace tinysign::tsp {

namespace {

Error Malformed(std::string detail) {
  return Fail(ErrorCode::kTimestampMalformed, std::move(detail));
}

// ReadPkiStatus reads PKIStatus ::= INTEGER (0..5).
Result<PkiStatus> ReadPkiStatus(der::Reader& reader) {
  TINYSIGN_ASSIGN_OR_RETURN(const int64_t value, reader.ReadSmallInteger());
  if (value < 0 || value > 5) {
    return Malformed("PKIStatus " + std::to_string(value) + " is not defined");
  }
  return static_cast<PkiStatus>(value);
}

// ReadStatusStrings reads PKIFreeText ::= SEQUENCE SIZE (1..MAX) OF
// UTF8String.
Result<std::vector<der::Input>> ReadStatusStrings(der::Reader& reader) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader list, reader.ReadSequence());
  std::vector<der::Input> strings;
  while (!list.AtEnd()) {
    if (strings.size() == limits::kMaxElementsPerList) {
      return Fail(ErrorCode::kDerTooManyElements,
                  "statusString has more than " +
                      std::to_string(limits::kMaxElementsPerList) + " strings");
    }
    TINYSIGN_ASSIGN_OR_RETURN(der::Input text,
                              list.Read(der::tag::kUtf8String));
    strings.push_back(text);
  }
  if (strings.empty()) {
    return Malformed("statusString is an empty SEQUENCE");
  }
  return strings;
}

// ReadFailInfo reads PKIFailureInfo ::= BIT STRING, whose highest named
// bit is systemFailure (25), into an integer with bit n as 1 << n.
Result<uint32_t> ReadFailInfo(der::Reader& reader) {
  TINYSIGN_ASSIGN_OR_RETURN(der::BitString bits, reader.ReadBitString());
  if (bits.bytes.size() > 4) {
    return Malformed("failInfo has more than 32 bits");
  }
  uint32_t fail_info = 0;
  int first_bit = 0;
  for (uint8_t byte : bits.bytes) {
    for (int i = 0; i < 8; ++i) {
      if ((byte & (0x80 >> i)) != 0) {
        fail_info |= uint32_t{1} << (first_bit + i);
      }
    }
    first_bit += 8;
  }
  return fail_info;
}

// ReadPkiStatusInfo reads
//   PKIStatusInfo ::= SEQUENCE {
//     status       PKIStatus,
//     statusString PKIFreeText     OPTIONAL,
//     failInfo     PKIFailureInfo  OPTIONAL }
Status ReadPkiStatusInfo(der::Reader& reader, PkiStatus& status,
                         std::vector<der::Input>& strings,
                         uint32_t& fail_info) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader seq, reader.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(status, ReadPkiStatus(seq));
  if (seq.PeekTag(der::tag::kSequence)) {
    TINYSIGN_ASSIGN_OR_RETURN(strings, ReadStatusStrings(seq));
  }
  if (seq.PeekTag(der::tag::kBitString)) {
    TINYSIGN_ASSIGN_OR_RETURN(fail_info, ReadFailInfo(seq));
  }
  return seq.ExpectEnd("PKIStatusInfo");
}

}  // namespace

std::string_view PkiStatusName(PkiStatus status) {
  switch (status) {
    case PkiStatus::kGranted:
      return "granted";
    case PkiStatus::kGrantedWithMods:
      return "grantedWithMods";
    case PkiStatus::kRejection:
      return "rejection";
    case PkiStatus::kWaiting:
      return "waiting";
    case PkiStatus::kRevocationWarning:
      return "revocationWarning";
    case PkiStatus::kRevocationNotification:
      return "revocationNotification";
  }
  return "";
}

Result<std::shared_ptr<const TimeStampToken>> TimeStampResponse::granted_token()
    const {
  if (token_ == nullptr) {
    std::string detail = "status " + std::string(PkiStatusName(status_));
    if (!status_strings_.empty()) {
      detail += ": " + std::string(status_strings_.front().AsStringView());
    }
    return Fail(ErrorCode::kTimestampNotGranted, detail);
  }
  return token_;
}

Result<std::shared_ptr<const TimeStampToken>> ParseTimeStampToken(
    der::Input input) {
  std::shared_ptr<TimeStampToken> token(new TimeStampToken());
  TINYSIGN_ASSIGN_OR_RETURN(token->signed_data_, cms::ParseSignedData(input));
  const cms::SignedData& signed_data = *token->signed_data_;
  if (!(signed_data.encapsulated_content_type() == cms::kIdCtTstInfo.bytes())) {
    return Fail(ErrorCode::kTimestampNotTstInfo,
                "eContentType " +
                    der::OidToString(signed_data.encapsulated_content_type()));
  }
  if (!signed_data.encapsulated_content().has_value()) {
    return Malformed("token has no eContent");
  }
  // RFC 3161 section 2.4.1: "The time-stamp token MUST NOT contain any
  // signatures other than the signature of the TSA."
  if (signed_data.signers().size() != 1) {
    return Malformed("token has " +
                     std::to_string(signed_data.signers().size()) +
                     " signers instead of one");
  }
  TINYSIGN_ASSIGN_OR_RETURN(token->tst_info_,
                            ParseTstInfo(*signed_data.encapsulated_content()));
  return std::shared_ptr<const TimeStampToken>(std::move(token));
}

Result<std::shared_ptr<const TimeStampResponse>> ParseTimeStampResponse(
    der::Input input) {
  if (input.size() > limits::kMaxInputBytes) {
    return Fail(ErrorCode::kInputTooLarge,
                "TimeStampResp of " + std::to_string(input.size()) +
                    " bytes; the maximum is " +
                    std::to_string(limits::kMaxInputBytes));
  }
  std::shared_ptr<TimeStampResponse> response(new TimeStampResponse());
  response->der_ = input.ToBytes();
  // TimeStampResp ::= SEQUENCE {
  //   status         PKIStatusInfo,
  //   timeStampToken TimeStampToken OPTIONAL }
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Element element,
      der::ParseSingle(der::Input(response->der_), der::tag::kSequence,
                       "TimeStampResp"));
  der::Reader seq(element.value, 1);
  TINYSIGN_TRY(ReadPkiStatusInfo(
      seq, response->status_, response->status_strings_, response->fail_info_));
  const bool granted = response->status_ == PkiStatus::kGranted ||
                       response->status_ == PkiStatus::kGrantedWithMods;
  // RFC 3161 section 2.4.2: with status 0 or 1 a token MUST be present,
  // with any other status it MUST NOT be.
  if (granted == seq.AtEnd()) {
    return Malformed(granted ? "granted response lacks timeStampToken"
                             : "rejected response carries timeStampToken");
  }
  if (granted) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input token_tlv,
                              seq.ReadTlv(der::tag::kSequence));
    TINYSIGN_ASSIGN_OR_RETURN(response->token_, ParseTimeStampToken(token_tlv));
  }
  TINYSIGN_TRY(seq.ExpectEnd("TimeStampResp"));
  return std::shared_ptr<const TimeStampResponse>(std::move(response));
}

}  // namespace tinysign::tsp
