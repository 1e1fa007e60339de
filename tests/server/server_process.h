// Test harness for tinysign-server: the service as a child process on a
// free 127.0.0.1 port, with its JSON log in a temporary file.
#ifndef TINYSIGN_TESTS_SERVER_SERVER_PROCESS_H_
#define TINYSIGN_TESTS_SERVER_SERVER_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace tinysign::testing {

// EnvironmentVariable is a NAME=VALUE pair set for the child only.
using EnvironmentVariable = std::pair<std::string, std::string>;

class ServerProcess {
 public:
  // Start runs bin/tinysign-server --listen 127.0.0.1:0 with `args` added
  // and `environment` set, and waits up to 20 seconds for its "listening"
  // log line. It returns null with a message in `error` when the server
  // exits or does not listen in time.
  static std::unique_ptr<ServerProcess> Start(
      const std::vector<std::string>& args,
      const std::vector<EnvironmentVariable>& environment, std::string* error);
  // The destructor stops the server with SIGTERM, unless Stop already did.
  ~ServerProcess();

  uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Stop sends SIGTERM and waits up to 20 seconds for the exit. It returns
  // the exit status, or -1 when the server was killed by a signal or had to
  // be killed.
  int Stop();
  // Log returns what the server wrote to standard error so far.
  std::string Log() const;

 private:
  ServerProcess() = default;

  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::filesystem::path log_path_;
};

}  // namespace tinysign::testing

#endif  // TINYSIGN_TESTS_SERVER_SERVER_PROCESS_H_
