// Runs OpenSSL, the independent oracle for hashes and signatures.
#ifndef TINYSIGN_TESTS_SUPPORT_OPENSSL_H_
#define TINYSIGN_TESTS_SUPPORT_OPENSSL_H_

#include <string>
#include <vector>

namespace tinysign::testing {

// CommandResult is the exit status and standard output of a command.
struct CommandResult {
  int exit_code = -1;
  std::string output;
};

// RunCommand runs `argv` without a shell and captures its standard output;
// standard error goes to the test log.
CommandResult RunCommand(const std::vector<std::string>& argv);

// GostEngineAvailable returns true when `openssl` can load the gost engine.
bool GostEngineAvailable();

}  // namespace tinysign::testing

#define TINYSIGN_REQUIRE_GOST_ENGINE()                                  \
  do {                                                                  \
    if (!::tinysign::testing::GostEngineAvailable()) {                  \
      GTEST_SKIP() << "openssl gost engine not available: install the " \
                      "Debian package libengine-gost-openssl";          \
    }                                                                   \
  } while (0)

#endif  // TINYSIGN_TESTS_SUPPORT_OPENSSL_H_
