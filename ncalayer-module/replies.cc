#include "ncalayer-module/replies.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace tinysign::ncalayer {
namespace {

std::string_view BasicsMessage(std::string_view code) {
  if (code == kInvocationError) {
    return "An invoked method threw an exception.";
  }
  if (code == kSigningFailure) {
    return "Signing has failed.";
  }
  return "General error.";
}

}  // namespace

std::string BasicsResult(const boost::json::value& result) {
  boost::json::object body;
  body["result"] = result;
  boost::json::object reply;
  reply["status"] = true;
  reply["body"] = std::move(body);
  return boost::json::serialize(reply);
}

std::string BasicsCanceled() {
  boost::json::object reply;
  reply["status"] = true;
  reply["body"] = boost::json::object();
  return boost::json::serialize(reply);
}

std::string BasicsFailure(std::string_view code, std::string_view details) {
  boost::json::object reply;
  reply["status"] = false;
  reply["code"] = code;
  reply["message"] = BasicsMessage(code);
  reply["details"] = details;
  return boost::json::serialize(reply);
}

std::string CommonResult(const boost::json::value& response) {
  boost::json::object reply;
  reply["code"] = "200";
  reply["responseObject"] = response;
  return boost::json::serialize(reply);
}

std::string CommonOk() { return R"({"code":"200"})"; }

std::string CommonFailure(std::string_view message) {
  boost::json::object reply;
  reply["code"] = "500";
  reply["message"] = message;
  return boost::json::serialize(reply);
}

std::string LegacyFailure(std::string_view error_code,
                          std::string_view message) {
  boost::json::object reply;
  reply["errorCode"] = error_code;
  reply["result"] = message;
  return boost::json::serialize(reply);
}

std::string ModuleNotFound() {
  return R"({"success":false,"errorCode":"MODULE_NOT_FOUND"})";
}

}  // namespace tinysign::ncalayer
