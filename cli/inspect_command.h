// `tinysign inspect`: prints every field of a certificate, CMS signature,
// CRL, OCSP response or RFC 3161 timestamp.
#ifndef TINYSIGN_CLI_INSPECT_COMMAND_H_
#define TINYSIGN_CLI_INSPECT_COMMAND_H_

#include <string>
#include <vector>

#include "cli/command.h"

namespace tinysign::cli {

// RunInspectCommand runs `tinysign inspect ARGS` and returns 0 when every
// structure in the file was printed, `kExitUsage`, or `kExitDataError`.
int RunInspectCommand(const std::vector<std::string>& args,
                      const CommandContext& context);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_INSPECT_COMMAND_H_
