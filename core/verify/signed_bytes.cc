#include "core/verify/signed_bytes.h"

#include "core/crypto/public_key.h"
#include "core/crypto/signature.h"

namespace tinysign::verify {

Status VerifyCertificateSignature(const x509::Certificate& certificate,
                                  const x509::Certificate& issuer) {
  TINYSIGN_ASSIGN_OR_RETURN(
      crypto::SignatureAlgorithmId algorithm,
      crypto::ParseSignatureAlgorithm(certificate.signature_algorithm_tlv(),
                                      crypto::AlgorithmContext::kCertificate));
  TINYSIGN_ASSIGN_OR_RETURN(crypto::PublicKey key,
                            crypto::ParsePublicKey(issuer.spki_tlv()));
  return crypto::VerifySignature(algorithm, key, certificate.tbs_tlv(),
                                 certificate.signature_value());
}

Result<SignerAlgorithms> ResolveSignerAlgorithms(
    der::Input digest_algorithm_tlv, der::Input signature_algorithm_tlv) {
  SignerAlgorithms out;
  TINYSIGN_ASSIGN_OR_RETURN(out.digest,
                            crypto::ParseDigestAlgorithm(digest_algorithm_tlv));
  TINYSIGN_ASSIGN_OR_RETURN(
      crypto::SignatureAlgorithmId signature,
      crypto::ParseSignatureAlgorithm(signature_algorithm_tlv,
                                      crypto::AlgorithmContext::kSignerInfo));
  TINYSIGN_ASSIGN_OR_RETURN(out.signature,
                            crypto::ResolveSignerDigest(signature, out.digest));
  return out;
}

std::string SignatureAlgorithmName(const SignerAlgorithms& algorithms) {
  return crypto::SignatureAlgorithmName(algorithms.signature);
}

Status VerifySignerSignature(const SignerAlgorithms& algorithms,
                             const x509::Certificate& certificate,
                             der::Input message, der::Input signature) {
  TINYSIGN_ASSIGN_OR_RETURN(crypto::PublicKey key,
                            crypto::ParsePublicKey(certificate.spki_tlv()));
  return crypto::VerifySignature(algorithms.signature, key, message, signature);
}

Status VerifySignerDigestSignature(const SignerAlgorithms& algorithms,
                                   const x509::Certificate& certificate,
                                   der::Input digest, der::Input signature) {
  TINYSIGN_ASSIGN_OR_RETURN(crypto::PublicKey key,
                            crypto::ParsePublicKey(certificate.spki_tlv()));
  return crypto::VerifyDigestSignature(algorithms.signature, key, digest,
                                       signature);
}

}  // namespace tinysign::verify
