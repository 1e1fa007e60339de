#include "cli/verify_options.h"

#include <cstdint>
#include <string>

#include "core/encoding/input_form.h"

namespace tinysign::cli {

namespace {

std::optional<verify::RevocationPolicy> ParseRevocationPolicy(
    std::string_view text) {
  for (verify::RevocationPolicy policy :
       {verify::RevocationPolicy::kRequire, verify::RevocationPolicy::kPrefer,
        verify::RevocationPolicy::kOff}) {
    if (verify::RevocationPolicyName(policy) == text) {
      return policy;
    }
  }
  return std::nullopt;
}

std::optional<verify::KeyPurpose> ParseKeyPurpose(std::string_view text) {
  for (verify::KeyPurpose purpose :
       {verify::KeyPurpose::kSign, verify::KeyPurpose::kAuth,
        verify::KeyPurpose::kAny}) {
    if (verify::KeyPurposeName(purpose) == text) {
      return purpose;
    }
  }
  return std::nullopt;
}

// kMaxSkewSeconds is one day: clocks further apart than that are broken,
// and a larger skew would let stale evidence pass as fresh.
constexpr int64_t kMaxSkewSeconds = 86400;

std::optional<int64_t> ParseSkew(std::string_view text) {
  if (text.empty() || text.size() > 6) {
    return std::nullopt;
  }
  int64_t seconds = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    seconds = seconds * 10 + (c - '0');
  }
  if (seconds > kMaxSkewSeconds) {
    return std::nullopt;
  }
  return seconds;
}

}  // namespace

bool ParseVerifyOptions(const Arguments& arguments, Time now,
                        verify::VerifyOptions* out, std::string* error) {
  out->validation_time = now;
  out->current_time = now;
  if (const auto at = arguments.Value("--at")) {
    auto time = ParseRfc3339(*at);
    if (!time.has_value()) {
      *error = "invalid --at time '" + *at +
               "': expected RFC 3339, such as 2026-12-04T10:00:00Z";
      return false;
    }
    out->validation_time = *time;
  }
  if (const auto revocation = arguments.Value("--revocation")) {
    const auto policy = ParseRevocationPolicy(*revocation);
    if (!policy.has_value()) {
      *error = "invalid --revocation value '" + *revocation +
               "': expected require, prefer or off";
      return false;
    }
    out->policy.revocation = *policy;
  }
  if (const auto skew = arguments.Value("--skew")) {
    const auto seconds = ParseSkew(*skew);
    if (!seconds.has_value()) {
      *error = "invalid --skew value '" + *skew +
               "': expected whole seconds from 0 to " +
               std::to_string(kMaxSkewSeconds);
      return false;
    }
    out->policy.clock_skew_seconds = *seconds;
  }
  if (const auto purpose_text = arguments.Value("--purpose")) {
    const auto purpose = ParseKeyPurpose(*purpose_text);
    if (!purpose.has_value()) {
      *error = "invalid --purpose value '" + *purpose_text +
               "': expected sign, auth or any";
      return false;
    }
    out->policy.purpose = *purpose;
  }
  return true;
}

std::optional<DigestOption> ParseDigestOption(std::string_view text,
                                              std::string* error) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    *error = "invalid --digest value '" + std::string(text) +
             "': expected ALG:HEX, such as sha256:9f86d081...";
    return std::nullopt;
  }
  const std::string_view name = text.substr(0, colon);
  const std::string_view hex = text.substr(colon + 1);
  const auto algorithm = crypto::DigestFromName(name);
  if (!algorithm.has_value()) {
    *error = "unknown --digest algorithm '" + std::string(name) +
             "': expected one of " + std::string(kDigestNames);
    return std::nullopt;
  }
  auto digest = encoding::HexDecode(hex);
  if (!digest.has_value()) {
    *error = "invalid --digest hexadecimal: " + digest.error().detail;
    return std::nullopt;
  }
  const size_t expected_len = crypto::DigestLength(*algorithm);
  if (digest->size() != expected_len) {
    *error = "invalid --digest length: a " + std::string(name) + " digest is " +
             std::to_string(expected_len) + " bytes (" +
             std::to_string(expected_len * 2) + " hex digits), got " +
             std::to_string(digest->size()) + " bytes";
    return std::nullopt;
  }
  return DigestOption{*algorithm, std::move(*digest)};
}

}  // namespace tinysign::cli
