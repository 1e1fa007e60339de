// Typed reading of the CMS signed attributes that verification uses.
//
// RFC 5652 section 11 defines contentType, messageDigest and signingTime;
// RFC 5035 defines signingCertificateV2 and RFC 2634 signingCertificate.
// Kalkan and NCALayer add signingCertificateV2 to every CMS since 2018;
// CMS made by NCANode lack it, so it is optional.
#ifndef TINYSIGN_CORE_CMS_ATTRIBUTES_H_
#define TINYSIGN_CORE_CMS_ATTRIBUTES_H_

#include <optional>
#include <vector>

#include "core/cms/signed_data.h"
#include "core/crypto/algorithm.h"
#include "core/crypto/digest.h"
#include "core/der/oid.h"
#include "core/result.h"
#include "core/time.h"

namespace tinysign::cms {

inline constexpr der::Oid kContentType("1.2.840.113549.1.9.3");
inline constexpr der::Oid kMessageDigest("1.2.840.113549.1.9.4");
inline constexpr der::Oid kSigningTime("1.2.840.113549.1.9.5");
// id-aa-signingCertificate (RFC 2634 section 5.4).
inline constexpr der::Oid kSigningCertificate("1.2.840.113549.1.9.16.2.12");
// id-aa-signingCertificateV2 (RFC 5035 section 3).
inline constexpr der::Oid kSigningCertificateV2("1.2.840.113549.1.9.16.2.47");
// id-aa-signatureTimeStampToken (RFC 3161 appendix A).
inline constexpr der::Oid kSignatureTimeStampToken(
    "1.2.840.113549.1.9.16.2.14");

// CertificateReference is the first ESSCertID or ESSCertIDv2 of a
// signingCertificate attribute: the hash of the signer's certificate.
struct CertificateReference {
  crypto::DigestAlgorithm hash_algorithm = crypto::DigestAlgorithm::kSha256;
  der::Input hash;
  // issuerSerial.serialNumber when present, as INTEGER contents.
  std::optional<der::Input> serial_number;
};

struct SignedAttributes {
  der::Input content_type;    // OID contents.
  der::Input message_digest;  // OCTET STRING contents.
  std::optional<Time> signing_time;
  std::optional<CertificateReference> signing_certificate;
};

// ParseSignedAttributes reads the attributes of `signer`, which must have
// signed attributes. contentType and messageDigest must each occur once with
// one value (RFC 5652 section 5.3); a missing one fails with
// `cms.content_type_missing` or `cms.message_digest_missing`, a malformed
// one with `cms.bad_attribute`.
Result<SignedAttributes> ParseSignedAttributes(const SignerInfo& signer);

// FindTimestampTokens returns the DER of each signatureTimeStampToken value
// in the unsigned attributes of `signer`.
std::vector<der::Input> FindTimestampTokens(const SignerInfo& signer);

}  // namespace tinysign::cms

#endif  // TINYSIGN_CORE_CMS_ATTRIBUTES_H_
