// Certificate path building and validation (RFC 5280 section 6, reduced to
// what NUC hierarchies need).
//
// `BuildChain` searches from a certificate up through candidate issuers to a
// trust anchor, and validates each complete path it finds: every
// certificate signature, validity periods at the control time,
// basicConstraints, CA key usage, path length constraints and unknown
// critical extensions. It returns the first path that passes, or else the
// path that failed least badly, with the reasons.
//
// Not supported: name constraints and policy constraints (NUC CAs use
// neither). Such extensions are critical when present, so a path that contains
// one fails as an unknown critical extension.
#ifndef TINYSIGN_CORE_VERIFY_CHAIN_H_
#define TINYSIGN_CORE_VERIFY_CHAIN_H_

#include <memory>
#include <vector>

#include "core/time.h"
#include "core/verify/report.h"
#include "core/x509/certificate.h"

namespace tinysign::verify {

using CertificatePtr = std::shared_ptr<const x509::Certificate>;

// CertificatePool is every certificate path building may use: trusted ones
// (from the trust directories) and untrusted ones (carried in the CMS or
// given by the caller). Only a trusted self-issued certificate is an anchor.
struct CertificatePool {
  std::vector<CertificatePtr> trusted;
  std::vector<CertificatePtr> untrusted;
};

struct ChainResult {
  CheckResult result = CheckResult::kIndeterminate;
  // The path from the certificate to the anchor; when no anchor was
  // reached, as far as it could be built.
  std::vector<CertificatePtr> path;
  bool reached_anchor = false;
  std::vector<Reason> reasons;
};

// BuildChain builds and validates a path for `certificate` at
// `control_time`.
ChainResult BuildChain(const CertificatePtr& certificate,
                       const CertificatePool& pool, Time control_time);

}  // namespace tinysign::verify

#endif  // TINYSIGN_CORE_VERIFY_CHAIN_H_
