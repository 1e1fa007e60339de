// Test harness for tinysign-ncalayer: the signer as a child process on a
// free loopback port, a WebSocket client for it (ws:// or wss://), and a
// client for its control interface.
#ifndef TINYSIGN_TESTS_NCALAYER_SIGNER_PROCESS_H_
#define TINYSIGN_TESTS_NCALAYER_SIGNER_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tinysign::testing {

// SignerProcess runs build/bin/tinysign-ncalayer with --listen and
// --control on port 0 and reads the ports from its first output line.
class SignerProcess {
 public:
  // Start launches the signer with `args` added to the listen options. It
  // returns null with a message in `error` when it does not start.
  static std::unique_ptr<SignerProcess> Start(
      const std::vector<std::string>& args, std::string* error);
  // The destructor stops the signer with SIGTERM and waits for it.
  ~SignerProcess();

  uint16_t port() const { return port_; }
  uint16_t control_port() const { return control_port_; }
  // Stop sends SIGTERM and waits; it returns the exit status.
  int Stop();
  // Log returns what the signer wrote to stderr so far.
  std::string Log() const;

 private:
  SignerProcess() = default;

  pid_t pid_ = -1;
  uint16_t port_ = 0;
  uint16_t control_port_ = 0;
  std::filesystem::path log_path_;
};

// PostAction queues a user action through the control interface and
// returns the HTTP status.
int PostAction(uint16_t control_port, const std::string& json);

// GetKeys returns the body of GET /keys.
std::string GetKeys(uint16_t control_port);

// WebSocketClient is a blocking client for one connection.
class WebSocketClient {
 public:
  WebSocketClient();
  ~WebSocketClient();

  // Connect opens ws://127.0.0.1:port/, or wss:// trusting only the PEM
  // certificate in `ca_file` and checking that it names IP 127.0.0.1.
  // `origin`, when not empty, is sent as the Origin header. It reads the
  // greeting frame into `greeting()`.
  bool Connect(uint16_t port, bool tls, const std::string& ca_file,
               const std::string& origin, std::string* error);

  // Call sends `request` and returns the reply frame, or nullopt when the
  // connection ends first.
  std::optional<std::string> Call(const std::string& request);

  const std::string& greeting() const { return greeting_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string greeting_;
};

}  // namespace tinysign::testing

#endif  // TINYSIGN_TESTS_NCALAYER_SIGNER_PROCESS_H_
