// The key purpose policy: whether a certificate may be used to sign
// documents, to log in, or for anything.
//
// NUC issued separate keys in its older hierarchies: SIGN certificates
// have keyUsage digitalSignature + nonRepudiation and EKU emailProtection,
// AUTH certificates have digitalSignature + keyEncipherment and EKU
// clientAuth. GOST 2015 certificates of the current hierarchy are one key
// per person for both uses: nonRepudiation and emailProtection, no
// clientAuth.
#ifndef TINYSIGN_CORE_VERIFY_KEY_PURPOSE_H_
#define TINYSIGN_CORE_VERIFY_KEY_PURPOSE_H_

#include <optional>
#include <string>

#include "core/verify/report.h"
#include "core/x509/certificate.h"

namespace tinysign::verify {

struct KeyPurposeResult {
  CheckResult result = CheckResult::kFailed;
  // The rule that decided, for the report, such as "nonRepudiation".
  std::string rule;
  std::optional<Reason> reason;
};

// CheckKeyPurposeFor applies the rule for `purpose`:
// - sign: keyUsage has nonRepudiation;
// - auth: extKeyUsage has clientAuth, or the certificate is a GOST 2015
//   single key (GOST 34.10-2015 public key with digitalSignature);
// - any: always passes.
KeyPurposeResult CheckKeyPurposeFor(const x509::Certificate& certificate,
                                    KeyPurpose purpose);

}  // namespace tinysign::verify

#endif  // TINYSIGN_CORE_VERIFY_KEY_PURPOSE_H_
