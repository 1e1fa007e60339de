#include "server/verify_request.h"

#include <boost/json.hpp>

#include "core/crypto/digest.h"
#include "core/encoding/input_form.h"

namespace tinysign::server {

namespace {

ApiError MakeError(ApiErrorCode code, std::string message) {
  return ApiError{code, std::move(message)};
}

std::optional<ApiError> CheckSize(std::string_view what, size_t size,
                                  uint64_t limit) {
  if (size > limit) {
    return MakeError(ApiErrorCode::kPayloadTooLarge,
                     std::string(what) + " is " + std::to_string(size) +
                         " bytes, over the limit of " + std::to_string(limit) +
                         " bytes");
  }
  return std::nullopt;
}

std::optional<ApiError> DecodeBase64Field(std::string_view field,
                                          std::string_view text, Bytes* out) {
  auto decoded = encoding::DecodeBase64(der::Input(text));
  if (!decoded.has_value()) {
    return MakeError(ApiErrorCode::kInvalidBase64,
                     "\"" + std::string(field) + "\" is not valid base64");
  }
  *out = std::move(*decoded);
  return std::nullopt;
}

// DecodeSignatureText accepts base64 of the DER, or a PEM block.
std::optional<ApiError> DecodeSignatureText(std::string_view text, Bytes* out) {
  if (text.find("-----BEGIN") == std::string_view::npos) {
    return DecodeBase64Field("signature", text, out);
  }
  auto der = encoding::NormalizeToDer(der::Input(text));
  if (!der.has_value()) {
    return MakeError(ApiErrorCode::kInvalidSignature,
                     "\"signature\" is not a valid PEM block");
  }
  *out = std::move(*der);
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
      return PolicyError(key, "an RFC 3339 time such as 2026-12-04T10:00:00Z");
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
  if (auto error = DecodeBase64Field("documentDigest.value",
                                     digest->get_string(), &out->digest)) {
    return error;
  }
  if (out->digest.size() != crypto::DigestLength(*kind)) {
    return MakeError(ApiErrorCode::kInvalidDigest,
                     "the " + std::string(crypto::DigestName(*kind)) +
                         " digest must be " +
                         std::to_string(crypto::DigestLength(*kind)) +
                         " bytes, not " + std::to_string(out->digest.size()));
  }
  out->document_kind = verify::Document::Kind::kDigest;
  out->digest_algorithm = *kind;
  return std::nullopt;
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
  if (StringField(object, "signature") == nullptr) {
    return MakeError(ApiErrorCode::kInvalidRequest,
                     "missing string field \"signature\"");
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
    if (auto error =
            DecodeBase64Field("document", *document, &out->document_bytes)) {
      return error;
    }
    if (auto error = CheckSize("the document", out->document_bytes.size(),
                               limits.max_document_bytes)) {
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
  boost::system::error_code ec;
  const boost::json::value value = boost::json::parse(body, ec);
  if (ec) {
    return MakeError(ApiErrorCode::kInvalidJson,
                     "the body is not valid JSON: " + ec.message());
  }
  const auto* object = value.if_object();
  if (object == nullptr) {
    return MakeError(ApiErrorCode::kInvalidJson,
                     "the body must be a JSON object");
  }
  if (auto error = CheckJsonFields(*object)) {
    return error;
  }
  if (auto error =
          DecodeSignatureText(*StringField(*object, "signature"), &out->cms)) {
    return error;
  }
  if (auto error = CheckSize("the signature", out->cms.size(),
                             limits.max_signature_bytes)) {
    return error;
  }
  if (auto error = ApplyJsonDocument(*object, limits, out)) {
    return error;
  }
  if (const auto* policy = object->if_contains("policy")) {
    return ApplyPolicy(*policy, out);
  }
  return std::nullopt;
}

std::optional<ApiError> ParseMultipartVerifyRequest(
    const std::vector<FormPart>& parts, const RequestLimits& limits,
    VerifyInput* out) {
  bool has_signature = false;
  for (const auto& part : parts) {
    if (part.name == "signature") {
      auto der = encoding::NormalizeToDer(der::Input(part.content));
      if (!der.has_value()) {
        return MakeError(ApiErrorCode::kInvalidSignature,
                         "the \"signature\" part is not DER, PEM or base64");
      }
      out->cms = std::move(*der);
      has_signature = true;
    } else if (part.name == "document") {
      if (auto error = CheckSize("the document", part.content.size(),
                                 limits.max_document_bytes)) {
        return error;
      }
      out->document_bytes.assign(part.content.begin(), part.content.end());
      out->document_kind = verify::Document::Kind::kContent;
    } else if (part.name == "policy") {
      boost::system::error_code ec;
      const boost::json::value policy = boost::json::parse(part.content, ec);
      if (ec) {
        return MakeError(
            ApiErrorCode::kInvalidJson,
            "the \"policy\" part is not valid JSON: " + ec.message());
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
  return CheckSize("the signature", out->cms.size(),
                   limits.max_signature_bytes);
}

}  // namespace tinysign::server
