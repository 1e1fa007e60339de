#include "core/crypto/internal/gost_group.h"

#include <vector>

namespace tinysign::crypto::internal {

namespace {

// Largest c for which p = 2^k - c takes the special reduction. It keeps
// c * (c + 1) far below one limb, which the reduction relies on.
constexpr mbedtls_mpi_uint kMaxSpecialC = 1 << 16;
constexpr size_t kLimbBits = 8 * sizeof(mbedtls_mpi_uint);

// FindSpecialC returns c when p = 2^bitlen(p) - c with c < kMaxSpecialC,
// and 0 otherwise.
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

  TINYSIGN_ASSIGN_OR_RETURN(mbedtls_mpi_uint c, FindSpecialC(group.p_));
  const size_t p_bits = group.p_.BitLength();
  if (c != 0 && p_bits % kLimbBits == 0) {
    group.special_c_ = c;
    group.special_limbs_ = p_bits / kLimbBits;
  }
  return group;
}

Result<const GostGroup*> GostGroup::Get(GostCurveId id) {
  // Built once. C++ makes the initialisation of a function-local static
  // safe even when two threads reach it first at the same time.
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

}  // namespace tinysign::crypto::internal
