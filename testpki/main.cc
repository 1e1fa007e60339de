// tinysign-testpki: a test PKI shaped like NUC's, for site developers and
// tests without NUC keys.
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "core/time.h"
#include "testpki/generate_command.h"
#include "testpki/serve_command.h"

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  tinysign-testpki generate --out DIR [--seed N] [--at RFC3339]\n"
    "                            [--base-url http://127.0.0.1:PORT]\n"
    "      Writes RSA, GOST 2004 and GOST 2015 hierarchies to DIR: trust/\n"
    "      (root and CA certificates), services/, keys/, crl/ and\n"
    "      manifest.json. --seed (default 1) fixes every key; --at (default\n"
    "      now) is the time validity periods are placed around; --base-url\n"
    "      (default http://127.0.0.1:8080) is written into CDP and AIA.\n"
    "  tinysign-testpki serve --dir DIR --listen 127.0.0.1:PORT\n"
    "      Serves OCSP, CRLs and an RFC 3161 TSA for DIR on a loopback\n"
    "      address, logging one JSON line per request to stderr.\n";

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  if (arguments.empty() || arguments[0] == "--help" || arguments[0] == "-h") {
    std::cout << kUsage;
    return arguments.empty() ? 2 : 0;
  }
  const std::vector<std::string> rest(arguments.begin() + 1, arguments.end());
  if (arguments[0] == "generate") {
    // The only clock read of the generator: the default of --at.
    const tinysign::Time now{
        std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count()};
    return tinysign::testpki::RunGenerate(rest, now, std::cout, std::cerr);
  }
  if (arguments[0] == "serve") {
    return tinysign::testpki::RunServe(rest, std::cout, std::cerr);
  }
  std::cerr << "error: unknown command \"" << arguments[0] << "\"\n" << kUsage;
  return 2;
}
