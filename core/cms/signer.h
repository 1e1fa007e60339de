// Creating CMS SignedData (RFC 5652) the way NCALayer and Kalkan write it:
//
//   - SignedData version 1, eContentType id-data, the content attached as
//     a primitive OCTET STRING or left out (detached);
//   - certificates: the signer's certificate only, no chain and no CRLs;
//   - SignerInfo version 1 with issuerAndSerialNumber;
//   - signed attributes contentType, signingTime, messageDigest and
//     signingCertificateV2 (RFC 5035: one ESSCertIDv2 with the SHA-256
//     default hash and no issuerSerial);
//   - optionally an unsigned signatureTimeStampToken (RFC 3161 appendix A).
//
// The digest and signature algorithms follow the key: GOST 34.311-95 with
// GOST 34.310-2004, Streebog with GOST 34.10-2015 of the same size, and
// SHA-256 with RSASSA-PKCS1-v1_5. The signing time and the randomness are
// parameters, because the core has no clock and no entropy source.
//
// Example:
//   cms::Signer signer{key_file.private_key, key_file.certificate};
//   cms::SignOptions options{.signing_time = now};
//   TINYSIGN_ASSIGN_OR_RETURN(
//       Bytes cms, cms::SignContent(document, signer, options, random));
//
// Not supported: SignedData with other content types, subjectKeyIdentifier
// signer identifiers, RSASSA-PSS signing, and adding a signer to a BER CMS
// without changing its encoding (the existing signers are kept byte for
// byte, but the outer structure is re-encoded as DER).
#ifndef TINYSIGN_CORE_CMS_SIGNER_H_
#define TINYSIGN_CORE_CMS_SIGNER_H_

#include <memory>
#include <optional>

#include "core/crypto/random.h"
#include "core/der/input.h"
#include "core/pkcs12/private_key_info.h"
#include "core/result.h"
#include "core/time.h"
#include "core/x509/certificate.h"

namespace tinysign::cms {

// Signer is a private key and its certificate. The caller keeps both alive
// during the call.
struct Signer {
  const pkcs12::ParsedPrivateKey& private_key;
  std::shared_ptr<const x509::Certificate> certificate;
};

// SignOptions are the choices of one signature.
struct SignOptions {
  // detached leaves the content out of the CMS. `SignDigest` always makes a
  // detached CMS.
  bool detached = false;
  // signing_time becomes the signingTime attribute.
  Time signing_time;
};

// SignContent signs `content` and returns the DER ContentInfo. It fails with
// `crypto.*` errors from signing, such as `crypto.random_failed`.
Result<Bytes> SignContent(der::Input content, const Signer& signer,
                          const SignOptions& options,
                          crypto::RandomSource& random);

// SignDigest makes a detached CMS for a document known only by `digest`,
// computed with the digest algorithm of the signer's key (see
// `DigestAlgorithmFor`). It fails with `cms.digest_length_mismatch` when
// `digest` has the wrong length.
Result<Bytes> SignDigest(der::Input digest, const Signer& signer,
                         const SignOptions& options,
                         crypto::RandomSource& random);

// AddSigner appends a signer to the existing CMS `cms`, keeping its
// content, certificates and SignerInfos byte for byte, adding the signer's
// digest algorithm and certificate when they are new. For a detached CMS,
// `detached_content` is the document. It fails with `cms.*` and DER errors
// when `cms` cannot be parsed, and with `cms.detached_content_missing` for
// a detached CMS without the document.
Result<Bytes> AddSigner(der::Input cms,
                        std::optional<der::Input> detached_content,
                        const Signer& signer, const SignOptions& options,
                        crypto::RandomSource& random);

// AddSignatureTimestamp stores `timestamp_token_tlv` (a DER TimeStampToken,
// a ContentInfo) as the unsigned signatureTimeStampToken attribute of
// signer `signer_index`, replacing none: a signer that already has unsigned
// attributes gets the token added to them. The caller fetches the token for
// the imprint of that signer's signature value. It fails with
// `cms.malformed` for a signer index out of range.
Result<Bytes> AddSignatureTimestamp(der::Input cms, size_t signer_index,
                                    der::Input timestamp_token_tlv);

// DigestAlgorithmFor returns the digest that signatures with `algorithm`
// keys use here.
crypto::DigestAlgorithm DigestAlgorithmFor(crypto::KeyAlgorithm algorithm);

}  // namespace tinysign::cms

#endif  // TINYSIGN_CORE_CMS_SIGNER_H_
