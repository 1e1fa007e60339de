// Readers for the requests the test PKI's services receive: an OCSP
// request (RFC 6960 section 4.1) and an RFC 3161 TimeStampReq. Both read
// untrusted bytes through `der::Reader`.
#ifndef TINYSIGN_TESTPKI_REQUESTS_H_
#define TINYSIGN_TESTPKI_REQUESTS_H_

#include <optional>
#include <vector>

#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::testpki {

// OcspRequestData is what a responder needs from an OCSPRequest.
struct OcspRequestData {
  // The DER CertID of each Request, in order.
  std::vector<Bytes> cert_ids;
  // Contents of the Nonce OCTET STRING of the id-pkix-ocsp-nonce request
  // extension (RFC 8954 section 2.1).
  std::optional<Bytes> nonce;
};

// ParseOcspRequest reads a DER OCSPRequest. A signed request is accepted
// and its signature ignored. It fails with DER errors, or
// `ocsp.malformed` for a request without CertIDs.
Result<OcspRequestData> ParseOcspRequest(der::Input request);

// TimeStampRequestData is what a TSA needs from a TimeStampReq.
struct TimeStampRequestData {
  // messageImprint.hashAlgorithm with its header, and hashedMessage.
  Bytes hash_algorithm_tlv;
  Bytes hashed_message;
  // reqPolicy OID contents, when present.
  std::optional<Bytes> policy;
  // The nonce INTEGER's two's-complement contents.
  std::optional<Bytes> nonce;
  bool cert_req = false;
  bool has_extensions = false;
};

// ParseTimeStampRequest reads a DER TimeStampReq (RFC 3161 section 2.4.1).
// It fails with DER errors, or `timestamp.malformed` for a version other
// than 1.
Result<TimeStampRequestData> ParseTimeStampRequest(der::Input request);

}  // namespace tinysign::testpki

#endif  // TINYSIGN_TESTPKI_REQUESTS_H_
