// Evaluation of CRLs as evidence for one certificate (RFC 5280 sections
// 5 and 6.3): the issuer's name, key identifier, cRLSign key usage and
// signature, the times, and delta CRLs applied over the complete CRL
// they update.
#ifndef TINYSIGN_CORE_VERIFY_CRL_CHECK_H_
#define TINYSIGN_CORE_VERIFY_CRL_CHECK_H_

#include <memory>
#include <vector>

#include "core/crl/crl.h"
#include "core/verify/revocation_finding.h"

namespace tinysign::verify {

// CheckCrlEvidence evaluates every CRL in `crls` that the certificate's
// issuer issued. It returns one finding for each complete CRL, read
// together with the newest verified delta CRL that updates it. Each delta
// CRL without such a complete CRL gets a finding of its own, which can
// show a revocation but never a good status. CRLs by other issuers give
// `kNotApplicable` findings with a reason.
//
// A CRL with an issuingDistributionPoint may cover only part of its
// issuer's certificates, so it can show a revocation but never a good
// status (`crl.unsupported_scope`).
//
// Delta CRLs are matched to the complete CRL whose cRLNumber is at least
// the delta's BaseCRLNumber (RFC 5280 section 5.2.4). RFC 5280 section
// 5.2.3 wants one number sequence for both, but NUC numbers its deltas
// apart (delta 10 updates complete CRL 14), so the newer of two deltas is
// the one with the later thisUpdate.
std::vector<RevocationFinding> CheckCrlEvidence(
    const std::vector<std::shared_ptr<const crl::Crl>>& crls,
    const RevocationQuestion& question);

}  // namespace tinysign::verify

#endif  // TINYSIGN_CORE_VERIFY_CRL_CHECK_H_
