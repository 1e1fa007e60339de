#include "ncalayer-module/dispatcher.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "ncalayer-module/modules.h"
#include "ncalayer-module/replies.h"

namespace tinysign::ncalayer {

ModuleReply Dispatcher::Handle(std::string_view text,
                               const std::string& origin) {
  std::lock_guard lock(mutex_);
  RequestRecord record;
  record.origin = origin;
  ModuleReply reply = Route(text, &record);
  if (logger_) {
    logger_(record);
  }
  return reply;
}

ModuleReply Dispatcher::Route(std::string_view text, RequestRecord* record) {
  boost::system::error_code error;
  boost::json::value request = boost::json::parse(text, error);
  if (error || !request.is_object()) {
    record->outcome = "error";
    record->error = "request is not a JSON object";
    return {LegacyFailure("COMMON", "request is not a JSON object")};
  }

  const boost::json::object& object = request.get_object();
  const boost::json::value* module = object.if_contains("module");
  const boost::json::value* method = object.if_contains("method");
  if (method != nullptr && method->is_string()) {
    record->method = std::string(method->get_string());
  }
  if (module == nullptr || !module->is_string()) {
    record->outcome = "error";
    record->error = "legacy applet requests are not supported";
    return {LegacyFailure("COMMON",
                          "legacy applet methods are not supported by "
                          "tinysign-ncalayer; use kz.gov.pki.knca.basics")};
  }

  record->module = std::string(module->get_string());
  if (record->module == kBasicsModule) {
    return HandleBasics(object, services_, record);
  }
  if (record->module == kCommonUtilsModule) {
    return HandleCommonUtils(object, services_, record);
  }
  if (record->module == kAccessoryModule) {
    return HandleAccessory(object, record);
  }
  if (record->module == kTinySignModule) {
    return HandleTinySign(object, services_, record);
  }
  record->outcome = "error";
  record->error = "module not found";
  return {ModuleNotFound()};
}

std::string FormatRequestRecord(const RequestRecord& record) {
  boost::json::object line;
  auto add = [&line](const char* key, const std::string& value) {
    if (!value.empty()) {
      line[key] = value;
    }
  };
  add("module", record.module);
  add("method", record.method);
  add("origin", record.origin);
  add("outcome", record.outcome);
  add("key_file", record.key_file);
  add("key_subject_cn", record.key_subject_cn);
  if (record.num_documents > 0) {
    line["num_documents"] = record.num_documents;
  }
  add("error", record.error);
  return boost::json::serialize(line);
}

}  // namespace tinysign::ncalayer
