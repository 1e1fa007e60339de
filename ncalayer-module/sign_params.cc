#include "ncalayer-module/sign_params.h"

#include <optional>
#include <vector>

#include "core/encoding/input_form.h"
#include "ncalayer-module/json_args.h"

namespace tinysign::ncalayer {
namespace {

// The messages copy the shape of org.json's JSONException texts, which is
// what NCALayer puts in `details`.
std::string NotAnObject(const char* key) {
  return std::string("org.json.JSONException: JSONObject[\"") + key +
         "\"] is not a JSONObject.";
}

std::string NotFound(const char* key) {
  return std::string("org.json.JSONException: JSONObject[\"") + key +
         "\"] not found.";
}

std::string WrongType(const char* key, const char* type) {
  return std::string("org.json.JSONException: JSONObject[\"") + key +
         "\"] is not a " + type + ".";
}

bool ReadFlagInto(const boost::json::object& object, const char* key,
                  bool* flag, std::string* error) {
  std::optional<bool> value = ReadFlag(object, key, *flag);
  if (!value) {
    *error = WrongType(key, "Boolean");
    return false;
  }
  *flag = *value;
  return true;
}

bool ParseChain(const boost::json::value& value, KeyFilter* filter,
                std::string* error) {
  std::optional<std::vector<std::string>> pems = ReadStrings(value);
  if (!pems || value.is_string()) {
    *error = WrongType("chain", "JSONArray");
    return false;
  }
  filter->chain.emplace();
  for (const std::string& pem : *pems) {
    Result<Bytes> der = encoding::NormalizeToDer(der::Input(pem));
    if (!der) {
      *error = "invalid certificate in signerParams.chain: " +
               der.error().ToString();
      return false;
    }
    auto certificate = x509::ParseCertificate(*der);
    if (!certificate) {
      *error = "invalid certificate in signerParams.chain: " +
               certificate.error().ToString();
      return false;
    }
    filter->chain->push_back(*certificate);
  }
  return true;
}

bool ReadFilterString(const boost::json::object& object, const char* key,
                      std::string* out, std::string* error) {
  std::optional<std::string> value = ReadString(object, key);
  if (!value) {
    *error = WrongType(key, "String");
    return false;
  }
  *out = *value;
  return true;
}

}  // namespace

bool ParseSigningParams(const boost::json::object& args, SigningParams* params,
                        std::string* error) {
  if (IsMissing(args, "signingParams")) {
    return true;
  }
  const boost::json::object* object = args.at("signingParams").if_object();
  if (object == nullptr) {
    *error = NotAnObject("signingParams");
    return false;
  }
  if (!ReadFlagInto(*object, "decode", &params->decode, error) ||
      !ReadFlagInto(*object, "encapsulate", &params->encapsulate, error) ||
      !ReadFlagInto(*object, "digested", &params->digested, error)) {
    return false;
  }
  // Any tsaProfile value but null requests a timestamp, `{}` included.
  params->timestamp = !IsMissing(*object, "tsaProfile");
  return true;
}

bool ParseSignerParams(const boost::json::object& args, KeyFilter* filter,
                       std::string* error) {
  if (IsMissing(args, "signerParams")) {
    *error = NotFound("signerParams");
    return false;
  }
  const boost::json::object* object = args.at("signerParams").if_object();
  if (object == nullptr) {
    *error = NotAnObject("signerParams");
    return false;
  }
  const boost::json::value* oids = object->if_contains("extKeyUsageOids");
  if (oids == nullptr) {
    *error = NotFound("extKeyUsageOids");
    return false;
  }
  std::optional<std::vector<std::string>> oid_list = ReadStrings(*oids);
  if (!oid_list || !oids->is_array()) {
    *error = WrongType("extKeyUsageOids", "JSONArray");
    return false;
  }
  filter->ext_key_usage_oids = *oid_list;
  if (!ReadFilterString(*object, "iin", &filter->iin, error) ||
      !ReadFilterString(*object, "bin", &filter->bin, error) ||
      !ReadFilterString(*object, "serialNumber", &filter->serial_number,
                        error)) {
    return false;
  }
  if (IsMissing(*object, "chain")) {
    filter->chain.reset();
    return true;
  }
  return ParseChain(object->at("chain"), filter, error);
}

}  // namespace tinysign::ncalayer
