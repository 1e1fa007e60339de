#include "fetch/url_mapping.h"

#include <charconv>
#include <string>

namespace tinysign::fetch {

namespace {

constexpr std::string_view kHttpScheme = "http://";

// ParsePort reads a decimal port in 1..65535.
bool ParsePort(std::string_view text, int* port) {
  if (text.empty() || text.size() > 5) {
    return false;
  }
  int value = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return false;
  }
  if (value < 1 || value > 65535) {
    return false;
  }
  *port = value;
  return true;
}

// IsDottedLoopbackIpv4 returns true for four decimal octets whose first is
// 127.
bool IsDottedLoopbackIpv4(std::string_view host) {
  int octets[4] = {};
  size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    const size_t dot = i < 3 ? host.find('.', start) : host.size();
    if (dot == std::string_view::npos || dot == start || dot - start > 3) {
      return false;
    }
    const std::string_view part = host.substr(start, dot - start);
    auto [end, error] =
        std::from_chars(part.data(), part.data() + part.size(), octets[i]);
    if (error != std::errc() || end != part.data() + part.size() ||
        octets[i] > 255) {
      return false;
    }
    start = dot + 1;
  }
  return start == host.size() + 1 && octets[0] == 127;
}

}  // namespace

Result<HttpUrl> ParseHttpUrl(std::string_view url) {
  if (!url.starts_with(kHttpScheme)) {
    return Fail(ErrorCode::kFetchBadUrl,
                "'" + std::string(url) + "' does not start with http://");
  }
  const std::string_view rest = url.substr(kHttpScheme.size());
  const size_t slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  HttpUrl parsed;
  if (slash != std::string_view::npos) {
    parsed.path = std::string(rest.substr(slash));
  }
  if (authority.find('@') != std::string_view::npos) {
    return Fail(ErrorCode::kFetchBadUrl,
                "'" + std::string(url) + "' carries user information");
  }
  // A bracketed IPv6 literal keeps its colons inside the brackets.
  const size_t bracket = authority.rfind(']');
  const size_t colon = authority.rfind(':');
  std::string_view host = authority;
  if (colon != std::string_view::npos &&
      (bracket == std::string_view::npos || colon > bracket)) {
    host = authority.substr(0, colon);
    if (!ParsePort(authority.substr(colon + 1), &parsed.port)) {
      return Fail(ErrorCode::kFetchBadUrl,
                  "'" + std::string(url) + "' has an invalid port");
    }
  }
  if (host.empty()) {
    return Fail(ErrorCode::kFetchBadUrl,
                "'" + std::string(url) + "' has no host");
  }
  parsed.host = std::string(host);
  return parsed;
}

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") {
    return true;
  }
  return IsDottedLoopbackIpv4(host);
}

Result<HttpUrl> MapUrl(const UrlMapping& mapping, std::string_view url) {
  if (!mapping.enabled) {
    return Fail(ErrorCode::kFetchDisabled, std::string(url));
  }
  std::string mapped(url);
  for (const UrlRewrite& rewrite : mapping.rewrites) {
    if (!rewrite.from.empty() && url.starts_with(rewrite.from)) {
      mapped = rewrite.to + std::string(url.substr(rewrite.from.size()));
      break;
    }
  }
  TINYSIGN_ASSIGN_OR_RETURN(HttpUrl parsed, ParseHttpUrl(mapped));
  if (!mapping.allow_remote && !IsLoopbackHost(parsed.host)) {
    return Fail(ErrorCode::kFetchRemoteNotAllowed,
                "to fetch '" + mapped +
                    "', map it to a loopback mirror with --fetch-map "
                    "FROM=TO, or, for OCSP in the server, set the issuer's "
                    "responder URL with --ocsp-override KEYID=URL");
  }
  return parsed;
}

Result<UrlRewrite> ParseUrlRewrite(std::string_view text) {
  const size_t equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0 ||
      equals + 1 == text.size()) {
    return Fail(ErrorCode::kFetchBadUrl,
                "'" + std::string(text) + "' is not FROM=TO");
  }
  return UrlRewrite{std::string(text.substr(0, equals)),
                    std::string(text.substr(equals + 1))};
}

}  // namespace tinysign::fetch
