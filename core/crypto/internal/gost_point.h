// Internal: arithmetic on the GOST curves (short Weierstrass form) over
// Mbed TLS big numbers.
//
// Points use homogeneous projective coordinates (X:Y:Z), meaning the affine
// point (X/Z, Y/Z); the point at infinity is (0:1:0). Addition and doubling
// use the complete formulas of Renes, Costello and Batina, "Complete
// addition formulas for prime order elliptic curves" (EUROCRYPT 2016),
// algorithms 1 and 3. They have no exceptional cases for points of the
// prime-order subgroup, so no code path depends on whether an input is the
// point at infinity or equal to the other input.
//
// Timing: `MultiplyLadder` runs the same sequence of point operations for
// every scalar below q and swaps with `mbedtls_mpi_safe_cond_swap`, so it
// does not branch on scalar bits. The field arithmetic under it is NOT
// constant-time: Mbed TLS 2.28 bignum multiplication, reduction and
// inversion take time that depends on the operand values (their limb
// counts and the reduction steps), and the final inversion uses
// `mbedtls_mpi_inv_mod`. Verification uses `MultiplyTwo`, which branches on
// the (public) scalars.
#ifndef TINYSIGN_CORE_CRYPTO_INTERNAL_GOST_POINT_H_
#define TINYSIGN_CORE_CRYPTO_INTERNAL_GOST_POINT_H_

#include <array>

#include "core/crypto/gost_curve.h"
#include "core/crypto/internal/mpi.h"
#include "core/result.h"

namespace tinysign::crypto::internal {

// ProjectivePoint is (X:Y:Z), with coordinates in [0, p).
struct ProjectivePoint {
  Mpi x;
  Mpi y;
  Mpi z;
};

// GostGroup is one curve's numbers as `Mpi`. Groups are built once and are
// immutable afterwards, so one group may serve any number of
// `GostArithmetic` objects.
class GostGroup {
 public:
  // Get returns the shared group of `id`, built on first use.
  static Result<const GostGroup*> Get(GostCurveId id);

  const GostCurveParams& params() const { return *params_; }
  const Mpi& p() const { return p_; }
  const Mpi& a() const { return a_; }
  const Mpi& b() const { return b_; }
  // b3 is 3 * b mod p, as the complete formulas use it.
  const Mpi& b3() const { return b3_; }
  const Mpi& q() const { return q_; }
  const Mpi& gx() const { return gx_; }
  const Mpi& gy() const { return gy_; }
  // a_is_minus_3 is true when a = p - 3, so that multiplying by a needs
  // only additions.
  bool a_is_minus_3() const { return a_is_minus_3_; }
  // When p = 2^p_bits - c with c < 2^16, special_c is c; otherwise it is 0.
  mbedtls_mpi_uint special_c() const { return special_c_; }
  size_t p_bits() const { return p_bits_; }

  // Build converts `params`; only `Get` and tests call it.
  static Result<GostGroup> Build(const GostCurveParams& params);

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
  mbedtls_mpi_uint special_c_ = 0;
  size_t p_bits_ = 0;
};

// GostArithmetic does field and point arithmetic on one group. It keeps
// scratch numbers and an `MpiStatus`, so each thread and each operation
// uses its own object. A failed Mbed TLS call (allocation only, for valid
// inputs) is recorded in `status()`; results are meaningless after it.
class GostArithmetic {
 public:
  explicit GostArithmetic(const GostGroup& group) : group_(group) {}

  const GostGroup& group() const { return group_; }
  MpiStatus& status() { return status_; }

  // Field operations modulo p on values in [0, p). The output may be one of
  // the inputs.
  void Add(Mpi& r, const Mpi& a, const Mpi& b);
  void Sub(Mpi& r, const Mpi& a, const Mpi& b);
  void Mul(Mpi& r, const Mpi& a, const Mpi& b);
  void MulByA(Mpi& r, const Mpi& v);

  void SetInfinity(ProjectivePoint& point);
  // SetAffine sets `point` to (x, y); x and y must be below p.
  void SetAffine(ProjectivePoint& point, const Mpi& x, const Mpi& y);
  void SetGenerator(ProjectivePoint& point);
  void Copy(ProjectivePoint& out, const ProjectivePoint& in);
  // IsInfinity returns true for (0:Y:0) with Y != 0. On a curve with a
  // cofactor, the complete formulas return the invalid (0:0:0) for inputs
  // outside the prime-order subgroup. Every later operation keeps it
  // (0:0:0), so such a result is never taken for the point at infinity.
  bool IsInfinity(const ProjectivePoint& point) const {
    return point.z.IsZero() && !point.y.IsZero();
  }

  // AddPoints sets `out` to p1 + p2; `out` may be p1 or p2.
  void AddPoints(ProjectivePoint& out, const ProjectivePoint& p1,
                 const ProjectivePoint& p2);
  // DoublePoint sets `out` to 2 * point; `out` may be `point`.
  void DoublePoint(ProjectivePoint& out, const ProjectivePoint& point);

  // MultiplyLadder sets `out` to k * point with a Montgomery ladder over
  // the bit length of q; k must be below 2^bitlen(q). `out` must not be
  // `point`. See the file comment for what is constant-time.
  void MultiplyLadder(ProjectivePoint& out, const Mpi& k,
                      const ProjectivePoint& point);
  // MultiplyTwo sets `out` to k1 * p1 + k2 * p2 (Straus-Shamir, variable
  // time: only for public scalars).
  void MultiplyTwo(ProjectivePoint& out, const Mpi& k1,
                   const ProjectivePoint& p1, const Mpi& k2,
                   const ProjectivePoint& p2);

  // ToAffine sets (x, y) to the affine form of `point`, which must not be
  // the point at infinity.
  void ToAffine(Mpi& x, Mpi& y, const ProjectivePoint& point);
  // IsOnCurve returns true when y^2 = x^3 + a*x + b (mod p); x and y must be
  // below p.
  bool IsOnCurve(const Mpi& x, const Mpi& y);

 private:
  // Reduce sets `r` to `wide_` mod p, for `wide_` below p^2, and clobbers
  // `wide_`.
  void Reduce(Mpi& r);
  void ReduceSpecial();
  // SwapPoints exchanges `a` and `b` when `swap` is 1, in constant time.
  void SwapPoints(ProjectivePoint& a, ProjectivePoint& b, unsigned char swap);
  // ExchangePoints exchanges `a` and `b` without copying limbs.
  void ExchangePoints(ProjectivePoint& a, ProjectivePoint& b);

  const GostGroup& group_;
  MpiStatus status_;
  Mpi wide_;
  Mpi high_;
  Mpi shifted_;
  std::array<Mpi, 6> t_;
  ProjectivePoint result_;
};

}  // namespace tinysign::crypto::internal

#endif  // TINYSIGN_CORE_CRYPTO_INTERNAL_GOST_POINT_H_
