#include "server/ocsp_override.h"

#include <cctype>

#include "fetch/url_mapping.h"

namespace tinysign::server {

namespace {

constexpr std::string_view kKeyIdentifierHint =
    ": expected the issuer's subjectKeyIdentifier in hex, such as "
    "3f1a09c2 or 3F:1A:09:C2, as GET /api/v1/trust lists it";

bool IsHexDigit(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

// HasByteSeparators returns true when every ':' in `text` sits between
// two groups of exactly two hex digits, as in "3F:1A:09".
bool HasByteSeparators(std::string_view text) {
  if (text.size() % 3 != 2) {
    return false;
  }
  for (size_t i = 2; i < text.size(); i += 3) {
    if (text[i] != ':') {
      return false;
    }
  }
  return true;
}

}  // namespace

bool NormalizeKeyIdentifier(std::string_view text, std::string* out,
                            std::string* error) {
  const std::string quoted = "'" + std::string(text) + "'";
  if (text.empty()) {
    *error = "invalid OCSP override key identifier ''" +
             std::string(kKeyIdentifierHint);
    return false;
  }
  if (text.find(':') != std::string_view::npos && !HasByteSeparators(text)) {
    *error = "invalid OCSP override key identifier " + quoted +
             ": ':' may only separate bytes of two hex digits" +
             std::string(kKeyIdentifierHint);
    return false;
  }
  std::string digits;
  for (char c : text) {
    if (c == ':') {
      continue;
    }
    if (!IsHexDigit(c)) {
      *error = "invalid OCSP override key identifier " + quoted + ": '" +
               std::string(1, c) + "' is not a hex digit" +
               std::string(kKeyIdentifierHint);
      return false;
    }
    digits.push_back(
        static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (digits.size() % 2 != 0) {
    *error = "invalid OCSP override key identifier " + quoted +
             ": odd number of hex digits" + std::string(kKeyIdentifierHint);
    return false;
  }
  *out = std::move(digits);
  return true;
}

bool AddOcspOverride(std::string_view key_identifier, std::string_view url,
                     std::map<std::string, std::string>* overrides,
                     std::string* error) {
  std::string key;
  if (!NormalizeKeyIdentifier(key_identifier, &key, error)) {
    return false;
  }
  const auto parsed = fetch::ParseHttpUrl(url);
  if (!parsed.has_value()) {
    *error = "invalid OCSP override URL for key identifier " + key + ": " +
             parsed.error().detail +
             "; expected http://HOST[:PORT][/PATH], such as "
             "http://127.0.0.1:8081/ocsp";
    return false;
  }
  if (!overrides->emplace(key, std::string(url)).second) {
    *error = "duplicate OCSP override for key identifier " + key +
             ": give one URL per issuer";
    return false;
  }
  return true;
}

bool ParseOcspOverrides(const std::vector<std::string>& items,
                        std::string_view source,
                        std::map<std::string, std::string>* overrides,
                        std::string* error) {
  std::map<std::string, std::string> parsed;
  for (const std::string& item : items) {
    const size_t equals = item.find('=');
    if (equals == std::string::npos) {
      *error = "invalid OCSP override '" + item + "' in " +
               std::string(source) +
               ": expected KEYID=URL, such as "
               "3f1a09c2=http://127.0.0.1:8081/ocsp";
      return false;
    }
    if (!AddOcspOverride(std::string_view(item).substr(0, equals),
                         std::string_view(item).substr(equals + 1), &parsed,
                         error)) {
      *error = std::string(source) + ": " + *error;
      return false;
    }
  }
  *overrides = std::move(parsed);
  return true;
}

}  // namespace tinysign::server
