#include "cli/cli.h"

#include <array>
#include <string_view>

#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/inspect_command.h"
#include "cli/reason_codes_command.h"
#include "cli/sign_command.h"
#include "cli/verify_cert_command.h"
#include "cli/verify_command.h"

namespace tinysign::cli {

namespace {

using CommandFunction = int (*)(const std::vector<std::string>& args,
                                const CommandContext& context);

struct Command {
  std::string_view name;
  CommandFunction run;
  std::string_view summary;
};

constexpr std::array<Command, 5> kCommands = {{
    {"verify", RunVerifyCommand, "verify a CMS signature"},
    {"verify-cert", RunVerifyCertCommand,
     "validate a certificate's path to a trust anchor"},
    {"inspect", RunInspectCommand,
     "print a certificate, CMS, CRL, OCSP response or timestamp"},
    {"sign", RunSignCommand, "sign a document with a PKCS#12 key file"},
    {"reason-codes", RunReasonCodesCommand, "list the reason codes of reports"},
}};

constexpr std::string_view kUsageHead =
    "Usage: tinysign COMMAND [OPTIONS] FILE\n"
    "\n"
    "Verifies CMS signatures made with the keys of Kazakhstan's National\n"
    "Certification Authority (GOST 34.310-2004, GOST 34.10-2015, RSA) and\n"
    "prints what certificates and signatures contain.\n"
    "\n"
    "Commands:\n";

constexpr std::string_view kUsageTail =
    "\n"
    "Options:\n"
    "  --help     show this help; 'tinysign COMMAND --help' shows the\n"
    "             options of one command\n"
    "  --version  print the version\n"
    "\n"
    "Exit status:\n"
    "  0   valid\n"
    "  1   invalid\n"
    "  2   indeterminate: something needed to decide is missing\n"
    "  64  usage error\n"
    "  65  an input file is unreadable or malformed\n"
    "  70  internal error\n";

void PrintUsage(std::ostream& out) {
  out << kUsageHead;
  for (const Command& command : kCommands) {
    std::string name(command.name);
    name.resize(13, ' ');
    out << "  " << name << command.summary << "\n";
  }
  out << kUsageTail;
}

const Command* FindCommand(std::string_view name) {
  for (const Command& command : kCommands) {
    if (command.name == name) {
      return &command;
    }
  }
  return nullptr;
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::istream& in,
           std::ostream& out, std::ostream& err, Time now) {
  const CommandContext context{in, out, err, now};
  if (args.empty()) {
    PrintUsage(err);
    return kExitUsage;
  }
  const std::string& first = args.front();
  if (first == "--help" || first == "-h" || first == "help") {
    PrintUsage(out);
    return kExitValid;
  }
  if (first == "--version") {
    out << "tinysign " << TINYSIGN_VERSION << "\n";
    return kExitValid;
  }
  const Command* command = FindCommand(first);
  if (command == nullptr) {
    err << "tinysign: unknown command '" << first << "'\n"
        << "Run 'tinysign --help' to see the commands.\n";
    return kExitUsage;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  return command->run(rest, context);
}

}  // namespace tinysign::cli
