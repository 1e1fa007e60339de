// PKCS#8 PrivateKeyInfo (RFC 5208 section 5) for the keys in NUC key files:
//
//   PrivateKeyInfo ::= SEQUENCE {
//     version              INTEGER,              -- 0
//     privateKeyAlgorithm  AlgorithmIdentifier,  -- as in the certificate
//     privateKey           OCTET STRING,
//     attributes           [0] IMPLICIT Attributes OPTIONAL }
//
// What privateKey contains depends on the key, as found in every NUC test
// key file (the scalar times the base point gives the certificate's key):
//   - rsaEncryption: a PKCS#1 RSAPrivateKey (RFC 8017 appendix A.1.2).
//   - NUC GOST 2004 (1.2.398.3.10.1.1.1.1): a DER INTEGER, the scalar d
//     big-endian.
//   - NUC GOST 2015-512 (1.2.398.3.10.1.1.2.2): a DER OCTET STRING of 64
//     bytes, d little-endian, the layout RFC 9215 gives Russian keys.
//
// Not supported: GOST keys under the Russian OIDs, and encrypted or
// multi-prime RSA keys.
#ifndef TINYSIGN_CORE_PKCS12_PRIVATE_KEY_INFO_H_
#define TINYSIGN_CORE_PKCS12_PRIVATE_KEY_INFO_H_

#include "core/crypto/public_key.h"
#include "core/crypto/signature.h"
#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::pkcs12 {

// ParsedPrivateKey is a private key with the kind of key it is.
struct ParsedPrivateKey {
  crypto::KeyAlgorithm algorithm = crypto::KeyAlgorithm::kRsa;
  crypto::PrivateKey key;
};

// ParsePrivateKeyInfo reads a DER PrivateKeyInfo. It fails with
// `crypto.unsupported_algorithm` for another key OID or curve,
// `crypto.bad_private_key` for a scalar of the wrong size or out of range,
// and DER errors for malformed input.
Result<ParsedPrivateKey> ParsePrivateKeyInfo(der::Input private_key_info_tlv);

// EncodePrivateKeyInfo returns the PrivateKeyInfo of `key` in the layout
// described above, with the algorithm identifier NUC certificates use. A
// GOST 2015-256 key gets the 2015-512 layout.
Result<Bytes> EncodePrivateKeyInfo(const ParsedPrivateKey& key);

// PublicKeyOf derives the public key of `key`.
Result<crypto::PublicKey> PublicKeyOf(const ParsedPrivateKey& key);

}  // namespace tinysign::pkcs12

#endif  // TINYSIGN_CORE_PKCS12_PRIVATE_KEY_INFO_H_
