#include "testpki/loopback.h"

#include <charconv>

namespace tinysign::testpki {

namespace {

std::optional<int> ParseNumber(std::string_view text, int max) {
  int value = 0;
  if (text.empty() || text.size() > 5) {
    return std::nullopt;
  }
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0 ||
      value > max) {
    return std::nullopt;
  }
  return value;
}

// SplitHostPort splits "HOST:PORT" or "[IPV6]:PORT" at the last colon.
std::optional<ListenAddress> SplitHostPort(std::string_view text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const auto port = ParseNumber(text.substr(colon + 1), 65535);
  if (!port || *port == 0) {
    return std::nullopt;
  }
  return ListenAddress{std::string(host), *port};
}

}  // namespace

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost" || host == "::1") {
    return true;
  }
  int num_parts = 0;
  size_t start = 0;
  while (start <= host.size()) {
    size_t dot = host.find('.', start);
    if (dot == std::string_view::npos) {
      dot = host.size();
    }
    const auto part = ParseNumber(host.substr(start, dot - start), 255);
    if (!part || (num_parts == 0 && *part != 127)) {
      return false;
    }
    ++num_parts;
    start = dot + 1;
  }
  return num_parts == 4;
}

std::optional<ListenAddress> ParseListenAddress(std::string_view text) {
  auto address = SplitHostPort(text);
  if (!address || !IsLoopbackHost(address->host)) {
    return std::nullopt;
  }
  return address;
}

bool IsLoopbackUrl(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme) {
    return false;
  }
  const std::string_view authority = url.substr(kScheme.size());
  if (authority.find('/') != std::string_view::npos) {
    return false;
  }
  if (IsLoopbackHost(authority)) {
    return true;
  }
  const auto address = SplitHostPort(authority);
  return address && IsLoopbackHost(address->host);
}

}  // namespace tinysign::testpki
