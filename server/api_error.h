// The one table that maps request failures to HTTP statuses and the JSON
// body {"error": {"code": "...", "message": "..."}}.
#ifndef TINYSIGN_SERVER_API_ERROR_H_
#define TINYSIGN_SERVER_API_ERROR_H_

#include <span>
#include <string>
#include <string_view>

namespace tinysign::server {

enum class ApiErrorCode {
  kInvalidJson,
  kInvalidRequest,
  kInvalidBase64,
  kInvalidSignature,
  kMissingDocument,
  kInvalidDigest,
  kInvalidPolicy,
  kUnauthorized,
  kNotFound,
  kMethodNotAllowed,
  kPayloadTooLarge,
  kUnsupportedMediaType,
  kRequestTimeout,
  kNotReady,
  kBusy,
  kInternal,
};

// ApiErrorInfo is one row of the table: the stable code string the body
// carries and the HTTP status.
struct ApiErrorInfo {
  ApiErrorCode code;
  std::string_view id;
  int status;
};

// ApiErrorTable returns every row, in the order of `ApiErrorCode`.
std::span<const ApiErrorInfo> ApiErrorTable();

// InfoFor returns the row of `code`.
const ApiErrorInfo& InfoFor(ApiErrorCode code);

// ApiError is a failure to return to the client.
struct ApiError {
  ApiErrorCode code;
  std::string message;
};

// ErrorBody returns the JSON text of `error`.
std::string ErrorBody(const ApiError& error);

// ErrorForStatus returns the error for a status that httplib set itself
// (404, 413, a malformed request line), for responses without a body.
ApiError ErrorForStatus(int status);

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_API_ERROR_H_
