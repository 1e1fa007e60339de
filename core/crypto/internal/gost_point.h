// Internal: point arithmetic on the GOST curves (short Weierstrass form)
// over Mbed TLS big numbers.
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
// every scalar below 2^bitlen(q) and swaps with
// `mbedtls_mpi_safe_cond_swap`, so it does not branch on scalar bits. The
// field arithmetic under it is NOT constant-time (see gost_field.h), and
// `ToAffine` inverts with `mbedtls_mpi_inv_mod`, which is not either.
// Verification uses `MultiplyTwo`, which branches on its (public) scalars.
#ifndef TINYSIGN_CORE_CRYPTO_INTERNAL_GOST_POINT_H_
#define TINYSIGN_CORE_CRYPTO_INTERNAL_GOST_POINT_H_

#include <array>

#include "core/crypto/internal/gost_field.h"
#include "core/crypto/internal/gost_group.h"
#include "core/crypto/internal/mpi.h"

namespace tinysign::crypto::internal {

// ProjectivePoint is (X:Y:Z), with coordinates in [0, p).
struct ProjectivePoint {
  Mpi x;
  Mpi y;
  Mpi z;
};

// GostArithmetic does point arithmetic on one group. It keeps scratch
// numbers and an `MpiStatus`, so each thread and each operation uses its
// own object. A failed Mbed TLS call (for valid inputs, only an allocation
// failure) is recorded in `status()`, and results are meaningless after it.
class GostArithmetic {
 public:
  explicit GostArithmetic(const GostGroup& group)
      : group_(group), field_(group, status_) {}

  const GostGroup& group() const { return group_; }
  MpiStatus& status() { return status_; }

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
  // NegatePoint sets `out` to -point; `out` may be `point`.
  void NegatePoint(ProjectivePoint& out, const ProjectivePoint& point);

  // MultiplyLadder sets `out` to k * point with a Montgomery ladder over
  // the bit length of q; k must be below 2^bitlen(q). `out` must not be
  // `point`. See the file comment for what is constant-time.
  void MultiplyLadder(ProjectivePoint& out, const Mpi& k,
                      const ProjectivePoint& point);
  // MultiplyTwo sets `out` to k1 * p1 + k2 * p2 for non-negative k1 and k2
  // (interleaved width-5 NAF, variable time: only for public scalars).
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
  // OddMultiples are P, 3P, ..., 15P and their negatives.
  struct OddMultiples {
    std::array<ProjectivePoint, 8> positive;
    std::array<ProjectivePoint, 8> negative;
  };
  void BuildOddMultiples(OddMultiples& multiples, const ProjectivePoint& point);
  // AddNafDigit adds digit * P to `sum` for an odd NAF digit, or nothing
  // for 0.
  void AddNafDigit(ProjectivePoint& sum, const OddMultiples& multiples,
                   int digit);
  // SwapPoints exchanges `a` and `b` when `swap` is 1, in constant time.
  void SwapPoints(ProjectivePoint& a, ProjectivePoint& b, unsigned char swap);
  // ExchangePoints exchanges `a` and `b` without copying limbs.
  void ExchangePoints(ProjectivePoint& a, ProjectivePoint& b);

  const GostGroup& group_;
  MpiStatus status_;
  GostField field_;
  std::array<Mpi, 6> t_;
  ProjectivePoint result_;
};

}  // namespace tinysign::crypto::internal

#endif  // TINYSIGN_CORE_CRYPTO_INTERNAL_GOST_POINT_H_
