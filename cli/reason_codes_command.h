// `tinysign reason-codes`: prints the reference list of reason codes as
// Markdown, the source of docs/reason-codes.md.
#ifndef TINYSIGN_CLI_REASON_CODES_COMMAND_H_
#define TINYSIGN_CLI_REASON_CODES_COMMAND_H_

#include <string>
#include <vector>

#include "cli/command.h"

namespace tinysign::cli {

// RunReasonCodesCommand runs `tinysign reason-codes ARGS`: exit 0, or
// `kExitUsage` for any argument but --help.
int RunReasonCodesCommand(const std::vector<std::string>& args,
                          const CommandContext& context);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_REASON_CODES_COMMAND_H_
