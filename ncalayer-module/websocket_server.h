// The WebSocket listener: wss:// (or ws:// with --no-tls) on a loopback
// address, one thread per connection, because a local signer serves only a
// few browser tabs at a time.
//
// On every new connection it sends the greeting frame
// `{"result":{"version":"1.4"}}` before any request, echoes the text frame
// `--heartbeat--` verbatim, and passes every other text frame to the
// dispatcher.
#ifndef TINYSIGN_NCALAYER_MODULE_WEBSOCKET_SERVER_H_
#define TINYSIGN_NCALAYER_MODULE_WEBSOCKET_SERVER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "ncalayer-module/dispatcher.h"
#include "ncalayer-module/tls_certificate.h"

namespace tinysign::ncalayer {

struct WebSocketServerOptions {
  boost::asio::ip::tcp::endpoint endpoint;
  // Serves wss:// with these credentials; null serves ws://.
  const TlsCredentials* tls = nullptr;
  // The version the greeting frame announces. Real NCALayer installs have
  // sent 1.2, 1.3 and 1.4.
  std::string greeting_version = "1.4";
  // Largest request frame accepted, in bytes. NCALayer documents no
  // limit; this one keeps a runaway page from exhausting memory.
  size_t max_message_bytes = 64 * 1024 * 1024;
  // Receives a message for each connection that fails before the
  // WebSocket handshake completes (a TLS or HTTP upgrade failure).
  std::function<void(const std::string&)> log_error;
};

class WebSocketServer {
 public:
  // `dispatcher` must outlive the server.
  WebSocketServer(Dispatcher& dispatcher, WebSocketServerOptions options);
  ~WebSocketServer();

  // Listen binds and listens. It returns false with a message in `error`
  // when the address is taken or the TLS credentials are unusable.
  bool Listen(std::string* error);

  // port returns the bound port, useful after listening on port 0.
  uint16_t port() const;

  // Run accepts connections until `Stop`, then waits for every connection
  // thread to end.
  void Run();

  // Stop ends `Run` from any thread and shuts down open connections.
  void Stop();

 private:
  void Accept();
  void StartSession(boost::asio::ip::tcp::socket socket);
  void Serve(boost::asio::ip::tcp::socket socket);
  void ServeTls(boost::asio::ip::tcp::socket socket);

  Dispatcher& dispatcher_;
  WebSocketServerOptions options_;
  boost::asio::io_context io_context_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::optional<boost::asio::ssl::context> tls_context_;

  std::mutex sessions_mutex_;
  std::condition_variable sessions_done_;
  std::set<int> session_sockets_;
  size_t num_sessions_ = 0;
  bool stopping_ = false;
};

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_WEBSOCKET_SERVER_H_
