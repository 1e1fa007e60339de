#include "core/crypto/internal/gost_point.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace tinysign::crypto::internal {

namespace {

// MultiplyTwo uses width-5 NAF digits: odd values in [-15, 15], so each
// scalar needs the odd multiples 1, 3, ..., 15 of its point.
constexpr int kNafWidth = 5;
constexpr int kNumOddMultiples = 1 << (kNafWidth - 2);
static_assert(kNumOddMultiples == 8, "OddMultiples in gost_point.h has 8");

// ComputeWidthNaf returns the width-5 non-adjacent form of k >= 0, least
// significant digit first: k = sum of digit[i] * 2^i, every non-zero digit
// odd and followed by at least four zeros.
std::vector<int8_t> ComputeWidthNaf(const Mpi& k, MpiStatus& status) {
  Mpi rest;
  status.Check(mbedtls_mpi_copy(rest.get(), k.get()));
  std::vector<int8_t> digits;
  digits.reserve(rest.BitLength() + 1);
  while (status.ok() && !rest.IsZero()) {
    int digit = 0;
    if (mbedtls_mpi_get_bit(rest.get(), 0) == 1) {
      for (int bit = 0; bit < kNafWidth; ++bit) {
        digit |= mbedtls_mpi_get_bit(rest.get(), bit) << bit;
      }
      if (digit >= (1 << (kNafWidth - 1))) {
        digit -= 1 << kNafWidth;
      }
      status.Check(mbedtls_mpi_sub_int(rest.get(), rest.get(), digit));
    }
    digits.push_back(static_cast<int8_t>(digit));
    status.Check(mbedtls_mpi_shift_r(rest.get(), 1));
  }
  return digits;
}

}  // namespace

void GostArithmetic::SetInfinity(ProjectivePoint& point) {
  status_.Check(mbedtls_mpi_lset(point.x.get(), 0));
  status_.Check(mbedtls_mpi_lset(point.y.get(), 1));
  status_.Check(mbedtls_mpi_lset(point.z.get(), 0));
}

void GostArithmetic::SetAffine(ProjectivePoint& point, const Mpi& x,
                               const Mpi& y) {
  status_.Check(mbedtls_mpi_copy(point.x.get(), x.get()));
  status_.Check(mbedtls_mpi_copy(point.y.get(), y.get()));
  status_.Check(mbedtls_mpi_lset(point.z.get(), 1));
}

void GostArithmetic::SetGenerator(ProjectivePoint& point) {
  SetAffine(point, group_.gx(), group_.gy());
}

void GostArithmetic::Copy(ProjectivePoint& out, const ProjectivePoint& in) {
  status_.Check(mbedtls_mpi_copy(out.x.get(), in.x.get()));
  status_.Check(mbedtls_mpi_copy(out.y.get(), in.y.get()));
  status_.Check(mbedtls_mpi_copy(out.z.get(), in.z.get()));
}

// Renes-Costello-Batina algorithm 1: complete addition for any a, with
// b3 = 3b. Temporaries are named as in Renes, Costello and Batina (2016).
void GostArithmetic::AddPoints(ProjectivePoint& out, const ProjectivePoint& p1,
                               const ProjectivePoint& p2) {
  auto& [t0, t1, t2, t3, t4, t5] = t_;
  Mpi& x3 = result_.x;
  Mpi& y3 = result_.y;
  Mpi& z3 = result_.z;
  field_.Mul(t0, p1.x, p2.x);
  field_.Mul(t1, p1.y, p2.y);
  field_.Mul(t2, p1.z, p2.z);
  // t3 = X1*Y2 + X2*Y1.
  field_.Add(t3, p1.x, p1.y);
  field_.Add(t4, p2.x, p2.y);
  field_.Mul(t3, t3, t4);
  field_.Add(t4, t0, t1);
  field_.Sub(t3, t3, t4);
  // t4 = X1*Z2 + X2*Z1.
  field_.Add(t4, p1.x, p1.z);
  field_.Add(t5, p2.x, p2.z);
  field_.Mul(t4, t4, t5);
  field_.Add(t5, t0, t2);
  field_.Sub(t4, t4, t5);
  // t5 = Y1*Z2 + Y2*Z1.
  field_.Add(t5, p1.y, p1.z);
  field_.Add(x3, p2.y, p2.z);
  field_.Mul(t5, t5, x3);
  field_.Add(x3, t1, t2);
  field_.Sub(t5, t5, x3);
  field_.MulByA(z3, t4);
  field_.Mul(x3, group_.b3(), t2);
  field_.Add(z3, x3, z3);
  field_.Sub(x3, t1, z3);
  field_.Add(z3, t1, z3);
  field_.Mul(y3, x3, z3);
  field_.Add(t1, t0, t0);
  field_.Add(t1, t1, t0);
  field_.MulByA(t2, t2);
  field_.Mul(t4, group_.b3(), t4);
  field_.Add(t1, t1, t2);
  field_.Sub(t2, t0, t2);
  field_.MulByA(t2, t2);
  field_.Add(t4, t4, t2);
  field_.Mul(t0, t1, t4);
  field_.Add(y3, y3, t0);
  field_.Mul(t0, t5, t4);
  field_.Mul(x3, t3, x3);
  field_.Sub(x3, x3, t0);
  field_.Mul(t0, t3, t1);
  field_.Mul(z3, t5, z3);
  field_.Add(z3, z3, t0);
  ExchangePoints(out, result_);
}

// Renes-Costello-Batina algorithm 3: exception-free doubling for any a.
void GostArithmetic::DoublePoint(ProjectivePoint& out,
                                 const ProjectivePoint& point) {
  Mpi& t0 = t_[0];
  Mpi& t1 = t_[1];
  Mpi& t2 = t_[2];
  Mpi& t3 = t_[3];
  Mpi& x3 = result_.x;
  Mpi& y3 = result_.y;
  Mpi& z3 = result_.z;
  field_.Mul(t0, point.x, point.x);
  field_.Mul(t1, point.y, point.y);
  field_.Mul(t2, point.z, point.z);
  field_.Mul(t3, point.x, point.y);
  field_.Add(t3, t3, t3);
  field_.Mul(z3, point.x, point.z);
  field_.Add(z3, z3, z3);
  field_.MulByA(x3, z3);
  field_.Mul(y3, group_.b3(), t2);
  field_.Add(y3, x3, y3);
  field_.Sub(x3, t1, y3);
  field_.Add(y3, t1, y3);
  field_.Mul(y3, x3, y3);
  field_.Mul(x3, t3, x3);
  field_.Mul(z3, group_.b3(), z3);
  field_.MulByA(t2, t2);
  field_.Sub(t3, t0, t2);
  field_.MulByA(t3, t3);
  field_.Add(t3, t3, z3);
  field_.Add(z3, t0, t0);
  field_.Add(t0, z3, t0);
  field_.Add(t0, t0, t2);
  field_.Mul(t0, t0, t3);
  field_.Add(y3, y3, t0);
  field_.Mul(t2, point.y, point.z);
  field_.Add(t2, t2, t2);
  field_.Mul(t0, t2, t3);
  field_.Sub(x3, x3, t0);
  field_.Mul(z3, t2, t1);
  field_.Add(z3, z3, z3);
  field_.Add(z3, z3, z3);
  ExchangePoints(out, result_);
}

void GostArithmetic::ExchangePoints(ProjectivePoint& a, ProjectivePoint& b) {
  mbedtls_mpi_swap(a.x.get(), b.x.get());
  mbedtls_mpi_swap(a.y.get(), b.y.get());
  mbedtls_mpi_swap(a.z.get(), b.z.get());
}

void GostArithmetic::SwapPoints(ProjectivePoint& a, ProjectivePoint& b,
                                unsigned char swap) {
  status_.Check(mbedtls_mpi_safe_cond_swap(a.x.get(), b.x.get(), swap));
  status_.Check(mbedtls_mpi_safe_cond_swap(a.y.get(), b.y.get(), swap));
  status_.Check(mbedtls_mpi_safe_cond_swap(a.z.get(), b.z.get(), swap));
}

void GostArithmetic::MultiplyLadder(ProjectivePoint& out, const Mpi& k,
                                    const ProjectivePoint& point) {
  // Invariant: r1 - r0 = point. Each step either keeps (r0, r1) =
  // (2*r0, r0 + r1) for a 0 bit, or (r0 + r1, 2*r1) for a 1 bit; the swaps
  // before and after turn the second case into the first.
  ProjectivePoint& r0 = out;
  ProjectivePoint r1;
  SetInfinity(r0);
  Copy(r1, point);
  for (size_t i = group_.q().BitLength(); i > 0; --i) {
    const auto bit =
        static_cast<unsigned char>(mbedtls_mpi_get_bit(k.get(), i - 1));
    SwapPoints(r0, r1, bit);
    AddPoints(r1, r0, r1);
    DoublePoint(r0, r0);
    SwapPoints(r0, r1, bit);
  }
}

void GostArithmetic::NegatePoint(ProjectivePoint& out,
                                 const ProjectivePoint& point) {
  if (&out != &point) {
    Copy(out, point);
  }
  field_.Negate(out.y, point.y);
}

void GostArithmetic::BuildOddMultiples(OddMultiples& multiples,
                                       const ProjectivePoint& point) {
  ProjectivePoint twice;
  DoublePoint(twice, point);
  Copy(multiples.positive[0], point);
  for (int i = 1; i < kNumOddMultiples; ++i) {
    AddPoints(multiples.positive[i], multiples.positive[i - 1], twice);
  }
  for (int i = 0; i < kNumOddMultiples; ++i) {
    NegatePoint(multiples.negative[i], multiples.positive[i]);
  }
}

void GostArithmetic::AddNafDigit(ProjectivePoint& sum,
                                 const OddMultiples& multiples, int digit) {
  if (digit > 0) {
    AddPoints(sum, sum, multiples.positive[(digit - 1) / 2]);
  } else if (digit < 0) {
    AddPoints(sum, sum, multiples.negative[(-digit - 1) / 2]);
  }
}

void GostArithmetic::MultiplyTwo(ProjectivePoint& out, const Mpi& k1,
                                 const ProjectivePoint& p1, const Mpi& k2,
                                 const ProjectivePoint& p2) {
  const std::vector<int8_t> digits1 = ComputeWidthNaf(k1, status_);
  const std::vector<int8_t> digits2 = ComputeWidthNaf(k2, status_);
  OddMultiples multiples1;
  OddMultiples multiples2;
  BuildOddMultiples(multiples1, p1);
  BuildOddMultiples(multiples2, p2);
  SetInfinity(out);
  const size_t length = std::max(digits1.size(), digits2.size());
  for (size_t i = length; i > 0 && status_.ok(); --i) {
    DoublePoint(out, out);
    if (i <= digits1.size()) {
      AddNafDigit(out, multiples1, digits1[i - 1]);
    }
    if (i <= digits2.size()) {
      AddNafDigit(out, multiples2, digits2[i - 1]);
    }
  }
}

void GostArithmetic::ToAffine(Mpi& x, Mpi& y, const ProjectivePoint& point) {
  Mpi z_inverse;
  status_.Check(
      mbedtls_mpi_inv_mod(z_inverse.get(), point.z.get(), group_.p().get()));
  field_.Mul(x, point.x, z_inverse);
  field_.Mul(y, point.y, z_inverse);
}

bool GostArithmetic::IsOnCurve(const Mpi& x, const Mpi& y) {
  Mpi left;
  Mpi right;
  Mpi term;
  field_.Mul(left, y, y);
  field_.Mul(right, x, x);
  field_.Mul(right, right, x);
  field_.Mul(term, group_.a(), x);
  field_.Add(right, right, term);
  field_.Add(right, right, group_.b());
  return status_.ok() && left.Compare(right) == 0;
}

}  // namespace tinysign::crypto::internal
