// Plain TCP to the service on 127.0.0.1, for tests that need control over
// when each byte of a request is sent.
#ifndef TINYSIGN_TESTS_SERVER_RAW_SOCKET_H_
#define TINYSIGN_TESTS_SERVER_RAW_SOCKET_H_

#include <cstdint>
#include <string>

namespace tinysign::testing {

// ConnectTo opens a connection to 127.0.0.1:`port`, or returns -1.
int ConnectTo(uint16_t port);

// SendAll writes all of `data`; it returns false when the connection fails.
bool SendAll(int fd, const std::string& data);

// ReceiveAll reads until the peer closes the connection.
std::string ReceiveAll(int fd);

// ReceiveResponse reads one response with a Content-Length body, leaving
// the connection open for the next request. It returns what it read when
// the connection closes first.
std::string ReceiveResponse(int fd);

// PostHead returns the request line and headers of a POST of
// `content_length` bytes of JSON to `path`, ending with the blank line.
std::string PostHead(const std::string& path, size_t content_length,
                     bool keep_alive);

}  // namespace tinysign::testing

#endif  // TINYSIGN_TESTS_SERVER_RAW_SOCKET_H_
