#include "core/tsp/token_verification.h"

#include <string>
#include <utility>

#include "core/cms/attributes.h"
#include "core/cms/signed_data.h"
#include "core/crypto/algorithm.h"
#include "core/crypto/digest.h"
#include "core/crypto/public_key.h"
#include "core/crypto/signature.h"
#include "core/der/oid.h"
#include "core/tsp/timestamp.h"
#include "core/x509/certificate.h"
#include "core/x509/name.h"

namespace tinysign::tsp {

namespace {

Error Malformed(std::string detail) {
  return Fail(ErrorCode::kTimestampMalformed, std::move(detail));
}

// SignerIdentifies returns true when `sid` names `certificate`.
bool SignerIdentifies(const cms::SignerIdentifier& sid,
                      const x509::Certificate& certificate) {
  if (sid.kind == cms::SignerIdentifier::Kind::kSubjectKeyIdentifier) {
    const auto& key_id = certificate.subject_key_identifier();
    return key_id.has_value() && *key_id == sid.subject_key_identifier;
  }
  auto issuer = x509::ParseName(sid.issuer_tlv);
  return issuer.has_value() && sid.serial_number == certificate.serial() &&
         x509::NamesMatch(*issuer, certificate.issuer());
}

// CheckSigningCertificate checks the ESSCertID or ESSCertIDv2 hash, which
// binds the signature to `tsa` (RFC 3161 section 2.4.1, RFC 5816).
Status CheckSigningCertificate(const cms::SignedAttributes& attributes,
                               const x509::Certificate& tsa) {
  if (!attributes.signing_certificate.has_value()) {
    return Malformed(
        "token lacks the signingCertificate attribute that RFC 3161 "
        "requires");
  }
  const cms::CertificateReference& reference = *attributes.signing_certificate;
  const Bytes hash = crypto::ComputeDigest(reference.hash_algorithm, tsa.der());
  if (!(reference.hash == der::Input(hash))) {
    return Fail(ErrorCode::kCmsSigningCertificateMismatch,
                "the ESSCertID hash is not the hash of the TSA certificate");
  }
  return OkStatus();
}

}  // namespace

Result<std::shared_ptr<const x509::Certificate>> FindTsaCertificate(
    const TimeStampToken& token,
    const std::vector<std::shared_ptr<const x509::Certificate>>& candidates) {
  const cms::SignerIdentifier& sid = token.signer().sid;
  for (der::Input der : token.signed_data().certificates()) {
    auto certificate = x509::ParseCertificate(der);
    if (certificate.has_value() && SignerIdentifies(sid, **certificate)) {
      return *certificate;
    }
  }
  for (const auto& candidate : candidates) {
    if (candidate != nullptr && SignerIdentifies(sid, *candidate)) {
      return candidate;
    }
  }
  return Fail(ErrorCode::kCmsSignerCertificateMissing,
              "no certificate of the token or the candidates is the TSA's");
}

Status VerifyTimeStampTokenSignature(const TimeStampToken& token,
                                     const x509::Certificate& tsa) {
  const cms::SignerInfo& signer = token.signer();
  if (!signer.signed_attributes_tlv.has_value()) {
    return Malformed("token SignerInfo has no signed attributes");
  }
  TINYSIGN_ASSIGN_OR_RETURN(const cms::SignedAttributes attributes,
                            cms::ParseSignedAttributes(signer));
  // RFC 5652 section 11.1: contentType must equal eContentType.
  if (!(attributes.content_type == cms::kIdCtTstInfo.bytes())) {
    return Fail(ErrorCode::kCmsContentTypeMismatch,
                "contentType " + der::OidToString(attributes.content_type));
  }
  TINYSIGN_ASSIGN_OR_RETURN(
      const crypto::DigestAlgorithm digest,
      crypto::ParseDigestAlgorithm(signer.digest_algorithm_tlv));
  TINYSIGN_ASSIGN_OR_RETURN(
      const crypto::SignatureAlgorithmId parsed,
      crypto::ParseSignatureAlgorithm(signer.signature_algorithm_tlv,
                                      crypto::AlgorithmContext::kSignerInfo));
  TINYSIGN_ASSIGN_OR_RETURN(const crypto::SignatureAlgorithmId algorithm,
                            crypto::ResolveSignerDigest(parsed, digest));
  // The token was parsed with eContent present, and messageDigest covers
  // exactly those octets (RFC 5652 section 5.4).
  const Bytes content_digest = crypto::ComputeDigest(
      digest, *token.signed_data().encapsulated_content());
  if (!(attributes.message_digest == der::Input(content_digest))) {
    return Fail(ErrorCode::kCmsMessageDigestMismatch,
                "messageDigest is not the digest of the TSTInfo");
  }
  TINYSIGN_TRY(CheckSigningCertificate(attributes, tsa));
  TINYSIGN_ASSIGN_OR_RETURN(const crypto::PublicKey key,
                            crypto::ParsePublicKey(tsa.spki_tlv()));
  const Bytes signed_bytes =
      cms::SignedAttributesToVerify(*signer.signed_attributes_tlv);
  return crypto::VerifySignature(algorithm, key, signed_bytes,
                                 signer.signature);
}

Status CheckMessageImprint(const TstInfo& tst_info, der::Input data) {
  TINYSIGN_ASSIGN_OR_RETURN(
      const crypto::DigestAlgorithm hash,
      crypto::ParseDigestAlgorithm(tst_info.hash_algorithm_tlv));
  const Bytes digest = crypto::ComputeDigest(hash, data);
  if (!(tst_info.hashed_message == der::Input(digest))) {
    return Fail(ErrorCode::kTimestampImprintMismatch,
                std::string(crypto::DigestName(hash)) + " of " +
                    std::to_string(data.size()) + " bytes");
  }
  return OkStatus();
}

}  // namespace tinysign::tsp
