// Verification of CMS signatures and of single certificates.
//
// `VerifyCms` checks every signer of a CMS SignedData: the document digest,
// the signature over the signed attributes, the certificate path to a trust
// anchor at the control time, and the key purpose. It returns a `Report` for
// every CMS it could parse, whatever the verdict. An `Error` means the input
// is not a readable CMS SignedData at all.
#ifndef TINYSIGN_CORE_VERIFY_VERIFIER_H_
#define TINYSIGN_CORE_VERIFY_VERIFIER_H_

#include <memory>
#include <vector>

#include "core/crypto/digest.h"
#include "core/der/input.h"
#include "core/result.h"
#include "core/time.h"
#include "core/tsp/timestamp.h"
#include "core/verify/report.h"
#include "core/verify/revocation_evidence.h"
#include "core/x509/trust_store.h"

namespace tinysign::verify {

// Document is what the caller knows about the signed document of a detached
// signature: nothing, its bytes, or its digest.
struct Document {
  enum class Kind { kNone, kContent, kDigest };
  Kind kind = Kind::kNone;
  der::Input content;  // For kContent; the caller keeps the bytes alive.
  crypto::DigestAlgorithm digest_algorithm = crypto::DigestAlgorithm::kSha256;
  Bytes digest;  // For kDigest.
};

struct VerifyOptions {
  // The time to validate at when no verified timestamp proves an earlier one.
  Time validation_time;
  // current_time is the caller's clock. Evidence dated later than it, beyond
  // the clock skew, comes from a wrong clock and is rejected. The zero time
  // stands for `validation_time`.
  Time current_time;
  Policy policy;
  RevocationEvidence revocation;
  // timestamps are tokens given apart from the CMS, such as the token of a
  // TimeStampResp fetched later. Each applies to the signers whose
  // signature value its messageImprint covers and that carry no token.
  std::vector<std::shared_ptr<const tsp::TimeStampToken>> timestamps;
};

// CurrentTime returns `options.current_time`, or the validation time when
// the caller left it zero.
inline Time CurrentTime(const VerifyOptions& options) {
  return options.current_time == Time{} ? options.validation_time
                                        : options.current_time;
}

// VerifyCms verifies the CMS SignedData `cms` (DER or BER) against the
// anchors and intermediates in `trust`.
Result<Report> VerifyCms(der::Input cms, const Document& document,
                         const x509::TrustStore& trust,
                         const VerifyOptions& options);

// VerifyCertificate validates the path from `certificate` (DER) to an anchor
// in `trust`, using `untrusted` (DER certificates) as extra intermediates.
Result<CertificateReport> VerifyCertificate(der::Input certificate,
                                            const std::vector<Bytes>& untrusted,
                                            const x509::TrustStore& trust,
                                            const VerifyOptions& options);

}  // namespace tinysign::verify

#endif  // TINYSIGN_CORE_VERIFY_VERIFIER_H_
