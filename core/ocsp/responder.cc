#include "core/ocsp/responder.h"

#include <string>

#include "core/crypto/algorithm.h"
#include "core/crypto/digest.h"
#include "core/crypto/public_key.h"
#include "core/crypto/signature.h"
#include "core/ocsp/cert_id.h"
#include "core/ocsp/response.h"
#include "core/x509/certificate.h"
#include "core/x509/name.h"

namespace tinysign::ocsp {

bool ResponderIdMatches(const ResponderId& id,
                        const x509::Certificate& certificate) {
  if (id.kind == ResponderId::Kind::kByName) {
    auto name = x509::ParseName(id.name_tlv);
    return name.has_value() && x509::NamesMatch(*name, certificate.subject());
  }
  // KeyHash ::= OCTET STRING -- SHA-1 hash of responder's public key
  // (excluding the tag and length and number of unused bits).
  auto key_bits = SubjectPublicKeyBits(certificate);
  if (!key_bits.has_value()) {
    return false;
  }
  const Bytes key_hash =
      crypto::ComputeDigest(crypto::DigestAlgorithm::kSha1, *key_bits);
  return id.key_hash == der::Input(key_hash);
}

Result<std::shared_ptr<const x509::Certificate>> FindResponderCertificate(
    const BasicResponse& basic,
    const std::vector<std::shared_ptr<const x509::Certificate>>& candidates) {
  for (der::Input der : basic.certificates) {
    auto certificate = x509::ParseCertificate(der);
    if (certificate.has_value() &&
        ResponderIdMatches(basic.responder_id, **certificate)) {
      return *certificate;
    }
  }
  for (const auto& candidate : candidates) {
    if (candidate != nullptr &&
        ResponderIdMatches(basic.responder_id, *candidate)) {
      return candidate;
    }
  }
  return Fail(ErrorCode::kOcspResponderNotFound,
              std::to_string(basic.certificates.size()) +
                  " certificates in the response and " +
                  std::to_string(candidates.size()) + " candidates");
}

Status VerifyOcspSignature(const BasicResponse& basic,
                           der::Input signer_spki_tlv) {
  TINYSIGN_ASSIGN_OR_RETURN(
      const crypto::SignatureAlgorithmId algorithm,
      crypto::ParseSignatureAlgorithm(basic.signature_algorithm_tlv,
                                      crypto::AlgorithmContext::kCertificate));
  TINYSIGN_ASSIGN_OR_RETURN(const crypto::PublicKey key,
                            crypto::ParsePublicKey(signer_spki_tlv));
  return crypto::VerifySignature(algorithm, key, basic.tbs_response_data_tlv,
                                 basic.signature_value);
}

Status VerifyOcspSignature(const BasicResponse& basic,
                           const x509::Certificate& signer) {
  return VerifyOcspSignature(basic, signer.spki_tlv());
}

}  // namespace tinysign::ocsp
