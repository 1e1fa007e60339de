#include "tests/server/raw_socket.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tinysign::testing {

int ConnectTo(uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) !=
      0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n =
        send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      return false;
    }
    sent += static_cast<size_t>(n);
  }
  return true;
}

std::string ReceiveAll(int fd) {
  std::string data;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = recv(fd, buffer, sizeof(buffer), 0)) > 0) {
    data.append(buffer, static_cast<size_t>(n));
  }
  return data;
}

std::string ReceiveResponse(int fd) {
  std::string data;
  size_t expected = std::string::npos;
  char byte = 0;
  // One byte at a time, so nothing of a later response is consumed.
  while (data.size() != expected && recv(fd, &byte, 1, 0) == 1) {
    data.push_back(byte);
    const size_t head_end = data.find("\r\n\r\n");
    if (expected == std::string::npos && head_end != std::string::npos) {
      const size_t field = data.find("Content-Length: ");
      const size_t length =
          field < head_end ? std::stoul(data.substr(field + 16)) : 0;
      expected = head_end + 4 + length;
    }
  }
  return data;
}

std::string PostHead(const std::string& path, size_t content_length,
                     bool keep_alive) {
  return "POST " + path +
         " HTTP/1.1\r\n"
         "Host: 127.0.0.1\r\n"
         "Connection: " +
         std::string(keep_alive ? "keep-alive" : "close") +
         "\r\n"
         "Content-Type: application/json\r\n"
         "Content-Length: " +
         std::to_string(content_length) + "\r\n\r\n";
}

}  // namespace tinysign::testing
