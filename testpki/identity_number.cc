#include "testpki/identity_number.h"

#include <cstdint>
#include <span>

#include "core/der/input.h"
#include "pki/certificate_builder.h"

namespace tinysign::testpki {

namespace {

// DigitSource hands out decimal digits from a seeded byte stream.
class DigitSource {
 public:
  explicit DigitSource(std::string_view seed) : random_(seed) {}

  // Next returns a number in [0, limit), with a bias that test data can
  // live with.
  int Next(int limit) {
    uint8_t byte = 0;
    (void)random_.Generate(std::span<uint8_t>(&byte, 1));
    return byte % limit;
  }

  std::string Digits(int count) {
    std::string out;
    for (int i = 0; i < count; ++i) {
      out += static_cast<char>('0' + Next(10));
    }
    return out;
  }

 private:
  pki::DeterministicRandom random_;
};

std::string TwoDigits(int value) {
  return std::string(1, static_cast<char>('0' + value / 10)) +
         static_cast<char>('0' + value % 10);
}

// CompleteWithCheckDigit appends serial digits from `source` to `prefix`
// until the 11 digits have a check digit, then appends it.
std::string CompleteWithCheckDigit(const std::string& prefix,
                                   DigitSource& source) {
  while (true) {
    const std::string digits =
        prefix + source.Digits(11 - static_cast<int>(prefix.size()));
    if (auto check = IdentityCheckDigit(digits)) {
      return digits + static_cast<char>('0' + *check);
    }
  }
}

}  // namespace

std::optional<int> IdentityCheckDigit(std::string_view digits) {
  int sum = 0;
  for (int i = 0; i < 11; ++i) {
    sum += (digits[i] - '0') * (i + 1);
  }
  if (sum % 11 != 10) {
    return sum % 11;
  }
  sum = 0;
  for (int i = 0; i < 11; ++i) {
    sum += (digits[i] - '0') * ((i + 2) % 11 + 1);
  }
  if (sum % 11 != 10) {
    return sum % 11;
  }
  return std::nullopt;
}

std::string DeriveIin(std::string_view seed) {
  DigitSource source(std::string("iin/") + std::string(seed));
  // Digit 7 is 3 for a man and 4 for a woman born in the 20th century.
  const std::string prefix =
      "8" + std::to_string(source.Next(10)) + TwoDigits(1 + source.Next(12)) +
      TwoDigits(1 + source.Next(28)) + std::to_string(3 + source.Next(2));
  return CompleteWithCheckDigit(prefix, source);
}

std::string DeriveBin(std::string_view seed) {
  DigitSource source(std::string("bin/") + std::string(seed));
  const std::string prefix =
      TwoDigits(10 + source.Next(15)) + TwoDigits(1 + source.Next(12)) + "40";
  return CompleteWithCheckDigit(prefix, source);
}

}  // namespace tinysign::testpki
