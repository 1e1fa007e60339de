#include "server/verify_request.h"

#include <boost/json.hpp>
#include <set>

#include "core/cms/signed_data.h"
#include "core/crypto/digest.h"
#include "core/encoding/input_form.h"
#include "server/strict_json.h"

namespace tinysign::server {

namespace {

ApiError MakeError(ApiErrorCode code, std::string message) {
  return ApiError{code, std::move(message)};
}

// CheckSize returns the error for `what` of `size` bytes over `limit`,
// naming the setting that sets the limit.
std::optional<ApiError> CheckSize(std::string_view what, size_t size,
                                  uint64_t limit, std::string_view setting) {
  if (size > limit) {
    return MakeError(ApiErrorCode::kPayloadTooLarge,
                     std::string(what) + " is " + std::to_string(size) +
                         " bytes, over the limit of " + std::to_string(limit) +
                         " bytes (" + std::string(setting) +
                         "): send a smaller one or raise the setting");
  }
  return std::nullopt;
}

// DecodedLimit is the largest decoded size of one base64 field, and the
// setting that configures it, for messages.
struct DecodedLimit {
  uint64_t max_bytes;
  std::string_view setting;
};

ApiError TooLargeError(std::string_view field, const Error& error,
                       std::string_view setting) {
  return MakeError(ApiErrorCode::kPayloadTooLarge,
                   "\"" + std::string(field) +
                       "\" is too large: " + error.detail + " (the setting " +
                       std::string(setting) + ")");
}

// DecodeBase64Field decodes `text`, where "" and whitespace alone are the
// base64 of no bytes (RFC 4648 section 10).
std::optional<ApiError> DecodeBase64Field(std::string_view field,
                                          std::string_view text,
                                          const DecodedLimit& limit,
                                          Bytes* out) {
  auto decoded = encoding::DecodeBase64(der::Input(text), limit.max_bytes);
  if (decoded.has_value()) {
    *out = std::move(*decoded);
    return std::nullopt;
  }
  switch (decoded.error().code) {
    case ErrorCode::kInputEmpty:
      out->clear();
      return std::nullopt;
    case ErrorCode::kInputTooLarge:
      return TooLargeError(field, decoded.error(), limit.setting);
    default:
      return MakeError(ApiErrorCode::kInvalidBase64,
                       "\"" + std::string(field) +
                           "\" is not valid base64: " + decoded.error().detail +
                           ". Send standard base64, whose alphabet has + and "
                           "/, not the URL-safe alphabet with - and _");
  }
}

// DecodeSignatureText accepts base64 of the DER, or a PEM block.
std::optional<ApiError> DecodeSignatureText(std::string_view text,
                                            const RequestLimits& limits,
                                            Bytes* out) {
  const DecodedLimit limit{limits.max_signature_bytes, "maxSignatureBytes"};
  if (text.find("-----BEGIN") == std::string_view::npos) {
    if (auto error = DecodeBase64Field("signature", text, limit, out)) {
      return error;
    }
    if (out->empty()) {
      return MakeError(ApiErrorCode::kInvalidSignature,
                       "\"signature\" is empty: send base64 of the CMS DER "
                       "or a PEM block");
    }
    return std::nullopt;
  }
  auto der = encoding::NormalizeToDer(der::Input(text));
  if (!der.has_value()) {
    if (der.error().code == ErrorCode::kInputTooLarge) {
      return TooLargeError("signature", der.error(), limit.setting);
    }
    return MakeError(
        ApiErrorCode::kInvalidSignature,
        "\"signature\" is not a valid PEM block: " + der.error().detail);
  }
  *out = std::move(*der);
  return std::nullopt;
}

// CheckHasSigners rejects a certificates-only SignedData, the form used to
// carry certificates (RFC 5652 section 5.1 with empty signerInfos), since it
// contains no signature to verify. Other parse failures are left to the
// verifier, which reports them with the same code.
std::optional<ApiError> CheckHasSigners(const Bytes& cms) {
  const auto signed_data = cms::ParseSignedData(der::Input(cms));
  if (signed_data.has_value() && (*signed_data)->signers().empty()) {
    return MakeError(ApiErrorCode::kInvalidSignature,
                     "the CMS SignedData has no signers, so it contains no "
                     "signature to verify: send a signature, not a "
                     "certificates-only SignedData");
  }
  return std::nullopt;
}

template <typename Enum>
std::optional<Enum> FindByName(std::string_view text,
                               std::initializer_list<Enum> values,
                               std::string_view (*name_of)(Enum)) {
  for (Enum value : values) {
    if (name_of(value) == text) {
      return value;
    }
  }
  return std::nullopt;
}

ApiError PolicyError(std::string_view key, std::string_view expected) {
  return MakeError(ApiErrorCode::kInvalidPolicy,
                   "invalid policy \"" + std::string(key) + "\": expected " +
                       std::string(expected));
}

std::optional<ApiError> ApplyPolicyField(std::string_view key,
                                         std::string_view text,
                                         VerifyInput* out) {
  using verify::KeyPurpose;
  using verify::RevocationPolicy;
  if (key == "revocation") {
    const auto policy =
        FindByName(text,
                   {RevocationPolicy::kRequire, RevocationPolicy::kPrefer,
                    RevocationPolicy::kOff},
                   verify::RevocationPolicyName);
    if (!policy.has_value()) {
      return PolicyError(key, "require, prefer or off");
    }
    out->policy.revocation = *policy;
  } else if (key == "purpose") {
    const auto purpose = FindByName(
        text, {KeyPurpose::kSign, KeyPurpose::kAuth, KeyPurpose::kAny},
        verify::KeyPurposeName);
    if (!purpose.has_value()) {
      return PolicyError(key, "sign, auth or any");
    }
    out->policy.purpose = *purpose;
  } else if (key == "validationTime") {
    const auto time = ParseRfc3339(text);
    if (!time.has_value()) {
      return PolicyError(key,
                         "an RFC 3339 time such as 2026-12-04T10:00:00Z, not " +
                             time.error().detail);
    }
    out->validation_time = *time;
  } else {
    return MakeError(ApiErrorCode::kInvalidPolicy,
                     "unknown policy field \"" + std::string(key) +
                         "\": expected revocation, purpose or "
                         "validationTime");
  }
  return std::nullopt;
}

std::optional<ApiError> ApplyPolicy(const boost::json::value& value,
                                    VerifyInput* out) {
  const auto* object = value.if_object();
  if (object == nullptr) {
    return MakeError(ApiErrorCode::kInvalidPolicy,
                     "\"policy\" must be a JSON object");
  }
  for (const auto& field : *object) {
    const auto* text = field.value().if_string();
    if (text == nullptr) {
      return PolicyError(field.key(), "a string");
    }
    if (auto error = ApplyPolicyField(field.key(), *text, out)) {
      return error;
    }
  }
  return std::nullopt;
}

std::optional<ApiError> ApplyDigest(const boost::json::value& value,
                                    VerifyInput* out) {
  const auto* object = value.if_object();
  const boost::json::value* algorithm =
      object == nullptr ? nullptr : object->if_contains("algorithm");
  const boost::json::value* digest =
      object == nullptr ? nullptr : object->if_contains("value");
  if (algorithm == nullptr || !algorithm->is_string() || digest == nullptr ||
      !digest->is_string() || object->size() != 2) {
    return MakeError(ApiErrorCode::kInvalidRequest,
                     "\"documentDigest\" must be an object with the strings "
                     "\"algorithm\" and \"value\"");
  }
  const auto kind = crypto::DigestFromName(algorithm->get_string());
  if (!kind.has_value()) {
    return MakeError(ApiErrorCode::kInvalidDigest,
                     "unknown digest algorithm \"" +
                         std::string(algorithm->get_string()) +
                         "\": expected gost34311-95, streebog256, "
                         "streebog512, sha1, sha256, sha384 or sha512");
  }
  const size_t expected_len = crypto::DigestLength(*kind);
  const std::string hint = ". The value is base64 of the " +
                           std::to_string(expected_len) +
                           " digest bytes, not hex";
  // The bound lets a value of twice the digest length, such as hex text,
  // decode, so that the message can give its length.
  const DecodedLimit limit{expected_len * 2, "of the digest length"};
  if (auto error = DecodeBase64Field(
          "documentDigest.value", digest->get_string(), limit, &out->digest)) {
    if (error->code == ApiErrorCode::kPayloadTooLarge) {
      return MakeError(ApiErrorCode::kInvalidDigest,
                       "the " + std::string(crypto::DigestName(*kind)) +
                           " digest must be " + std::to_string(expected_len) +
                           " bytes, and the value decodes to more than " +
                           std::to_string(limit.max_bytes) + hint);
    }
    return error;
  }
  if (out->digest.size() != expected_len) {
    return MakeError(ApiErrorCode::kInvalidDigest,
                     "the " + std::string(crypto::DigestName(*kind)) +
                         " digest must be " + std::to_string(expected_len) +
                         " bytes, not " + std::to_string(out->digest.size()) +
                         hint);
  }
  out->document_kind = verify::Document::Kind::kDigest;
  out->digest_algorithm = *kind;
  return std::nullopt;
}

// JsonKindName returns the JSON name of a value's type, for messages.
std::string_view JsonKindName(boost::json::kind kind) {
  switch (kind) {
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::bool_:
      return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_:
      return "a number";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::array:
      return "an array";
    case boost::json::kind::object:
      return "an object";
  }
  return "another type";
}

const boost::json::string* StringField(const boost::json::object& object,
                                       std::string_view key) {
  const auto* value = object.if_contains(key);
  return value == nullptr ? nullptr : value->if_string();
}

std::optional<ApiError> CheckJsonFields(const boost::json::object& object) {
  for (const auto& field : object) {
    const std::string_view key = field.key();
    if (key != "signature" && key != "document" && key != "documentDigest" &&
        key != "policy") {
      return MakeError(ApiErrorCode::kInvalidRequest,
                       "unknown field \"" + std::string(key) +
                           "\": expected signature, document, "
                           "documentDigest or policy");
    }
  }
  const auto* signature = object.if_contains("signature");
  if (signature == nullptr) {
    return MakeError(ApiErrorCode::kInvalidRequest,
                     "missing field \"signature\": send base64 of the CMS "
                     "DER or a PEM block");
  }
  if (!signature->is_string()) {
    return MakeError(ApiErrorCode::kInvalidRequest,
                     "\"signature\" must be a string with base64 of the CMS "
                     "DER or a PEM block, not " +
                         std::string(JsonKindName(signature->kind())));
  }
  if (object.contains("document") && object.contains("documentDigest")) {
    return MakeError(ApiErrorCode::kInvalidRequest,
                     "give either \"document\" or \"documentDigest\", not "
                     "both");
  }
  if (object.contains("document") &&
      StringField(object, "document") == nullptr) {
    return MakeError(ApiErrorCode::kInvalidRequest,
                     "\"document\" must be a base64 string");
  }
  return std::nullopt;
}

std::optional<ApiError> ApplyJsonDocument(const boost::json::object& object,
                                          const RequestLimits& limits,
                                          VerifyInput* out) {
  if (const auto* document = StringField(object, "document")) {
    const DecodedLimit limit{limits.max_document_bytes, "maxDocumentBytes"};
    if (auto error = DecodeBase64Field("document", *document, limit,
                                       &out->document_bytes)) {
      return error;
    }
    if (auto error = CheckSize("the document", out->document_bytes.size(),
                               limits.max_document_bytes, "maxDocumentBytes")) {
      return error;
    }
    out->document_kind = verify::Document::Kind::kContent;
  }
  if (const auto* digest = object.if_contains("documentDigest")) {
    return ApplyDigest(*digest, out);
  }
  return std::nullopt;
}

}  // namespace

verify::Document VerifyInput::DocumentView() const {
  verify::Document document;
  document.kind = document_kind;
  if (document_kind == verify::Document::Kind::kContent) {
    document.content = der::Input(document_bytes);
  } else if (document_kind == verify::Document::Kind::kDigest) {
    document.digest_algorithm = digest_algorithm;
    document.digest = digest;
  }
  return document;
}

std::optional<ApiError> ParseJsonVerifyRequest(std::string_view body,
                                               const RequestLimits& limits,
                                               VerifyInput* out) {
  boost::json::value value;
  if (auto error = ParseStrictJson(body, "the body", &value)) {
    return error;
  }
  const auto* object = value.if_object();
  if (object == nullptr) {
    return MakeError(ApiErrorCode::kInvalidJson,
                     "the body must be a JSON object");
  }
  if (auto error = CheckJsonFields(*object)) {
    return error;
  }
  if (auto error = DecodeSignatureText(*StringField(*object, "signature"),
                                       limits, &out->cms)) {
    return error;
  }
  if (auto error = CheckSize("the signature", out->cms.size(),
                             limits.max_signature_bytes, "maxSignatureBytes")) {
    return error;
  }
  if (auto error = ApplyJsonDocument(*object, limits, out)) {
    return error;
  }
  if (const auto* policy = object->if_contains("policy")) {
    if (auto error = ApplyPolicy(*policy, out)) {
      return error;
    }
  }
  return CheckHasSigners(out->cms);
}

std::optional<ApiError> ParseMultipartVerifyRequest(
    const std::vector<FormPart>& parts, const RequestLimits& limits,
    VerifyInput* out) {
  bool has_signature = false;
  std::set<std::string_view> seen;
  for (const auto& part : parts) {
    if (!seen.insert(part.name).second) {
      return MakeError(
          ApiErrorCode::kInvalidRequest,
          "duplicate part \"" + part.name + "\": send each part once");
    }
    if (part.name == "signature") {
      auto der = encoding::NormalizeToDer(der::Input(part.content));
      if (!der.has_value()) {
        return MakeError(ApiErrorCode::kInvalidSignature,
                         "the \"signature\" part is not DER, PEM or base64: " +
                             der.error().detail);
      }
      out->cms = std::move(*der);
      has_signature = true;
    } else if (part.name == "document") {
      if (auto error =
              CheckSize("the document", part.content.size(),
                        limits.max_document_bytes, "maxDocumentBytes")) {
        return error;
      }
      out->document_bytes.assign(part.content.begin(), part.content.end());
      out->document_kind = verify::Document::Kind::kContent;
    } else if (part.name == "policy") {
      boost::json::value policy;
      if (auto error =
              ParseStrictJson(part.content, "the \"policy\" part", &policy)) {
        return error;
      }
      if (auto error = ApplyPolicy(policy, out)) {
        return error;
      }
    } else {
      return MakeError(ApiErrorCode::kInvalidRequest,
                       "unknown part \"" + part.name +
                           "\": expected signature, document or policy");
    }
  }
  if (!has_signature) {
    return MakeError(ApiErrorCode::kInvalidRequest,
                     "missing part \"signature\"");
  }
  if (auto error = CheckSize("the signature", out->cms.size(),
                             limits.max_signature_bytes, "maxSignatureBytes")) {
    return error;
  }
  return CheckHasSigners(out->cms);
}

}  // namespace tinysign::server
