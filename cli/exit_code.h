// Exit statuses of the `tinysign` tool.
//
// A verdict maps to 0, 1 or 2 so that scripts can branch on it. Errors use
// the BSD <sysexits.h> numbers, which keeps them apart from the verdicts.
#ifndef TINYSIGN_CLI_EXIT_CODE_H_
#define TINYSIGN_CLI_EXIT_CODE_H_

#include "core/verify/report.h"

namespace tinysign::cli {

enum ExitCode : int {
  kExitValid = 0,
  kExitInvalid = 1,
  // Something needed to decide was missing, such as a trust anchor.
  kExitIndeterminate = 2,
  // EX_USAGE: an unknown option, a missing or malformed option value.
  kExitUsage = 64,
  // EX_DATAERR: an input file is unreadable or is not what it should be.
  kExitDataError = 65,
  // EX_SOFTWARE: TinySign itself failed.
  kExitInternal = 70,
};

// ExitCodeForVerdict returns 0, 1 or 2 for valid, invalid or indeterminate.
inline int ExitCodeForVerdict(verify::Verdict verdict) {
  switch (verdict) {
    case verify::Verdict::kValid:
      return kExitValid;
    case verify::Verdict::kInvalid:
      return kExitInvalid;
    case verify::Verdict::kIndeterminate:
      return kExitIndeterminate;
  }
  return kExitIndeterminate;
}

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_EXIT_CODE_H_
