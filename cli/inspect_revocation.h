// `tinysign inspect` output for revocation evidence: CRLs (RFC 5280
// section 5) and OCSP responses (RFC 6960).
#ifndef TINYSIGN_CLI_INSPECT_REVOCATION_H_
#define TINYSIGN_CLI_INSPECT_REVOCATION_H_

#include "cli/inspect_writer.h"
#include "core/crl/crl.h"
#include "core/ocsp/response.h"

namespace tinysign::cli {

// PrintCrl writes the header, extensions and every revoked entry of `crl`.
void PrintCrl(const crl::Crl& crl, InspectWriter& writer);

// PrintOcspResponse writes the status of `response` and, for a successful
// one, every field of its BasicOCSPResponse.
void PrintOcspResponse(const ocsp::OcspResponse& response,
                       InspectWriter& writer);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_INSPECT_REVOCATION_H_
