#include "core/crypto/gost_signature.h"

#include <optional>
#include <string>
#include <utility>

#include "core/crypto/internal/gost_point.h"
#include "core/crypto/internal/mpi.h"

namespace tinysign::crypto {

namespace {

using internal::GostArithmetic;
using internal::GostGroup;
using internal::Mpi;
using internal::MpiStatus;
using internal::ProjectivePoint;

// How many nonces SignGost draws before giving up. r = 0 or s = 0 has
// probability about 2/q per draw, so a second draw is already
// astronomically rare; more than a few means a broken random source.
constexpr int kMaxSigningAttempts = 8;

Error BadPublicKey(const GostCurveParams& curve, std::string_view reason) {
  return Fail(ErrorCode::kCryptoBadPublicKey,
              std::string(reason) + " (" + std::string(curve.name) + ")");
}

// ReduceDigestInteger sets `out` to e mod q, or 1 when that is 0, as both
// GOST R 34.10 signing and verification do.
void ReduceDigestInteger(Mpi& out, const Mpi& e, const GostGroup& group,
                         MpiStatus& status) {
  status.Check(mbedtls_mpi_mod_mpi(out.get(), e.get(), group.q().get()));
  if (out.IsZero()) {
    status.Check(mbedtls_mpi_lset(out.get(), 1));
  }
}

// IsScalarInRange returns true when 0 < value < q.
bool IsScalarInRange(const Mpi& value, const GostGroup& group) {
  return !value.IsZero() && value.Compare(group.q()) < 0;
}

Result<Mpi> ReadPrivateScalar(const GostPrivateKey& key,
                              const GostGroup& group) {
  if (key.d.size() != group.params().coordinate_bytes) {
    return Fail(ErrorCode::kCryptoBadPrivateKey,
                "private key has " + std::to_string(key.d.size()) +
                    " bytes, expected " +
                    std::to_string(group.params().coordinate_bytes));
  }
  TINYSIGN_ASSIGN_OR_RETURN(Mpi d, internal::MpiFromBigEndian(key.d));
  if (!IsScalarInRange(d, group)) {
    return Fail(ErrorCode::kCryptoBadPrivateKey,
                "private key is not in [1, q-1]");
  }
  return d;
}

// MultiplyBase returns the affine x coordinate of k*G, or both coordinates
// when `y` is not null, computed with the ladder because k is secret.
Status MultiplyBase(GostArithmetic& arithmetic, const Mpi& k, Mpi& x, Mpi* y) {
  ProjectivePoint base;
  ProjectivePoint product;
  arithmetic.SetGenerator(base);
  arithmetic.MultiplyLadder(product, k, base);
  Mpi y_value;
  arithmetic.ToAffine(x, y != nullptr ? *y : y_value, product);
  return arithmetic.status().ToStatus("GOST scalar multiplication");
}

// SignWithScalars computes the GOST R 34.10 pair r = x(k*G) mod q and
// s = (r*d + k*e) mod q. `signature` is left empty
// when r or s is 0, so that the caller draws another k.
Status SignWithScalars(const GostGroup& group, const Mpi& d, const Mpi& e,
                       const Mpi& k, GostSignature& signature) {
  GostArithmetic arithmetic(group);
  Mpi x;
  TINYSIGN_TRY(MultiplyBase(arithmetic, k, x, nullptr));
  MpiStatus status;
  Mpi r;
  status.Check(mbedtls_mpi_mod_mpi(r.get(), x.get(), group.q().get()));
  Mpi rd;
  Mpi ke;
  Mpi s;
  status.Check(mbedtls_mpi_mul_mpi(rd.get(), r.get(), d.get()));
  status.Check(mbedtls_mpi_mul_mpi(ke.get(), k.get(), e.get()));
  status.Check(mbedtls_mpi_add_mpi(s.get(), rd.get(), ke.get()));
  status.Check(mbedtls_mpi_mod_mpi(s.get(), s.get(), group.q().get()));
  TINYSIGN_TRY(status.ToStatus("GOST signing"));
  signature = GostSignature{};
  if (r.IsZero() || s.IsZero()) {
    return OkStatus();
  }
  const size_t size = group.params().coordinate_bytes;
  TINYSIGN_ASSIGN_OR_RETURN(signature.r, internal::MpiToBigEndian(r, size));
  TINYSIGN_ASSIGN_OR_RETURN(signature.s, internal::MpiToBigEndian(s, size));
  return OkStatus();
}

Result<Mpi> DrawScalar(const GostGroup& group, RandomSource& random) {
  internal::RandomAdapter adapter{&random};
  Mpi value;
  const int rc = mbedtls_mpi_random(value.get(), 1, group.q().get(),
                                    &internal::MbedtlsRandom, &adapter);
  if (adapter.failed) {
    return Fail(ErrorCode::kCryptoRandomFailed, "drawing a GOST scalar");
  }
  if (rc != 0) {
    return internal::MbedtlsFailure("mbedtls_mpi_random", rc);
  }
  return value;
}

// ComputeVerificationX returns x_C mod q for C = z1*G + z2*Q, or
// nothing when C is the point at infinity.
Result<std::optional<Mpi>> ComputeVerificationX(const GostGroup& group,
                                                const Mpi& qx, const Mpi& qy,
                                                const Mpi& e, const Mpi& r,
                                                const Mpi& s) {
  MpiStatus status;
  Mpi v;
  Mpi z1;
  Mpi z2;
  status.Check(mbedtls_mpi_inv_mod(v.get(), e.get(), group.q().get()));
  status.Check(mbedtls_mpi_mul_mpi(z1.get(), s.get(), v.get()));
  status.Check(mbedtls_mpi_mod_mpi(z1.get(), z1.get(), group.q().get()));
  status.Check(mbedtls_mpi_mul_mpi(z2.get(), r.get(), v.get()));
  status.Check(mbedtls_mpi_mod_mpi(z2.get(), z2.get(), group.q().get()));
  if (!z2.IsZero()) {
    status.Check(mbedtls_mpi_sub_mpi(z2.get(), group.q().get(), z2.get()));
  }
  TINYSIGN_TRY(status.ToStatus("GOST verification"));

  GostArithmetic arithmetic(group);
  ProjectivePoint base;
  ProjectivePoint key;
  ProjectivePoint sum;
  arithmetic.SetGenerator(base);
  arithmetic.SetAffine(key, qx, qy);
  arithmetic.MultiplyTwo(sum, z1, base, z2, key);
  if (arithmetic.IsInfinity(sum)) {
    TINYSIGN_TRY(arithmetic.status().ToStatus("GOST verification"));
    return std::optional<Mpi>();
  }
  Mpi x;
  Mpi y;
  arithmetic.ToAffine(x, y, sum);
  arithmetic.status().Check(
      mbedtls_mpi_mod_mpi(x.get(), x.get(), group.q().get()));
  TINYSIGN_TRY(arithmetic.status().ToStatus("GOST verification"));
  return std::optional<Mpi>(std::move(x));
}

}  // namespace

Status ValidateGostPublicKey(const GostPublicKey& key) {
  TINYSIGN_ASSIGN_OR_RETURN(const GostGroup* group, GostGroup::Get(key.curve));
  const GostCurveParams& params = group->params();
  if (key.x.size() != params.coordinate_bytes ||
      key.y.size() != params.coordinate_bytes) {
    return BadPublicKey(params, "public key coordinates have the wrong length");
  }
  TINYSIGN_ASSIGN_OR_RETURN(Mpi x, internal::MpiFromBigEndian(key.x));
  TINYSIGN_ASSIGN_OR_RETURN(Mpi y, internal::MpiFromBigEndian(key.y));
  if (x.Compare(group->p()) >= 0 || y.Compare(group->p()) >= 0) {
    return BadPublicKey(params, "public key coordinate is not below p");
  }
  GostArithmetic arithmetic(*group);
  if (!arithmetic.IsOnCurve(x, y)) {
    TINYSIGN_TRY(arithmetic.status().ToStatus("GOST key validation"));
    return BadPublicKey(params, "public key point is not on the curve");
  }
  if (params.cofactor != 1) {
    // On a curve with cofactor h, a point of order h or h*q would let a
    // crafted key confine results to a small subgroup.
    ProjectivePoint point;
    ProjectivePoint product;
    arithmetic.SetAffine(point, x, y);
    arithmetic.MultiplyLadder(product, group->q(), point);
    TINYSIGN_TRY(arithmetic.status().ToStatus("GOST key validation"));
    if (!arithmetic.IsInfinity(product)) {
      return BadPublicKey(params, "public key point is not of order q");
    }
  }
  return OkStatus();
}

Status VerifyGostSignature(const GostPublicKey& key, der::Input e,
                           const GostSignature& signature) {
  TINYSIGN_TRY(ValidateGostPublicKey(key));
  TINYSIGN_ASSIGN_OR_RETURN(const GostGroup* group, GostGroup::Get(key.curve));
  TINYSIGN_ASSIGN_OR_RETURN(Mpi r, internal::MpiFromBigEndian(signature.r));
  TINYSIGN_ASSIGN_OR_RETURN(Mpi s, internal::MpiFromBigEndian(signature.s));
  // GOST R 34.10 verification rejects the signature unless 0 < r, s < q.
  if (!IsScalarInRange(r, *group) || !IsScalarInRange(s, *group)) {
    return Fail(ErrorCode::kCryptoSignatureMismatch,
                "r or s is not in [1, q-1]");
  }
  TINYSIGN_ASSIGN_OR_RETURN(Mpi e_value, internal::MpiFromBigEndian(e));
  MpiStatus status;
  Mpi e_reduced;
  ReduceDigestInteger(e_reduced, e_value, *group, status);
  TINYSIGN_TRY(status.ToStatus("GOST verification"));
  TINYSIGN_ASSIGN_OR_RETURN(Mpi qx, internal::MpiFromBigEndian(key.x));
  TINYSIGN_ASSIGN_OR_RETURN(Mpi qy, internal::MpiFromBigEndian(key.y));
  TINYSIGN_ASSIGN_OR_RETURN(
      std::optional<Mpi> x,
      ComputeVerificationX(*group, qx, qy, e_reduced, r, s));
  if (!x.has_value() || x->Compare(r) != 0) {
    return Fail(ErrorCode::kCryptoSignatureMismatch,
                std::string(group->params().name));
  }
  return OkStatus();
}

Result<GostSignature> SignGost(const GostPrivateKey& key, der::Input e,
                               RandomSource& random) {
  TINYSIGN_ASSIGN_OR_RETURN(const GostGroup* group, GostGroup::Get(key.curve));
  TINYSIGN_ASSIGN_OR_RETURN(Mpi d, ReadPrivateScalar(key, *group));
  TINYSIGN_ASSIGN_OR_RETURN(Mpi e_value, internal::MpiFromBigEndian(e));
  MpiStatus status;
  Mpi e_reduced;
  ReduceDigestInteger(e_reduced, e_value, *group, status);
  TINYSIGN_TRY(status.ToStatus("GOST signing"));
  for (int attempt = 0; attempt < kMaxSigningAttempts; ++attempt) {
    TINYSIGN_ASSIGN_OR_RETURN(Mpi k, DrawScalar(*group, random));
    GostSignature signature;
    TINYSIGN_TRY(SignWithScalars(*group, d, e_reduced, k, signature));
    if (!signature.r.empty()) {
      return signature;
    }
  }
  return Fail(ErrorCode::kCryptoRandomFailed,
              "every nonce drawn gave r = 0 or s = 0");
}

Result<GostSignature> SignGostWithNonce(const GostPrivateKey& key, der::Input e,
                                        der::Input k) {
  TINYSIGN_ASSIGN_OR_RETURN(const GostGroup* group, GostGroup::Get(key.curve));
  TINYSIGN_ASSIGN_OR_RETURN(Mpi d, ReadPrivateScalar(key, *group));
  TINYSIGN_ASSIGN_OR_RETURN(Mpi e_value, internal::MpiFromBigEndian(e));
  TINYSIGN_ASSIGN_OR_RETURN(Mpi k_value, internal::MpiFromBigEndian(k));
  if (!IsScalarInRange(k_value, *group)) {
    return Fail(ErrorCode::kCryptoBadParameters, "nonce is not in [1, q-1]");
  }
  MpiStatus status;
  Mpi e_reduced;
  ReduceDigestInteger(e_reduced, e_value, *group, status);
  TINYSIGN_TRY(status.ToStatus("GOST signing"));
  GostSignature signature;
  TINYSIGN_TRY(SignWithScalars(*group, d, e_reduced, k_value, signature));
  if (signature.r.empty()) {
    return Fail(ErrorCode::kCryptoBadParameters, "nonce gives r = 0 or s = 0");
  }
  return signature;
}

Result<GostPrivateKey> GenerateGostPrivateKey(GostCurveId curve,
                                              RandomSource& random) {
  TINYSIGN_ASSIGN_OR_RETURN(const GostGroup* group, GostGroup::Get(curve));
  TINYSIGN_ASSIGN_OR_RETURN(Mpi d, DrawScalar(*group, random));
  GostPrivateKey key;
  key.curve = curve;
  TINYSIGN_ASSIGN_OR_RETURN(
      key.d, internal::MpiToBigEndian(d, group->params().coordinate_bytes));
  return key;
}

Result<GostPublicKey> DeriveGostPublicKey(const GostPrivateKey& key) {
  TINYSIGN_ASSIGN_OR_RETURN(const GostGroup* group, GostGroup::Get(key.curve));
  TINYSIGN_ASSIGN_OR_RETURN(Mpi d, ReadPrivateScalar(key, *group));
  GostArithmetic arithmetic(*group);
  Mpi x;
  Mpi y;
  TINYSIGN_TRY(MultiplyBase(arithmetic, d, x, &y));
  const size_t size = group->params().coordinate_bytes;
  GostPublicKey public_key;
  public_key.curve = key.curve;
  TINYSIGN_ASSIGN_OR_RETURN(public_key.x, internal::MpiToBigEndian(x, size));
  TINYSIGN_ASSIGN_OR_RETURN(public_key.y, internal::MpiToBigEndian(y, size));
  return public_key;
}

Status CheckGostCurve(GostCurveId curve) {
  TINYSIGN_ASSIGN_OR_RETURN(const GostGroup* group, GostGroup::Get(curve));
  const std::string name(group->params().name);
  GostArithmetic arithmetic(*group);
  if (!arithmetic.IsOnCurve(group->gx(), group->gy())) {
    TINYSIGN_TRY(arithmetic.status().ToStatus("GOST curve check"));
    return Fail(ErrorCode::kInternal, "base point is not on " + name);
  }
  ProjectivePoint base;
  ProjectivePoint product;
  arithmetic.SetGenerator(base);
  arithmetic.MultiplyLadder(product, group->q(), base);
  TINYSIGN_TRY(arithmetic.status().ToStatus("GOST curve check"));
  if (!arithmetic.IsInfinity(product)) {
    return Fail(ErrorCode::kInternal, "q * G is not infinity on " + name);
  }
  return OkStatus();
}

}  // namespace tinysign::crypto
