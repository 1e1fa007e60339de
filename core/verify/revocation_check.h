// The revocation status of a certificate path at the control time, weighed
// from every OCSP response and CRL the caller gave.
//
// The rules, safest first:
// - Verified evidence that the certificate was revoked at or before the
//   control time makes it revoked, however old the evidence: revocation
//   is permanent.
// - Otherwise fresh evidence of good, or of a revocation after the control
//   time, makes it good at the control time. A CRL issued after the
//   certificate expired cannot show good, because RFC 5280 lets CAs drop
//   expired certificates from their CRLs.
// - Anything else is unknown, with the reasons each piece was not used.
//   Unknown never becomes good.
// CA certificates of the path are checked against the same evidence, and
// revoked when it shows them revoked; evidence for them is not required.
#ifndef TINYSIGN_CORE_VERIFY_REVOCATION_CHECK_H_
#define TINYSIGN_CORE_VERIFY_REVOCATION_CHECK_H_

#include <optional>
#include <vector>

#include "core/time.h"
#include "core/verify/chain.h"
#include "core/verify/report.h"
#include "core/verify/revocation_evidence.h"

namespace tinysign::verify {

struct RevocationCheck {
  RevocationStatus status = RevocationStatus::kSkipped;
  std::optional<RevocationSummary> summary;
  std::vector<Reason> reasons;
};

// CheckRevocation decides the status of `path` (certificate first, anchor
// last) at `control_time` under `policy`: `kSkipped` under the `off`
// policy, `kUnknown` when no evidence settles it.
RevocationCheck CheckRevocation(const std::vector<CertificatePtr>& path,
                                const RevocationEvidence& evidence,
                                Time control_time, Time current_time,
                                const Policy& policy);

}  // namespace tinysign::verify

#endif  // TINYSIGN_CORE_VERIFY_REVOCATION_CHECK_H_
