// The one entry point through which verification logic checks signatures,
// and the matching signing calls for test certificates and tooling.
//
// Signature values are in the form that NUC files carry: for GOST the raw
// r || s, each little-endian (see gost_encoding.h), for RSA the RFC 8017
// octet string. Example:
//   TINYSIGN_ASSIGN_OR_RETURN(crypto::PublicKey key,
//                             crypto::ParsePublicKey(issuer_spki_tlv));
//   TINYSIGN_ASSIGN_OR_RETURN(
//       crypto::SignatureAlgorithmId algorithm,
//       crypto::ParseSignatureAlgorithm(
//           signature_algorithm_tlv, crypto::AlgorithmContext::kCertificate));
//   TINYSIGN_TRY(crypto::VerifySignature(algorithm, key, tbs_tlv,
//                                        signature_bits));
#ifndef TINYSIGN_CORE_CRYPTO_SIGNATURE_H_
#define TINYSIGN_CORE_CRYPTO_SIGNATURE_H_

#include <variant>

#include "core/crypto/algorithm.h"
#include "core/crypto/gost_signature.h"
#include "core/crypto/public_key.h"
#include "core/crypto/random.h"
#include "core/crypto/rsa.h"
#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::crypto {

// PrivateKey is a signing key: a GOST scalar on its curve, or an RSA key.
using PrivateKey = std::variant<GostPrivateKey, RsaPrivateKey>;

// VerifySignature hashes `message` with `algorithm`'s digest and checks
// `signature_value` with `key`. It returns OK, or fails with:
//   - `crypto.algorithm_mismatch` when the key cannot make `algorithm`
//     signatures (such as a GOST 2015-512 signature with a GOST 2004 key);
//   - `crypto.bad_signature_encoding` when the value has the wrong length;
//   - `crypto.signature_mismatch` when the signature does not verify;
//   - `internal` when `algorithm` has no digest yet (rsaEncryption in a
//     SignerInfo before `ResolveSignerDigest`).
Status VerifySignature(const SignatureAlgorithmId& algorithm,
                       const PublicKey& key, der::Input message,
                       der::Input signature_value);

// VerifyDigestSignature is `VerifySignature` for a message known only by
// its digest. It also fails with `crypto.bad_parameters` when `digest` is
// not as long as `algorithm`'s digest.
Status VerifyDigestSignature(const SignatureAlgorithmId& algorithm,
                             const PublicKey& key, der::Input digest,
                             der::Input signature_value);

// SignDigest signs a message known by its `algorithm` digest `digest` and
// returns the signature value in the layout `VerifyDigestSignature` reads.
// GOST keys sign GOST algorithms of their size, RSA keys sign
// RSASSA-PKCS1-v1_5; anything else fails with `crypto.algorithm_mismatch`
// or `crypto.unsupported_algorithm` (RSASSA-PSS signing).
Result<Bytes> SignDigest(const SignatureAlgorithmId& algorithm,
                         const PrivateKey& key, der::Input digest,
                         RandomSource& random);

// SignMessage hashes `message` with `algorithm`'s digest and signs it.
Result<Bytes> SignMessage(const SignatureAlgorithmId& algorithm,
                          const PrivateKey& key, der::Input message,
                          RandomSource& random);

}  // namespace tinysign::crypto

#endif  // TINYSIGN_CORE_CRYPTO_SIGNATURE_H_
