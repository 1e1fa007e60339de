#include "cli/reason_codes_command.h"

#include <string_view>

#include "cli/arguments.h"
#include "cli/exit_code.h"
#include "report/reason_codes.h"

namespace tinysign::cli {

namespace {

constexpr std::string_view kCommand = "reason-codes";

constexpr OptionSpec kOptions[] = {{"--help", false, false}};

constexpr std::string_view kHelp =
    "Usage: tinysign reason-codes\n"
    "\n"
    "Prints every reason code a report can carry, with its meaning and when\n"
    "it occurs, as a Markdown table.\n";

}  // namespace

int RunReasonCodesCommand(const std::vector<std::string>& args,
                          const CommandContext& context) {
  Arguments arguments;
  std::string error;
  if (!ParseArguments(args, kOptions, &arguments, &error)) {
    return ReportUsageError(context, kCommand, error);
  }
  if (arguments.Has("--help")) {
    context.out << kHelp;
    return kExitValid;
  }
  if (!arguments.positional().empty()) {
    return ReportUsageError(
        context, kCommand,
        "unexpected argument '" + arguments.positional()[0] + "'");
  }
  context.out << report::ReasonCodesMarkdown();
  return kExitValid;
}

}  // namespace tinysign::cli
