// Internal: arithmetic modulo the prime p of a GOST curve.
//
// Values are `Mpi` in [0, p). Most curves here (all the production ones,
// see `GostGroup::special_limbs`) have p = 2^k - c with a small c. On them,
// addition, subtraction and reduction work on the limbs of the Mbed TLS
// numbers directly, which Mbed TLS 2.28 allows because the fields of
// `mbedtls_mpi` are public. The reason is speed: every Mbed TLS call costs
// more than a whole 256-bit addition. Multiplication is always
// `mbedtls_mpi_mul_mpi`.
//
// None of this is constant-time: each operation branches on whether a
// result is at least p, and Mbed TLS multiplication skips leading zero
// limbs.
#ifndef TINYSIGN_CORE_CRYPTO_INTERNAL_GOST_FIELD_H_
#define TINYSIGN_CORE_CRYPTO_INTERNAL_GOST_FIELD_H_

#include "core/crypto/internal/gost_group.h"
#include "core/crypto/internal/mpi.h"

#if !defined(MBEDTLS_HAVE_UDBL)
#error "GOST field arithmetic needs Mbed TLS's double-width limb type"
#endif

namespace tinysign::crypto::internal {

// GostField computes modulo p of one group. It keeps scratch numbers, so
// one object serves one thread at a time, and records the first failing
// Mbed TLS call in the `MpiStatus` it was given.
class GostField {
 public:
  GostField(const GostGroup& group, MpiStatus& status)
      : group_(group), status_(status) {}

  // Each operation sets `r` to its result modulo p. Inputs must be in
  // [0, p), and `r` may be one of them.
  void Add(Mpi& r, const Mpi& a, const Mpi& b);
  void Sub(Mpi& r, const Mpi& a, const Mpi& b);
  void Mul(Mpi& r, const Mpi& a, const Mpi& b);
  void MulByA(Mpi& r, const Mpi& v);
  void Negate(Mpi& r, const Mpi& v);

 private:
  // Reduce sets `r` to `wide_` mod p, for `wide_` below p^2, and leaves
  // `wide_` unspecified.
  void Reduce(Mpi& r);
  void ReduceSpecial();
  // PrepareLimbs makes `r` hold exactly the group's special limb count of
  // limbs (more are zeroed); it returns false after an allocation failure.
  bool PrepareLimbs(Mpi& r);
  // SubtractPIfNotBelow subtracts p from the special-form `r` when r >= p,
  // or when `carry` is 1 because the sum overflowed the limbs.
  void SubtractPIfNotBelow(Mpi& r, mbedtls_mpi_uint carry);

  const GostGroup& group_;
  MpiStatus& status_;
  Mpi wide_;
  Mpi zero_;
};

}  // namespace tinysign::crypto::internal

#endif  // TINYSIGN_CORE_CRYPTO_INTERNAL_GOST_FIELD_H_
