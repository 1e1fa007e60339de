// The DER RSAPrivateKey of RFC 8017 appendix A.1.2, written for PKCS#12
// key files. Reading it is `ParseRsaPrivateKey` in rsa.h.
#ifndef TINYSIGN_CORE_CRYPTO_RSA_PRIVATE_KEY_H_
#define TINYSIGN_CORE_CRYPTO_RSA_PRIVATE_KEY_H_

#include "core/crypto/rsa.h"
#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::crypto {

// EncodeRsaPrivateKey returns the two-prime RSAPrivateKey (version 0) of
// `key`, computing the CRT values d mod (p-1), d mod (q-1) and q^-1 mod p.
// It fails with `crypto.bad_private_key` when q has no inverse mod p.
Result<Bytes> EncodeRsaPrivateKey(const RsaPrivateKey& key);

}  // namespace tinysign::crypto

#endif  // TINYSIGN_CORE_CRYPTO_RSA_PRIVATE_KEY_H_
