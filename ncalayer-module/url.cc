#include "ncalayer-module/url.h"

#include <cctype>
#include <charconv>

namespace tinysign::ncalayer {

std::string HttpUrl::Origin() const {
  uint16_t default_port = scheme == "https" ? 443 : 80;
  std::string origin = scheme + "://" + host;
  if (port != default_port) {
    origin += ":" + std::to_string(port);
  }
  return origin;
}

std::optional<HttpUrl> ParseHttpUrl(const std::string& url) {
  HttpUrl out;
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return std::nullopt;
  }
  // Schemes are case-insensitive (RFC 3986 section 3.1), and the
  // canonical form is lower case.
  out.scheme = url.substr(0, scheme_end);
  for (char& c : out.scheme) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (out.scheme != "http" && out.scheme != "https") {
    return std::nullopt;
  }

  size_t authority_start = scheme_end + 3;
  size_t path_start = url.find('/', authority_start);
  std::string authority =
      url.substr(authority_start, path_start == std::string::npos
                                      ? std::string::npos
                                      : path_start - authority_start);
  out.path = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (authority.find('@') != std::string::npos ||
      url.find('#') != std::string::npos) {
    return std::nullopt;
  }

  // The last ':' after any IPv6 bracket starts the port.
  size_t bracket = authority.rfind(']');
  size_t colon = authority.rfind(':');
  if (colon != std::string::npos &&
      (bracket == std::string::npos || colon > bracket)) {
    std::string port_text = authority.substr(colon + 1);
    unsigned port = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(),
                                     port_text.data() + port_text.size(), port);
    if (ec != std::errc() || ptr != port_text.data() + port_text.size() ||
        port == 0 || port > 65535) {
      return std::nullopt;
    }
    out.port = static_cast<uint16_t>(port);
    out.explicit_port = true;
    authority.resize(colon);
  } else {
    out.port = out.scheme == "https" ? 443 : 80;
  }

  if (authority.empty()) {
    return std::nullopt;
  }
  out.host = authority;
  return out;
}

}  // namespace tinysign::ncalayer
