// The verdict rules, in one place.
#ifndef TINYSIGN_CORE_VERIFY_VERDICT_H_
#define TINYSIGN_CORE_VERIFY_VERDICT_H_

#include <optional>

#include "core/verify/report.h"

namespace tinysign::verify {

// CheckSeverity ranks a check outcome: 0 for passed, 1 for indeterminate
// (including not checked and absent), 2 for failed, so that the worst of
// several findings can decide.
int CheckSeverity(CheckResult result);

// SignerVerdict applies the per-signer rules: invalid when the digest, the
// signature, the chain or the key purpose failed, or the certificate was
// revoked; indeterminate when a check could not be completed (document not
// supplied, no trust anchor, expired certificate, unsupported algorithm,
// revocation status missing under the `require` policy), the timestamp
// fails its own checks, or the claimed signingTime is later than the
// control time; valid otherwise.
Verdict SignerVerdict(const SignerReport& report, const Policy& policy);

// ReportVerdict is valid only when there is at least one signer and every
// signer is valid. It is invalid when any signer is invalid or there are
// none, and indeterminate otherwise.
Verdict ReportVerdict(const std::vector<SignerReport>& signers);

// CertificateVerdict applies the same rules to a single certificate's
// path, key purpose and revocation status.
Verdict CertificateVerdict(const CertificateReport& report);

// RevocationBlocksValid returns true when revocation status `status` keeps a
// signer from being valid under `policy`.
bool RevocationBlocksValid(RevocationStatus status, const Policy& policy);

}  // namespace tinysign::verify

#endif  // TINYSIGN_CORE_VERIFY_VERDICT_H_
