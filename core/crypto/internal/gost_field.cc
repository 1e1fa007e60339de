#include "core/crypto/internal/gost_field.h"

namespace tinysign::crypto::internal {

namespace {

using Limb = mbedtls_mpi_uint;
using DoubleLimb = mbedtls_t_udbl;
constexpr size_t kLimbBits = 8 * sizeof(Limb);

// LimbAt returns limb `i` of `x`, or 0 past its allocated limbs. Mbed TLS
// numbers are the whole limb array, so limbs above the value are 0.
Limb LimbAt(const Mpi& x, size_t i) {
  const mbedtls_mpi& value = *x.get();
  return i < value.n ? value.p[i] : 0;
}

}  // namespace

void GostField::Add(Mpi& r, const Mpi& a, const Mpi& b) {
  const size_t num_limbs = group_.special_limbs();
  if (num_limbs == 0) {
    status_.Check(mbedtls_mpi_add_abs(r.get(), a.get(), b.get()));
    if (r.Compare(group_.p()) >= 0) {
      status_.Check(mbedtls_mpi_sub_abs(r.get(), r.get(), group_.p().get()));
    }
    return;
  }
  if (!PrepareLimbs(r)) {
    return;
  }
  Limb* out = r.get()->p;
  Limb carry = 0;
  for (size_t i = 0; i < num_limbs; ++i) {
    const Limb x = LimbAt(a, i);
    const Limb sum = x + LimbAt(b, i);
    const Limb with_carry = sum + carry;
    carry = static_cast<Limb>(sum < x) | static_cast<Limb>(with_carry < sum);
    out[i] = with_carry;
  }
  SubtractPIfNotBelow(r, carry);
}

void GostField::Sub(Mpi& r, const Mpi& a, const Mpi& b) {
  const size_t num_limbs = group_.special_limbs();
  if (num_limbs == 0) {
    status_.Check(mbedtls_mpi_sub_mpi(r.get(), a.get(), b.get()));
    if (mbedtls_mpi_cmp_int(r.get(), 0) < 0) {
      status_.Check(mbedtls_mpi_add_mpi(r.get(), r.get(), group_.p().get()));
    }
    return;
  }
  if (!PrepareLimbs(r)) {
    return;
  }
  Limb* out = r.get()->p;
  Limb borrow = 0;
  for (size_t i = 0; i < num_limbs; ++i) {
    const Limb x = LimbAt(a, i);
    const Limb y = LimbAt(b, i);
    const Limb difference = x - y;
    const Limb with_borrow = difference - borrow;
    borrow = static_cast<Limb>(x < y) | static_cast<Limb>(difference < borrow);
    out[i] = with_borrow;
  }
  if (borrow == 0) {
    return;
  }
  // a < b: add p back; the carry out of the top limb cancels the borrow.
  Limb carry = 0;
  for (size_t i = 0; i < num_limbs; ++i) {
    const Limb x = out[i];
    const Limb sum = x + LimbAt(group_.p(), i);
    const Limb with_carry = sum + carry;
    carry = static_cast<Limb>(sum < x) | static_cast<Limb>(with_carry < sum);
    out[i] = with_carry;
  }
}

void GostField::Mul(Mpi& r, const Mpi& a, const Mpi& b) {
  status_.Check(mbedtls_mpi_mul_mpi(wide_.get(), a.get(), b.get()));
  Reduce(r);
}

void GostField::MulByA(Mpi& r, const Mpi& v) {
  if (!group_.a_is_minus_3()) {
    Mul(r, group_.a(), v);
    return;
  }
  // a = -3: r = -(v + v + v).
  Add(wide_, v, v);
  Add(wide_, wide_, v);
  Negate(r, wide_);
}

void GostField::Negate(Mpi& r, const Mpi& v) { Sub(r, zero_, v); }

void GostField::Reduce(Mpi& r) {
  if (group_.special_limbs() != 0) {
    ReduceSpecial();
  } else {
    status_.Check(
        mbedtls_mpi_mod_mpi(wide_.get(), wide_.get(), group_.p().get()));
  }
  mbedtls_mpi_swap(r.get(), wide_.get());
}

// ReduceSpecial reduces `wide_` (below p^2) modulo p = 2^k - c. Writing
// wide = high * 2^k + low, 2^k = c (mod p) gives wide = high * c + low,
// which is below (c + 1) * 2^k. Folding the part above 2^k again leaves a
// value below 2^k + c^2, and at most one subtraction of p finishes.
void GostField::ReduceSpecial() {
  const size_t num_limbs = group_.special_limbs();
  const DoubleLimb c = group_.special_c();
  mbedtls_mpi& wide = *wide_.get();
  if (wide.n < 2 * num_limbs) {
    status_.Check(mbedtls_mpi_grow(&wide, 2 * num_limbs));
    if (!status_.ok()) {
      return;
    }
  }
  Limb* limbs = wide.p;
  DoubleLimb carry = 0;
  for (size_t i = 0; i < num_limbs; ++i) {
    const DoubleLimb sum = static_cast<DoubleLimb>(limbs[i]) +
                           static_cast<DoubleLimb>(limbs[num_limbs + i]) * c +
                           carry;
    limbs[i] = static_cast<Limb>(sum);
    carry = sum >> kLimbBits;
  }

  for (size_t i = num_limbs; i < wide.n; ++i) {
    limbs[i] = 0;
  }

  // carry <= c: add carry * c to the low limbs, and repeat while that
  // overflows 2^k again.
  while (carry != 0) {
    DoubleLimb add = carry * c;
    for (size_t i = 0; i < num_limbs && add != 0; ++i) {
      const DoubleLimb sum =
          static_cast<DoubleLimb>(limbs[i]) + static_cast<Limb>(add);
      limbs[i] = static_cast<Limb>(sum);
      add = (add >> kLimbBits) + (sum >> kLimbBits);
    }
    carry = add;
  }
  SubtractPIfNotBelow(wide_, 0);
}

bool GostField::PrepareLimbs(Mpi& r) {
  const size_t num_limbs = group_.special_limbs();
  mbedtls_mpi& value = *r.get();
  if (value.n < num_limbs) {
    status_.Check(mbedtls_mpi_grow(&value, num_limbs));
    if (!status_.ok()) {
      return false;
    }
  }
  for (size_t i = num_limbs; i < value.n; ++i) {
    value.p[i] = 0;
  }
  value.s = 1;
  return true;
}

void GostField::SubtractPIfNotBelow(Mpi& r, Limb carry) {
  const size_t num_limbs = group_.special_limbs();
  Limb* limbs = r.get()->p;
  if (carry == 0) {
    for (size_t i = num_limbs; i > 0; --i) {
      const Limb x = limbs[i - 1];
      const Limb p = LimbAt(group_.p(), i - 1);
      if (x != p) {
        if (x < p) {
          return;
        }
        break;
      }
    }
  }
  Limb borrow = 0;
  for (size_t i = 0; i < num_limbs; ++i) {
    const Limb x = limbs[i];
    const Limb y = LimbAt(group_.p(), i);
    const Limb difference = x - y;
    const Limb with_borrow = difference - borrow;
    borrow = static_cast<Limb>(x < y) | static_cast<Limb>(difference < borrow);
    limbs[i] = with_borrow;
  }
}

}  // namespace tinysign::crypto::internal
