#include "cli/inspect_command.h"

#include <functional>
#include <string_view>

#include "cli/arguments.h"
#include "cli/exit_code.h"
#include "cli/input_file.h"
#include "cli/input_kind.h"
#include "cli/inspect_certificate.h"
#include "cli/inspect_cms.h"
#include "cli/inspect_revocation.h"
#include "cli/inspect_timestamp.h"
#include "cli/inspect_writer.h"
#include "core/cms/signed_data.h"
#include "core/crl/crl.h"
#include "core/der/reader.h"
#include "core/encoding/input_form.h"
#include "core/limits.h"
#include "core/ocsp/response.h"
#include "core/tsp/timestamp.h"
#include "core/x509/certificate.h"

namespace tinysign::cli {

namespace {

constexpr std::string_view kCommand = "inspect";

constexpr OptionSpec kOptions[] = {
    {"--help", false, false},
};

constexpr std::string_view kHelp =
    "Usage: tinysign inspect FILE\n"
    "\n"
    "Prints every field of a certificate, CMS signature, CRL, OCSP response,\n"
    "timestamp token or timestamp response, GOST ones included. FILE may be\n"
    "DER, base64 or PEM; every block of a PEM file is printed. '-' reads\n"
    "standard input. The type is found from the structure, not the file\n"
    "name.\n"
    "\n"
    "Nothing is verified: use 'tinysign verify' or 'tinysign verify-cert'.\n"
    "\n"
    "Exit status: 0 printed, 64 usage error, 65 unreadable file or not one\n"
    "of the structures above.\n";

// PrintParsed parses `der` with `parse` and prints it with `print`, or
// returns the parse error.
template <typename Parse, typename Print>
std::optional<Error> PrintParsed(der::Input der, Parse parse, Print print) {
  auto parsed = parse(der);
  if (!parsed.has_value()) {
    return std::move(parsed).error();
  }
  print(**parsed);
  return std::nullopt;
}

// UnknownStructureMessage returns the message for input that matches no
// known structure. It adds the DER error when the input is not even one
// complete SEQUENCE, as in a file cut short.
std::string UnknownStructureMessage(der::Input der) {
  std::string message =
      "not a certificate, CMS signature, CRL, OCSP response or timestamp";
  der::Reader reader(der);
  auto sequence = reader.ReadSequence();
  if (!sequence.has_value()) {
    message += " (" + sequence.error().ToString() + ")";
  }
  return message;
}

// PrintStructure prints one DER structure, or returns a message saying why
// it cannot.
std::optional<std::string> PrintStructure(der::Input der,
                                          InspectWriter& writer) {
  const InputKind kind = DetectInputKind(der);
  std::optional<Error> error;
  switch (kind) {
    case InputKind::kCertificate:
      error = PrintParsed(der, x509::ParseCertificate,
                          [&](const auto& c) { PrintCertificate(c, writer); });
      break;
    case InputKind::kCrl:
      error = PrintParsed(der, crl::ParseCrl,
                          [&](const auto& c) { PrintCrl(c, writer); });
      break;
    case InputKind::kCms:
      error = PrintParsed(der, cms::ParseSignedData,
                          [&](const auto& c) { PrintSignedData(c, writer); });
      break;
    case InputKind::kTimestampToken:
      error = PrintParsed(der, tsp::ParseTimeStampToken, [&](const auto& t) {
        PrintTimestampToken(t, writer);
      });
      break;
    case InputKind::kTimestampResponse:
      error = PrintParsed(der, tsp::ParseTimeStampResponse, [&](const auto& r) {
        PrintTimestampResponse(r, writer);
      });
      break;
    case InputKind::kOcspResponse:
      error = PrintParsed(der, ocsp::ParseOcspResponse,
                          [&](const auto& r) { PrintOcspResponse(r, writer); });
      break;
    case InputKind::kUnknown:
      return UnknownStructureMessage(der);
  }
  if (error.has_value()) {
    return "not a valid " + std::string(InputKindName(kind)) + " (" +
           error->ToString() + ")";
  }
  return std::nullopt;
}

int Inspect(const CommandContext& context, const std::string& path) {
  std::string error;
  const std::string name = DisplayName(path);
  const auto data =
      ReadInputFile(path, context.in, limits::kMaxInputBytes, &error);
  if (!data.has_value()) {
    return ReportInputError(context, name, error);
  }
  auto blocks = encoding::NormalizeToDerList(*data);
  if (!blocks.has_value()) {
    return ReportInputError(
        context, name,
        "not DER, PEM or base64 (" + blocks.error().ToString() + ")");
  }
  InspectWriter writer(context.out);
  int status = kExitValid;
  for (size_t i = 0; i < blocks->size(); ++i) {
    if (blocks->size() > 1) {
      if (i > 0) {
        writer.BlankLine();
      }
      writer.Line("PEM block " + std::to_string(i + 1) + " of " +
                  std::to_string(blocks->size()));
    }
    if (auto message = PrintStructure((*blocks)[i], writer)) {
      const std::string where =
          blocks->size() > 1
              ? name + " (PEM block " + std::to_string(i + 1) + ")"
              : name;
      status = ReportInputError(context, where, *message);
    }
  }
  return status;
}

}  // namespace

int RunInspectCommand(const std::vector<std::string>& args,
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
  const auto& positional = arguments.positional();
  if (positional.empty()) {
    return ReportUsageError(context, kCommand, "missing FILE");
  }
  if (positional.size() > 1) {
    return ReportUsageError(
        context, kCommand,
        "unexpected argument '" + positional[1] + "': give one FILE");
  }
  return Inspect(context, positional[0]);
}

}  // namespace tinysign::cli
