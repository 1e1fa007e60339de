#include "server/api_key.h"

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
  constexpr std::string_view kBearer = "Bearer ";
  if (!authorization.empty()) {
    if (authorization.substr(0, kBearer.size()) != kBearer) {
      return "";
    }
    return std::string(authorization.substr(kBearer.size()));
  }
  return std::string(x_api_key);
}

}  // namespace tinysign::server
