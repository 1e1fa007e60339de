#include "cli/verify_cert_command.h"

#include <optional>
#include <string_view>

#include "cli/arguments.h"
#include "cli/evidence_files.h"
#include "cli/exit_code.h"
#include "cli/input_file.h"
#include "cli/trust_directory.h"
#include "cli/verify_options.h"
#include "core/verify/verifier.h"
#include "report/json.h"
#include "report/text.h"

namespace tinysign::cli {

namespace {

constexpr std::string_view kCommand = "verify-cert";

constexpr OptionSpec kOptions[] = {
    {"--trust", true, true},    {"--untrusted", true, true},
    {"--at", true, false},      {"--revocation", true, false},
    {"--purpose", true, false}, {"--ocsp", true, true},
    {"--crl", true, true},      {"--skew", true, false},
    {"--json", false, false},   {"--help", false, false},
};

constexpr std::string_view kHelp =
    "Usage: tinysign verify-cert [--trust DIR]... [--untrusted FILE]...\n"
    "                            [--at TIME] [--revocation "
    "require|prefer|off]\n"
    "                            [--ocsp FILE]... [--crl FILE]...\n"
    "                            [--skew SECONDS] [--purpose sign|auth|any]\n"
    "                            [--json] CERT_FILE\n"
    "\n"
    "Validates the path from the certificate in CERT_FILE to a trust anchor\n"
    "and checks its key purpose. CERT_FILE may be DER, PEM or base64; when\n"
    "it holds several PEM certificates, the first is validated and the\n"
    "others serve as intermediates. '-' reads standard input.\n"
    "\n"
    "Options:\n"
    "  --trust DIR        trust the CA certificates in the files of DIR:\n"
    "                     self-signed ones are anchors, the others\n"
    "                     intermediates; may be repeated. Without it no\n"
    "                     certificate is trusted.\n"
    "  --untrusted FILE   use the certificates in FILE as intermediates\n"
    "                     without trusting them; may be repeated\n"
    "  --at TIME          validate at TIME, an RFC 3339 time such as\n"
    "                     2026-12-04T10:00:00Z (default: now)\n"
    "  --revocation MODE  require (default), prefer or off, as for\n"
    "                     'tinysign verify'\n"
    "  --ocsp FILE        an OCSP response for the certificate; may be\n"
    "                     repeated\n"
    "  --crl FILE         a complete or delta CRL of its CA; may be\n"
    "                     repeated\n"
    "  --skew SECONDS     allowed clock difference (default 300)\n"
    "  --purpose PURPOSE  the key purpose the certificate must allow:\n"
    "                     sign (default), auth or any\n"
    "  --json             print the report as JSON\n"
    "  --help             show this help\n"
    "\n"
    "Exit status: 0 valid, 1 invalid, 2 indeterminate, 64 usage error,\n"
    "65 unreadable or malformed input, 70 internal error.\n";

struct VerifyCertRequest {
  std::string certificate_path;
  std::vector<std::string> untrusted_paths;
  std::vector<std::string> trust_dirs;
  verify::VerifyOptions options;
  bool json = false;
};

std::optional<std::string> ParseRequest(const Arguments& arguments, Time now,
                                        VerifyCertRequest* request) {
  const auto& positional = arguments.positional();
  if (positional.empty()) {
    return "missing CERT_FILE";
  }
  if (positional.size() > 1) {
    return "unexpected argument '" + positional[1] + "': give one CERT_FILE";
  }
  request->certificate_path = positional[0];
  request->untrusted_paths = arguments.Values("--untrusted");
  request->trust_dirs = arguments.Values("--trust");
  std::string error;
  if (!ParseVerifyOptions(arguments, now, &request->options, &error)) {
    return error;
  }
  request->json = arguments.Has("--json");
  return std::nullopt;
}

// ReadCertificates reads CERT_FILE and every --untrusted file. The first
// certificate of CERT_FILE is the one validated; the others are
// intermediates. It reports a file that cannot be used and returns false.
bool ReadCertificates(const CommandContext& context,
                      const VerifyCertRequest& request, Bytes* certificate,
                      std::vector<Bytes>* untrusted) {
  std::string error;
  auto certificates =
      ReadCertificateFile(request.certificate_path, context.in, &error);
  if (!certificates.has_value()) {
    ReportInputError(context, DisplayName(request.certificate_path), error);
    return false;
  }
  *certificate = std::move(certificates->front());
  untrusted->assign(certificates->begin() + 1, certificates->end());
  for (const std::string& path : request.untrusted_paths) {
    auto extra = ReadCertificateFile(path, context.in, &error);
    if (!extra.has_value()) {
      ReportInputError(context, DisplayName(path), error);
      return false;
    }
    untrusted->insert(untrusted->end(), extra->begin(), extra->end());
  }
  return true;
}

int VerifyCert(const CommandContext& context,
               const VerifyCertRequest& request) {
  Bytes certificate;
  std::vector<Bytes> untrusted;
  x509::TrustStore trust;
  if (!ReadCertificates(context, request, &certificate, &untrusted) ||
      !LoadTrustDirectories(context, request.trust_dirs, &trust)) {
    return kExitDataError;
  }

  auto report =
      verify::VerifyCertificate(certificate, untrusted, trust, request.options);
  if (!report.has_value()) {
    const int status = ErrorKindOf(report.error().code) == ErrorKind::kInternal
                           ? kExitInternal
                           : kExitDataError;
    context.err << "tinysign: " << DisplayName(request.certificate_path) << ": "
                << report.error().ToString() << "\n";
    return status;
  }
  context.out << (request.json ? report::CertificateReportToJson(*report)
                               : report::CertificateReportToText(*report));
  if (trust.size() == 0) {
    context.err << "tinysign: note: no trust anchors were loaded, so the "
                   "certificate chain cannot be validated: pass --trust DIR "
                   "with the CA certificates\n";
  }
  return ExitCodeForVerdict(report->verdict);
}

}  // namespace

int RunVerifyCertCommand(const std::vector<std::string>& args,
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
  VerifyCertRequest request;
  if (auto usage_error = ParseRequest(arguments, context.now, &request)) {
    return ReportUsageError(context, kCommand, *usage_error);
  }
  if (!LoadEvidenceFiles(context, arguments, &request.options)) {
    return kExitDataError;
  }
  return VerifyCert(context, request);
}

}  // namespace tinysign::cli
