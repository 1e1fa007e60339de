// GOST R 34.10-2001/2012 signatures (ГОСТ 34.310-2004 and ГОСТ 34.10-2015
// in Kazakhstan): verification, signing and key generation on the curves of
// gost_curve.h.
//
// The curve arithmetic is TinySign's own (internal/gost_point.h) on Mbed TLS
// big numbers. Integers in this API are unsigned big-endian byte strings.
// NUC's little-endian layouts of keys and signatures, and the digest-to-e
// conversion, live in gost_encoding.h; the functions here take e itself.
//
// Side channels: signing and key generation use a Montgomery ladder that
// does not branch on the bits of the secret scalar, but Mbed TLS bignum
// arithmetic underneath is not constant-time (internal/gost_point.h lists
// which parts). Signing is meant for test certificates and tooling, not for
// keys that an attacker can time.
#ifndef TINYSIGN_CORE_CRYPTO_GOST_SIGNATURE_H_
#define TINYSIGN_CORE_CRYPTO_GOST_SIGNATURE_H_

#include "core/crypto/gost_curve.h"
#include "core/crypto/random.h"
#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::crypto {

// GostPublicKey is the point Q = d*G as affine big-endian coordinates, each
// `coordinate_bytes` long (see `GostCurveParams`).
struct GostPublicKey {
  GostCurveId curve = GostCurveId::kCryptoProA;
  Bytes x;
  Bytes y;
};

// GostPrivateKey is the secret scalar d, 0 < d < q, big-endian.
struct GostPrivateKey {
  GostCurveId curve = GostCurveId::kCryptoProA;
  Bytes d;
};

// GostSignature is the pair (r, s) as big-endian integers, each
// `coordinate_bytes` long when produced here.
struct GostSignature {
  Bytes r;
  Bytes s;
};

// ValidateGostPublicKey checks that both coordinates are `coordinate_bytes`
// long and below p, that (x, y) lies on the curve, and, for a curve with a
// cofactor, that q*Q is the point at infinity. It fails with
// `crypto.bad_public_key`.
Status ValidateGostPublicKey(const GostPublicKey& key);

// VerifyGostSignature checks `signature` over e (a big-endian integer of any
// length, taken mod q, and 1 when that is 0) with the GOST R 34.10
// equation: 0 < r, s < q; v = e^-1; z1 = s*v; z2 = -r*v; C = z1*G + z2*Q;
// accept when x_C mod q = r. It validates `key` first. It returns OK, or
// `crypto.signature_mismatch` for a signature that does not verify, or
// `crypto.bad_public_key`.
Status VerifyGostSignature(const GostPublicKey& key, der::Input e,
                           const GostSignature& signature);

// SignGost signs e (as in `VerifyGostSignature`) with a nonce k drawn
// uniformly from [1, q-1] through `random`, drawing again in the rare case
// that r or s is 0. It fails with `crypto.bad_private_key` unless 0 < d < q,
// or with `crypto.random_failed`.
Result<GostSignature> SignGost(const GostPrivateKey& key, der::Input e,
                               RandomSource& random);

// SignGostWithNonce signs with the given nonce k (big-endian, 0 < k < q),
// which reproduces the RFC 5832 and RFC 7091 examples. Reusing a nonce
// reveals the private key, so only tests call this. It fails with
// `crypto.bad_parameters` when k is out of range or gives r = 0 or s = 0.
Result<GostSignature> SignGostWithNonce(const GostPrivateKey& key, der::Input e,
                                        der::Input k);

// GenerateGostPrivateKey draws d uniformly from [1, q-1].
Result<GostPrivateKey> GenerateGostPrivateKey(GostCurveId curve,
                                              RandomSource& random);

// DeriveGostPublicKey computes Q = d*G. It fails with
// `crypto.bad_private_key` unless 0 < d < q.
Result<GostPublicKey> DeriveGostPublicKey(const GostPrivateKey& key);

// CheckGostCurve checks the built-in parameters of `curve`: the base point
// lies on the curve and q times it is the point at infinity. It fails with
// `internal`, because a failure means TinySign's own tables are wrong.
Status CheckGostCurve(GostCurveId curve);

}  // namespace tinysign::crypto

#endif  // TINYSIGN_CORE_CRYPTO_GOST_SIGNATURE_H_
