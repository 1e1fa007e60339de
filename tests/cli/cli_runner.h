// Runs the `tinysign` command line in process for tests, capturing its
// output, at a fixed time.
#ifndef TINYSIGN_TESTS_CLI_CLI_RUNNER_H_
#define TINYSIGN_TESTS_CLI_CLI_RUNNER_H_

#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace tinysign::testing {

// kFixedNow is 2026-12-04T10:00:00Z (`date -u -d 2026-12-04T10:00:00Z +%s`).
inline constexpr Time kFixedNow{1796378400};

// CliRun is what one in-process run returned and printed.
struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// RunInProcess runs `tinysign ARGS` with `input` as standard input.
inline CliRun RunInProcess(const std::vector<std::string>& args,
                           const std::string& input = "",
                           Time now = kFixedNow) {
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  CliRun run;
  run.exit_code = cli::RunCli(args, in, out, err, now);
  run.out = out.str();
  run.err = err.str();
  return run;
}

}  // namespace tinysign::testing

#endif  // TINYSIGN_TESTS_CLI_CLI_RUNNER_H_
