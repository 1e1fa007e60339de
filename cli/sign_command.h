// `tinysign sign`: signs a document with a PKCS#12 key file and writes a CMS
// as NCALayer produces it.
#ifndef TINYSIGN_CLI_SIGN_COMMAND_H_
#define TINYSIGN_CLI_SIGN_COMMAND_H_

#include <string>
#include <vector>

#include "cli/command.h"

namespace tinysign::cli {

// RunSignCommand runs `tinysign sign ARGS` and returns the exit status: 0
// when the CMS was written, 64 for a usage error, 65 for an unreadable
// input or a wrong password, 70 for an internal failure.
int RunSignCommand(const std::vector<std::string>& args,
                   const CommandContext& context);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_SIGN_COMMAND_H_
