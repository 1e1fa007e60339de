// Checks that keep the test PKI on the local machine: it listens on, and
// writes URLs for, loopback addresses only.
#ifndef TINYSIGN_TESTPKI_LOOPBACK_H_
#define TINYSIGN_TESTPKI_LOOPBACK_H_

#include <optional>
#include <string>
#include <string_view>

namespace tinysign::testpki {

// IsLoopbackHost returns true for "localhost", "::1" and IPv4 addresses
// in 127.0.0.0/8, written as four decimal numbers.
bool IsLoopbackHost(std::string_view host);

// ListenAddress is a host and port to listen on.
struct ListenAddress {
  std::string host;
  int port = 0;
};

// ParseListenAddress reads "HOST:PORT" or "[::1]:PORT". It returns
// nothing for another form, a port outside 1..65535 or a host that is not
// a loopback address.
std::optional<ListenAddress> ParseListenAddress(std::string_view text);

// IsLoopbackUrl returns true for an "http://" URL whose host is a loopback
// address, with an optional port and no path, such as
// "http://127.0.0.1:8080".
bool IsLoopbackUrl(std::string_view url);

}  // namespace tinysign::testpki

#endif  // TINYSIGN_TESTPKI_LOOPBACK_H_
