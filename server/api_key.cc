#include "server/api_key.h"

#include <algorithm>
#include <cctype>

#include "core/crypto/digest.h"
#include "core/der/input.h"
#include "core/encoding/input_form.h"

namespace tinysign::server {

namespace {

bool EqualInConstantTime(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  unsigned char difference = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

}  // namespace

std::string HashApiKey(std::string_view key) {
  const Bytes digest =
      crypto::ComputeDigest(crypto::DigestAlgorithm::kSha256, der::Input(key));
  return encoding::HexEncode(digest);
}

bool ApiKeySet::Accepts(std::string_view key) const {
  if (key.empty()) {
    return false;
  }
  const std::string hash = HashApiKey(key);
  bool accepted = false;
  for (const auto& expected : hashes_) {
    accepted |= EqualInConstantTime(hash, expected);
  }
  return accepted;
}

std::string KeyFromHeaders(std::string_view authorization,
                           std::string_view x_api_key) {
  // RFC 9110 section 11.1: the scheme is case-insensitive and one or more
  // spaces follow it. Another scheme, such as the Basic credentials of a
  // proxy in front, leaves X-API-Key to carry the key.
  constexpr std::string_view kBearer = "bearer";
  const std::string_view scheme = authorization.substr(0, kBearer.size());
  const bool is_bearer =
      authorization.size() > kBearer.size() &&
      authorization[kBearer.size()] == ' ' &&
      std::equal(scheme.begin(), scheme.end(), kBearer.begin(),
                 [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) == b;
                 });
  if (!is_bearer) {
    return std::string(x_api_key);
  }
  const size_t start = authorization.find_first_not_of(' ', kBearer.size());
  return start == std::string_view::npos
             ? std::string()
             : std::string(authorization.substr(start));
}

}  // namespace tinysign::server
