// Public keys from X.509 SubjectPublicKeyInfo (RFC 5280 section 4.1):
//
//   SubjectPublicKeyInfo ::= SEQUENCE {
//     algorithm         AlgorithmIdentifier,
//     subjectPublicKey  BIT STRING }
//
// Accepted key algorithms:
//   - NUC GOST keys: 1.2.398.3.10.1.1.1.1 (GOST 2004, 256-bit),
//     1.2.398.3.10.1.1.2.1 (GOST 2015, 256-bit) and 1.2.398.3.10.1.1.2.2
//     (GOST 2015, 512-bit), with parameters
//     SEQUENCE { curve OID, digest parameter OID }.
//   - The Russian keys that OpenSSL's gost engine writes, so that its keys
//     can be cross-checked: id-GostR3410-2001 1.2.643.2.2.19 and
//     id-tc26-gost3410-12-256/512 1.2.643.7.1.1.1.1/.2, with parameters
//     SEQUENCE { curve OID, digest OID OPTIONAL, encryption OID OPTIONAL }
//     (the last only for 2001 keys, RFC 4491).
//   - rsaEncryption with NULL or absent parameters.
// The key OID fixes the key size (256 or 512 bits). The curve must have that
// size, and the point must have twice as many bytes and lie on the curve.
//
// Not supported: RSASSA-PSS keys (1.2.840.113549.1.1.10 in the SPKI), EC
// keys other than GOST, and the GOST curves without a named OID here.
#ifndef TINYSIGN_CORE_CRYPTO_PUBLIC_KEY_H_
#define TINYSIGN_CORE_CRYPTO_PUBLIC_KEY_H_

#include <variant>

#include "core/crypto/gost_signature.h"
#include "core/crypto/rsa.h"
#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::crypto {

// KeyAlgorithm is the kind of key, which fixes the signature algorithms
// that may use it.
enum class KeyAlgorithm {
  kGost2004,      // NUC 1.2.398.3.10.1.1.1.1 or id-GostR3410-2001.
  kGost2015_256,  // NUC 1.2.398.3.10.1.1.2.1 or id-tc26-gost3410-12-256.
  kGost2015_512,  // NUC 1.2.398.3.10.1.1.2.2 or id-tc26-gost3410-12-512.
  kRsa,
};

// PublicKey is a parsed, validated public key. It owns its bytes.
struct PublicKey {
  KeyAlgorithm algorithm = KeyAlgorithm::kRsa;
  std::variant<GostPublicKey, RsaPublicKey> key;

  // gost returns the GOST key, or null for an RSA key.
  const GostPublicKey* gost() const { return std::get_if<GostPublicKey>(&key); }
  // rsa returns the RSA key, or null for a GOST key.
  const RsaPublicKey* rsa() const { return std::get_if<RsaPublicKey>(&key); }
};

// ParsePublicKey reads a SubjectPublicKeyInfo, given with its SEQUENCE
// header. It fails with:
//   - `crypto.unsupported_algorithm` (dotted OID in the detail) for an
//     unknown key or curve OID;
//   - `crypto.bad_parameters` for parameters that do not fit the key OID;
//   - `crypto.bad_public_key` for a point that is not on the curve or a key
//     of the wrong size;
//   - DER errors for malformed input.
Result<PublicKey> ParsePublicKey(der::Input subject_public_key_info_tlv);

// EncodeSubjectPublicKeyInfo returns the DER SubjectPublicKeyInfo of `key`
// as NUC writes it: NUC's GOST key and curve OIDs with NUC's digest
// parameter, or rsaEncryption with NULL parameters. It fails with
// `crypto.unsupported_algorithm` for a GOST curve that has no NUC OID.
Result<Bytes> EncodeSubjectPublicKeyInfo(const PublicKey& key);

// KeyAlgorithmName returns "gost34310-2004", "gost3410-2015-256",
// "gost3410-2015-512" or "rsa".
std::string_view KeyAlgorithmName(KeyAlgorithm algorithm);

}  // namespace tinysign::crypto

#endif  // TINYSIGN_CORE_CRYPTO_PUBLIC_KEY_H_
