// Splitting of the http and https URLs the signer fetches.
#ifndef TINYSIGN_NCALAYER_MODULE_URL_H_
#define TINYSIGN_NCALAYER_MODULE_URL_H_

#include <cstdint>
#include <optional>
#include <string>

namespace tinysign::ncalayer {

// HttpUrl is an http or https URL split into parts.
struct HttpUrl {
  std::string scheme;  // "http" or "https", in lower case.
  std::string host;    // As written, with brackets for IPv6.
  uint16_t port = 0;   // The explicit port, or 80 / 443.
  bool explicit_port = false;
  std::string path;  // Path and query, "/" when empty.

  // Origin returns "scheme://host" plus ":port" for a non-default port,
  // the form browsers send in the Origin header.
  std::string Origin() const;
};

// ParseHttpUrl splits `url`, or returns nullopt for another scheme, user
// info, a fragment, an empty host or a bad port.
std::optional<HttpUrl> ParseHttpUrl(const std::string& url);

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_URL_H_
