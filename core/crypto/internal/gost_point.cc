#include "core/crypto/internal/gost_point.h"

#include <algorithm>
#include <vector>

namespace tinysign::crypto::internal {

namespace {

// Moduli of the form 2^k - c with c below this bound use the shift-and-add
// reduction: CryptoPro-A and tc26-256-paramSetA (c = 617) and
// tc26-512-paramSetA (c = 569).
constexpr mbedtls_mpi_uint kMaxSpecialC = 1 << 16;

// FindSpecialC returns c when p = 2^bitlen(p) - c with a small c, else 0.
Result<mbedtls_mpi_uint> FindSpecialC(const Mpi& p) {
  MpiStatus status;
  Mpi power;
  status.Check(mbedtls_mpi_lset(power.get(), 1));
  status.Check(mbedtls_mpi_shift_l(power.get(), p.BitLength()));
  Mpi c;
  status.Check(mbedtls_mpi_sub_mpi(c.get(), power.get(), p.get()));
  TINYSIGN_TRY(status.ToStatus("GOST curve setup"));
  if (c.BitLength() > 16) {
    return mbedtls_mpi_uint{0};
  }
  mbedtls_mpi_uint value = 0;
  for (size_t bit = 0; bit < 16; ++bit) {
    value |= static_cast<mbedtls_mpi_uint>(mbedtls_mpi_get_bit(c.get(), bit))
             << bit;
  }
  return value < kMaxSpecialC ? value : 0;
}

}  // namespace

Result<GostGroup> GostGroup::Build(const GostCurveParams& params) {
  GostGroup group;
  group.params_ = &params;
  TINYSIGN_ASSIGN_OR_RETURN(group.p_, MpiFromHex(params.p));
  TINYSIGN_ASSIGN_OR_RETURN(group.a_, MpiFromHex(params.a));
  TINYSIGN_ASSIGN_OR_RETURN(group.b_, MpiFromHex(params.b));
  TINYSIGN_ASSIGN_OR_RETURN(group.q_, MpiFromHex(params.q));
  TINYSIGN_ASSIGN_OR_RETURN(group.gx_, MpiFromHex(params.x));
  TINYSIGN_ASSIGN_OR_RETURN(group.gy_, MpiFromHex(params.y));
  MpiStatus status;
  status.Check(mbedtls_mpi_mul_int(group.b3_.get(), group.b_.get(), 3));
  status.Check(
      mbedtls_mpi_mod_mpi(group.b3_.get(), group.b3_.get(), group.p_.get()));
  Mpi a_plus_3;
  status.Check(mbedtls_mpi_add_int(a_plus_3.get(), group.a_.get(), 3));
  TINYSIGN_TRY(status.ToStatus("GOST curve setup"));
  group.a_is_minus_3_ = a_plus_3.Compare(group.p_) == 0;
  group.p_bits_ = group.p_.BitLength();
  TINYSIGN_ASSIGN_OR_RETURN(group.special_c_, FindSpecialC(group.p_));
  return group;
}

Result<const GostGroup*> GostGroup::Get(GostCurveId id) {
  // Built once; C++ makes the initialisation of a function-local static
  // safe even if two threads get here first at the same time.
  static const auto* const kGroups = [] {
    auto* groups = new std::vector<Result<GostGroup>>();
    for (GostCurveId curve : AllGostCurves()) {
      groups->push_back(Build(GetGostCurveParams(curve)));
    }
    return groups;
  }();
  const Result<GostGroup>& group = (*kGroups)[static_cast<size_t>(id)];
  if (!group.has_value()) {
    return group.error();
  }
  return &group.value();
}

void GostArithmetic::Add(Mpi& r, const Mpi& a, const Mpi& b) {
  status_.Check(mbedtls_mpi_add_abs(r.get(), a.get(), b.get()));
  if (r.Compare(group_.p()) >= 0) {
    status_.Check(mbedtls_mpi_sub_abs(r.get(), r.get(), group_.p().get()));
  }
}

void GostArithmetic::Sub(Mpi& r, const Mpi& a, const Mpi& b) {
  status_.Check(mbedtls_mpi_sub_mpi(r.get(), a.get(), b.get()));
  if (mbedtls_mpi_cmp_int(r.get(), 0) < 0) {
    status_.Check(mbedtls_mpi_add_mpi(r.get(), r.get(), group_.p().get()));
  }
}

void GostArithmetic::Mul(Mpi& r, const Mpi& a, const Mpi& b) {
  status_.Check(mbedtls_mpi_mul_mpi(wide_.get(), a.get(), b.get()));
  Reduce(r);
}

void GostArithmetic::MulByA(Mpi& r, const Mpi& v) {
  if (!group_.a_is_minus_3()) {
    Mul(r, group_.a(), v);
    return;
  }
  // r = -3v = p - (v + v + v) mod p.
  Add(wide_, v, v);
  Add(wide_, wide_, v);
  status_.Check(mbedtls_mpi_lset(high_.get(), 0));
  Sub(r, high_, wide_);
}

void GostArithmetic::Reduce(Mpi& r) {
  if (group_.special_c() != 0) {
    ReduceSpecial();
  } else {
    status_.Check(
        mbedtls_mpi_mod_mpi(wide_.get(), wide_.get(), group_.p().get()));
  }
  mbedtls_mpi_swap(r.get(), wide_.get());
}

// ReduceSpecial reduces `wide_` (below p^2) modulo p = 2^k - c. Writing
// wide = high * 2^k + low, 2^k = c (mod p) gives wide = high * c + low. Two
// such folds leave a value below 2^k + c^2, and at most two subtractions of
// p finish the job.
void GostArithmetic::ReduceSpecial() {
  const size_t k = group_.p_bits();
  for (int fold = 0; fold < 2; ++fold) {
    status_.Check(mbedtls_mpi_copy(high_.get(), wide_.get()));
    status_.Check(mbedtls_mpi_shift_r(high_.get(), k));
    status_.Check(mbedtls_mpi_copy(shifted_.get(), high_.get()));
    status_.Check(mbedtls_mpi_shift_l(shifted_.get(), k));
    status_.Check(
        mbedtls_mpi_sub_abs(wide_.get(), wide_.get(), shifted_.get()));
    status_.Check(
        mbedtls_mpi_mul_int(shifted_.get(), high_.get(), group_.special_c()));
    status_.Check(
        mbedtls_mpi_add_abs(wide_.get(), wide_.get(), shifted_.get()));
  }
  while (wide_.Compare(group_.p()) >= 0) {
    status_.Check(
        mbedtls_mpi_sub_abs(wide_.get(), wide_.get(), group_.p().get()));
  }
}

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
  Mul(t0, p1.x, p2.x);
  Mul(t1, p1.y, p2.y);
  Mul(t2, p1.z, p2.z);
  // t3 = X1*Y2 + X2*Y1.
  Add(t3, p1.x, p1.y);
  Add(t4, p2.x, p2.y);
  Mul(t3, t3, t4);
  Add(t4, t0, t1);
  Sub(t3, t3, t4);
  // t4 = X1*Z2 + X2*Z1.
  Add(t4, p1.x, p1.z);
  Add(t5, p2.x, p2.z);
  Mul(t4, t4, t5);
  Add(t5, t0, t2);
  Sub(t4, t4, t5);
  // t5 = Y1*Z2 + Y2*Z1.
  Add(t5, p1.y, p1.z);
  Add(x3, p2.y, p2.z);
  Mul(t5, t5, x3);
  Add(x3, t1, t2);
  Sub(t5, t5, x3);
  MulByA(z3, t4);
  Mul(x3, group_.b3(), t2);
  Add(z3, x3, z3);
  Sub(x3, t1, z3);
  Add(z3, t1, z3);
  Mul(y3, x3, z3);
  Add(t1, t0, t0);
  Add(t1, t1, t0);
  MulByA(t2, t2);
  Mul(t4, group_.b3(), t4);
  Add(t1, t1, t2);
  Sub(t2, t0, t2);
  MulByA(t2, t2);
  Add(t4, t4, t2);
  Mul(t0, t1, t4);
  Add(y3, y3, t0);
  Mul(t0, t5, t4);
  Mul(x3, t3, x3);
  Sub(x3, x3, t0);
  Mul(t0, t3, t1);
  Mul(z3, t5, z3);
  Add(z3, z3, t0);
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
  Mul(t0, point.x, point.x);
  Mul(t1, point.y, point.y);
  Mul(t2, point.z, point.z);
  Mul(t3, point.x, point.y);
  Add(t3, t3, t3);
  Mul(z3, point.x, point.z);
  Add(z3, z3, z3);
  MulByA(x3, z3);
  Mul(y3, group_.b3(), t2);
  Add(y3, x3, y3);
  Sub(x3, t1, y3);
  Add(y3, t1, y3);
  Mul(y3, x3, y3);
  Mul(x3, t3, x3);
  Mul(z3, group_.b3(), z3);
  MulByA(t2, t2);
  Sub(t3, t0, t2);
  MulByA(t3, t3);
  Add(t3, t3, z3);
  Add(z3, t0, t0);
  Add(t0, z3, t0);
  Add(t0, t0, t2);
  Mul(t0, t0, t3);
  Add(y3, y3, t0);
  Mul(t2, point.y, point.z);
  Add(t2, t2, t2);
  Mul(t0, t2, t3);
  Sub(x3, x3, t0);
  Mul(z3, t2, t1);
  Add(z3, z3, z3);
  Add(z3, z3, z3);
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

void GostArithmetic::MultiplyTwo(ProjectivePoint& out, const Mpi& k1,
                                 const ProjectivePoint& p1, const Mpi& k2,
                                 const ProjectivePoint& p2) {
  // table[i] = bit0(i) * p1 + bit1(i) * p2 for i = 1, 2, 3.
  std::array<ProjectivePoint, 4> table;
  Copy(table[1], p1);
  Copy(table[2], p2);
  AddPoints(table[3], p1, p2);
  SetInfinity(out);
  const size_t num_bits = std::max(k1.BitLength(), k2.BitLength());
  for (size_t i = num_bits; i > 0; --i) {
    DoublePoint(out, out);
    const int index = mbedtls_mpi_get_bit(k1.get(), i - 1) |
                      (mbedtls_mpi_get_bit(k2.get(), i - 1) << 1);
    if (index != 0) {
      AddPoints(out, out, table[index]);
    }
  }
}

void GostArithmetic::ToAffine(Mpi& x, Mpi& y, const ProjectivePoint& point) {
  Mpi z_inverse;
  status_.Check(
      mbedtls_mpi_inv_mod(z_inverse.get(), point.z.get(), group_.p().get()));
  Mul(x, point.x, z_inverse);
  Mul(y, point.y, z_inverse);
}

bool GostArithmetic::IsOnCurve(const Mpi& x, const Mpi& y) {
  Mpi left;
  Mpi right;
  Mpi term;
  Mul(left, y, y);
  Mul(right, x, x);
  Mul(right, right, x);
  Mul(term, group_.a(), x);
  Add(right, right, term);
  Add(right, right, group_.b());
  return status_.ok() && left.Compare(right) == 0;
}

}  // namespace tinysign::crypto::internal
