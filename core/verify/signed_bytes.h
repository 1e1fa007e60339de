// Signature checks on certificates and CMS signers: the verifier's only way
// into core/crypto.
#ifndef TINYSIGN_CORE_VERIFY_SIGNED_BYTES_H_
#define TINYSIGN_CORE_VERIFY_SIGNED_BYTES_H_

#include <string>

#include "core/crypto/algorithm.h"
#include "core/crypto/digest.h"
#include "core/der/input.h"
#include "core/result.h"
#include "core/x509/certificate.h"

namespace tinysign::verify {

// VerifyCertificateSignature checks the signature on `certificate` with the
// public key of `issuer`.
Status VerifyCertificateSignature(const x509::Certificate& certificate,
                                  const x509::Certificate& issuer);

// SignerAlgorithms are the digest and signature algorithms of one
// SignerInfo, checked to fit together.
struct SignerAlgorithms {
  crypto::DigestAlgorithm digest = crypto::DigestAlgorithm::kSha256;
  crypto::SignatureAlgorithmId signature;
};

// ResolveSignerAlgorithms reads the SignerInfo digestAlgorithm and
// signatureAlgorithm. It fails with `crypto.unsupported_algorithm` for an
// unknown OID and `cms.digest_algorithm_mismatch` when the signature
// algorithm prescribes another digest (GOST algorithms do).
Result<SignerAlgorithms> ResolveSignerAlgorithms(
    der::Input digest_algorithm_tlv, der::Input signature_algorithm_tlv);

// SignatureAlgorithmName returns the report name, such as
// "gost3410-2015-512" or "rsa-sha256".
std::string SignatureAlgorithmName(const SignerAlgorithms& algorithms);

// VerifySignerSignature checks `signature` over `message` with the key of
// `certificate`.
Status VerifySignerSignature(const SignerAlgorithms& algorithms,
                             const x509::Certificate& certificate,
                             der::Input message, der::Input signature);

// VerifySignerDigestSignature checks `signature` over a message whose digest
// is `digest`, for a signer without signed attributes whose document is
// known only by its digest.
Status VerifySignerDigestSignature(const SignerAlgorithms& algorithms,
                                   const x509::Certificate& certificate,
                                   der::Input digest, der::Input signature);

}  // namespace tinysign::verify

#endif  // TINYSIGN_CORE_VERIFY_SIGNED_BYTES_H_
