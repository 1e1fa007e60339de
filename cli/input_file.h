// Reading the files named on the command line.
#ifndef TINYSIGN_CLI_INPUT_FILE_H_
#define TINYSIGN_CLI_INPUT_FILE_H_

#include <cstddef>
#include <istream>
#include <optional>
#include <string>

#include "cli/command.h"
#include "core/der/input.h"

namespace tinysign::cli {

// ReadInputFile returns the bytes of the file `path`, or of `in` when `path`
// is "-". It fails, setting `error` to the reason ("No such file or
// directory", "is a directory", "is larger than ..."), when the file cannot
// be read or is larger than `max_bytes`.
std::optional<Bytes> ReadInputFile(const std::string& path, std::istream& in,
                                   size_t max_bytes, std::string* error);

// ReadDerFile reads `path` (at most `limits::kMaxInputBytes`) and
// normalises it from DER, PEM or base64 to DER. On failure it reports the
// file and the fault on standard error and returns nothing.
std::optional<Bytes> ReadDerFile(const CommandContext& context,
                                 const std::string& path);

// DisplayName returns how messages name `path`: "standard input" for "-".
std::string DisplayName(const std::string& path);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_INPUT_FILE_H_
