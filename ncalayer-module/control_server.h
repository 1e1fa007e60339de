// The control interface: plain HTTP on loopback through which a test
// scripts what the "user" does at the next key dialogs.
//
//   POST   /actions  {"action":"cancel"}            queue one action; also
//                    "wrong_password", "no_matching_key", "close_socket",
//                    and {"action":"choose_key","key":N}
//   DELETE /actions  drop every queued action
//   GET    /keys     [{"index":N,"file":"a.p12","subject_cn":"..."}]
//
// Replies are JSON; a bad request gets status 400 and {"error":"..."}.
#ifndef TINYSIGN_NCALAYER_MODULE_CONTROL_SERVER_H_
#define TINYSIGN_NCALAYER_MODULE_CONTROL_SERVER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "ncalayer-module/signer.h"
#include "ncalayer-module/user_actions.h"

namespace httplib {
class Server;
}

namespace tinysign::ncalayer {

class ControlServer {
 public:
  // `signer` and `actions` must outlive the server.
  ControlServer(const Signer& signer, UserActionQueue& actions);
  ~ControlServer();

  // Start listens on `address`:`port` (0 picks a free port) and serves on
  // a thread of its own. It returns false with a message in `error`.
  bool Start(const std::string& address, uint16_t port, std::string* error);
  uint16_t port() const { return port_; }
  void Stop();

 private:
  void AddRoutes();

  const Signer& signer_;
  UserActionQueue& actions_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  uint16_t port_ = 0;
};

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_CONTROL_SERVER_H_
