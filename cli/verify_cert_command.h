// `tinysign verify-cert`: validates one certificate's path to a trust
// anchor and prints the report.
#ifndef TINYSIGN_CLI_VERIFY_CERT_COMMAND_H_
#define TINYSIGN_CLI_VERIFY_CERT_COMMAND_H_

#include <string>
#include <vector>

#include "cli/command.h"

namespace tinysign::cli {

// RunVerifyCertCommand runs `tinysign verify-cert ARGS` and returns the
// exit status: the verdict (0, 1, 2), or `kExitUsage` or `kExitDataError`.
int RunVerifyCertCommand(const std::vector<std::string>& args,
                         const CommandContext& context);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_VERIFY_CERT_COMMAND_H_
