#include "cli/verify_command.h"

#include <cstdint>
#include <optional>
#include <string_view>

#include "cli/arguments.h"
#include "cli/evidence_files.h"
#include "cli/exit_code.h"
#include "cli/input_file.h"
#include "cli/online_evidence.h"
#include "cli/trust_directory.h"
#include "cli/verify_options.h"
#include "core/encoding/input_form.h"
#include "core/limits.h"
#include "core/verify/verifier.h"
#include "report/json.h"
#include "report/text.h"

namespace tinysign::cli {

namespace {

constexpr std::string_view kCommand = "verify";

constexpr OptionSpec kOptions[] = {
    {"--document", true, false},   {"--digest", true, false},
    {"--trust", true, true},       {"--at", true, false},
    {"--revocation", true, false}, {"--purpose", true, false},
    {"--ocsp", true, true},        {"--crl", true, true},
    {"--tsp", true, true},         {"--skew", true, false},
    {"--json", false, false},      {"--help", false, false},
    {"--online", false, false},    {"--fetch-map", true, true},
};

constexpr std::string_view kHelp =
    "Usage: tinysign verify [--document FILE | --digest ALG:HEX]\n"
    "                       [--trust DIR]... [--at TIME]\n"
    "                       [--revocation require|prefer|off]\n"
    "                       [--ocsp FILE]... [--crl FILE]... [--tsp FILE]...\n"
    "                       [--skew SECONDS] [--purpose sign|auth|any]\n"
    "                       [--online [--fetch-map FROM=TO]...]\n"
    "                       [--json] SIGNATURE_FILE\n"
    "\n"
    "Verifies every signer of a CMS signature: the digest of the signed\n"
    "document, the signature, the timestamp, the certificate path to a\n"
    "trust anchor, the revocation status and the key purpose. Certificates\n"
    "are judged at the genTime of a verified timestamp, otherwise at the\n"
    "validation time. SIGNATURE_FILE may be DER, PEM or base64; '-' reads\n"
    "standard input.\n"
    "\n"
    "Options:\n"
    "  --document FILE    the signed document, for a detached signature\n"
    "  --digest ALG:HEX   the digest of the signed document instead of the\n"
    "                     document itself; ALG is one of gost34311-95,\n"
    "                     streebog256, streebog512, sha1, sha256, sha384,\n"
    "                     sha512\n"
    "  --trust DIR        trust the CA certificates in the files of DIR:\n"
    "                     self-signed ones are anchors, the others\n"
    "                     intermediates; may be repeated. Without it no\n"
    "                     certificate is trusted.\n"
    "  --at TIME          validate at TIME, an RFC 3339 time such as\n"
    "                     2026-12-04T10:00:00Z, unless a verified timestamp\n"
    "                     proves an earlier signing time (default: now)\n"
    "  --revocation MODE  require (default): a signer whose revocation\n"
    "                     status is unknown is indeterminate; prefer: an\n"
    "                     unknown status leaves the verdict valid with a\n"
    "                     warning; off: do not check revocation\n"
    "  --ocsp FILE        an OCSP response for a signer certificate (DER,\n"
    "                     PEM or base64); may be repeated\n"
    "  --crl FILE         a complete or delta CRL of a signer's CA; may be\n"
    "                     repeated\n"
    "  --tsp FILE         a timestamp response or token over a signature\n"
    "                     that carries none; may be repeated\n"
    "  --skew SECONDS     how far the clocks of OCSP responders, CRL\n"
    "                     issuers and TSAs may differ from ours (default\n"
    "                     300)\n"
    "  --purpose PURPOSE  the key purpose the signer certificate must allow:\n"
    "                     sign (default), auth or any\n"
    "  --online           fetch OCSP responses, or CRLs when OCSP fails, for\n"
    "                     the signers over http, from loopback addresses\n"
    "                     only (127.0.0.0/8, ::1, localhost), so the NUC\n"
    "                     URLs in real certificates need --fetch-map to a\n"
    "                     local mirror\n"
    "  --fetch-map FROM=TO\n"
    "                     with --online, fetch a URL that starts with FROM\n"
    "                     from TO followed by the rest of the URL, such as\n"
    "                     http://ocsp.pki.gov.kz/=http://127.0.0.1:8081/;\n"
    "                     may be repeated\n"
    "  --json             print the report as JSON\n"
    "  --help             show this help\n"
    "\n"
    "Without --online this command fetches no OCSP responses or CRLs: give\n"
    "them with --ocsp and --crl, or choose --revocation prefer or off.\n"
    "With --online, a URL whose host is not a loopback address after\n"
    "--fetch-map is not fetched.\n"
    "\n"
    "Exit status: 0 valid, 1 invalid, 2 indeterminate, 64 usage error,\n"
    "65 unreadable or malformed input, 70 internal error.\n";

// VerifyRequest is everything the command line requests from `verify`.
struct VerifyRequest {
  std::string signature_path;
  std::optional<std::string> document_path;
  std::optional<DigestOption> digest;
  std::vector<std::string> trust_dirs;
  verify::VerifyOptions options;
  OnlineOptions online;
  bool json = false;
};

// ParseRequest fills `request`, or returns a usage error message.
std::optional<std::string> ParseRequest(const Arguments& arguments, Time now,
                                        VerifyRequest* request) {
  const auto& positional = arguments.positional();
  if (positional.empty()) {
    return "missing SIGNATURE_FILE";
  }
  if (positional.size() > 1) {
    return "unexpected argument '" + positional[1] +
           "': give one SIGNATURE_FILE";
  }
  request->signature_path = positional[0];
  if (arguments.Has("--document") && arguments.Has("--digest")) {
    return "--document and --digest cannot be used together";
  }
  request->document_path = arguments.Value("--document");
  if (request->document_path == "-" && request->signature_path == "-") {
    return "--document - and SIGNATURE_FILE - cannot both read standard "
           "input";
  }
  std::string error;
  if (const auto digest_text = arguments.Value("--digest")) {
    request->digest = ParseDigestOption(*digest_text, &error);
    if (!request->digest.has_value()) {
      return error;
    }
  }
  request->trust_dirs = arguments.Values("--trust");
  if (!ParseVerifyOptions(arguments, now, &request->options, &error)) {
    return error;
  }
  if (!ParseOnlineOptions(arguments, &request->online, &error)) {
    return error;
  }
  request->json = arguments.Has("--json");
  return std::nullopt;
}

// HasReason returns true when a signer of `report` has a reason `code`.
bool HasReason(const verify::Report& report, ErrorCode code) {
  for (const verify::SignerReport& signer : report.signers) {
    for (const verify::Reason& reason : signer.reasons) {
      if (reason.code == code) {
        return true;
      }
    }
  }
  return false;
}

// PrintRevocationHint names the options that give revocation evidence
// when a signer had none; the core's message cannot, because the service
// shares it.
void PrintRevocationHint(const CommandContext& context,
                         const VerifyRequest& request,
                         const verify::Report& report) {
  if (!HasReason(report, ErrorCode::kRevocationSkipped) ||
      request.options.policy.revocation == verify::RevocationPolicy::kOff) {
    return;
  }
  if (request.online.enabled) {
    context.err << "tinysign: note: no OCSP response or CRL could be "
                   "fetched, and the report gives each failure. Map the "
                   "URLs to a loopback mirror with --fetch-map FROM=TO, "
                   "pass --ocsp FILE or --crl FILE, or choose --revocation "
                   "prefer or off\n";
    return;
  }
  context.err << "tinysign: note: no OCSP response or CRL was given. Pass "
                 "--ocsp FILE or --crl FILE, fetch them with --online, or "
                 "choose --revocation prefer or off\n";
}

// PrintHints writes to standard error what the caller can do about a
// verdict that a missing input decided.
void PrintHints(const CommandContext& context, const VerifyRequest& request,
                const verify::Report& report, const x509::TrustStore& trust) {
  PrintRevocationHint(context, request, report);
  if (trust.size() == 0) {
    context.err << "tinysign: note: no trust anchors were loaded, so no "
                   "certificate chain can be validated: pass --trust DIR "
                   "with the CA certificates\n";
  }
  if (request.json && report.document.source == "missing") {
    context.err << "tinysign: note: the signature is detached and its "
                   "document was not supplied: pass --document FILE or "
                   "--digest ALG:HEX to check the document digest\n";
  }
}

// LoadDocument fills `document` from --document or --digest. The document
// bytes go to `document_bytes`, which must outlive `document`. It returns
// false after reporting a file that cannot be read.
bool LoadDocument(const CommandContext& context, const VerifyRequest& request,
                  std::optional<Bytes>* document_bytes,
                  verify::Document* document) {
  if (request.document_path.has_value()) {
    std::string error;
    // The document is hashed in memory, whatever its size: a caller with a
    // document too large for memory passes --digest instead.
    *document_bytes =
        ReadInputFile(*request.document_path, context.in, SIZE_MAX, &error);
    if (!document_bytes->has_value()) {
      ReportInputError(context, DisplayName(*request.document_path), error);
      return false;
    }
    document->kind = verify::Document::Kind::kContent;
    document->content = der::Input(**document_bytes);
  } else if (request.digest.has_value()) {
    document->kind = verify::Document::Kind::kDigest;
    document->digest_algorithm = request.digest->algorithm;
    document->digest = request.digest->digest;
  }
  return true;
}

int Verify(const CommandContext& context, const VerifyRequest& request) {
  const auto cms = ReadDerFile(context, request.signature_path);
  if (!cms.has_value()) {
    return kExitDataError;
  }
  std::optional<Bytes> document_bytes;
  verify::Document document;
  x509::TrustStore trust;
  if (!LoadDocument(context, request, &document_bytes, &document) ||
      !LoadTrustDirectories(context, request.trust_dirs, &trust)) {
    return kExitDataError;
  }

  verify::VerifyOptions options = request.options;
  if (request.online.enabled) {
    AddOnlineEvidence(context, request.online, *cms, trust, &options);
  }
  auto report = verify::VerifyCms(*cms, document, trust, options);
  if (!report.has_value()) {
    const std::string name = DisplayName(request.signature_path);
    if (ErrorKindOf(report.error().code) == ErrorKind::kInternal) {
      context.err << "tinysign: " << name << ": internal error ("
                  << report.error().ToString() << ")\n";
      return kExitInternal;
    }
    return ReportInputError(
        context, name,
        "not a CMS SignedData (" + report.error().ToString() + ")");
  }
  context.out << (request.json ? report::ReportToJson(*report)
                               : report::ReportToText(*report));
  PrintHints(context, request, *report, trust);
  return ExitCodeForVerdict(report->verdict);
}

}  // namespace

int RunVerifyCommand(const std::vector<std::string>& args,
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
  VerifyRequest request;
  if (auto usage_error = ParseRequest(arguments, context.now, &request)) {
    return ReportUsageError(context, kCommand, *usage_error);
  }
  if (!LoadEvidenceFiles(context, arguments, &request.options)) {
    return kExitDataError;
  }
  return Verify(context, request);
}

}  // namespace tinysign::cli
