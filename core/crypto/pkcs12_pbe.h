// The password-based cryptography of PKCS#12 (RFC 7292): the appendix B
// key derivation with SHA-1, the two legacy encryption schemes of
// appendix C that NUC key files use, and the SHA-1 HMAC over the
// authenticated safe.
//
// Passwords are passed as the BMPString that appendix B.1 prescribes: the
// UTF-16 big-endian code units of the password followed by two zero bytes
// (see `EncodePkcs12Password`).
//
// Not supported: PBES2 (PBKDF2 with AES, RFC 8018), which newer OpenSSL
// writes by default, and the RC4 and 128-bit RC2 schemes, which NUC files do
// not use.
#ifndef TINYSIGN_CORE_CRYPTO_PKCS12_PBE_H_
#define TINYSIGN_CORE_CRYPTO_PKCS12_PBE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::crypto {

// Pkcs12Cipher is a PKCS#12 password-based encryption scheme.
enum class Pkcs12Cipher {
  // pbeWithSHAAnd3-KeyTripleDES-CBC, 1.2.840.113549.1.12.1.3.
  kTripleDesCbc,
  // pbeWithSHAAnd40BitRC2-CBC, 1.2.840.113549.1.12.1.6.
  kRc2Cbc40,
};

// Pkcs12Purpose is the ID byte of RFC 7292 appendix B.3, which separates
// the keys derived from one password and salt.
enum class Pkcs12Purpose : uint8_t {
  kKey = 1,
  kIv = 2,
  kMac = 3,
};

// EncodePkcs12Password converts a UTF-8 password to the BMPString of
// RFC 7292 appendix B.1, terminator included. It fails with
// `crypto.bad_parameters` for invalid UTF-8 and for characters outside the
// Basic Multilingual Plane, which a BMPString cannot hold.
Result<Bytes> EncodePkcs12Password(std::string_view utf8_password);

// DerivePkcs12Bytes runs the RFC 7292 appendix B.2 derivation with SHA-1
// and returns `num_bytes` bytes for `purpose`. It fails with
// `crypto.bad_parameters` for zero iterations or more than
// `limits::kMaxPkcs12Iterations`.
Result<Bytes> DerivePkcs12Bytes(Pkcs12Purpose purpose, der::Input password,
                                der::Input salt, size_t iterations,
                                size_t num_bytes);

// Pkcs12Decrypt decrypts CBC ciphertext under `cipher` with the key and IV
// derived from `password`, `salt` and `iterations`, and removes the
// PKCS#5 padding. It fails with `pkcs12.bad_password` when the padding is
// invalid, which is what a wrong password most often gives, and with
// `pkcs12.malformed` when the ciphertext is not whole blocks.
Result<Bytes> Pkcs12Decrypt(Pkcs12Cipher cipher, der::Input password,
                            der::Input salt, size_t iterations,
                            der::Input ciphertext);

// Pkcs12Encrypt pads `plaintext` (PKCS#5) and encrypts it like
// `Pkcs12Decrypt` decrypts.
Result<Bytes> Pkcs12Encrypt(Pkcs12Cipher cipher, der::Input password,
                            der::Input salt, size_t iterations,
                            der::Input plaintext);

// ComputePkcs12Mac returns the 20-byte HMAC-SHA-1 of `data` under the MAC
// key derived from `password` (RFC 7292 appendix B.4).
Result<Bytes> ComputePkcs12Mac(der::Input password, der::Input salt,
                               size_t iterations, der::Input data);

// EqualInConstantTime compares two byte strings without stopping at the
// first difference, so that a MAC check does not leak where it failed.
bool EqualInConstantTime(der::Input a, der::Input b);

}  // namespace tinysign::crypto

#endif  // TINYSIGN_CORE_CRYPTO_PKCS12_PBE_H_
