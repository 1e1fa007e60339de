#include "ncalayer-module/websocket_server.h"

#include <sys/socket.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <thread>
#include <utility>

namespace tinysign::ncalayer {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

constexpr std::string_view kHeartbeat = "--heartbeat--";

void LogError(const WebSocketServerOptions& options,
              const std::string& message) {
  if (options.log_error) {
    options.log_error(message);
  }
}

// ServeMessages runs one upgraded connection: the greeting, then request
// and reply frames until the peer leaves or a reply requests dropping the
// connection.
template <typename Stream>
void ServeMessages(websocket::stream<Stream>& ws, Dispatcher& dispatcher,
                   const std::string& origin,
                   const WebSocketServerOptions& options) {
  beast::error_code error;
  ws.text(true);
  std::string greeting =
      R"({"result":{"version":")" + options.greeting_version + R"("}})";
  ws.write(asio::buffer(greeting), error);
  while (!error) {
    beast::flat_buffer buffer;
    ws.read(buffer, error);
    if (error) {
      break;
    }
    std::string text = beast::buffers_to_string(buffer.data());
    if (text == kHeartbeat) {
      ws.write(asio::buffer(text), error);
      continue;
    }
    ModuleReply reply = dispatcher.Handle(text, origin);
    if (reply.close_socket) {
      // Drop the TCP connection without a close frame, so the page gets
      // an abnormal closure (code 1006), as when NCALayer dies.
      beast::get_lowest_layer(ws).shutdown(tcp::socket::shutdown_both, error);
      beast::get_lowest_layer(ws).close(error);
      return;
    }
    ws.write(asio::buffer(reply.text), error);
  }
}

// Upgrade reads the HTTP upgrade request itself, to learn the page's
// Origin, then completes the WebSocket handshake.
template <typename Stream>
void Upgrade(websocket::stream<Stream>& ws, Dispatcher& dispatcher,
             const WebSocketServerOptions& options) {
  beast::error_code error;
  beast::flat_buffer buffer;
  http::request<http::string_body> request;
  http::read(ws.next_layer(), buffer, request, error);
  if (error) {
    LogError(options,
             "reading the HTTP upgrade request failed: " + error.message());
    return;
  }
  if (!websocket::is_upgrade(request)) {
    LogError(options,
             "rejected an HTTP request that is not a WebSocket "
             "upgrade: " +
                 std::string(request.target()));
    return;
  }
  std::string origin(request[http::field::origin]);
  ws.read_message_max(options.max_message_bytes);
  ws.accept(request, error);
  if (error) {
    LogError(options, "WebSocket handshake failed: " + error.message());
    return;
  }
  ServeMessages(ws, dispatcher, origin, options);
}

}  // namespace

WebSocketServer::WebSocketServer(Dispatcher& dispatcher,
                                 WebSocketServerOptions options)
    : dispatcher_(dispatcher),
      options_(std::move(options)),
      acceptor_(io_context_) {}

WebSocketServer::~WebSocketServer() { Stop(); }

bool WebSocketServer::Listen(std::string* error) {
  if (options_.tls != nullptr) {
    tls_context_.emplace(asio::ssl::context::tls_server);
    beast::error_code ec;
    tls_context_->use_certificate_chain(
        asio::buffer(options_.tls->certificate_pem), ec);
    if (!ec) {
      tls_context_->use_private_key(asio::buffer(options_.tls->private_key_pem),
                                    asio::ssl::context::pem, ec);
    }
    if (ec) {
      *error = "loading the TLS certificate failed: " + ec.message();
      return false;
    }
  }
  beast::error_code ec;
  acceptor_.open(options_.endpoint.protocol(), ec);
  if (!ec) {
    acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  }
  if (!ec) {
    acceptor_.bind(options_.endpoint, ec);
  }
  if (!ec) {
    acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    *error = "listening on " + options_.endpoint.address().to_string() + ":" +
             std::to_string(options_.endpoint.port()) +
             " failed: " + ec.message();
    return false;
  }
  return true;
}

uint16_t WebSocketServer::port() const {
  beast::error_code ec;
  return acceptor_.local_endpoint(ec).port();
}

void WebSocketServer::Run() {
  Accept();
  io_context_.run();
  std::unique_lock lock(sessions_mutex_);
  sessions_done_.wait(lock, [this] { return num_sessions_ == 0; });
}

void WebSocketServer::Stop() {
  asio::post(io_context_, [this] {
    beast::error_code ec;
    acceptor_.close(ec);
  });
  std::lock_guard lock(sessions_mutex_);
  stopping_ = true;
  // shutdown() wakes the connection threads blocked in a read.
  for (int socket : session_sockets_) {
    ::shutdown(socket, SHUT_RDWR);
  }
}

void WebSocketServer::Accept() {
  acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      return;  // The acceptor was closed by Stop.
    }
    StartSession(std::move(socket));
    Accept();
  });
}

void WebSocketServer::StartSession(tcp::socket socket) {
  int handle = socket.native_handle();
  {
    std::lock_guard lock(sessions_mutex_);
    if (stopping_) {
      return;
    }
    ++num_sessions_;
    session_sockets_.insert(handle);
  }
  std::thread([this, handle, socket = std::move(socket)]() mutable {
    if (tls_context_) {
      ServeTls(std::move(socket));
    } else {
      Serve(std::move(socket));
    }
    std::lock_guard lock(sessions_mutex_);
    session_sockets_.erase(handle);
    --num_sessions_;
    sessions_done_.notify_all();
  }).detach();
}

void WebSocketServer::Serve(tcp::socket socket) {
  websocket::stream<tcp::socket> ws(std::move(socket));
  Upgrade(ws, dispatcher_, options_);
}

void WebSocketServer::ServeTls(tcp::socket socket) {
  websocket::stream<asio::ssl::stream<tcp::socket>> ws(std::move(socket),
                                                       *tls_context_);
  beast::error_code error;
  ws.next_layer().handshake(asio::ssl::stream_base::server, error);
  if (error) {
    LogError(options_, "TLS handshake failed: " + error.message());
    return;
  }
  Upgrade(ws, dispatcher_, options_);
}

}  // namespace tinysign::ncalayer
