// The byte layouts of GOST keys, signatures and digests in NUC (Kalkan)
// files, and their conversion to the big-endian integers of
// gost_signature.h. This is the only place that reverses GOST byte orders.
//
// The layouts, each checked on real NUC certificates, CMS, OCSP responses,
// CRLs and timestamps:
//   - Public key: the SubjectPublicKeyInfo BIT STRING (no unused bits)
//     contains a DER OCTET STRING of X || Y, each coordinate little-endian
//     and 32 or 64 bytes long. This is the RFC 4491 layout.
//   - Signature value: r || s, each little-endian and 32 or 64 bytes long,
//     raw, in the BIT STRING of certificates, CRLs and OCSP responses and
//     in the OCTET STRING of CMS SignerInfo. This is exactly the byte
//     reversal of RFC 4491's s || r with big-endian numbers, which is what
//     OpenSSL's gost engine writes.
//   - Digest: the hash output as standard implementations (and Kalkan's
//     messageDigest attribute) produce it. GOST R 34.10 reads it as a
//     little-endian integer: e = LE(h) mod q.
#ifndef TINYSIGN_CORE_CRYPTO_GOST_ENCODING_H_
#define TINYSIGN_CORE_CRYPTO_GOST_ENCODING_H_

#include <cstddef>

#include "core/crypto/gost_curve.h"
#include "core/crypto/gost_signature.h"
#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::crypto {

// DecodeGostPublicKey reads the contents of a GOST SubjectPublicKeyInfo
// BIT STRING (without its unused-bits byte): an OCTET STRING of X || Y,
// little-endian. It fails with `crypto.bad_public_key` unless that is one
// DER OCTET STRING of exactly 2 * `coordinate_bytes` bytes. It does not
// check that the point lies on the curve: see `ValidateGostPublicKey`.
Result<GostPublicKey> DecodeGostPublicKey(GostCurveId curve,
                                          der::Input subject_public_key);

// EncodeGostPublicKey returns the BIT STRING contents for `key`: a DER
// OCTET STRING of X || Y, little-endian. `key` must have coordinates of
// the curve's length.
Bytes EncodeGostPublicKey(const GostPublicKey& key);

// DecodeGostSignature reads NUC's signature value r || s (little-endian).
// It fails with `crypto.bad_signature_encoding` unless `signature_value`
// has exactly 2 * `coordinate_bytes` bytes.
Result<GostSignature> DecodeGostSignature(GostCurveId curve,
                                          der::Input signature_value);

// EncodeGostSignature returns NUC's signature value r || s, little-endian,
// each padded to the curve's `coordinate_bytes`. r and s must fit.
Bytes EncodeGostSignature(GostCurveId curve, const GostSignature& signature);

// GostDigestToInteger returns e before reduction, as big-endian bytes: the
// digest bytes reversed, because GOST R 34.10 reads the hash output as a
// little-endian integer.
Bytes GostDigestToInteger(der::Input digest);

// DecodeGostPrivateKey reads a private scalar d stored little-endian, as
// OpenSSL's gost engine writes it inside its PKCS#8 OCTET STRING. It fails
// with `crypto.bad_private_key` unless it has `coordinate_bytes` bytes.
Result<GostPrivateKey> DecodeGostPrivateKey(GostCurveId curve,
                                            der::Input little_endian_d);

}  // namespace tinysign::crypto

#endif  // TINYSIGN_CORE_CRYPTO_GOST_ENCODING_H_
