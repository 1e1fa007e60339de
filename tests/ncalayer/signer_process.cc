#include "tests/ncalayer/signer_process.h"

#include <fcntl.h>
#include <httplib.h>
#include <openssl/x509_vfy.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/json/parse.hpp>
#include <fstream>
#include <sstream>

#include "tests/support/fixtures.h"

namespace tinysign::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

// ReadLine reads one line from `fd`, waiting at most `timeout_ms` in
// total.
bool ReadLine(int fd, int timeout_ms, std::string* line) {
  char c = 0;
  while (true) {
    pollfd poll_fd{fd, POLLIN, 0};
    if (poll(&poll_fd, 1, timeout_ms) <= 0) {
      return false;
    }
    if (read(fd, &c, 1) != 1) {
      return false;
    }
    if (c == '\n') {
      return true;
    }
    line->push_back(c);
  }
}

uint16_t PortOf(const std::string& url) {
  size_t colon = url.rfind(':');
  return static_cast<uint16_t>(std::stoi(url.substr(colon + 1)));
}

}  // namespace

std::unique_ptr<SignerProcess> SignerProcess::Start(
    const std::vector<std::string>& args, std::string* error) {
  std::unique_ptr<SignerProcess> process(new SignerProcess());
  process->log_path_ = std::filesystem::temp_directory_path() /
                       ("tinysign-ncalayer-" + std::to_string(getpid()) + "-" +
                        std::to_string(rand()) + ".log");
  std::vector<std::string> argv = {
      (BinaryDir() / "bin" / "tinysign-ncalayer").string(), "--listen",
      "127.0.0.1:0", "--control", "127.0.0.1:0"};
  argv.insert(argv.end(), args.begin(), args.end());
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) {
    *error = "pipe failed";
    return nullptr;
  }
  pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    int log_fd =
        open(process->log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(log_fd, STDERR_FILENO);
    close(pipe_fds[0]);
    std::vector<char*> c_argv;
    for (std::string& arg : argv) {
      c_argv.push_back(arg.data());
    }
    c_argv.push_back(nullptr);
    execv(c_argv[0], c_argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  process->pid_ = pid;
  std::string line;
  bool read_ok = ReadLine(pipe_fds[0], 20000, &line);
  close(pipe_fds[0]);
  if (!read_ok) {
    *error =
        "tinysign-ncalayer printed no start line; its log:\n" + process->Log();
    return nullptr;
  }
  boost::system::error_code ec;
  boost::json::value start = boost::json::parse(line, ec);
  if (ec || !start.is_object() || !start.as_object().contains("url")) {
    *error = "unexpected start line: " + line;
    return nullptr;
  }
  process->port_ = PortOf(std::string(start.at("url").as_string()));
  std::string control(start.at("control").as_string());
  process->control_port_ = PortOf(control.substr(0, control.size() - 1));
  return process;
}

SignerProcess::~SignerProcess() {
  Stop();
  std::error_code ec;
  std::filesystem::remove(log_path_, ec);
}

int SignerProcess::Stop() {
  if (pid_ <= 0) {
    return -1;
  }
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

std::string SignerProcess::Log() const {
  std::ifstream file(log_path_);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

int PostAction(uint16_t control_port, const std::string& json) {
  httplib::Client client("127.0.0.1", control_port);
  httplib::Result result = client.Post("/actions", json, "application/json");
  return result ? result->status : -1;
}

std::string GetKeys(uint16_t control_port) {
  httplib::Client client("127.0.0.1", control_port);
  httplib::Result result = client.Get("/keys");
  return result ? result->body : std::string();
}

struct WebSocketClient::Impl {
  asio::io_context io_context;
  asio::ssl::context tls_context{asio::ssl::context::tls_client};
  std::optional<websocket::stream<tcp::socket>> plain;
  std::optional<websocket::stream<asio::ssl::stream<tcp::socket>>> secure;

  template <typename Stream>
  bool Handshake(websocket::stream<Stream>& ws, uint16_t port,
                 const std::string& origin, std::string* greeting,
                 beast::error_code& ec) {
    ws.set_option(websocket::stream_base::decorator(
        [origin](websocket::request_type& request) {
          if (!origin.empty()) {
            request.set(beast::http::field::origin, origin);
          }
        }));
    ws.handshake("127.0.0.1:" + std::to_string(port), "/", ec);
    if (ec) {
      return false;
    }
    beast::flat_buffer buffer;
    ws.read(buffer, ec);
    *greeting = beast::buffers_to_string(buffer.data());
    return !ec;
  }

  template <typename Stream>
  std::optional<std::string> Call(websocket::stream<Stream>& ws,
                                  const std::string& request) {
    beast::error_code ec;
    ws.text(true);
    ws.write(asio::buffer(request), ec);
    if (ec) {
      return std::nullopt;
    }
    beast::flat_buffer buffer;
    ws.read(buffer, ec);
    if (ec) {
      return std::nullopt;
    }
    return beast::buffers_to_string(buffer.data());
  }
};

WebSocketClient::WebSocketClient() : impl_(std::make_unique<Impl>()) {}

WebSocketClient::~WebSocketClient() = default;

bool WebSocketClient::Connect(uint16_t port, bool tls,
                              const std::string& ca_file,
                              const std::string& origin, std::string* error) {
  beast::error_code ec;
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  if (!tls) {
    impl_->plain.emplace(impl_->io_context);
    impl_->plain->next_layer().connect(endpoint, ec);
    if (ec || !impl_->Handshake(*impl_->plain, port, origin, &greeting_, ec)) {
      *error = "ws connect failed: " + ec.message();
      return false;
    }
    return true;
  }
  impl_->tls_context.load_verify_file(ca_file, ec);
  if (ec) {
    *error = "cannot load " + ca_file + ": " + ec.message();
    return false;
  }
  impl_->tls_context.set_verify_mode(asio::ssl::verify_peer);
  impl_->secure.emplace(impl_->io_context, impl_->tls_context);
  auto& tls_stream = impl_->secure->next_layer();
  X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(tls_stream.native_handle()),
                                "127.0.0.1");
  beast::get_lowest_layer(*impl_->secure).connect(endpoint, ec);
  if (!ec) {
    tls_stream.handshake(asio::ssl::stream_base::client, ec);
  }
  if (ec || !impl_->Handshake(*impl_->secure, port, origin, &greeting_, ec)) {
    *error = "wss connect failed: " + ec.message();
    return false;
  }
  return true;
}

std::optional<std::string> WebSocketClient::Call(const std::string& request) {
  if (impl_->plain) {
    return impl_->Call(*impl_->plain, request);
  }
  return impl_->Call(*impl_->secure, request);
}

}  // namespace tinysign::testing
