#include "core/pkcs12/internal/bmp_string.h"

#include <span>

#include "core/crypto/pkcs12_pbe.h"

namespace tinysign::pkcs12::internal {

Result<std::string> BmpStringToUtf8(der::Input bmp_string) {
  const std::span<const uint8_t> bytes = bmp_string.span();
  if (bytes.size() % 2 != 0) {
    return Fail(ErrorCode::kDerBadString, "BMPString of odd length");
  }
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 2) {
    const uint32_t unit = (uint32_t{bytes[i]} << 8) | bytes[i + 1];
    if (unit >= 0xd800 && unit <= 0xdfff) {
      return Fail(ErrorCode::kDerBadString, "surrogate in BMPString");
    }
    if (unit < 0x80) {
      out.push_back(static_cast<char>(unit));
    } else if (unit < 0x800) {
      out.push_back(static_cast<char>(0xc0 | (unit >> 6)));
      out.push_back(static_cast<char>(0x80 | (unit & 0x3f)));
    } else {
      out.push_back(static_cast<char>(0xe0 | (unit >> 12)));
      out.push_back(static_cast<char>(0x80 | ((unit >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (unit & 0x3f)));
    }
  }
  return out;
}

Result<Bytes> Utf8ToBmpString(std::string_view utf8) {
  // The PKCS#12 password encoding is the same conversion plus a two-byte
  // terminator.
  Result<Bytes> terminated = crypto::EncodePkcs12Password(utf8);
  if (!terminated.has_value()) {
    return Fail(ErrorCode::kDerBadString,
                "text is not UTF-8 within the Basic Multilingual Plane");
  }
  terminated->resize(terminated->size() - 2);
  return std::move(terminated).value();
}

}  // namespace tinysign::pkcs12::internal
