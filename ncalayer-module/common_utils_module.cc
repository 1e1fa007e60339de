// kz.gov.pki.knca.commonUtils: the older module with positional `args`.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto/public_key.h"
#include "core/encoding/input_form.h"
#include "core/x509/name.h"
#include "ncalayer-module/modules.h"
#include "ncalayer-module/replies.h"
#include "ncalayer-module/signing_flow.h"

namespace tinysign::ncalayer {
namespace {

// Arguments is the positional `args` array of one request.
struct Arguments {
  const std::string& method;
  const boost::json::array& values;

  // String returns argument `i` when it is a string.
  std::optional<std::string> String(size_t i) const {
    const boost::json::string* value = values[i].if_string();
    if (value == nullptr) {
      return std::nullopt;
    }
    return std::string(*value);
  }
};

std::string NoSuchMethod(const std::string& method) {
  return "NoSuchMethodException " + method;
}

std::string TypeMismatch(const std::string& method) {
  return "java.lang.IllegalArgumentException: argument type mismatch. "
         "Method: " +
         method;
}

ModuleReply Failure(RequestRecord* record, const std::string& message) {
  record->outcome = "error";
  record->error = message;
  return {CommonFailure(message)};
}

// StorageError returns the NCALayer message key for a storage the stand-in
// cannot open, or nullopt for PKCS12, the one storage it has.
std::optional<std::string> StorageError(const std::string& storage) {
  if (storage.empty()) {
    return "storageName.param.empty";
  }
  if (storage == "PKCS12") {
    return std::nullopt;
  }
  // The AK* names are hardware tokens; none is attached.
  if (storage.rfind("AK", 0) == 0) {
    return "storage.empty";
  }
  return "storage.unknown";
}

// FilterFor maps keyType SIGNATURE and AUTHENTICATION to a key purpose;
// any other value lists every key. commonUtils has no chain parameter and
// offers every key of the store.
KeyFilter FilterFor(const std::string& key_type, Services& services) {
  KeyFilter filter;
  if (key_type == "SIGNATURE") {
    filter.key_purpose = "sign";
  } else if (key_type == "AUTHENTICATION") {
    filter.key_purpose = "auth";
  }
  filter.chain.emplace();
  filter.now = services.now();
  return filter;
}

ModuleReply ReplyForOutcome(SigningOutcome outcome, RequestRecord* record) {
  switch (outcome.kind) {
    case SigningOutcome::Kind::kSigned:
      record->outcome = "signed";
      return {CommonResult(boost::json::value(
          encoding::EncodeBase64(der::Input(outcome.signatures.front()))))};
    case SigningOutcome::Kind::kCanceled:
    case SigningOutcome::Kind::kNoMatchingKey:
      record->outcome = "canceled";
      return {CommonFailure("action.canceled")};
    case SigningOutcome::Kind::kCloseSocket:
      record->outcome = "closed";
      return {"", true};
    case SigningOutcome::Kind::kWrongPassword:
      // NOTE: the message NCALayer sends after a wrong password is not
      // documented; this one names the cause plainly.
      return Failure(record, "wrong password for the key store");
    case SigningOutcome::Kind::kTimestampUnavailable:
    case SigningOutcome::Kind::kFailed:
      break;
  }
  return Failure(record, outcome.error);
}

// SignBase64 serves the three CMS methods. `hash` selects
// createCAdESFromBase64Hash, whose third argument is a digest and which
// has no attach flag.
ModuleReply SignBase64(const Arguments& args, bool hash, bool timestamp,
                       Services& services, RequestRecord* record) {
  size_t num_args = hash ? 3 : 4;
  if (args.values.size() != num_args) {
    return Failure(record, NoSuchMethod(args.method));
  }
  std::optional<std::string> storage = args.String(0);
  std::optional<std::string> key_type = args.String(1);
  std::optional<std::string> data = args.String(2);
  if (!storage || !key_type || !data || (!hash && !args.values[3].is_bool())) {
    return Failure(record, TypeMismatch(args.method));
  }
  if (std::optional<std::string> error = StorageError(*storage)) {
    return Failure(record, *error);
  }
  CmsRequest request;
  Result<Bytes> bytes = encoding::DecodeBase64(der::Input(*data));
  if (!bytes) {
    return Failure(record, "invalid base64 data: " + bytes.error().ToString());
  }
  request.data = std::move(bytes).value();
  request.is_digest = hash;
  request.attached = !hash && args.values[3].get_bool();
  std::vector<CmsRequest> requests;
  requests.push_back(std::move(request));
  return ReplyForOutcome(SignDocuments(services, FilterFor(*key_type, services),
                                       std::move(requests), timestamp, record),
                         record);
}

std::string CommonName(const x509::Name& name) {
  const std::string* cn = name.FindFirst(x509::attribute::kCommonName);
  return cn == nullptr ? std::string() : *cn;
}

std::string EpochMillis(Time time) {
  return std::to_string(time.unix_seconds * 1000);
}

boost::json::object KeyInfo(const SigningKey& key) {
  const x509::Certificate& certificate = *key.certificate;
  boost::json::object info;
  info["alias"] = key.file_name;
  if (certificate.subject_key_identifier()) {
    info["keyId"] = encoding::HexEncode(*certificate.subject_key_identifier());
  }
  Result<crypto::PublicKey> public_key =
      crypto::ParsePublicKey(certificate.spki_tlv());
  if (public_key) {
    info["algorithm"] = crypto::KeyAlgorithmName(public_key->algorithm);
  }
  info["subjectCn"] = CommonName(certificate.subject());
  info["subjectDn"] = certificate.subject().ToRfc4514();
  info["issuerCn"] = CommonName(certificate.issuer());
  info["issuerDn"] = certificate.issuer().ToRfc4514();
  info["serialNumber"] = encoding::HexEncode(certificate.serial());
  // The 2018 commonUtils source sends epoch milliseconds as strings.
  info["certNotBefore"] = EpochMillis(certificate.not_before());
  info["certNotAfter"] = EpochMillis(certificate.not_after());
  const auto& aki = certificate.authority_key_identifier();
  if (aki && aki->key_identifier) {
    info["authorityKeyIdentifier"] = encoding::HexEncode(*aki->key_identifier);
  }
  info["pem"] = encoding::EncodeBase64(certificate.der());
  return info;
}

ModuleReply GetKeyInfo(const Arguments& args, Services& services,
                       RequestRecord* record) {
  if (args.values.size() != 1) {
    return Failure(record, NoSuchMethod(args.method));
  }
  std::optional<std::string> storage = args.String(0);
  if (!storage) {
    return Failure(record, TypeMismatch(args.method));
  }
  if (std::optional<std::string> error = StorageError(*storage)) {
    return Failure(record, *error);
  }
  const std::vector<SigningKey>& keys = services.signer->keys();
  KeyChoice choice =
      ChooseKey(keys, FilterFor("", services), services.actions->Pop(),
                services.preferred_key_file);
  if (choice.outcome != KeyChoice::Outcome::kChosen) {
    SigningOutcome outcome;
    outcome.kind = OutcomeKindFor(choice.outcome);
    return ReplyForOutcome(outcome, record);
  }
  const SigningKey& key = keys[choice.key_index];
  record->outcome = "ok";
  record->key_file = key.file_name;
  record->key_subject_cn = CommonName(key.certificate->subject());
  return {CommonResult(KeyInfo(key))};
}

}  // namespace

ModuleReply HandleCommonUtils(const boost::json::object& request,
                              Services& services, RequestRecord* record) {
  static const boost::json::array kNoArgs;
  const boost::json::value* args_value = request.if_contains("args");
  const boost::json::array* values = &kNoArgs;
  if (args_value != nullptr && !args_value->is_null()) {
    values = args_value->if_array();
    if (values == nullptr) {
      return Failure(record, TypeMismatch(record->method));
    }
  }
  Arguments args{record->method, *values};
  const std::string& method = record->method;
  if (method == "createCAdESFromBase64") {
    return SignBase64(args, false, false, services, record);
  }
  if (method == "createCAdESFromBase64Hash") {
    return SignBase64(args, true, false, services, record);
  }
  if (method == "createCMSSignatureFromBase64") {
    // NCALayer always timestamps this method's signatures.
    return SignBase64(args, false, true, services, record);
  }
  if (method == "getKeyInfo") {
    return GetKeyInfo(args, services, record);
  }
  if (method == "getActiveTokens" && values->empty()) {
    record->outcome = "ok";
    return {CommonResult(boost::json::array())};
  }
  if (method == "changeLocale" && values->size() == 1) {
    record->outcome = "ok";
    return {CommonOk()};
  }
  return Failure(record, NoSuchMethod(method));
}

}  // namespace tinysign::ncalayer
