// ASN.1 character strings decoded to UTF-8, for Name attribute values and
// GeneralName fields.
//
// X.509 names arrive in several string types. NUC certificates use
// UTF8String for Cyrillic text and PrintableString for C, SERIALNUMBER and
// OU. Each
// decoder checks the character set of its type (X.680 section 41) and fails
// with `der.bad_string` on the first character outside it.
//
// Example:
//   auto text = x509::DecodeCharacterString(der::tag::kBmpString, contents);
#ifndef TINYSIGN_CORE_X509_CHARACTER_STRING_H_
#define TINYSIGN_CORE_X509_CHARACTER_STRING_H_

#include <cstdint>
#include <string>

#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::x509 {

// IsCharacterStringTag returns true for the string tags that
// `DecodeCharacterString` reads: UTF8String, PrintableString, IA5String,
// BMPString, UniversalString, TeletexString, NumericString and VisibleString.
bool IsCharacterStringTag(uint8_t tag);

// DecodeCharacterString returns the contents `contents` of a string with tag
// `tag` as UTF-8. It fails with `der.bad_string` when the bytes are not valid
// for the type: invalid UTF-8, a BMPString of odd length or with a lone
// surrogate, a character outside PrintableString, IA5String or NumericString,
// or a code point above U+10FFFF. A tag outside `IsCharacterStringTag` fails
// with `der.unexpected_tag`.
//
// NOTE: TeletexString is read as ISO-8859-1, as OpenSSL and most producers
// treat it; the T.61 escape sequences for other character sets are not
// interpreted.
Result<std::string> DecodeCharacterString(uint8_t tag, der::Input contents);

// DecodeIa5String returns IA5String contents as text; every byte must be
// below 0x80.
Result<std::string> DecodeIa5String(der::Input contents);

}  // namespace tinysign::x509

#endif  // TINYSIGN_CORE_X509_CHARACTER_STRING_H_
