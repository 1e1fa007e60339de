#include "server/api_error.h"

#include <boost/json.hpp>

namespace tinysign::server {

namespace {

constexpr ApiErrorInfo kTable[] = {
    {ApiErrorCode::kInvalidJson, "invalid_json", 400},
    {ApiErrorCode::kInvalidRequest, "invalid_request", 400},
    {ApiErrorCode::kInvalidBase64, "invalid_base64", 400},
    {ApiErrorCode::kInvalidSignature, "invalid_signature", 400},
    {ApiErrorCode::kMissingDocument, "missing_document", 400},
    {ApiErrorCode::kInvalidDigest, "invalid_digest", 400},
    {ApiErrorCode::kInvalidPolicy, "invalid_policy", 400},
    {ApiErrorCode::kUnauthorized, "unauthorized", 401},
    {ApiErrorCode::kNotFound, "not_found", 404},
    {ApiErrorCode::kMethodNotAllowed, "method_not_allowed", 405},
    {ApiErrorCode::kPayloadTooLarge, "payload_too_large", 413},
    {ApiErrorCode::kUnsupportedMediaType, "unsupported_media_type", 415},
    {ApiErrorCode::kRequestTimeout, "request_timeout", 408},
    {ApiErrorCode::kNotReady, "not_ready", 503},
    {ApiErrorCode::kBusy, "busy", 503},
    {ApiErrorCode::kInternal, "internal", 500},
};

}  // namespace

std::span<const ApiErrorInfo> ApiErrorTable() { return kTable; }

const ApiErrorInfo& InfoFor(ApiErrorCode code) {
  return kTable[static_cast<size_t>(code)];
}

std::string ErrorBody(const ApiError& error) {
  boost::json::object detail;
  detail["code"] = InfoFor(error.code).id;
  detail["message"] = error.message;
  boost::json::object body;
  body["error"] = std::move(detail);
  return boost::json::serialize(body) + "\n";
}

ApiError ErrorForStatus(int status) {
  switch (status) {
    case 404:
      return {ApiErrorCode::kNotFound, "no such route or file"};
    case 413:
      return {ApiErrorCode::kPayloadTooLarge,
              "the request body is larger than the configured limit"};
    default:
      break;
  }
  if (status >= 500) {
    return {ApiErrorCode::kInternal, "internal error"};
  }
  return {ApiErrorCode::kInvalidRequest, "malformed HTTP request"};
}

}  // namespace tinysign::server
