#include "core/crypto/internal/mbedtls_sha.h"

// The return values of the Mbed TLS 2.28 SHA functions are ignored below:
// the software implementations fail only on NULL arguments, which these
// wrappers never pass, and TinySign builds no hardware-accelerated variant
// (no MBEDTLS_SHA*_ALT).

namespace tinysign::crypto::internal {

MbedSha1::MbedSha1() {
  mbedtls_sha1_init(&context_);
  mbedtls_sha1_starts_ret(&context_);
}

MbedSha1::~MbedSha1() { mbedtls_sha1_free(&context_); }

void MbedSha1::Update(der::Input data) {
  mbedtls_sha1_update_ret(&context_, data.data(), data.size());
}

Bytes MbedSha1::Finish() {
  Bytes digest(20);
  mbedtls_sha1_finish_ret(&context_, digest.data());
  mbedtls_sha1_starts_ret(&context_);
  return digest;
}

MbedSha256::MbedSha256(bool is_224) : is_224_(is_224) {
  mbedtls_sha256_init(&context_);
  mbedtls_sha256_starts_ret(&context_, is_224_ ? 1 : 0);
}

MbedSha256::~MbedSha256() { mbedtls_sha256_free(&context_); }

void MbedSha256::Update(der::Input data) {
  mbedtls_sha256_update_ret(&context_, data.data(), data.size());
}

Bytes MbedSha256::Finish() {
  // Mbed TLS always writes 32 bytes; SHA-224 is the first 28 of them.
  Bytes digest(32);
  mbedtls_sha256_finish_ret(&context_, digest.data());
  digest.resize(is_224_ ? 28 : 32);
  mbedtls_sha256_starts_ret(&context_, is_224_ ? 1 : 0);
  return digest;
}

MbedSha512::MbedSha512(bool is_384) : is_384_(is_384) {
  mbedtls_sha512_init(&context_);
  mbedtls_sha512_starts_ret(&context_, is_384_ ? 1 : 0);
}

MbedSha512::~MbedSha512() { mbedtls_sha512_free(&context_); }

void MbedSha512::Update(der::Input data) {
  mbedtls_sha512_update_ret(&context_, data.data(), data.size());
}

Bytes MbedSha512::Finish() {
  // Mbed TLS always writes 64 bytes; SHA-384 is the first 48 of them.
  Bytes digest(64);
  mbedtls_sha512_finish_ret(&context_, digest.data());
  digest.resize(is_384_ ? 48 : 64);
  mbedtls_sha512_starts_ret(&context_, is_384_ ? 1 : 0);
  return digest;
}

}  // namespace tinysign::crypto::internal
