// Parsing of POST /api/v1/verify bodies: JSON or multipart/form-data.
//
// JSON: {"signature": "<base64 DER or PEM>", "document": "<base64>"} or
// "documentDigest": {"algorithm": "streebog512", "value": "<base64>"} in
// place of "document", plus an optional "policy": {"revocation":
// "require|prefer|off", "purpose": "sign|auth|any", "validationTime":
// "<RFC 3339>"}. Multipart: the parts "signature" (DER, PEM or base64),
// "document" (the raw bytes) and "policy" (the JSON object above).
#ifndef TINYSIGN_SERVER_VERIFY_REQUEST_H_
#define TINYSIGN_SERVER_VERIFY_REQUEST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/der/input.h"
#include "core/time.h"
#include "core/verify/verifier.h"
#include "server/api_error.h"

namespace tinysign::server {

// RequestLimits are the decoded sizes a request may reach.
struct RequestLimits {
  uint64_t max_document_bytes = 0;
  uint64_t max_signature_bytes = 0;
};

// VerifyInput is a parsed verify request.
struct VerifyInput {
  Bytes cms;
  verify::Document::Kind document_kind = verify::Document::Kind::kNone;
  Bytes document_bytes;
  crypto::DigestAlgorithm digest_algorithm = crypto::DigestAlgorithm::kSha256;
  Bytes digest;
  verify::Policy policy;
  std::optional<Time> validation_time;

  // DocumentView returns the document for `verify::VerifyCms`; it points
  // into `document_bytes`, so this input must outlive it.
  verify::Document DocumentView() const;
};

// FormPart is one part of a multipart/form-data body.
struct FormPart {
  std::string name;
  std::string content;
};

// ParseJsonVerifyRequest fills `out` from a JSON body, or returns the
// error to send.
std::optional<ApiError> ParseJsonVerifyRequest(std::string_view body,
                                               const RequestLimits& limits,
                                               VerifyInput* out);

// ParseMultipartVerifyRequest fills `out` from the parts of a
// multipart/form-data body, or returns the error to send.
std::optional<ApiError> ParseMultipartVerifyRequest(
    const std::vector<FormPart>& parts, const RequestLimits& limits,
    VerifyInput* out);

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_VERIFY_REQUEST_H_
