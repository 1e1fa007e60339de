// Kazakh identity numbers for test subjects: the 12-digit IIN of a person
// and BIN of a legal entity, derived from a seed.
#ifndef TINYSIGN_TESTPKI_IDENTITY_NUMBER_H_
#define TINYSIGN_TESTPKI_IDENTITY_NUMBER_H_

#include <optional>
#include <string>
#include <string_view>

namespace tinysign::testpki {

// IdentityCheckDigit returns the 12th digit of an IIN or BIN whose first 11
// digits are `digits`: the weighted sum of the digits with weights 1..11,
// modulo 11, or with weights 3..11, 1, 2 when the first sum gives 10. It
// returns nothing when both give 10, because no check digit exists.
// NOTE: no sample confirms this rule: the IINs in NUC's test certificates,
// such as 123456789011, do not satisfy it.
std::optional<int> IdentityCheckDigit(std::string_view digits);

// DeriveIin returns an IIN for a person born in the 1980s: YYMMDD, a
// century and sex digit, four serial digits and the check digit, all
// derived from `seed`.
std::string DeriveIin(std::string_view seed);

// DeriveBin returns a BIN of a resident legal entity: registration YYMM,
// type digit 4, digit 0, five serial digits and the check digit, derived
// from `seed`.
std::string DeriveBin(std::string_view seed);

}  // namespace tinysign::testpki

#endif  // TINYSIGN_TESTPKI_IDENTITY_NUMBER_H_
