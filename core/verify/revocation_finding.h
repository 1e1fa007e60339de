// The finding of one piece of revocation evidence about one certificate,
// before the pieces are weighed against each other.
#ifndef TINYSIGN_CORE_VERIFY_REVOCATION_FINDING_H_
#define TINYSIGN_CORE_VERIFY_REVOCATION_FINDING_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/time.h"
#include "core/verify/report.h"
#include "core/x509/certificate.h"

namespace tinysign::verify {

// RevocationQuestion is the certificate whose status is asked, its issuer,
// and the times it is judged against.
struct RevocationQuestion {
  std::shared_ptr<const x509::Certificate> certificate;
  std::shared_ptr<const x509::Certificate> issuer;
  // control_time is when the certificate must not have been revoked.
  Time control_time;
  // current_time is the caller's clock: evidence issued later than it
  // (beyond the skew) comes from a wrong clock.
  Time current_time;
  int64_t skew_seconds = 0;
};

// RevocationFinding is the outcome of one OCSP response or CRL.
struct RevocationFinding {
  enum class Outcome {
    // The evidence is about other certificates.
    kNotApplicable,
    // The evidence is about this certificate but cannot be relied on: a
    // bad signature, an unauthorised responder, stale, and so on.
    kRejected,
    // Not revoked at the control time, and fresh enough to say so.
    kGood,
    // Revoked at `summary.revocation_time`.
    kRevoked,
    // The responder does not know the certificate.
    kUnknown,
  };
  Outcome outcome = Outcome::kNotApplicable;
  RevocationSummary summary;
  std::vector<Reason> reasons;
};

// IsFreshFor applies the freshness rule. Evidence issued at or after the
// control time covers it, because not revoked later means not revoked
// then. Evidence issued before it counts only until its nextUpdate.
bool IsFreshFor(const RevocationQuestion& question, Time this_update,
                const std::optional<Time>& next_update);

// AddSkew returns `time` moved by `seconds`, which may be negative.
Time AddSkew(Time time, int64_t seconds);

}  // namespace tinysign::verify

#endif  // TINYSIGN_CORE_VERIFY_REVOCATION_FINDING_H_
