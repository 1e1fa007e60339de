#include "cli/online_evidence.h"

#include <utility>

#include "cli/system_random.h"
#include "fetch/revocation_fetcher.h"

namespace tinysign::cli {

bool ParseOnlineOptions(const Arguments& arguments, OnlineOptions* out,
                        std::string* error) {
  out->enabled = arguments.Has("--online");
  for (const std::string& text : arguments.Values("--fetch-map")) {
    if (!out->enabled) {
      *error = "--fetch-map needs --online";
      return false;
    }
    auto rewrite = fetch::ParseUrlRewrite(text);
    if (!rewrite) {
      *error = "invalid --fetch-map '" + text +
               "': expected FROM=TO, such as "
               "http://ocsp.pki.gov.kz/=http://127.0.0.1:8081/";
      return false;
    }
    out->rewrites.push_back(std::move(*rewrite));
  }
  return true;
}

void AddOnlineEvidence(const CommandContext& context,
                       const OnlineOptions& online, der::Input cms,
                       const x509::TrustStore& trust,
                       verify::VerifyOptions* options) {
  fetch::FetchConfig config;
  config.mapping.rewrites = online.rewrites;
  // The command line reads the clock once, so cache times follow the
  // same `now` as the rest of the command.
  const Time now = context.now;
  config.clock = [now] { return now; };
  SystemRandom random;
  fetch::RevocationFetcher fetcher(config, random);
  auto collected = fetcher.CollectForCms(cms, trust, options->validation_time);
  if (!collected) {
    // The verifier reports the unreadable CMS itself.
    return;
  }
  // The report lists each failed fetch among the signer's reasons, so
  // `collected->failures`, meant for logs, is not printed.
  for (auto& ocsp : collected->evidence.ocsp) {
    options->revocation.ocsp.push_back(std::move(ocsp));
  }
  for (auto& crl : collected->evidence.crls) {
    options->revocation.crls.push_back(std::move(crl));
  }
  for (auto& fetch : collected->evidence.failed_fetches) {
    options->revocation.failed_fetches.push_back(std::move(fetch));
  }
}

}  // namespace tinysign::cli
