#include "testpki/manifest.h"

#include <boost/json.hpp>
#include <optional>

#include "core/encoding/input_form.h"

namespace tinysign::testpki {

namespace json = boost::json;

namespace {

std::optional<crl::ReasonCode> ReasonFromName(std::string_view name) {
  for (int value = 0; value <= 10; ++value) {
    const auto reason = crl::ReasonCodeFromValue(value);
    if (reason && crl::ReasonCodeName(*reason) == name) {
      return reason;
    }
  }
  return std::nullopt;
}

json::object KeyObject(const Hierarchy& hierarchy, const EndEntity& entity,
                       const KeyFiles& files) {
  json::array roles;
  for (const std::string& role : entity.roles) {
    roles.emplace_back(role);
  }
  json::object key;
  key["name"] = entity.name;
  if (!files.pkcs12.empty()) {
    key["file"] = files.pkcs12;
    key["password"] = kKeyPassword;
  }
  key["certificate"] = files.certificate;
  key["private_key"] = files.private_key;
  key["algorithm"] = hierarchy.algorithm;
  key["roles"] = std::move(roles);
  key["purpose"] = KeyPurposeName(entity.purpose);
  key["status"] = KeyStatusName(entity.status);
  key["iin"] = entity.iin;
  key["bin"] = entity.bin;
  key["serial"] = encoding::HexEncode(entity.certificate.serial);
  if (entity.status == KeyStatus::kRevoked) {
    key["revocation_time"] = FormatRfc3339(entity.revocation_time);
    key["revocation_reason"] = crl::ReasonCodeName(entity.revocation_reason);
  }
  return key;
}

json::object HierarchyObject(const HierarchyOptions& options,
                             const Hierarchy& hierarchy) {
  const std::string& algorithm = hierarchy.algorithm;
  json::object out;
  out["algorithm"] = algorithm;
  out["root"] = "trust/" + CertificateFileName(algorithm, "root");
  out["ca"] = "trust/" + CertificateFileName(algorithm, "ca");
  out["ocsp_url"] = OcspUrl(options.base_url, algorithm);
  out["tsa_url"] = TsaUrl(options.base_url, algorithm);
  json::object crls;
  for (const char* ca : {"root", "ca"}) {
    for (bool delta : {false, true}) {
      const std::string file = CrlFileName(algorithm, ca, delta);
      crls[std::string(ca) + (delta ? "_delta" : "")] = json::object{
          {"file", "crl/" + file}, {"url", options.base_url + "/crl/" + file}};
    }
  }
  out["crls"] = std::move(crls);
  return out;
}

const json::value* Field(const json::object& object, std::string_view name) {
  return object.if_contains(name);
}

Result<std::string> StringField(const json::object& object,
                                std::string_view name) {
  const json::value* value = Field(object, name);
  if (value == nullptr || !value->is_string()) {
    return Fail(ErrorCode::kInputEmpty,
                "manifest field \"" + std::string(name) + "\" is missing");
  }
  return std::string(value->get_string());
}

// ParseKeyStatus reads a key's serial and status. A revoked key without
// "revocation_time" is revoked at `at`, and one without a known
// "revocation_reason" for an unspecified reason.
Result<std::pair<Bytes, CertificateStatus>> ParseKeyStatus(
    const json::object& key, Time at) {
  TINYSIGN_ASSIGN_OR_RETURN(const std::string serial_hex,
                            StringField(key, "serial"));
  TINYSIGN_ASSIGN_OR_RETURN(const std::string status_name,
                            StringField(key, "status"));
  TINYSIGN_ASSIGN_OR_RETURN(Bytes serial, encoding::HexDecode(serial_hex));
  CertificateStatus status;
  const auto parsed_status = KeyStatusFromName(status_name);
  if (!parsed_status) {
    return Fail(ErrorCode::kInputEmpty, "manifest status \"" + status_name +
                                            "\" is not valid, revoked or "
                                            "expired");
  }
  status.status = *parsed_status;
  if (status.status == KeyStatus::kRevoked) {
    status.revocation_time = at;
    if (auto time = StringField(key, "revocation_time")) {
      TINYSIGN_ASSIGN_OR_RETURN(status.revocation_time, ParseRfc3339(*time));
    }
    if (auto reason = StringField(key, "revocation_reason")) {
      status.reason =
          ReasonFromName(*reason).value_or(crl::ReasonCode::kUnspecified);
    }
  }
  return std::make_pair(std::move(serial), status);
}

}  // namespace

std::string ManifestJson(const HierarchyOptions& options,
                         const std::vector<Hierarchy>& hierarchies,
                         const std::map<std::string, KeyFiles>& files) {
  json::array hierarchy_list;
  json::array keys;
  for (const Hierarchy& hierarchy : hierarchies) {
    hierarchy_list.push_back(HierarchyObject(options, hierarchy));
    for (const EndEntity& entity : hierarchy.end_entities) {
      const auto found = files.find(entity.name);
      keys.push_back(
          KeyObject(hierarchy, entity,
                    found == files.end() ? KeyFiles{} : found->second));
    }
  }
  json::object top;
  top["seed"] = options.seed;
  top["at"] = FormatRfc3339(options.at);
  top["base_url"] = options.base_url;
  top["hierarchies"] = std::move(hierarchy_list);
  top["keys"] = std::move(keys);

  // One key or hierarchy per line keeps the file readable and diffable.
  std::string out = "{\n";
  bool first = true;
  for (const auto& [name, value] : top) {
    out += first ? "  " : ",\n  ";
    first = false;
    out += json::serialize(json::value(name)) + ": ";
    if (value.is_array()) {
      out += "[\n";
      const json::array& items = value.get_array();
      for (size_t i = 0; i < items.size(); ++i) {
        out += "    " + json::serialize(items[i]);
        out += i + 1 < items.size() ? ",\n" : "\n";
      }
      out += "  ]";
    } else {
      out += json::serialize(value);
    }
  }
  out += "\n}\n";
  return out;
}

Result<ManifestData> ParseManifest(std::string_view text) {
  boost::system::error_code error;
  json::value root = json::parse(text, error);
  if (error || !root.is_object()) {
    return Fail(ErrorCode::kInputEmpty,
                "manifest is not a JSON object: " + error.message());
  }
  const json::object& top = root.get_object();
  ManifestData out;
  const json::value* seed = Field(top, "seed");
  if (seed == nullptr || !(seed->is_uint64() || seed->is_int64())) {
    return Fail(ErrorCode::kInputEmpty, "manifest field \"seed\" is missing");
  }
  out.options.seed = seed->is_uint64()
                         ? seed->get_uint64()
                         : static_cast<uint64_t>(seed->get_int64());
  TINYSIGN_ASSIGN_OR_RETURN(const std::string at, StringField(top, "at"));
  TINYSIGN_ASSIGN_OR_RETURN(out.options.at, ParseRfc3339(at));
  TINYSIGN_ASSIGN_OR_RETURN(out.options.base_url, StringField(top, "base_url"));

  const json::value* keys = Field(top, "keys");
  if (keys == nullptr || !keys->is_array()) {
    return Fail(ErrorCode::kInputEmpty, "manifest field \"keys\" is missing");
  }
  for (const json::value& item : keys->get_array()) {
    if (!item.is_object()) {
      return Fail(ErrorCode::kInputEmpty, "manifest key is not an object");
    }
    TINYSIGN_ASSIGN_OR_RETURN(const std::string algorithm,
                              StringField(item.get_object(), "algorithm"));
    TINYSIGN_ASSIGN_OR_RETURN(
        auto entry, ParseKeyStatus(item.get_object(), out.options.at));
    out.statuses[algorithm][std::move(entry.first)] = entry.second;
  }
  return out;
}

}  // namespace tinysign::testpki
