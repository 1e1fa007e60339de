#include "cli/command.h"

#include "cli/exit_code.h"

namespace tinysign::cli {

int ReportUsageError(const CommandContext& context, std::string_view command,
                     std::string_view message) {
  context.err << "tinysign " << command << ": " << message << "\n"
              << "Run 'tinysign " << command << " --help' to see the usage.\n";
  return kExitUsage;
}

int ReportInputError(const CommandContext& context, std::string_view file,
                     std::string_view message) {
  context.err << "tinysign: " << file << ": " << message << "\n";
  return kExitDataError;
}

}  // namespace tinysign::cli
