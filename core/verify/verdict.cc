#include "core/verify/verdict.h"

namespace tinysign::verify {

int CheckSeverity(CheckResult result) {
  switch (result) {
    case CheckResult::kPassed:
      return 0;
    case CheckResult::kFailed:
      return 2;
    default:
      return 1;
  }
}

bool RevocationBlocksValid(RevocationStatus status, const Policy& policy) {
  switch (policy.revocation) {
    case RevocationPolicy::kOff:
    case RevocationPolicy::kPrefer:
      return false;
    case RevocationPolicy::kRequire:
      // Unknown never counts as good.
      return status != RevocationStatus::kGood;
  }
  return true;
}

Verdict SignerVerdict(const SignerReport& report, const Policy& policy) {
  const Checks& checks = report.checks;
  if (checks.digest == CheckResult::kFailed ||
      checks.signature == CheckResult::kFailed ||
      checks.chain == CheckResult::kFailed ||
      checks.key_usage == CheckResult::kFailed ||
      checks.revocation == RevocationStatus::kRevoked) {
    return Verdict::kInvalid;
  }
  // A timestamp that fails its own checks is tampered evidence inside the
  // signature: the signer cannot be valid with it, although the signature
  // itself may be.
  // A signature that claims to be younger than the control time cannot be
  // judged there: the verdict would speak of a time before the signature
  // existed, when a since-revoked key might still look good.
  const bool signed_later =
      report.signing_time.has_value() &&
      report.signing_time->unix_seconds >
          report.control_time.unix_seconds + policy.clock_skew_seconds;
  if (signed_later || checks.timestamp == CheckResult::kFailed ||
      checks.digest != CheckResult::kPassed ||
      checks.signature != CheckResult::kPassed ||
      checks.chain != CheckResult::kPassed ||
      checks.key_usage != CheckResult::kPassed ||
      RevocationBlocksValid(checks.revocation, policy)) {
    return Verdict::kIndeterminate;
  }
  return Verdict::kValid;
}

Verdict ReportVerdict(const std::vector<SignerReport>& signers) {
  if (signers.empty()) {
    return Verdict::kInvalid;
  }
  bool all_valid = true;
  for (const SignerReport& signer : signers) {
    if (signer.verdict == Verdict::kInvalid) {
      return Verdict::kInvalid;
    }
    all_valid = all_valid && signer.verdict == Verdict::kValid;
  }
  return all_valid ? Verdict::kValid : Verdict::kIndeterminate;
}

Verdict CertificateVerdict(const CertificateReport& report) {
  if (report.chain == CheckResult::kFailed ||
      report.key_usage == CheckResult::kFailed ||
      report.revocation == RevocationStatus::kRevoked) {
    return Verdict::kInvalid;
  }
  if (report.chain != CheckResult::kPassed ||
      report.key_usage != CheckResult::kPassed ||
      RevocationBlocksValid(report.revocation, report.policy)) {
    return Verdict::kIndeterminate;
  }
  return Verdict::kValid;
}

}  // namespace tinysign::verify
