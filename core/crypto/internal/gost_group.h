// Internal: the numbers of one GOST curve as Mbed TLS big numbers, built
// once from the hexadecimal tables of gost_curve.h.
#ifndef TINYSIGN_CORE_CRYPTO_INTERNAL_GOST_GROUP_H_
#define TINYSIGN_CORE_CRYPTO_INTERNAL_GOST_GROUP_H_

#include <cstddef>

#include "core/crypto/gost_curve.h"
#include "core/crypto/internal/mpi.h"
#include "core/result.h"

namespace tinysign::crypto::internal {

// GostGroup is one curve y^2 = x^3 + a*x + b over GF(p) with base point G
// of order q. Groups are immutable once built, so any number of threads and
// operations may share one.
class GostGroup {
 public:
  // Get returns the shared group of `id`, built on first use.
  static Result<const GostGroup*> Get(GostCurveId id);

  // Build converts `params`; only `Get` and tests call it.
  static Result<GostGroup> Build(const GostCurveParams& params);

  const GostCurveParams& params() const { return *params_; }
  const Mpi& p() const { return p_; }
  const Mpi& a() const { return a_; }
  const Mpi& b() const { return b_; }
  // b3 is 3 * b mod p, as the complete addition formulas use it.
  const Mpi& b3() const { return b3_; }
  const Mpi& q() const { return q_; }
  const Mpi& gx() const { return gx_; }
  const Mpi& gy() const { return gy_; }
  // a_is_minus_3 is true when a = p - 3, so that multiplying by a needs
  // only additions.
  bool a_is_minus_3() const { return a_is_minus_3_; }

  // When p = 2^k - c with a small c and k a whole number of limbs (as for
  // CryptoPro-A, tc26-256-paramSetA and tc26-512-paramSetA), field
  // arithmetic works on k / limb-bits limbs and reduces with c. Otherwise
  // (the RFC test curves) `special_limbs` is 0 and the generic Mbed TLS
  // reduction is used.
  size_t special_limbs() const { return special_limbs_; }
  mbedtls_mpi_uint special_c() const { return special_c_; }

 private:
  GostGroup() = default;

  const GostCurveParams* params_ = nullptr;
  Mpi p_;
  Mpi a_;
  Mpi b_;
  Mpi b3_;
  Mpi q_;
  Mpi gx_;
  Mpi gy_;
  bool a_is_minus_3_ = false;
  size_t special_limbs_ = 0;
  mbedtls_mpi_uint special_c_ = 0;
};

}  // namespace tinysign::crypto::internal

#endif  // TINYSIGN_CORE_CRYPTO_INTERNAL_GOST_GROUP_H_
