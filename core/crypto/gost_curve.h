// The elliptic curves of GOST R 34.10-2001/2012 (ГОСТ 34.310-2004 and
// ГОСТ 34.10-2015 in Kazakhstan) that TinySign supports, and their OIDs.
//
// NUC (Kazakhstan) gives the Russian curves its own OIDs. Each curve is
// listed once, with every OID that names it:
//   - CryptoPro-A: NUC's GOST 2004 curve 1.2.398.3.10.1.1.1.1.1 and
//     id-GostR3410-2001-CryptoPro-A-ParamSet 1.2.643.2.2.35.1 (RFC 4357).
//   - tc26-512-paramSetA: NUC's GOST 2015-512 curve 1.2.398.3.10.1.1.2.2.1
//     and id-tc26-gost-3410-12-512-paramSetA 1.2.643.7.1.2.1.2.1.
//   - tc26-256-paramSetA: NUC's GOST 2015-256 curve 1.2.398.3.10.1.1.2.1.1
//     (see the NOTE below) and id-tc26-gost-3410-2012-256-paramSetA
//     1.2.643.7.1.2.1.1.1.
//   - The test curves of the RFC 5832 and RFC 7091 examples, for tests.
// Every NUC GOST 2004 key in the sample files lies on CryptoPro-A and every
// GOST 2015 key on tc26-512-paramSetA, and their signatures verify.
#ifndef TINYSIGN_CORE_CRYPTO_GOST_CURVE_H_
#define TINYSIGN_CORE_CRYPTO_GOST_CURVE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/der/input.h"
#include "core/der/oid.h"

namespace tinysign::crypto {

enum class GostCurveId {
  kCryptoProA,
  kTc26Gost512ParamSetA,
  kTc26Gost256ParamSetA,
  // id-GostR3410-2001-TestParamSet, the curve of the RFC 5832 example.
  kGost2001TestParamSet,
  // The 512-bit curve of the RFC 7091 example 2; it has no OID.
  kGost2012Test512,
};

// GostCurveParams is one curve y^2 = x^3 + a*x + b over GF(p) with a base
// point (x, y) of prime order q. Numbers are big-endian hexadecimal.
struct GostCurveParams {
  GostCurveId id;
  // Name for messages, such as "id-GostR3410-2001-CryptoPro-A-ParamSet".
  std::string_view name;
  // Length in bytes of each public key coordinate, of the private key, and
  // of each of r and s: 32 or 64.
  size_t coordinate_bytes;
  // The curve order is cofactor * q.
  uint32_t cofactor;
  std::string_view p;
  std::string_view a;
  std::string_view b;
  std::string_view q;
  std::string_view x;
  std::string_view y;
};

// GetGostCurveParams returns the parameters of `id`.
const GostCurveParams& GetGostCurveParams(GostCurveId id);

// AllGostCurves lists every curve, for tests and checks.
std::span<const GostCurveId> AllGostCurves();

// FindGostCurveByOid returns the curve that OBJECT IDENTIFIER contents `oid`
// name (NUC or Russian OID), or nothing for an unknown OID.
std::optional<GostCurveId> FindGostCurveByOid(der::Input oid);

namespace oid {

// NUC GOST 2004 curve, 1.2.398.3.10.1.1.1.1.1: the same curve as CryptoPro-A.
inline constexpr der::Oid kKzGost2004Curve("1.2.398.3.10.1.1.1.1.1");
// id-GostR3410-2001-CryptoPro-A-ParamSet, 1.2.643.2.2.35.1 (RFC 4357).
inline constexpr der::Oid kCryptoProA("1.2.643.2.2.35.1");
// NUC GOST 2015-512 curve, 1.2.398.3.10.1.1.2.2.1: tc26-512-paramSetA.
inline constexpr der::Oid kKzGost2015Curve512("1.2.398.3.10.1.1.2.2.1");
// id-tc26-gost-3410-12-512-paramSetA, 1.2.643.7.1.2.1.2.1 (TC 26).
inline constexpr der::Oid kTc26Gost512ParamSetA("1.2.643.7.1.2.1.2.1");
// NUC GOST 2015-256 curve, 1.2.398.3.10.1.1.2.1.1.
// NOTE: that this is tc26-256-paramSetA comes from third-party code only;
// no NUC key on this curve has been seen.
inline constexpr der::Oid kKzGost2015Curve256("1.2.398.3.10.1.1.2.1.1");
// id-tc26-gost-3410-2012-256-paramSetA, 1.2.643.7.1.2.1.1.1 (TC 26).
inline constexpr der::Oid kTc26Gost256ParamSetA("1.2.643.7.1.2.1.1.1");
// id-GostR3410-2001-TestParamSet, 1.2.643.2.2.35.0 (RFC 4357).
inline constexpr der::Oid kGost2001TestParamSet("1.2.643.2.2.35.0");

}  // namespace oid

}  // namespace tinysign::crypto

#endif  // TINYSIGN_CORE_CRYPTO_GOST_CURVE_H_
