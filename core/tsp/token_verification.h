// Verification of an RFC 3161 TimeStampToken: the TSA's signature, checked
// the way RFC 5652 section 5.4 prescribes for signed attributes, and the
// messageImprint, which ties the token to the timestamped data.
//
// Example, for the token in a CMS signer's unsigned attributes:
//   TINYSIGN_ASSIGN_OR_RETURN(auto tsa, tsp::FindTsaCertificate(*token, {}));
//   TINYSIGN_TRY(tsp::VerifyTimeStampTokenSignature(*token, *tsa));
//   TINYSIGN_TRY(tsp::CheckMessageImprint(token->tst_info(),
//                                         signer.signature));
#ifndef TINYSIGN_CORE_TSP_TOKEN_VERIFICATION_H_
#define TINYSIGN_CORE_TSP_TOKEN_VERIFICATION_H_

#include <memory>
#include <vector>

#include "core/der/input.h"
#include "core/result.h"
#include "core/tsp/timestamp.h"

namespace tinysign::x509 {
class Certificate;
}  // namespace tinysign::x509

namespace tinysign::tsp {

// FindTsaCertificate returns the certificate that the token's SignerInfo
// identifies, from the token's own certificates first and then from
// `candidates`. Certificates of the token that do not parse are skipped. It
// fails with `cms.signer_certificate_missing` when none matches.
Result<std::shared_ptr<const x509::Certificate>> FindTsaCertificate(
    const TimeStampToken& token,
    const std::vector<std::shared_ptr<const x509::Certificate>>& candidates);

// VerifyTimeStampTokenSignature checks the TSA's signature on `token` with
// `tsa`'s key:
// - the signed attributes must be present, with contentType id-ct-TSTInfo
//   (`cms.content_type_mismatch`) and messageDigest equal to the digest of
//   the TSTInfo DER (`cms.message_digest_mismatch`);
// - a signingCertificate or signingCertificateV2 attribute, which RFC 3161
//   section 2.4.1 requires, must hold the hash of `tsa`
//   (`cms.signing_certificate_mismatch`; a missing one is
//   `timestamp.malformed`);
// - the signature over the signed attributes must verify, failing with the
//   codes of `crypto::VerifySignature`.
// It checks neither `tsa`'s chain, validity nor key purpose.
Status VerifyTimeStampTokenSignature(const TimeStampToken& token,
                                     const x509::Certificate& tsa);

// CheckMessageImprint checks that `tst_info`'s hashedMessage is the digest
// of `data` under its hashAlgorithm. For a CMS signature timestamp, `data`
// is the signer's signature value (RFC 3161 appendix A). It fails with
// `timestamp.imprint_mismatch`, or `crypto.unsupported_algorithm` for an
// unknown hash algorithm.
Status CheckMessageImprint(const TstInfo& tst_info, der::Input data);

}  // namespace tinysign::tsp

#endif  // TINYSIGN_CORE_TSP_TOKEN_VERIFICATION_H_
