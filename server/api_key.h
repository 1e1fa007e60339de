// API keys: the configuration stores the SHA-256 of each key, never the
// key itself.
#ifndef TINYSIGN_SERVER_API_KEY_H_
#define TINYSIGN_SERVER_API_KEY_H_

#include <string>
#include <string_view>
#include <vector>

namespace tinysign::server {

// HashApiKey returns the SHA-256 of `key` as 64 lowercase hex digits, the
// form the configuration stores.
std::string HashApiKey(std::string_view key);

// ApiKeySet checks presented keys against the configured hashes.
class ApiKeySet {
 public:
  explicit ApiKeySet(std::vector<std::string> hashes)
      : hashes_(std::move(hashes)) {}

  // required returns whether any key is configured.
  bool required() const { return !hashes_.empty(); }

  // Accepts returns whether the SHA-256 of `key` is one of the hashes. It
  // compares every hash in full, so the time taken does not reveal how
  // much of a hash matched.
  bool Accepts(std::string_view key) const;

 private:
  std::vector<std::string> hashes_;
};

// KeyFromHeaders returns the key of "Authorization: Bearer KEY" or, when
// that header is absent or carries another scheme, of "X-API-Key: KEY".
// It returns an empty string when neither gives a key.
std::string KeyFromHeaders(std::string_view authorization,
                           std::string_view x_api_key);

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_API_KEY_H_
