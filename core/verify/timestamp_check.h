// Checks of the RFC 3161 timestamp on a CMS signer (the unsigned attribute
// signatureTimeStampToken).
//
// A timestamp passes when its messageImprint is the digest of the signer's
// signature value, the TSA's signature verifies, the TSA certificate has the
// critical timeStamping extended key usage (RFC 3161 section 2.3), and it
// has a valid path to a trust anchor at genTime.
#ifndef TINYSIGN_CORE_VERIFY_TIMESTAMP_CHECK_H_
#define TINYSIGN_CORE_VERIFY_TIMESTAMP_CHECK_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "core/der/input.h"
#include "core/time.h"
#include "core/verify/chain.h"
#include "core/verify/report.h"

namespace tinysign::verify {

struct TimestampCheck {
  CheckResult result = CheckResult::kIndeterminate;
  std::optional<TimestampSummary> summary;
  std::vector<Reason> reasons;
};

// CheckSignatureTimestamp checks `token` (a TimeStampToken's DER) over the
// signer's `signature_value`, using `pool` for the TSA's path. A genTime
// later than `validation_time` by more than `skew_seconds` proves nothing
// about the validation time, so such a timestamp is indeterminate.
TimestampCheck CheckSignatureTimestamp(der::Input token,
                                       der::Input signature_value,
                                       const CertificatePool& pool,
                                       Time validation_time,
                                       int64_t skew_seconds);

}  // namespace tinysign::verify

#endif  // TINYSIGN_CORE_VERIFY_TIMESTAMP_CHECK_H_
