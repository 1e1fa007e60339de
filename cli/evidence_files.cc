#include "cli/evidence_files.h"

#include <string>

#include "cli/input_file.h"
#include "core/crl/crl.h"
#include "core/encoding/input_form.h"
#include "core/limits.h"
#include "core/ocsp/response.h"
#include "core/tsp/timestamp.h"

namespace tinysign::cli {

namespace {

bool ReportNotA(const CommandContext& context, const std::string& path,
                const std::string& option, const std::string& what,
                const Error& error) {
  ReportInputError(
      context, DisplayName(path),
      "not " + what + " as " + option + " expects (" + error.ToString() + ")");
  return false;
}

bool LoadOcsp(const CommandContext& context, const std::string& path,
              verify::VerifyOptions* options) {
  const auto der = ReadDerFile(context, path);
  if (!der.has_value()) {
    return false;
  }
  auto response = ocsp::ParseOcspResponse(*der);
  if (!response.has_value()) {
    return ReportNotA(context, path, "--ocsp", "an OCSP response",
                      response.error());
  }
  options->revocation.ocsp.push_back(verify::OcspEvidence{*response, {}});
  return true;
}

bool LoadCrl(const CommandContext& context, const std::string& path,
             verify::VerifyOptions* options) {
  const auto der = ReadDerFile(context, path);
  if (!der.has_value()) {
    return false;
  }
  auto list = crl::ParseCrl(*der);
  if (!list.has_value()) {
    return ReportNotA(context, path, "--crl", "a CRL", list.error());
  }
  options->revocation.crls.push_back(*list);
  return true;
}

// LoadTimestamp accepts a TimeStampResp, as a TSA returns it, or the bare
// TimeStampToken inside one.
bool LoadTimestamp(const CommandContext& context, const std::string& path,
                   verify::VerifyOptions* options) {
  const auto der = ReadDerFile(context, path);
  if (!der.has_value()) {
    return false;
  }
  auto response = tsp::ParseTimeStampResponse(*der);
  if (response.has_value()) {
    auto token = (*response)->granted_token();
    if (!token.has_value()) {
      return ReportNotA(context, path, "--tsp", "a granted timestamp",
                        token.error());
    }
    options->timestamps.push_back(*token);
    return true;
  }
  auto token = tsp::ParseTimeStampToken(*der);
  if (!token.has_value()) {
    return ReportNotA(context, path, "--tsp", "a timestamp response or token",
                      response.error());
  }
  options->timestamps.push_back(*token);
  return true;
}

}  // namespace

bool LoadEvidenceFiles(const CommandContext& context,
                       const Arguments& arguments,
                       verify::VerifyOptions* options) {
  for (const std::string& path : arguments.Values("--ocsp")) {
    if (!LoadOcsp(context, path, options)) {
      return false;
    }
  }
  for (const std::string& path : arguments.Values("--crl")) {
    if (!LoadCrl(context, path, options)) {
      return false;
    }
  }
  for (const std::string& path : arguments.Values("--tsp")) {
    if (!LoadTimestamp(context, path, options)) {
      return false;
    }
  }
  return true;
}

}  // namespace tinysign::cli
