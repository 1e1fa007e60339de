#include "ncalayer-module/json_args.h"

namespace tinysign::ncalayer {

bool IsMissing(const boost::json::object& object, const char* key) {
  const boost::json::value* value = object.if_contains(key);
  return value == nullptr || value->is_null();
}

std::optional<bool> ReadFlag(const boost::json::object& object, const char* key,
                             bool fallback) {
  if (IsMissing(object, key)) {
    return fallback;
  }
  const boost::json::value& value = object.at(key);
  if (value.is_bool()) {
    return value.get_bool();
  }
  if (value.is_string()) {
    if (value.get_string() == "true") {
      return true;
    }
    if (value.get_string() == "false") {
      return false;
    }
  }
  return std::nullopt;
}

std::optional<std::string> ReadString(const boost::json::object& object,
                                      const char* key) {
  if (IsMissing(object, key)) {
    return std::string();
  }
  const boost::json::value& value = object.at(key);
  if (!value.is_string()) {
    return std::nullopt;
  }
  return std::string(value.get_string());
}

std::optional<std::vector<std::string>> ReadStrings(
    const boost::json::value& value) {
  std::vector<std::string> out;
  if (value.is_string()) {
    out.emplace_back(value.get_string());
    return out;
  }
  if (!value.is_array()) {
    return std::nullopt;
  }
  for (const boost::json::value& element : value.get_array()) {
    if (!element.is_string()) {
      return std::nullopt;
    }
    out.emplace_back(element.get_string());
  }
  return out;
}

}  // namespace tinysign::ncalayer
