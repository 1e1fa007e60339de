// OCSP responses (RFC 6960 section 4.2), in DER.
//
// `ParseOcspResponse` reads an OCSPResponse once into an owned buffer. Any
// responseStatus parses, but only a successful response has a
// BasicOCSPResponse. That keeps the exact `tbsResponseData` bytes for
// signature checking, the responder ID, every SingleResponse, the nonce and
// the certificates the responder sent along.
//
// Example:
//   TINYSIGN_ASSIGN_OR_RETURN(auto response, ocsp::ParseOcspResponse(der));
//   TINYSIGN_ASSIGN_OR_RETURN(const ocsp::BasicResponse* basic,
//                             response->basic_response());
// The responder's signature is checked with the functions in responder.h.
//
// Not supported: response types other than id-pkix-ocsp-basic
// (`ocsp.unsupported_response_type`), and critical response or
// singleResponse extensions (`ocsp.unknown_critical_extension`; RFC 6960
// defines none that must be critical).
#ifndef TINYSIGN_CORE_OCSP_RESPONSE_H_
#define TINYSIGN_CORE_OCSP_RESPONSE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/crl/crl.h"
#include "core/der/input.h"
#include "core/der/oid.h"
#include "core/result.h"
#include "core/time.h"

namespace tinysign::ocsp {

// id-pkix-ocsp-basic, 1.3.6.1.5.5.7.48.1.1 (RFC 6960 section 4.2.1).
inline constexpr der::Oid kIdPkixOcspBasic("1.3.6.1.5.5.7.48.1.1");
// id-pkix-ocsp-nonce, 1.3.6.1.5.5.7.48.1.2 (RFC 6960 section 4.4.1).
inline constexpr der::Oid kIdPkixOcspNonce("1.3.6.1.5.5.7.48.1.2");

// ResponseStatus is OCSPResponseStatus (RFC 6960 section 4.2.1); value 4 is
// unused.
enum class ResponseStatus : uint8_t {
  kSuccessful = 0,
  kMalformedRequest = 1,
  kInternalError = 2,
  kTryLater = 3,
  kSigRequired = 5,
  kUnauthorized = 6,
};

// ResponseStatusName returns the ASN.1 name of `status`, such as
// "tryLater", or "" for a value that is not an enumerator.
std::string_view ResponseStatusName(ResponseStatus status);

// CertId identifies the certificate a SingleResponse is about:
//   CertID ::= SEQUENCE {
//     hashAlgorithm  AlgorithmIdentifier,
//     issuerNameHash OCTET STRING,
//     issuerKeyHash  OCTET STRING,
//     serialNumber   CertificateSerialNumber }
struct CertId {
  der::Input hash_algorithm_tlv;
  der::Input issuer_name_hash;
  der::Input issuer_key_hash;
  // serial_number is the big-endian magnitude, as
  // `x509::Certificate::serial` returns it.
  der::Input serial_number;
};

enum class CertStatus { kGood, kRevoked, kUnknown };

// SingleResponse is one certificate's status (RFC 6960 section 4.2.1).
struct SingleResponse {
  CertId cert_id;
  CertStatus status = CertStatus::kUnknown;
  // revocation_time and revocation_reason are set only for kRevoked.
  Time revocation_time;
  std::optional<crl::ReasonCode> revocation_reason;
  Time this_update;
  std::optional<Time> next_update;
};

// ResponderId is ResponderID ::= CHOICE { byName [1] Name, byKey [2]
// KeyHash }. KeyHash is the SHA-1 of the responder's subjectPublicKey BIT
// STRING value, without tag, length and unused-bits octet.
struct ResponderId {
  enum class Kind { kByName, kByKey };
  Kind kind = Kind::kByName;
  der::Input name_tlv;  // For kByName.
  der::Input key_hash;  // For kByKey.
};

// BasicResponse is a BasicOCSPResponse. Its views point into the
// `OcspResponse` it came from and live as long as it does.
struct BasicResponse {
  // tbs_response_data_tlv is what the signature covers.
  der::Input tbs_response_data_tlv;
  // version is 1 (v1, the only version RFC 6960 defines).
  int version = 1;
  ResponderId responder_id;
  Time produced_at;
  std::vector<SingleResponse> responses;
  // nonce is the contents of the Nonce OCTET STRING inside the
  // id-pkix-ocsp-nonce extension (RFC 8954 section 2.1).
  std::optional<der::Input> nonce;
  der::Input signature_algorithm_tlv;
  // signature_value is the BIT STRING contents without the unused-bits
  // octet.
  der::Input signature_value;
  // certificates contains the DER of each certificate in `certs`, unparsed.
  std::vector<der::Input> certificates;
};

// OcspResponse is a parsed OCSPResponse. It owns its bytes and is shared,
// never copied.
class OcspResponse {
 public:
  OcspResponse(const OcspResponse&) = delete;
  OcspResponse& operator=(const OcspResponse&) = delete;

  der::Input der() const { return der::Input(der_); }
  ResponseStatus response_status() const { return status_; }
  // basic_response returns the BasicOCSPResponse of a successful response.
  // For any other status it fails with `ocsp.unsuccessful_response`, the
  // status name in the detail.
  Result<const BasicResponse*> basic_response() const;

 private:
  friend Result<std::shared_ptr<const OcspResponse>> ParseOcspResponse(
      der::Input input);
  OcspResponse() = default;

  Bytes der_;
  ResponseStatus status_ = ResponseStatus::kSuccessful;
  std::optional<BasicResponse> basic_;
};

// ParseOcspResponse parses a DER OCSPResponse of at most
// `limits::kMaxInputBytes` bytes and copies it. It fails with DER errors for
// bad encodings, `ocsp.malformed` for DER that breaks RFC 6960 (such as an
// unknown responseStatus, or responseBytes present with an error status or
// missing with a successful one), `ocsp.unsupported_response_type`, and
// `ocsp.unknown_critical_extension`.
Result<std::shared_ptr<const OcspResponse>> ParseOcspResponse(der::Input input);

}  // namespace tinysign::ocsp

#endif  // TINYSIGN_CORE_OCSP_RESPONSE_H_
