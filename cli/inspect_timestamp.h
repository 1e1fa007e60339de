// `tinysign inspect` output for RFC 3161 timestamps: a TimeStampResp, a
// TimeStampToken, and the token inside a CMS signer's unsigned attributes.
#ifndef TINYSIGN_CLI_INSPECT_TIMESTAMP_H_
#define TINYSIGN_CLI_INSPECT_TIMESTAMP_H_

#include "cli/inspect_writer.h"
#include "core/der/input.h"
#include "core/tsp/timestamp.h"

namespace tinysign::cli {

// PrintTimestampTokenSummary writes the TSTInfo fields of the DER token
// `token_tlv` and its TSA certificate's subject, or why it cannot be read.
void PrintTimestampTokenSummary(der::Input token_tlv, InspectWriter& writer);

// PrintTimestampToken writes the TSTInfo, then the token's SignedData in
// full.
void PrintTimestampToken(const tsp::TimeStampToken& token,
                         InspectWriter& writer);

// PrintTimestampResponse writes the status of `response` and its token.
void PrintTimestampResponse(const tsp::TimeStampResponse& response,
                            InspectWriter& writer);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_INSPECT_TIMESTAMP_H_
