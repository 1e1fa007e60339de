// The closed registry of signature and digest algorithms, resolved from the
// exact bytes of an AlgorithmIdentifier's OID.
//
//   AlgorithmIdentifier ::= SEQUENCE {
//     algorithm   OBJECT IDENTIFIER,
//     parameters  ANY DEFINED BY algorithm OPTIONAL }
//
// An OID that is not listed here is `crypto.unsupported_algorithm` with the
// dotted OID in the detail; nothing falls back to a default. Parameters must
// be NULL or absent, except for RSASSA-PSS, whose parameters are required
// and parsed.
//
// Not supported:
//   - GOST R 34.11-94 under the Russian OID 1.2.643.2.2.9. TinySign's
//     34.311 hash uses the Test S-box that NUC uses, while Russian
//     producers mean the CryptoPro S-box there, so mapping that OID would
//     compute a different hash.
//   - Russian GOST 2001 signature OIDs (id-GostR3411-94-with-GostR3410-2001),
//     for the same reason.
//   - Verifying RSASSA-PSS whose MGF1 digest differs from the message
//     digest: the registry parses it, but Mbed TLS 2.28 uses one digest for
//     both (see rsa.h).
//   - RSASSA-PSS with a mask generation function other than MGF1, or a
//     trailerField other than 1 (trailerFieldBC, the only value RFC 4055
//     defines).
#ifndef TINYSIGN_CORE_CRYPTO_ALGORITHM_H_
#define TINYSIGN_CORE_CRYPTO_ALGORITHM_H_

#include <cstddef>
#include <optional>
#include <string>

#include "core/crypto/digest.h"
#include "core/der/input.h"
#include "core/der/oid.h"
#include "core/result.h"

namespace tinysign::crypto {

// SignatureAlgorithm is a signature scheme, apart from its digest.
enum class SignatureAlgorithm {
  kGost34310_2004,  // ГОСТ 34.310-2004 = GOST R 34.10-2001, 256-bit.
  kGost2015_256,    // ГОСТ 34.10-2015 = GOST R 34.10-2012, 256-bit.
  kGost2015_512,    // ГОСТ 34.10-2015 = GOST R 34.10-2012, 512-bit.
  kRsaPkcs1,        // RSASSA-PKCS1-v1_5 (RFC 8017).
  kRsaPss,          // RSASSA-PSS (RFC 8017, RFC 4055).
};

// AlgorithmContext is where an AlgorithmIdentifier was read; a few OIDs are
// accepted in one place only.
enum class AlgorithmContext {
  // signatureAlgorithm of a certificate, CRL, OCSP response or the
  // certificates of a timestamp.
  kCertificate,
  // CMS SignerInfo.signatureAlgorithm (RFC 5652), which may
  // carry a key OID: Kalkan puts the GOST 2004 key OID there, and RFC 3370
  // allows rsaEncryption.
  kSignerInfo,
};

// RsaPssParameters are RSASSA-PSS-params beyond the message digest.
struct RsaPssParameters {
  DigestAlgorithm mgf1_digest = DigestAlgorithm::kSha1;
  size_t salt_length = 20;
};

// SignatureAlgorithmId is a parsed signature AlgorithmIdentifier.
struct SignatureAlgorithmId {
  SignatureAlgorithm algorithm = SignatureAlgorithm::kRsaPkcs1;
  // The digest that the signature covers. It is empty only for
  // rsaEncryption in a SignerInfo, whose digest is SignerInfo's
  // digestAlgorithm: call `ResolveSignerDigest` before verifying.
  std::optional<DigestAlgorithm> digest;
  // Only for `kRsaPss`.
  RsaPssParameters pss;

  friend bool operator==(const SignatureAlgorithmId& a,
                         const SignatureAlgorithmId& b) {
    return a.algorithm == b.algorithm && a.digest == b.digest &&
           (a.algorithm != SignatureAlgorithm::kRsaPss ||
            (a.pss.mgf1_digest == b.pss.mgf1_digest &&
             a.pss.salt_length == b.pss.salt_length));
  }
};

// ParseSignatureAlgorithm reads a signature AlgorithmIdentifier, given with
// its SEQUENCE header, as found in `context`. It fails with
// `crypto.unsupported_algorithm` (dotted OID in the detail) for an OID not
// in the registry or not accepted in `context`, `crypto.bad_parameters` for
// parameters that are not allowed, and DER errors for malformed input.
Result<SignatureAlgorithmId> ParseSignatureAlgorithm(
    der::Input algorithm_identifier_tlv, AlgorithmContext context);

// ParseDigestAlgorithm reads a digest AlgorithmIdentifier with its SEQUENCE
// header: NUC's GOST 34.311-95 and Streebog OIDs, the Russian Streebog OIDs
// (the same functions, used by OpenSSL's gost engine), and SHA-1/SHA-2.
Result<DigestAlgorithm> ParseDigestAlgorithm(
    der::Input algorithm_identifier_tlv);

// ResolveSignerDigest combines a SignerInfo's signature algorithm with its
// digestAlgorithm: it fills in the digest of rsaEncryption, and otherwise
// checks that both name the same digest. It fails with
// `cms.digest_algorithm_mismatch`, for example for a GOST 2004 signature
// with a SHA-256 digestAlgorithm.
Result<SignatureAlgorithmId> ResolveSignerDigest(
    const SignatureAlgorithmId& signature, DigestAlgorithm signer_digest);

// SignatureAlgorithmName returns the report name: "gost34310-2004",
// "gost3410-2015-256", "gost3410-2015-512", "rsa-sha256", "rsa-sha1",
// "rsa-pss-sha256", and so on; "rsa" or "rsa-pss" alone while the digest is
// unresolved.
std::string SignatureAlgorithmName(const SignatureAlgorithmId& algorithm);

// IsGost returns true for the three GOST algorithms.
bool IsGost(SignatureAlgorithm algorithm);

// RequiredGostDigest returns the digest that a GOST algorithm prescribes:
// GOST 34.311-95 for 2004, Streebog-256 and -512 for 2015. It returns
// nothing for RSA.
std::optional<DigestAlgorithm> RequiredGostDigest(SignatureAlgorithm algorithm);

// EncodeSignatureAlgorithm returns the DER AlgorithmIdentifier that
// TinySign writes for `algorithm` in certificates and CMS: NUC's GOST
// signature OIDs and the RSA OIDs, each with NULL parameters as Kalkan
// writes them, and full RSASSA-PSS-params. It fails with
// `crypto.unsupported_algorithm` for a combination that has no OID, such as
// RSA with a GOST digest.
Result<Bytes> EncodeSignatureAlgorithm(const SignatureAlgorithmId& algorithm);

// EncodeDigestAlgorithm returns the DER AlgorithmIdentifier of `digest`
// (NUC's OIDs for the GOST digests), with NULL parameters.
Bytes EncodeDigestAlgorithm(DigestAlgorithm digest);

namespace oid {

// NUC ГОСТ 34.310-2004 public key, gost34310_2004, 1.2.398.3.10.1.1.1.1.
// Kalkan also writes it as SignerInfo.signatureAlgorithm.
inline constexpr der::Oid kKzGost2004Key("1.2.398.3.10.1.1.1.1");
// NUC gost34311_95_with_gost34310_2004 signature, 1.2.398.3.10.1.1.1.2.
inline constexpr der::Oid kKzGost2004Signature("1.2.398.3.10.1.1.1.2");
// NUC ГОСТ 34.10-2015 256-bit public key, 1.2.398.3.10.1.1.2.1.
inline constexpr der::Oid kKzGost2015Key256("1.2.398.3.10.1.1.2.1");
// NUC ГОСТ 34.10-2015 512-bit public key, 1.2.398.3.10.1.1.2.2.
inline constexpr der::Oid kKzGost2015Key512("1.2.398.3.10.1.1.2.2");
// NUC gost3411_2015_with_gost3410_2015_256 signature, 1.2.398.3.10.1.1.2.3.1.
inline constexpr der::Oid kKzGost2015Signature256("1.2.398.3.10.1.1.2.3.1");
// NUC gost3411_2015_with_gost3410_2015_512 signature, 1.2.398.3.10.1.1.2.3.2.
inline constexpr der::Oid kKzGost2015Signature512("1.2.398.3.10.1.1.2.3.2");

// NUC ГОСТ 34.311-95 digest, 1.2.398.3.10.1.3.1.
inline constexpr der::Oid kKzGost34311("1.2.398.3.10.1.3.1");
// NUC ГОСТ 34.311-95 Test S-box parameter set, 1.2.398.3.10.1.3.1.1.0: the
// digest parameter inside GOST 2004 public key parameters.
inline constexpr der::Oid kKzGost34311TestParamSet("1.2.398.3.10.1.3.1.1.0");
// NUC ГОСТ 34.11-2015 256-bit (Streebog-256) digest, 1.2.398.3.10.1.3.2.
inline constexpr der::Oid kKzStreebog256("1.2.398.3.10.1.3.2");
// NUC ГОСТ 34.11-2015 512-bit (Streebog-512) digest, 1.2.398.3.10.1.3.3.
inline constexpr der::Oid kKzStreebog512("1.2.398.3.10.1.3.3");

// id-GostR3410-2001, 1.2.643.2.2.19 (RFC 4491): Russian 2001 public key.
inline constexpr der::Oid kGostR3410_2001("1.2.643.2.2.19");
// id-tc26-gost3410-12-256, 1.2.643.7.1.1.1.1 (RFC 9215): Russian 2012
// 256-bit public key.
inline constexpr der::Oid kTc26Gost3410_12_256("1.2.643.7.1.1.1.1");
// id-tc26-gost3410-12-512, 1.2.643.7.1.1.1.2 (RFC 9215): Russian 2012
// 512-bit public key.
inline constexpr der::Oid kTc26Gost3410_12_512("1.2.643.7.1.1.1.2");
// id-tc26-signwithdigest-gost3410-12-256, 1.2.643.7.1.1.3.2 (RFC 9215).
inline constexpr der::Oid kTc26SignWithDigest256("1.2.643.7.1.1.3.2");
// id-tc26-signwithdigest-gost3410-12-512, 1.2.643.7.1.1.3.3 (RFC 9215).
inline constexpr der::Oid kTc26SignWithDigest512("1.2.643.7.1.1.3.3");
// id-tc26-gost3411-12-256 (Streebog-256), 1.2.643.7.1.1.2.2 (RFC 9215).
inline constexpr der::Oid kTc26Streebog256("1.2.643.7.1.1.2.2");
// id-tc26-gost3411-12-512 (Streebog-512), 1.2.643.7.1.1.2.3 (RFC 9215).
inline constexpr der::Oid kTc26Streebog512("1.2.643.7.1.1.2.3");
// id-GostR3411-94-CryptoProParamSet, 1.2.643.2.2.30.1 (RFC 4357): digest
// parameter inside OpenSSL's GOST 2001 public key parameters.
inline constexpr der::Oid kGostR3411_94CryptoProParamSet("1.2.643.2.2.30.1");

// rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017).
inline constexpr der::Oid kRsaEncryption("1.2.840.113549.1.1.1");
// sha1WithRSAEncryption, 1.2.840.113549.1.1.5 (RFC 8017).
inline constexpr der::Oid kSha1WithRsa("1.2.840.113549.1.1.5");
// id-mgf1, 1.2.840.113549.1.1.8 (RFC 8017).
inline constexpr der::Oid kMgf1("1.2.840.113549.1.1.8");
// id-RSASSA-PSS, 1.2.840.113549.1.1.10 (RFC 8017).
inline constexpr der::Oid kRsaPss("1.2.840.113549.1.1.10");
// sha256WithRSAEncryption, 1.2.840.113549.1.1.11.
inline constexpr der::Oid kSha256WithRsa("1.2.840.113549.1.1.11");
// sha384WithRSAEncryption, 1.2.840.113549.1.1.12.
inline constexpr der::Oid kSha384WithRsa("1.2.840.113549.1.1.12");
// sha512WithRSAEncryption, 1.2.840.113549.1.1.13.
inline constexpr der::Oid kSha512WithRsa("1.2.840.113549.1.1.13");
// sha224WithRSAEncryption, 1.2.840.113549.1.1.14.
inline constexpr der::Oid kSha224WithRsa("1.2.840.113549.1.1.14");

// id-sha1, 1.3.14.3.2.26 (RFC 3279).
inline constexpr der::Oid kSha1("1.3.14.3.2.26");
// id-sha256, 2.16.840.1.101.3.4.2.1 (RFC 5754).
inline constexpr der::Oid kSha256("2.16.840.1.101.3.4.2.1");
// id-sha384, 2.16.840.1.101.3.4.2.2.
inline constexpr der::Oid kSha384("2.16.840.1.101.3.4.2.2");
// id-sha512, 2.16.840.1.101.3.4.2.3.
inline constexpr der::Oid kSha512("2.16.840.1.101.3.4.2.3");
// id-sha224, 2.16.840.1.101.3.4.2.4.
inline constexpr der::Oid kSha224("2.16.840.1.101.3.4.2.4");

}  // namespace oid

}  // namespace tinysign::crypto

#endif  // TINYSIGN_CORE_CRYPTO_ALGORITHM_H_
