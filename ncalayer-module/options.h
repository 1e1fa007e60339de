// Command line of `tinysign-ncalayer`.
#ifndef TINYSIGN_NCALAYER_MODULE_OPTIONS_H_
#define TINYSIGN_NCALAYER_MODULE_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tinysign::ncalayer {

// kUsage is the --help text.
extern const char kUsage[];

// HostPort is a parsed "address:port".
struct HostPort {
  std::string address;
  uint16_t port = 0;
};

struct Options {
  std::string keys_dir;
  std::string password;
  HostPort listen{"127.0.0.1", 13579};
  bool tls = true;
  // Port 0 in `control.port` with `control_enabled` picks a free port.
  bool control_enabled = false;
  HostPort control;
  std::string tsa_url;
  std::vector<std::string> allowed_origins;
  std::string preferred_key_file;
  std::string cert_out;
  std::string download_ca_file;
  size_t max_download_bytes = 50 * 1024 * 1024;
  std::string greeting_version = "1.4";
  bool help = false;
};

// ParseOptions reads `argv`. It returns false with a message naming the
// bad argument in `error`. Listen and control addresses must be loopback
// (127.0.0.0/8 or ::1), because the signer serves any page that connects.
bool ParseOptions(int argc, const char* const* argv, Options* options,
                  std::string* error);

// ParseHostPort parses "127.0.0.1:13579" or "[::1]:13579" and checks that
// the address is loopback.
bool ParseHostPort(const std::string& text, HostPort* out, std::string* error);

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_OPTIONS_H_
