// kz.gov.pki.knca.basics: the `sign` method NUC recommends since 2022.

#include <boost/json/array.hpp>
#include <string>
#include <vector>

#include "core/encoding/input_form.h"
#include "ncalayer-module/json_args.h"
#include "ncalayer-module/modules.h"
#include "ncalayer-module/replies.h"
#include "ncalayer-module/sign_params.h"
#include "ncalayer-module/signing_flow.h"

namespace tinysign::ncalayer {
namespace {

ModuleReply Invocation(RequestRecord* record, const std::string& details) {
  record->outcome = "error";
  record->error = details;
  return {BasicsFailure(kInvocationError, details)};
}

ModuleReply SigningFailure(RequestRecord* record, const std::string& details) {
  record->outcome = "error";
  record->error = details;
  return {BasicsFailure(kSigningFailure, details)};
}

// BuildRequests turns the `data` strings into CMS requests. A digest is
// always base64, whatever the `decode` flag, because it is binary.
bool BuildRequests(const std::vector<std::string>& data,
                   const SigningParams& params,
                   std::vector<CmsRequest>* requests, std::string* error) {
  for (size_t i = 0; i < data.size(); ++i) {
    CmsRequest request;
    request.is_digest = params.digested;
    request.attached = params.encapsulate && !params.digested;
    if (params.decode || params.digested) {
      Result<Bytes> bytes = encoding::DecodeBase64(der::Input(data[i]));
      if (!bytes) {
        *error = "data[" + std::to_string(i) +
                 "] is not valid base64: " + bytes.error().ToString();
        return false;
      }
      request.data = std::move(bytes).value();
    } else {
      request.data.assign(data[i].begin(), data[i].end());
    }
    requests->push_back(std::move(request));
  }
  return true;
}

ModuleReply ReplyForOutcome(SigningOutcome outcome, RequestRecord* record) {
  switch (outcome.kind) {
    case SigningOutcome::Kind::kSigned: {
      boost::json::array result;
      for (const Bytes& cms : outcome.signatures) {
        result.emplace_back(FormatCmsPem(cms));
      }
      record->outcome = "signed";
      return {BasicsResult(result)};
    }
    case SigningOutcome::Kind::kCanceled:
    case SigningOutcome::Kind::kNoMatchingKey:
      // A user facing an empty key list can only cancel the dialog.
      record->outcome = "canceled";
      return {BasicsCanceled()};
    case SigningOutcome::Kind::kCloseSocket:
      record->outcome = "closed";
      return {"", true};
    case SigningOutcome::Kind::kWrongPassword:
      // NOTE: NCALayer keeps its dialog open after a wrong password; the
      // reply it sends when the user gives up that way is not documented.
      return SigningFailure(record, "wrong password for the key store");
    case SigningOutcome::Kind::kTimestampUnavailable:
    case SigningOutcome::Kind::kFailed:
      break;
  }
  return SigningFailure(record, outcome.error);
}

ModuleReply HandleSign(const boost::json::object& request, Services& services,
                       RequestRecord* record) {
  const boost::json::value* args_value = request.if_contains("args");
  if (args_value == nullptr || !args_value->is_object()) {
    return Invocation(record,
                      "org.json.JSONException: JSONObject[\"args\"] is not a "
                      "JSONObject.");
  }
  const boost::json::object& args = args_value->get_object();
  std::optional<std::string> format = ReadString(args, "format");
  if (!format || *format != "cms") {
    return Invocation(record, "unsupported format \"" + format.value_or("") +
                                  "\": tinysign-ncalayer signs only \"cms\"");
  }
  const boost::json::value* data_value = args.if_contains("data");
  std::optional<std::vector<std::string>> data;
  if (data_value != nullptr) {
    data = ReadStrings(*data_value);
  }
  if (!data || data->empty()) {
    return Invocation(record,
                      "org.json.JSONException: JSONObject[\"data\"] must be a "
                      "string or a non-empty array of strings.");
  }
  SigningParams params;
  KeyFilter filter;
  std::string error;
  if (!ParseSigningParams(args, &params, &error) ||
      !ParseSignerParams(args, &filter, &error)) {
    return Invocation(record, error);
  }
  filter.now = services.now();
  std::vector<CmsRequest> requests;
  if (!BuildRequests(*data, params, &requests, &error)) {
    return SigningFailure(record, error);
  }
  return ReplyForOutcome(SignDocuments(services, filter, std::move(requests),
                                       params.timestamp, record),
                         record);
}

}  // namespace

std::string FormatCmsPem(const Bytes& der) {
  constexpr size_t kLineChars = 64;
  std::string base64 = encoding::EncodeBase64(der::Input(der));
  std::string pem = "-----BEGIN CMS-----\r\n";
  for (size_t i = 0; i < base64.size(); i += kLineChars) {
    pem += base64.substr(i, kLineChars);
    pem += "\r\n";
  }
  pem += "-----END CMS-----\r\n";
  return pem;
}

ModuleReply HandleBasics(const boost::json::object& request, Services& services,
                         RequestRecord* record) {
  if (record->method == "sign") {
    return HandleSign(request, services, record);
  }
  // NOTE: the code nlcommons gives an unknown basics method is not
  // public; INVOCATION_ERROR is the closest confirmed one.
  return Invocation(record, "unknown method " + record->method);
}

}  // namespace tinysign::ncalayer
