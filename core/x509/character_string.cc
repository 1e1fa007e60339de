#include "core/x509/character_string.h"

#include "core/der/reader.h"
#include "core/der/tag.h"

namespace tinysign::x509 {

namespace {

constexpr uint32_t kMaxCodePoint = 0x10ffff;
constexpr uint32_t kFirstHighSurrogate = 0xd800;
constexpr uint32_t kFirstLowSurrogate = 0xdc00;
constexpr uint32_t kLastSurrogate = 0xdfff;

Error BadString(std::string_view type, std::string_view reason) {
  return Fail(ErrorCode::kDerBadString,
              std::string(type) + ": " + std::string(reason));
}

bool IsSurrogate(uint32_t code_point) {
  return code_point >= kFirstHighSurrogate && code_point <= kLastSurrogate;
}

void AppendUtf8(uint32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xc0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3f)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xe0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xf0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3f)));
  }
}

// DecodeUtf8 checks the RFC 3629 section 4 syntax: no overlong forms, no
// surrogates, nothing above U+10FFFF, no sequence cut short.
Result<std::string> DecodeUtf8(der::Input contents) {
  uint32_t code_point = 0;
  uint32_t min_code_point = 0;
  int num_continuation = 0;
  for (uint8_t byte : contents) {
    if (num_continuation == 0) {
      if (byte < 0x80) {
        continue;
      }
      if ((byte & 0xe0) == 0xc0) {
        code_point = byte & 0x1f;
        num_continuation = 1;
        min_code_point = 0x80;
      } else if ((byte & 0xf0) == 0xe0) {
        code_point = byte & 0x0f;
        num_continuation = 2;
        min_code_point = 0x800;
      } else if ((byte & 0xf8) == 0xf0) {
        code_point = byte & 0x07;
        num_continuation = 3;
        min_code_point = 0x10000;
      } else {
        return BadString("UTF8String", "invalid lead byte");
      }
      continue;
    }
    if ((byte & 0xc0) != 0x80) {
      return BadString("UTF8String", "missing continuation byte");
    }
    code_point = (code_point << 6) | (byte & 0x3f);
    --num_continuation;
    if (num_continuation == 0 &&
        (code_point < min_code_point || code_point > kMaxCodePoint ||
         IsSurrogate(code_point))) {
      return BadString("UTF8String", "overlong form or invalid code point");
    }
  }
  if (num_continuation != 0) {
    return BadString("UTF8String", "sequence cut short");
  }
  return std::string(contents.AsStringView());
}

// DecodeBmpString reads UTF-16BE. X.680 defines BMPString as UCS-2, but
// producers write UTF-16, so a surrogate pair is accepted; a lone surrogate
// is not.
Result<std::string> DecodeBmpString(der::Input contents) {
  if (contents.size() % 2 != 0) {
    return BadString("BMPString", "odd length");
  }
  std::string out;
  uint32_t unit = 0;
  bool have_first_byte = false;
  uint32_t high_surrogate = 0;
  for (uint8_t byte : contents) {
    if (!have_first_byte) {
      unit = uint32_t{byte} << 8;
      have_first_byte = true;
      continue;
    }
    unit |= byte;
    have_first_byte = false;
    const bool is_low = unit >= kFirstLowSurrogate && unit <= kLastSurrogate;
    if (high_surrogate != 0) {
      if (!is_low) {
        return BadString("BMPString", "lone high surrogate");
      }
      AppendUtf8(0x10000 + ((high_surrogate - kFirstHighSurrogate) << 10) +
                     (unit - kFirstLowSurrogate),
                 &out);
      high_surrogate = 0;
    } else if (is_low) {
      return BadString("BMPString", "lone low surrogate");
    } else if (IsSurrogate(unit)) {
      high_surrogate = unit;
    } else {
      AppendUtf8(unit, &out);
    }
  }
  if (high_surrogate != 0) {
    return BadString("BMPString", "lone high surrogate");
  }
  return out;
}

// DecodeUniversalString reads UTF-32BE.
Result<std::string> DecodeUniversalString(der::Input contents) {
  if (contents.size() % 4 != 0) {
    return BadString("UniversalString", "length is not a multiple of 4");
  }
  std::string out;
  uint32_t code_point = 0;
  int num_bytes = 0;
  for (uint8_t byte : contents) {
    code_point = (code_point << 8) | byte;
    if (++num_bytes < 4) {
      continue;
    }
    if (code_point > kMaxCodePoint || IsSurrogate(code_point)) {
      return BadString("UniversalString", "invalid code point");
    }
    AppendUtf8(code_point, &out);
    code_point = 0;
    num_bytes = 0;
  }
  return out;
}

// DecodeLatin1 maps each byte to the code point of the same value.
std::string DecodeLatin1(der::Input contents) {
  std::string out;
  for (uint8_t byte : contents) {
    AppendUtf8(byte, &out);
  }
  return out;
}

bool IsPrintableStringChar(uint8_t c) {
  // X.680 41.4 table 10: letters, digits, space and ' ( ) + , - . / : = ?
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
      (c >= '0' && c <= '9')) {
    return true;
  }
  switch (c) {
    case ' ':
    case '\'':
    case '(':
    case ')':
    case '+':
    case ',':
    case '-':
    case '.':
    case '/':
    case ':':
    case '=':
    case '?':
      return true;
    default:
      return false;
  }
}

bool IsNumericStringChar(uint8_t c) {
  return (c >= '0' && c <= '9') || c == ' ';
}

bool IsVisibleStringChar(uint8_t c) { return c >= 0x20 && c <= 0x7e; }

bool IsIa5Char(uint8_t c) { return c < 0x80; }

// DecodeRestrictedAscii returns `contents` as text when every byte passes
// `allowed`.
Result<std::string> DecodeRestrictedAscii(der::Input contents,
                                          bool (*allowed)(uint8_t),
                                          std::string_view type) {
  for (uint8_t byte : contents) {
    if (!allowed(byte)) {
      return BadString(type,
                       "character " + std::to_string(byte) + " is not allowed");
    }
  }
  return std::string(contents.AsStringView());
}

}  // namespace

bool IsCharacterStringTag(uint8_t tag) {
  switch (tag) {
    case der::tag::kUtf8String:
    case der::tag::kPrintableString:
    case der::tag::kIa5String:
    case der::tag::kBmpString:
    case der::tag::kUniversalString:
    case der::tag::kTeletexString:
    case der::tag::kNumericString:
    case der::tag::kVisibleString:
      return true;
    default:
      return false;
  }
}

Result<std::string> DecodeIa5String(der::Input contents) {
  return DecodeRestrictedAscii(contents, IsIa5Char, "IA5String");
}

Result<std::string> DecodeCharacterString(uint8_t tag, der::Input contents) {
  switch (tag) {
    case der::tag::kUtf8String:
      return DecodeUtf8(contents);
    case der::tag::kPrintableString:
      return DecodeRestrictedAscii(contents, IsPrintableStringChar,
                                   "PrintableString");
    case der::tag::kIa5String:
      return DecodeIa5String(contents);
    case der::tag::kBmpString:
      return DecodeBmpString(contents);
    case der::tag::kUniversalString:
      return DecodeUniversalString(contents);
    case der::tag::kTeletexString:
      return DecodeLatin1(contents);
    case der::tag::kNumericString:
      return DecodeRestrictedAscii(contents, IsNumericStringChar,
                                   "NumericString");
    case der::tag::kVisibleString:
      return DecodeRestrictedAscii(contents, IsVisibleStringChar,
                                   "VisibleString");
    default:
      return Fail(ErrorCode::kDerUnexpectedTag,
                  "expected a character string, found " + der::TagName(tag));
  }
}

}  // namespace tinysign::x509
