#include "core/ocsp/cert_id.h"

#include <string>

#include "core/crypto/algorithm.h"
#include "core/der/reader.h"
#include "core/der/writer.h"
#include "core/x509/certificate.h"

namespace tinysign::ocsp {

// SubjectPublicKeyInfo ::= SEQUENCE {
//   algorithm        AlgorithmIdentifier,
//   subjectPublicKey BIT STRING }
Result<der::Input> SubjectPublicKeyBits(const x509::Certificate& certificate) {
  der::Reader outer(certificate.spki_tlv());
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader spki, outer.ReadSequence());
  TINYSIGN_TRY(spki.ReadTlv(der::tag::kSequence));
  TINYSIGN_ASSIGN_OR_RETURN(der::Input bits, spki.ReadBitStringBytes());
  TINYSIGN_TRY(spki.ExpectEnd("SubjectPublicKeyInfo"));
  return bits;
}

Result<Bytes> EncodeCertId(const x509::Certificate& certificate,
                           const x509::Certificate& issuer,
                           crypto::DigestAlgorithm hash) {
  if (hash != crypto::DigestAlgorithm::kSha1 &&
      hash != crypto::DigestAlgorithm::kSha256) {
    return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                "CertID hash " + std::string(crypto::DigestName(hash)) +
                    " (use sha1 or sha256)");
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Input key_bits, SubjectPublicKeyBits(issuer));
  der::Writer contents;
  contents.AddRaw(crypto::EncodeDigestAlgorithm(hash));
  contents.AddOctetString(
      crypto::ComputeDigest(hash, certificate.issuer().tlv()));
  contents.AddOctetString(crypto::ComputeDigest(hash, key_bits));
  contents.AddUnsignedInteger(certificate.serial());
  der::Writer cert_id;
  cert_id.AddConstructed(der::tag::kSequence, contents);
  return cert_id.Take();
}

Result<bool> CertIdMatches(const CertId& id,
                           const x509::Certificate& certificate,
                           const x509::Certificate& issuer) {
  TINYSIGN_ASSIGN_OR_RETURN(
      const crypto::DigestAlgorithm hash,
      crypto::ParseDigestAlgorithm(id.hash_algorithm_tlv));
  TINYSIGN_ASSIGN_OR_RETURN(der::Input key_bits, SubjectPublicKeyBits(issuer));
  const Bytes name_hash =
      crypto::ComputeDigest(hash, certificate.issuer().tlv());
  const Bytes key_hash = crypto::ComputeDigest(hash, key_bits);
  return id.serial_number == certificate.serial() &&
         id.issuer_name_hash == der::Input(name_hash) &&
         id.issuer_key_hash == der::Input(key_hash);
}

}  // namespace tinysign::ocsp
