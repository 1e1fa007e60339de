// Where revocation requests may go: prefix rewrites of OCSP and CRL URLs,
// a switch that turns fetching off, and the loopback-only default.
//
// Certificates name their issuer's public responders (NUC certificates
// name hosts under pki.gov.kz). A service or test maps those URLs to a
// local mirror or stand-in, and by default every request whose host is not
// a loopback address after mapping is rejected before any connection is
// made, so a default run never sends traffic off the machine.
#ifndef TINYSIGN_FETCH_URL_MAPPING_H_
#define TINYSIGN_FETCH_URL_MAPPING_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace tinysign::fetch {

// UrlRewrite replaces the prefix `from` of a URL with `to`.
struct UrlRewrite {
  std::string from;
  std::string to;
};

// UrlMapping is the URL policy of every fetch.
struct UrlMapping {
  // enabled false turns fetching off: every fetch fails with
  // `fetch.disabled` without a connection.
  bool enabled = true;
  // allow_remote true lets requests go to hosts other than 127.0.0.1,
  // ::1 and localhost.
  bool allow_remote = false;
  // rewrites are tried in order and the first matching prefix wins.
  std::vector<UrlRewrite> rewrites;
};

// HttpUrl is a parsed http:// URL.
struct HttpUrl {
  std::string host;
  int port = 80;
  // path starts with '/' and includes any query.
  std::string path = "/";
};

// ParseHttpUrl splits "http://HOST[:PORT][/PATH]". It fails with
// `fetch.bad_url` for another scheme (https is not supported), an empty
// host, user information or a port outside 1..65535.
Result<HttpUrl> ParseHttpUrl(std::string_view url);

// IsLoopbackHost returns true for "localhost", "::1" and "[::1]" and for
// dotted IPv4 addresses in 127.0.0.0/8.
bool IsLoopbackHost(std::string_view host);

// MapUrl applies `mapping` to `url` and returns the URL to fetch. It fails
// with `fetch.disabled` when fetching is off, `fetch.bad_url` when the
// mapped URL does not parse, and `fetch.remote_not_allowed` when its host
// is not a loopback address and `allow_remote` is false.
Result<HttpUrl> MapUrl(const UrlMapping& mapping, std::string_view url);

// ParseUrlRewrite reads "FROM=TO", the form of the `--fetch-map` option.
// It fails with `fetch.bad_url` when '=' is missing or either side is
// empty.
Result<UrlRewrite> ParseUrlRewrite(std::string_view text);

}  // namespace tinysign::fetch

#endif  // TINYSIGN_FETCH_URL_MAPPING_H_
