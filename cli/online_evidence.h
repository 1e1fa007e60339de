// `tinysign verify --online`: OCSP responses and CRLs fetched for the
// signers with the same fetcher as the service, added to the evidence the
// caller gave with --ocsp and --crl.
#ifndef TINYSIGN_CLI_ONLINE_EVIDENCE_H_
#define TINYSIGN_CLI_ONLINE_EVIDENCE_H_

#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/command.h"
#include "core/der/input.h"
#include "core/verify/verifier.h"
#include "core/x509/trust_store.h"
#include "fetch/url_mapping.h"

namespace tinysign::cli {

// OnlineOptions are the values of `--online` and `--fetch-map`.
struct OnlineOptions {
  bool enabled = false;
  std::vector<fetch::UrlRewrite> rewrites;
};

// ParseOnlineOptions reads `--online` and each `--fetch-map FROM=TO`. It
// returns false and sets `error` for a map that is not FROM=TO, or a map
// given without `--online`.
bool ParseOnlineOptions(const Arguments& arguments, OnlineOptions* out,
                        std::string* error);

// AddOnlineEvidence fetches the revocation evidence of every signer of
// `cms` whose issuer is found in the CMS or `trust`, and appends it to
// `options->revocation`. Requests go only to loopback hosts after the
// rewrites. Each fetch that gives no evidence is added to
// `options->revocation.failed_fetches`, so the report names it when the
// status stays unknown.
void AddOnlineEvidence(const CommandContext& context,
                       const OnlineOptions& online, der::Input cms,
                       const x509::TrustStore& trust,
                       verify::VerifyOptions* options);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_ONLINE_EVIDENCE_H_
