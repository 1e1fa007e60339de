// RSA keys and signatures through Mbed TLS 2.28: RSASSA-PKCS1-v1_5 and
// RSASSA-PSS verification (RFC 8017), and RSASSA-PKCS1-v1_5 signing and key
// generation for test certificates.
//
// Moduli from 1024 to 8192 bits are accepted. NUC users have 2048-bit keys
// and NUC CAs 4096-bit keys.
// NOTE: 8192 bits is the ceiling of Mbed TLS 2.28 as Debian and the WASM
// build configure it (MBEDTLS_MPI_MAX_SIZE = 1024 bytes); larger keys,
// up to the 16384 bits some profiles allow, would need that option raised.
#ifndef TINYSIGN_CORE_CRYPTO_RSA_H_
#define TINYSIGN_CORE_CRYPTO_RSA_H_

#include <cstddef>

#include "core/crypto/algorithm.h"
#include "core/crypto/digest.h"
#include "core/crypto/random.h"
#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::crypto {

inline constexpr size_t kMinRsaModulusBits = 1024;
inline constexpr size_t kMaxRsaModulusBits = 8192;

// RsaPublicKey is (n, e) as big-endian integers without leading zeros.
struct RsaPublicKey {
  Bytes modulus;
  Bytes public_exponent;
  // Size of n in bits.
  size_t modulus_bits = 0;
};

// RsaPrivateKey is a two-prime RSA key as big-endian integers.
struct RsaPrivateKey {
  Bytes modulus;
  Bytes public_exponent;
  Bytes private_exponent;
  Bytes prime1;
  Bytes prime2;
};

// ParseRsaPublicKey reads the contents of an rsaEncryption
// SubjectPublicKeyInfo BIT STRING (RFC 8017 appendix A.1.1):
//   RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
// It fails with `crypto.bad_public_key` for a modulus outside
// [`kMinRsaModulusBits`, `kMaxRsaModulusBits`], an even modulus, or an
// exponent that is even, below 3 or not below n.
Result<RsaPublicKey> ParseRsaPublicKey(der::Input rsa_public_key_tlv);

// EncodeRsaPublicKey returns the DER RSAPublicKey of `key`.
Bytes EncodeRsaPublicKey(const RsaPublicKey& key);

// VerifyRsaPkcs1 checks an RSASSA-PKCS1-v1_5 `signature` over a message
// whose `digest_algorithm` digest is `digest`. It fails with
// `crypto.bad_signature_encoding` when the signature is not exactly as long
// as the modulus, `crypto.signature_mismatch` when it does not verify, and
// `crypto.unsupported_algorithm` for a digest other than SHA-1 or SHA-2.
Status VerifyRsaPkcs1(const RsaPublicKey& key, DigestAlgorithm digest_algorithm,
                      der::Input digest, der::Input signature);

// VerifyRsaPss checks an RSASSA-PSS `signature` like `VerifyRsaPkcs1`,
// with MGF1 over `pss.mgf1_digest` and a salt of exactly
// `pss.salt_length` bytes. It fails with `crypto.unsupported_algorithm`
// when the MGF1 digest differs from the message digest, which Mbed TLS 2.28
// cannot verify.
Status VerifyRsaPss(const RsaPublicKey& key, DigestAlgorithm digest_algorithm,
                    const RsaPssParameters& pss, der::Input digest,
                    der::Input signature);

// ParseRsaPrivateKey reads an unencrypted RSA private key: a PKCS#1
// RSAPrivateKey (RFC 8017 appendix A.1.2) or a PKCS#8 PrivateKeyInfo
// (RFC 5208) holding one. It fails with `crypto.bad_private_key` when the
// numbers do not form a consistent key.
Result<RsaPrivateKey> ParseRsaPrivateKey(der::Input private_key_tlv);

// GenerateRsaPrivateKey creates a key with a `modulus_bits`-bit modulus and
// e = 65537.
Result<RsaPrivateKey> GenerateRsaPrivateKey(size_t modulus_bits,
                                            RandomSource& random);

// RsaPublicKeyOf returns the public half of `key`.
RsaPublicKey RsaPublicKeyOf(const RsaPrivateKey& key);

// SignRsaPkcs1 returns the RSASSA-PKCS1-v1_5 signature over a message whose
// `digest_algorithm` digest is `digest`. `random` blinds the private-key
// operation against timing attacks.
Result<Bytes> SignRsaPkcs1(const RsaPrivateKey& key,
                           DigestAlgorithm digest_algorithm, der::Input digest,
                           RandomSource& random);

}  // namespace tinysign::crypto

#endif  // TINYSIGN_CORE_CRYPTO_RSA_H_
