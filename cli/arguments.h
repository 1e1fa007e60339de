// Command-line parsing shared by the `tinysign` commands.
//
// Options are long only: `--name VALUE` or `--name=VALUE` for options that
// take a value, `--name` for flags. `--` ends the options, and a lone `-`
// is a positional argument (standard input). Anything else that starts
// with `-` is an unknown option. A value that starts with `-` must be
// written `--name=VALUE`, so that a forgotten value is reported rather than
// the next option taken as it.
#ifndef TINYSIGN_CLI_ARGUMENTS_H_
#define TINYSIGN_CLI_ARGUMENTS_H_

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tinysign::cli {

// OptionSpec describes one option a command accepts.
struct OptionSpec {
  std::string_view name;  // With the dashes, such as "--trust".
  bool takes_value = false;
  // Repeatable options may occur several times; others only once.
  bool repeatable = false;
};

// Arguments is the result of parsing one command's arguments.
class Arguments {
 public:
  // Has returns true when option `name` occurred at least once.
  bool Has(std::string_view name) const;
  // Value returns the value of option `name`, or nullopt when absent.
  std::optional<std::string> Value(std::string_view name) const;
  // Values returns every value of a repeatable option, in order.
  std::vector<std::string> Values(std::string_view name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  friend bool ParseArguments(const std::vector<std::string>& args,
                             std::span<const OptionSpec> specs, Arguments* out,
                             std::string* error);

  std::map<std::string, std::vector<std::string>, std::less<>> options_;
  std::vector<std::string> positional_;
};

// ParseArguments reads `args` against `specs` into `out`. On a usage error
// (unknown option, missing value, a value given to a flag, an option
// repeated that may occur once) it returns false and sets `error` to a
// message that names the option.
bool ParseArguments(const std::vector<std::string>& args,
                    std::span<const OptionSpec> specs, Arguments* out,
                    std::string* error);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_ARGUMENTS_H_
