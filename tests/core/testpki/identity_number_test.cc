// IIN and BIN check digits. The expected digits are worked out by hand
// with the weights 1..11 (and 3..11, 1, 2 when the first sum gives 10).
#include "testpki/identity_number.h"

#include <gtest/gtest.h>

#include <string>

namespace tinysign::testpki {
namespace {

TEST(IdentityNumberTest, CheckDigitFirstWeights) {
  // 8*1 + 4*2 + 0*3 + 7*4 + 0*5 + 1*6 + 4*7 + 8*8 + 9*9 + 6*10 + 3*11
  // = 316, and 316 mod 11 = 8.
  EXPECT_EQ(IdentityCheckDigit("84070148963"), 8);
}

TEST(IdentityNumberTest, CheckDigitSecondWeights) {
  // A 1 in position 10: the first sum is 10, so the second weights apply,
  // where position 10 weighs 1, giving 1.
  EXPECT_EQ(IdentityCheckDigit("00000000010"), 1);
}

TEST(IdentityNumberTest, NoCheckDigit) {
  // 2 in position 1 and 9 in position 7: first sum 2 + 63 = 65 = 10 mod
  // 11, second sum 2*3 + 9*9 = 87 = 10 mod 11.
  EXPECT_FALSE(IdentityCheckDigit("20000090000"));
}

TEST(IdentityNumberTest, DerivedNumbersAreValid) {
  for (const std::string seed : {"a", "b", "c", "d", "e", "f", "g", "h"}) {
    for (const std::string& number : {DeriveIin(seed), DeriveBin(seed)}) {
      ASSERT_EQ(number.size(), 12u) << number;
      const auto check = IdentityCheckDigit(number.substr(0, 11));
      ASSERT_TRUE(check) << number;
      EXPECT_EQ(number[11] - '0', *check) << number;
    }
  }
  EXPECT_EQ(DeriveIin("a"), DeriveIin("a"));
  EXPECT_NE(DeriveIin("a"), DeriveIin("b"));
}

}  // namespace
}  // namespace tinysign::testpki
