// Helpers shared by the hash tests: hex conversion, random inputs and
// random ways to cut an input into `Update` calls.
#ifndef TINYSIGN_TESTS_CORE_CRYPTO_DIGEST_TEST_SUPPORT_H_
#define TINYSIGN_TESTS_CORE_CRYPTO_DIGEST_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/der/input.h"
#include "core/der/reader.h"
#include "core/encoding/input_form.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"

namespace tinysign::testing {

// Unhex decodes `hex` and fails the current test when `hex` is invalid.
inline Bytes Unhex(std::string_view hex) {
  Result<Bytes> bytes = encoding::HexDecode(hex);
  EXPECT_TRUE(bytes.has_value()) << "invalid hex in test: " << hex;
  return bytes.has_value() ? *bytes : Bytes();
}

inline std::string Hex(const Bytes& bytes) {
  return encoding::HexEncode(bytes);
}

inline der::Input Text(std::string_view text) { return der::Input(text); }

// RandomBytes returns `len` bytes from `rng`.
inline Bytes RandomBytes(std::mt19937& rng, size_t len) {
  std::uniform_int_distribution<int> byte(0, 255);
  Bytes bytes(len);
  for (uint8_t& b : bytes) {
    b = static_cast<uint8_t>(byte(rng));
  }
  return bytes;
}

// RandomSplit cuts `data` into consecutive pieces whose concatenation is
// `data`. The pieces mix empty, tiny, block-sized and large lengths, so that
// hashes see partial blocks, exact blocks and blocks that straddle calls.
inline std::vector<der::Input> RandomSplit(der::Input data, std::mt19937& rng) {
  std::uniform_int_distribution<int> kind(0, 3);
  std::vector<der::Input> pieces;
  std::span<const uint8_t> rest = data.span();
  while (!rest.empty()) {
    size_t max_len = 0;
    switch (kind(rng)) {
      case 0:
        max_len = 3;
        break;
      case 1:
        max_len = 70;
        break;
      case 2:
        max_len = 300;
        break;
      default:
        max_len = rest.size();
        break;
    }
    std::uniform_int_distribution<size_t> length(0, max_len);
    const size_t piece_len = std::min(length(rng), rest.size());
    pieces.emplace_back(rest.first(piece_len));
    rest = rest.subspan(piece_len);
  }
  pieces.emplace_back();  // A trailing empty Update must change nothing.
  return pieces;
}

// kSplitTestLengths are input lengths around the 32- and 64-byte blocks,
// including the empty input.
inline constexpr size_t kSplitTestLengths[] = {
    0, 1, 31, 32, 33, 63, 64, 65, 95, 96, 97, 127, 128, 129, 1000, 4099};

// ReadTbsCertificate returns the DER of the tbsCertificate of the PEM or DER
// certificate at `relative` in the fixtures folder.
inline Bytes ReadTbsCertificate(const std::string& relative) {
  const Bytes file = ReadFileBytes(FixturePath(relative));
  Result<Bytes> certificate = encoding::NormalizeToDer(file);
  EXPECT_TRUE(certificate.has_value()) << relative;
  if (!certificate.has_value()) {
    return {};
  }
  der::Reader outer(*certificate);
  Result<der::Reader> sequence = outer.ReadSequence();
  EXPECT_TRUE(sequence.has_value()) << relative;
  if (!sequence.has_value()) {
    return {};
  }
  Result<der::Input> tbs = sequence->ReadTlv(der::tag::kSequence);
  EXPECT_TRUE(tbs.has_value()) << relative;
  return tbs.has_value() ? tbs->ToBytes() : Bytes();
}

}  // namespace tinysign::testing

#endif  // TINYSIGN_TESTS_CORE_CRYPTO_DIGEST_TEST_SUPPORT_H_
