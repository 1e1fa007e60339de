// Live revocation evidence for the signers of a CMS: the entry point the
// service and `tinysign verify --online` use.
//
// Example:
//   fetch::FetchConfig config;
//   config.mapping.rewrites.push_back(
//       {"http://ocsp.pki.gov.kz", "http://127.0.0.1:8081/ocsp"});
//   fetch::RevocationFetcher fetcher(config, random);
//   auto collected = fetcher.CollectForCms(cms, trust, now);
//   options.revocation = collected->evidence;
//
// For each signer it finds the certificate and, through `verify::BuildChain`,
// its issuer. It queries OCSP first and falls back to the CRLs (and delta
// CRLs) of the certificate's distribution points and the configured list
// when the OCSP evidence does not show the certificate good or revoked.
// Failures are listed beside the evidence and inside it, and the core reads
// missing evidence as an unknown status and names the failed fetches.
#ifndef TINYSIGN_FETCH_REVOCATION_FETCHER_H_
#define TINYSIGN_FETCH_REVOCATION_FETCHER_H_

#include <memory>
#include <string>
#include <vector>

#include "core/crypto/random.h"
#include "core/der/input.h"
#include "core/result.h"
#include "core/time.h"
#include "core/verify/revocation_evidence.h"
#include "core/x509/certificate.h"
#include "core/x509/trust_store.h"
#include "fetch/crl_fetcher.h"
#include "fetch/fetch_config.h"
#include "fetch/http_client.h"
#include "fetch/metrics.h"
#include "fetch/ocsp_fetcher.h"

namespace tinysign::fetch {

// FetchFailure is one fetch that gave no evidence, or an OCSP response
// that was not successful, for the caller's log.
struct FetchFailure {
  // subject names what was fetched, such as "signer 0 OCSP" or
  // "signer 0 CRL http://127.0.0.1:8081/crl/nca_gost2015.crl".
  std::string subject;
  Error error;
};

// CollectedEvidence is the evidence gathered for a verification and the
// fetches that failed. `evidence.failed_fetches` carries the failed
// fetches into the report, where they explain an unknown status.
struct CollectedEvidence {
  verify::RevocationEvidence evidence;
  std::vector<FetchFailure> failures;
};

// RevocationFetcher owns the HTTP client, the OCSP and CRL caches and the
// metrics of one process. It is safe to use from several threads.
class RevocationFetcher {
 public:
  // RevocationFetcher keeps a reference to `random`, which must outlive it.
  RevocationFetcher(FetchConfig config, crypto::RandomSource& random);

  // CollectForCertificate fetches the evidence for `path[0]`, issued by
  // `path[1]`, where `path` runs from the certificate to its anchor as
  // `verify::BuildChain` returns it. It queries OCSP first, and fetches the
  // CRLs too unless the core, judging the OCSP evidence alone at
  // `control_time`, finds the certificate good or revoked. `label`
  // prefixes the subjects of failures. A path shorter than two
  // certificates gives a `chain.issuer_not_found` failure.
  CollectedEvidence CollectForCertificate(
      const std::vector<CertificatePtr>& path, Time control_time,
      const std::string& label);

  // CollectForCms collects the evidence for every signer of the CMS
  // SignedData `cms` whose certificate and issuer are found, the issuer
  // among the CMS certificates and `trust`, building the path at
  // `control_time`. It fails with the errors of `cms::ParseSignedData`.
  Result<CollectedEvidence> CollectForCms(der::Input cms,
                                          const x509::TrustStore& trust,
                                          Time control_time);

  const FetchConfig& config() const { return config_; }
  FetchMetrics& metrics() { return metrics_; }
  OcspFetcher& ocsp() { return ocsp_; }
  CrlFetcher& crls() { return crls_; }

 private:
  // IsSettled returns true when the core, judging `evidence` alone, finds
  // `path[0]` good or revoked at `control_time`.
  bool IsSettled(const std::vector<CertificatePtr>& path,
                 const verify::RevocationEvidence& evidence,
                 Time control_time) const;
  void CollectCrls(const std::vector<std::string>& urls,
                   const CertificatePtr& certificate,
                   const CertificatePtr& issuer, const std::string& label,
                   CollectedEvidence* collected);

  const FetchConfig config_;
  FetchMetrics metrics_;
  HttpClient client_;
  OcspFetcher ocsp_;
  CrlFetcher crls_;
};

}  // namespace tinysign::fetch

#endif  // TINYSIGN_FETCH_REVOCATION_FETCHER_H_
