#include "core/crypto/gost_curve.h"

#include <gtest/gtest.h>

#include "core/crypto/gost_signature.h"
#include "core/der/oid.h"

namespace tinysign::crypto {
namespace {

TEST(GostCurveTest, BasePointOnCurveWithOrderQ) {
  for (GostCurveId curve : AllGostCurves()) {
    auto status = CheckGostCurve(curve);
    EXPECT_TRUE(status.has_value())
        << GetGostCurveParams(curve).name << ": " << status.error().ToString();
  }
}

TEST(GostCurveTest, NucOidsNameRussianCurves) {
  // NUC's curve OIDs and the Russian ones name the same curves.
  const struct {
    std::string_view dotted;
    GostCurveId curve;
  } kCases[] = {
      {"1.2.398.3.10.1.1.1.1.1", GostCurveId::kCryptoProA},
      {"1.2.643.2.2.35.1", GostCurveId::kCryptoProA},
      {"1.2.398.3.10.1.1.2.2.1", GostCurveId::kTc26Gost512ParamSetA},
      {"1.2.643.7.1.2.1.2.1", GostCurveId::kTc26Gost512ParamSetA},
      {"1.2.398.3.10.1.1.2.1.1", GostCurveId::kTc26Gost256ParamSetA},
      {"1.2.643.7.1.2.1.1.1", GostCurveId::kTc26Gost256ParamSetA},
      {"1.2.643.2.2.35.0", GostCurveId::kGost2001TestParamSet},
  };
  for (const auto& test_case : kCases) {
    auto oid = der::OidFromString(test_case.dotted);
    ASSERT_TRUE(oid.has_value());
    auto curve = FindGostCurveByOid(*oid);
    ASSERT_TRUE(curve.has_value()) << test_case.dotted;
    EXPECT_EQ(*curve, test_case.curve) << test_case.dotted;
  }
}

TEST(GostCurveTest, UnknownOidFindsNothing) {
  // id-GostR3410-2001-CryptoPro-B-ParamSet is not supported.
  auto oid = der::OidFromString("1.2.643.2.2.35.2");
  ASSERT_TRUE(oid.has_value());
  EXPECT_FALSE(FindGostCurveByOid(*oid).has_value());
}

TEST(GostCurveTest, CoordinateSizes) {
  EXPECT_EQ(GetGostCurveParams(GostCurveId::kCryptoProA).coordinate_bytes, 32u);
  EXPECT_EQ(
      GetGostCurveParams(GostCurveId::kTc26Gost512ParamSetA).coordinate_bytes,
      64u);
  EXPECT_EQ(
      GetGostCurveParams(GostCurveId::kTc26Gost256ParamSetA).coordinate_bytes,
      32u);
  EXPECT_EQ(GetGostCurveParams(GostCurveId::kTc26Gost256ParamSetA).cofactor,
            4u);
}

}  // namespace
}  // namespace tinysign::crypto
