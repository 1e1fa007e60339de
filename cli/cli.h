// The `tinysign` command-line tool as a function, so that tests run it in
// process with their own streams and a fixed time.
//
//   tinysign verify [OPTIONS] SIGNATURE_FILE
//   tinysign verify-cert [OPTIONS] CERT_FILE
//   tinysign inspect FILE
//   tinysign --help | --version | COMMAND --help
//
// The exit status is in cli/exit_code.h: 0, 1 and 2 are the verdicts valid,
// invalid and indeterminate; 64 is a usage error and 65 an unreadable or
// malformed input file.
#ifndef TINYSIGN_CLI_CLI_H_
#define TINYSIGN_CLI_CLI_H_

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "core/time.h"

namespace tinysign::cli {

// RunCli runs the command line `args` (without the program name). Reports
// and help go to `out`, messages about errors to `err`, and a file named
// "-" is read from `in`. `now` is the default validation time.
int RunCli(const std::vector<std::string>& args, std::istream& in,
           std::ostream& out, std::ostream& err, Time now);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_CLI_H_
