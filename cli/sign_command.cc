#include "cli/sign_command.h"

#include <fstream>
#include <optional>
#include <string_view>

#include "cli/arguments.h"
#include "cli/exit_code.h"
#include "cli/input_file.h"
#include "cli/system_random.h"
#include "cli/tsa_client.h"
#include "core/cms/signed_data.h"
#include "core/cms/signer.h"
#include "core/crypto/digest.h"
#include "core/encoding/input_form.h"
#include "core/limits.h"
#include "core/pkcs12/key_file.h"
#include "core/time.h"
#include "core/x509/certificate.h"

namespace tinysign::cli {

namespace {

constexpr std::string_view kCommand = "sign";

constexpr OptionSpec kOptions[] = {
    {"--key", true, false},          {"--password", true, false},
    {"--detached", false, false},    {"--digest-only", false, false},
    {"--tsa", true, false},          {"--pem", false, false},
    {"--out", true, false},          {"--help", false, false},
    {"--signing-time", true, false},
};

constexpr std::string_view kHelp =
    "Usage: tinysign sign --key FILE.p12 --password PASSWORD [--detached]\n"
    "                     [--digest-only] [--tsa URL] [--pem] [--out FILE]\n"
    "                     DOCUMENT\n"
    "\n"
    "Signs DOCUMENT with the key in a PKCS#12 key file and writes a CMS\n"
    "signature as NCALayer makes it: the signer's certificate only, and the\n"
    "contentType, signingTime (now), messageDigest and signingCertificateV2\n"
    "attributes. GOST 34.310-2004 keys sign with GOST 34.311-95, GOST\n"
    "34.10-2015 keys with Streebog, RSA keys with SHA-256. DOCUMENT '-'\n"
    "reads standard input.\n"
    "\n"
    "Options:\n"
    "  --key FILE         the PKCS#12 key file (.p12) of the signer\n"
    "  --password PW      the key file's password\n"
    "  --detached         leave the document out of the signature\n"
    "  --digest-only      sign only the document's digest: the signature is\n"
    "                     detached, and the document never enters it\n"
    "  --tsa URL          add a signatureTimeStampToken from the RFC 3161\n"
    "                     TSA at URL (http:// on 127.0.0.1 or localhost\n"
    "                     only)\n"
    "  --pem              write PEM ('-----BEGIN CMS-----') instead of DER\n"
    "  --out FILE         write the signature to FILE (default: standard\n"
    "                     output)\n"
    "  --signing-time T   write T, an RFC 3339 time, as signingTime\n"
    "                     (default: now); it stays the signer's claim\n"
    "  --help             show this help\n";

std::string ToPem(der::Input der) {
  const std::string base64 = encoding::EncodeBase64(der);
  std::string pem = "-----BEGIN CMS-----\n";
  for (size_t offset = 0; offset < base64.size(); offset += 64) {
    pem += base64.substr(offset, 64);
    pem += "\n";
  }
  pem += "-----END CMS-----\n";
  return pem;
}

int WriteOutput(const CommandContext& context,
                const std::optional<std::string>& path, der::Input cms,
                bool pem) {
  const std::string text = pem ? ToPem(cms) : std::string(cms.AsStringView());
  if (!path.has_value() || *path == "-") {
    context.out << text;
    return context.out ? kExitValid : kExitInternal;
  }
  std::ofstream file(*path, std::ios::binary | std::ios::trunc);
  file << text;
  if (!file) {
    context.err << "tinysign sign: cannot write " << *path << "\n";
    return kExitDataError;
  }
  return kExitValid;
}

// AddTimestamp fetches a token over signer 0's signature value and stores it.
std::optional<Bytes> AddTimestamp(const CommandContext& context,
                                  const std::string& url, const Bytes& cms,
                                  crypto::DigestAlgorithm algorithm,
                                  crypto::RandomSource& random) {
  auto parsed = cms::ParseSignedData(cms);
  if (!parsed.has_value()) {
    context.err << "tinysign sign: internal error: "
                << parsed.error().ToString() << "\n";
    return std::nullopt;
  }
  const Bytes imprint =
      crypto::ComputeDigest(algorithm, (*parsed)->signers().front().signature);
  std::string error;
  std::optional<Bytes> token =
      FetchTimestampToken(url, algorithm, imprint, random, &error);
  if (!token.has_value()) {
    context.err << "tinysign sign: timestamp from " << url
                << " failed: " << error << "\n";
    return std::nullopt;
  }
  auto stamped = cms::AddSignatureTimestamp(cms, 0, *token);
  if (!stamped.has_value()) {
    context.err << "tinysign sign: " << stamped.error().ToString() << "\n";
    return std::nullopt;
  }
  return std::move(stamped).value();
}

// IsNotPkcs12 reports whether `error` from LoadKeyFile means that the file
// is not PKCS#12 at all, as opposed to a PKCS#12 file that fails later,
// such as with a wrong password.
bool IsNotPkcs12(const Error& error) {
  const std::string_view id = ErrorId(error.code);
  return error.code == ErrorCode::kPkcs12Malformed ||
         id.substr(0, 4) == "der." || id.substr(0, 6) == "input.";
}

// WarnAboutValidity prints a warning when `now` is outside the signer
// certificate's validity period. Signing goes on, because test keys are
// often expired, but a verifier rejects such a signature unless it checks
// at a time inside the period (NCALayer refuses expired keys by default).
void WarnAboutValidity(const CommandContext& context, std::string_view key_name,
                       const x509::Certificate& certificate) {
  if (context.now > certificate.not_after()) {
    context.err << "tinysign sign: warning: the certificate in " << key_name
                << " expired at notAfter "
                << FormatRfc3339(certificate.not_after())
                << ", so verifiers will reject the signature\n";
  } else if (context.now < certificate.not_before()) {
    context.err << "tinysign sign: warning: the certificate in " << key_name
                << " is not valid before notBefore "
                << FormatRfc3339(certificate.not_before())
                << ", so verifiers will reject the signature until then\n";
  }
}

}  // namespace

int RunSignCommand(const std::vector<std::string>& args,
                   const CommandContext& context) {
  Arguments arguments;
  std::string usage_error;
  if (!ParseArguments(args, kOptions, &arguments, &usage_error)) {
    return ReportUsageError(context, kCommand, usage_error);
  }
  if (arguments.Has("--help")) {
    context.out << kHelp;
    return kExitValid;
  }
  const std::optional<std::string> key_path = arguments.Value("--key");
  const std::optional<std::string> password = arguments.Value("--password");
  if (!key_path.has_value()) {
    return ReportUsageError(context, kCommand, "missing --key FILE.p12");
  }
  if (!password.has_value()) {
    return ReportUsageError(context, kCommand, "missing --password PASSWORD");
  }
  if (arguments.positional().size() != 1) {
    return ReportUsageError(context, kCommand,
                            "expected exactly one DOCUMENT to sign");
  }
  const std::string& document_path = arguments.positional().front();
  Time signing_time = context.now;
  if (const auto text = arguments.Value("--signing-time")) {
    auto parsed = ParseRfc3339(*text);
    if (!parsed.has_value()) {
      return ReportUsageError(context, kCommand,
                              "invalid --signing-time '" + *text +
                                  "': expected RFC 3339, such as "
                                  "2026-12-04T10:00:00Z");
    }
    signing_time = *parsed;
  }
  std::string read_error;
  std::optional<Bytes> key_bytes = ReadInputFile(
      *key_path, context.in, limits::kMaxPkcs12Bytes, &read_error);
  if (!key_bytes.has_value()) {
    return ReportInputError(context, DisplayName(*key_path), read_error);
  }
  auto key_file = pkcs12::LoadKeyFile(*key_bytes, *password);
  if (!key_file.has_value()) {
    if (IsNotPkcs12(key_file.error())) {
      context.err << "tinysign: " << DisplayName(*key_path)
                  << " is not a PKCS#12 key file ("
                  << key_file.error().ToString() << ")\n";
      return kExitDataError;
    }
    return ReportInputError(context, DisplayName(*key_path),
                            key_file.error().ToString());
  }
  WarnAboutValidity(context, DisplayName(*key_path), *key_file->certificate);
  std::optional<Bytes> document = ReadInputFile(
      document_path, context.in, limits::kMaxInputBytes, &read_error);
  if (!document.has_value()) {
    return ReportInputError(context, DisplayName(document_path), read_error);
  }
  SystemRandom random;
  const cms::Signer signer{key_file->private_key, key_file->certificate};
  cms::SignOptions options;
  options.detached = arguments.Has("--detached");
  options.signing_time = signing_time;
  const crypto::DigestAlgorithm algorithm =
      cms::DigestAlgorithmFor(key_file->private_key.algorithm);
  Result<Bytes> cms =
      arguments.Has("--digest-only")
          ? cms::SignDigest(crypto::ComputeDigest(algorithm, *document), signer,
                            options, random)
          : cms::SignContent(*document, signer, options, random);
  if (!cms.has_value()) {
    context.err << "tinysign sign: signing failed: " << cms.error().ToString()
                << "\n";
    return kExitInternal;
  }
  Bytes output = std::move(cms).value();
  if (const auto url = arguments.Value("--tsa")) {
    std::optional<Bytes> stamped =
        AddTimestamp(context, *url, output, algorithm, random);
    if (!stamped.has_value()) {
      return kExitDataError;
    }
    output = std::move(*stamped);
  }
  return WriteOutput(context, arguments.Value("--out"), output,
                     arguments.Has("--pem"));
}

}  // namespace tinysign::cli
