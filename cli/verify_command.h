// `tinysign verify`: verifies a CMS signature and prints the report.
#ifndef TINYSIGN_CLI_VERIFY_COMMAND_H_
#define TINYSIGN_CLI_VERIFY_COMMAND_H_

#include <string>
#include <vector>

#include "cli/command.h"

namespace tinysign::cli {

// RunVerifyCommand runs `tinysign verify ARGS` and returns the exit status:
// the verdict (0, 1, 2), or `kExitUsage` or `kExitDataError`.
int RunVerifyCommand(const std::vector<std::string>& args,
                     const CommandContext& context);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_VERIFY_COMMAND_H_
