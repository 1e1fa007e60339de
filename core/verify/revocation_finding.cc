#include "core/verify/revocation_finding.h"

namespace tinysign::verify {

Time AddSkew(Time time, int64_t seconds) {
  return Time{time.unix_seconds + seconds};
}

bool IsFreshFor(const RevocationQuestion& question, Time this_update,
                const std::optional<Time>& next_update) {
  const int64_t skew = question.skew_seconds;
  if (AddSkew(this_update, skew) >= question.control_time) {
    return true;
  }
  return next_update.has_value() &&
         question.control_time < AddSkew(*next_update, skew);
}

}  // namespace tinysign::verify
