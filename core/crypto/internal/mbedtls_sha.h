// SHA-1 and SHA-2 from Mbed TLS 2.28, wrapped so that only this internal
// header names Mbed TLS types.
//
// Each class owns one Mbed TLS context, frees it on destruction and can be
// neither copied nor moved, because a context is only ever used in place.
#ifndef TINYSIGN_CORE_CRYPTO_INTERNAL_MBEDTLS_SHA_H_
#define TINYSIGN_CORE_CRYPTO_INTERNAL_MBEDTLS_SHA_H_

#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#include "core/der/input.h"

namespace tinysign::crypto::internal {

// MbedSha1 computes SHA-1 (FIPS 180-4).
class MbedSha1 {
 public:
  MbedSha1();
  ~MbedSha1();
  MbedSha1(const MbedSha1&) = delete;
  MbedSha1& operator=(const MbedSha1&) = delete;

  void Update(der::Input data);
  // Finish returns the 20-byte digest and starts a new message.
  Bytes Finish();

 private:
  mbedtls_sha1_context context_;
};

// MbedSha256 computes SHA-256, or SHA-224 when `is_224` is true.
class MbedSha256 {
 public:
  explicit MbedSha256(bool is_224);
  ~MbedSha256();
  MbedSha256(const MbedSha256&) = delete;
  MbedSha256& operator=(const MbedSha256&) = delete;

  void Update(der::Input data);
  // Finish returns the 32-byte (28 for SHA-224) digest and starts a new
  // message.
  Bytes Finish();

 private:
  bool is_224_;
  mbedtls_sha256_context context_;
};

// MbedSha512 computes SHA-512, or SHA-384 when `is_384` is true.
class MbedSha512 {
 public:
  explicit MbedSha512(bool is_384);
  ~MbedSha512();
  MbedSha512(const MbedSha512&) = delete;
  MbedSha512& operator=(const MbedSha512&) = delete;

  void Update(der::Input data);
  // Finish returns the 64-byte (48 for SHA-384) digest and starts a new
  // message.
  Bytes Finish();

 private:
  bool is_384_;
  mbedtls_sha512_context context_;
};

}  // namespace tinysign::crypto::internal

#endif  // TINYSIGN_CORE_CRYPTO_INTERNAL_MBEDTLS_SHA_H_
