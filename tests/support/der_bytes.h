// Small builders for hand-made DER in tests.
#ifndef TINYSIGN_TESTS_SUPPORT_DER_BYTES_H_
#define TINYSIGN_TESTS_SUPPORT_DER_BYTES_H_

#include <gtest/gtest.h>

#include <initializer_list>
#include <string_view>

#include "core/der/input.h"
#include "core/der/writer.h"
#include "core/encoding/input_form.h"

namespace tinysign::testing {

// Tlv encodes `value` under tag `tag`.
inline Bytes Tlv(uint8_t tag, const Bytes& value) {
  der::Writer writer;
  writer.AddTlv(tag, value);
  return writer.Take();
}

// Concat joins encodings in order.
inline Bytes Concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& part : parts) {
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

// Text returns the bytes of `text`.
inline Bytes Text(std::string_view text) {
  return Bytes(text.begin(), text.end());
}

// Hex decodes `hex`; a malformed literal fails the current test.
inline Bytes Hex(std::string_view hex) {
  auto bytes = encoding::HexDecode(hex);
  EXPECT_TRUE(bytes.has_value()) << hex;
  return bytes.has_value() ? *bytes : Bytes();
}

}  // namespace tinysign::testing

#endif  // TINYSIGN_TESTS_SUPPORT_DER_BYTES_H_
