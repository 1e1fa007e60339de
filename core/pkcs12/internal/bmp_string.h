// Conversion between the BMPString of PKCS#12 friendlyName attributes and
// UTF-8.
#ifndef TINYSIGN_CORE_PKCS12_INTERNAL_BMP_STRING_H_
#define TINYSIGN_CORE_PKCS12_INTERNAL_BMP_STRING_H_

#include <string>
#include <string_view>

#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::pkcs12::internal {

// BmpStringToUtf8 converts BMPString contents (UTF-16 big-endian code units
// of the Basic Multilingual Plane) to UTF-8. It fails with
// `der.bad_string` for an odd length or a surrogate code unit.
Result<std::string> BmpStringToUtf8(der::Input bmp_string);

// Utf8ToBmpString converts UTF-8 to BMPString contents. It fails with
// `der.bad_string` for invalid UTF-8 or characters above U+FFFF.
Result<Bytes> Utf8ToBmpString(std::string_view utf8);

}  // namespace tinysign::pkcs12::internal

#endif  // TINYSIGN_CORE_PKCS12_INTERNAL_BMP_STRING_H_
