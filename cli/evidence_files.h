// Reading the revocation evidence and timestamps given on the command line:
// `--ocsp FILE` (OCSPResponse), `--crl FILE` (complete or delta CRL) and
// `--tsp FILE` (TimeStampResp, or a bare TimeStampToken), each DER, PEM or
// base64.
#ifndef TINYSIGN_CLI_EVIDENCE_FILES_H_
#define TINYSIGN_CLI_EVIDENCE_FILES_H_

#include "cli/arguments.h"
#include "cli/command.h"
#include "core/verify/verifier.h"

namespace tinysign::cli {

// LoadEvidenceFiles adds the files of every --ocsp, --crl and --tsp option
// in `arguments` to `options`. It reports the first file that cannot be
// read or parsed, naming it and what it should hold, and returns false.
bool LoadEvidenceFiles(const CommandContext& context,
                       const Arguments& arguments,
                       verify::VerifyOptions* options);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_EVIDENCE_FILES_H_
