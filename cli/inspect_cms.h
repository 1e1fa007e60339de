// `tinysign inspect` output for CMS SignedData: content, certificates and
// every signer with its signed and unsigned attributes decoded.
#ifndef TINYSIGN_CLI_INSPECT_CMS_H_
#define TINYSIGN_CLI_INSPECT_CMS_H_

#include "cli/inspect_writer.h"
#include "core/cms/signed_data.h"

namespace tinysign::cli {

// PrintSignedData writes `signed_data` under a "CMS SignedData" section.
void PrintSignedData(const cms::SignedData& signed_data, InspectWriter& writer);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_INSPECT_CMS_H_
