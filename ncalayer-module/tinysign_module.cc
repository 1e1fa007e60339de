// kz.tinysign: the TinySign module. `signFile` downloads a document by URL
// and signs it, so that large files never pass through the page's
// WebSocket frames; `getVersion` identifies the module.

#include <boost/json/object.hpp>
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

ModuleReply Fail(RequestRecord* record, std::string_view code,
                 const std::string& details) {
  record->outcome = "error";
  record->error = details;
  return {BasicsFailure(code, details)};
}

ModuleReply ReplyForOutcome(SigningOutcome outcome, RequestRecord* record) {
  switch (outcome.kind) {
    case SigningOutcome::Kind::kSigned:
      record->outcome = "signed";
      return {BasicsResult(boost::json::value(
          encoding::EncodeBase64(der::Input(outcome.signatures.front()))))};
    case SigningOutcome::Kind::kCanceled:
    case SigningOutcome::Kind::kNoMatchingKey:
      record->outcome = "canceled";
      return {BasicsCanceled()};
    case SigningOutcome::Kind::kCloseSocket:
      record->outcome = "closed";
      return {"", true};
    case SigningOutcome::Kind::kWrongPassword:
      return Fail(record, kSigningFailure, "wrong password for the key store");
    case SigningOutcome::Kind::kTimestampUnavailable:
    case SigningOutcome::Kind::kFailed:
      break;
  }
  return Fail(record, kSigningFailure, outcome.error);
}

// SignFile serves `signFile`: args are `url` plus the signingParams and
// signerParams of basics `sign`, except that `encapsulate` defaults to
// false, since the site already has the file. The result is the DER CMS
// as one base64 string.
ModuleReply SignFile(const boost::json::object& request, Services& services,
                     RequestRecord* record) {
  const boost::json::value* args_value = request.if_contains("args");
  if (args_value == nullptr || !args_value->is_object()) {
    return Fail(record, kInvocationError,
                "org.json.JSONException: JSONObject[\"args\"] is not a "
                "JSONObject.");
  }
  const boost::json::object& args = args_value->get_object();
  std::optional<std::string> url = ReadString(args, "url");
  if (!url || url->empty()) {
    return Fail(record, kInvocationError,
                "org.json.JSONException: JSONObject[\"url\"] not found.");
  }
  SigningParams params;
  params.encapsulate = false;
  KeyFilter filter;
  std::string error;
  if (!ParseSigningParams(args, &params, &error) ||
      !ParseSignerParams(args, &filter, &error)) {
    return Fail(record, kInvocationError, error);
  }
  if (params.digested || params.decode) {
    return Fail(record, kInvocationError,
                "signFile signs the downloaded bytes: decode and digested "
                "must be false");
  }
  filter.now = services.now();
  if (services.downloader == nullptr) {
    return Fail(record, kGeneralError, "file download is not available");
  }
  CmsRequest cms_request;
  cms_request.attached = params.encapsulate;
  if (!services.downloader->Download(*url, record->origin, &cms_request.data,
                                     &error)) {
    return Fail(record, kGeneralError, error);
  }
  std::vector<CmsRequest> requests;
  requests.push_back(std::move(cms_request));
  return ReplyForOutcome(SignDocuments(services, filter, std::move(requests),
                                       params.timestamp, record),
                         record);
}

}  // namespace

ModuleReply HandleTinySign(const boost::json::object& request,
                           Services& services, RequestRecord* record) {
  if (record->method == "signFile") {
    return SignFile(request, services, record);
  }
  if (record->method == "getVersion") {
    boost::json::object version;
    version["name"] = "tinysign-ncalayer";
    version["version"] = kTinySignVersion;
    record->outcome = "ok";
    return {BasicsResult(version)};
  }
  return Fail(record, kInvocationError, "unknown method " + record->method);
}

}  // namespace tinysign::ncalayer
