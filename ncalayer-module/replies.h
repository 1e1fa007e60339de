// The reply envelopes of NCALayer's module families. Each family replies in
// its own shape on the same WebSocket, and clients parse each shape
// separately, so these must match NCALayer byte for byte in structure:
//
//   basics (nlcommons):  {"status":true,"body":{"result":...}}
//                        {"status":false,"code":..,"message":..,"details":..}
//   commonUtils:         {"code":"200","responseObject":...}
//                        {"code":"500","message":...}
//   legacy applet:       {"result":..,"secondResult":..,"errorCode":..}
//   accessory:           the bare value, no envelope
//   unknown module:      {"success":false,"errorCode":"MODULE_NOT_FOUND"}
//
// Sources: NCALayer's public sample bundles and nlcommons (CommonResponse,
// CommonFailure), the NLCommonBundle source, and replies recorded from
// NCALayer clones by ncalayer-js-client.
#ifndef TINYSIGN_NCALAYER_MODULE_REPLIES_H_
#define TINYSIGN_NCALAYER_MODULE_REPLIES_H_

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace tinysign::ncalayer {

// BasicsResult returns `{"status":true,"body":{"result":result}}`.
std::string BasicsResult(const boost::json::value& result);

// BasicsCanceled returns `{"status":true,"body":{}}`: NCALayer reports a
// closed key dialog as success with an empty body, not as an error.
std::string BasicsCanceled();

// Basics error codes and their fixed messages, as nlcommons writes them.
inline constexpr std::string_view kInvocationError = "INVOCATION_ERROR";
inline constexpr std::string_view kSigningFailure = "SIGNING_FAILURE";
inline constexpr std::string_view kGeneralError = "GENERAL_ERROR";

// BasicsFailure returns `{"status":false,"code":..,"message":..,
// "details":..}` with the message NCALayer pairs with `code`.
std::string BasicsFailure(std::string_view code, std::string_view details);

// CommonResult returns `{"code":"200","responseObject":response}`.
std::string CommonResult(const boost::json::value& response);

// CommonOk returns `{"code":"200"}`, for methods with no result: NCALayer
// leaves out null fields.
std::string CommonOk();

// CommonFailure returns `{"code":"500","message":message}`.
std::string CommonFailure(std::string_view message);

// LegacyFailure returns `{"errorCode":error_code,"result":message}`.
std::string LegacyFailure(std::string_view error_code,
                          std::string_view message);

// ModuleNotFound returns `{"success":false,"errorCode":"MODULE_NOT_FOUND"}`.
std::string ModuleNotFound();

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_REPLIES_H_
