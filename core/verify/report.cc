#include "core/verify/report.h"

namespace tinysign::verify {

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kValid:
      return "valid";
    case Verdict::kInvalid:
      return "invalid";
    case Verdict::kIndeterminate:
      return "indeterminate";
  }
  return "indeterminate";
}

std::string_view CheckResultName(CheckResult result) {
  switch (result) {
    case CheckResult::kPassed:
      return "passed";
    case CheckResult::kFailed:
      return "failed";
    case CheckResult::kIndeterminate:
      return "indeterminate";
    case CheckResult::kNotChecked:
      return "not_checked";
    case CheckResult::kAbsent:
      return "absent";
  }
  return "failed";
}

std::string_view RevocationStatusName(RevocationStatus status) {
  switch (status) {
    case RevocationStatus::kGood:
      return "good";
    case RevocationStatus::kRevoked:
      return "revoked";
    case RevocationStatus::kUnknown:
      return "unknown";
    case RevocationStatus::kSkipped:
      return "skipped";
  }
  return "unknown";
}

std::string_view RevocationPolicyName(RevocationPolicy policy) {
  switch (policy) {
    case RevocationPolicy::kRequire:
      return "require";
    case RevocationPolicy::kPrefer:
      return "prefer";
    case RevocationPolicy::kOff:
      return "off";
  }
  return "require";
}

std::string_view KeyPurposeName(KeyPurpose purpose) {
  switch (purpose) {
    case KeyPurpose::kSign:
      return "sign";
    case KeyPurpose::kAuth:
      return "auth";
    case KeyPurpose::kAny:
      return "any";
  }
  return "sign";
}

}  // namespace tinysign::verify
