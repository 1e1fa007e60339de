// The context every `tinysign` command runs in, and the shared error output.
#ifndef TINYSIGN_CLI_COMMAND_H_
#define TINYSIGN_CLI_COMMAND_H_

#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace tinysign::cli {

// CommandContext is the environment of one run: the streams and the
// current time, which the caller reads so that tests can fix it.
struct CommandContext {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  Time now;
};

// ReportUsageError writes "tinysign COMMAND: MESSAGE" and a pointer to the
// command's help to standard error, and returns `kExitUsage`.
int ReportUsageError(const CommandContext& context, std::string_view command,
                     std::string_view message);

// ReportInputError writes "tinysign: FILE: MESSAGE" to standard error and
// returns `kExitDataError`.
int ReportInputError(const CommandContext& context, std::string_view file,
                     std::string_view message);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_COMMAND_H_
