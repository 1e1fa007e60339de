#include "tests/ncalayer/requests.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/encoding/input_form.h"

namespace tinysign::testing {

namespace json = boost::json;

json::object ParseObject(const std::string& text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  EXPECT_FALSE(ec) << text;
  EXPECT_TRUE(value.is_object()) << text;
  return value.is_object() ? value.get_object() : json::object();
}

std::string Base64(std::string_view text) {
  return encoding::EncodeBase64(der::Input(text));
}

Bytes DecodeCms(const std::string& text) {
  Result<Bytes> der = encoding::NormalizeToDer(der::Input(text));
  EXPECT_TRUE(der.has_value()) << text;
  return der ? *der : Bytes();
}

verify::Document Content(const Bytes& bytes) {
  verify::Document document;
  document.kind = verify::Document::Kind::kContent;
  document.content = der::Input(bytes);
  return document;
}

Bytes ToBytes(std::string_view text) { return Bytes(text.begin(), text.end()); }

std::string SignRequest(const json::value& data, json::object signing_params,
                        json::object signer_params) {
  json::object args;
  args["allowedStorages"] = json::array{"PKCS12"};
  args["format"] = "cms";
  args["data"] = data;
  args["signingParams"] = std::move(signing_params);
  args["signerParams"] = std::move(signer_params);
  args["locale"] = "ru";
  json::object request;
  request["module"] = "kz.gov.pki.knca.basics";
  request["method"] = "sign";
  request["args"] = std::move(args);
  return json::serialize(request);
}

json::object AnyKey() {
  json::object params;
  params["extKeyUsageOids"] = json::array();
  params["chain"] = json::array();
  return params;
}

std::string CommonRequest(const std::string& method, json::array args) {
  json::object request;
  request["module"] = "kz.gov.pki.knca.commonUtils";
  request["method"] = method;
  request["args"] = std::move(args);
  return json::serialize(request);
}

}  // namespace tinysign::testing
