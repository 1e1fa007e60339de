// DER tag numbers used across the core. Only single-byte tags occur in X.509,
// CMS, TSP, OCSP, CRL and PKCS#12, so a tag is one byte.
#ifndef TINYSIGN_CORE_DER_TAG_H_
#define TINYSIGN_CORE_DER_TAG_H_

#include <cstdint>

namespace tinysign::der::tag {

inline constexpr uint8_t kBoolean = 0x01;
inline constexpr uint8_t kInteger = 0x02;
inline constexpr uint8_t kBitString = 0x03;
inline constexpr uint8_t kOctetString = 0x04;
inline constexpr uint8_t kNull = 0x05;
inline constexpr uint8_t kOid = 0x06;
inline constexpr uint8_t kEnumerated = 0x0a;
inline constexpr uint8_t kUtf8String = 0x0c;
inline constexpr uint8_t kNumericString = 0x12;
inline constexpr uint8_t kPrintableString = 0x13;
inline constexpr uint8_t kTeletexString = 0x14;
inline constexpr uint8_t kIa5String = 0x16;
inline constexpr uint8_t kUtcTime = 0x17;
inline constexpr uint8_t kGeneralizedTime = 0x18;
inline constexpr uint8_t kVisibleString = 0x1a;
inline constexpr uint8_t kUniversalString = 0x1c;
inline constexpr uint8_t kBmpString = 0x1e;
inline constexpr uint8_t kSequence = 0x30;
inline constexpr uint8_t kSet = 0x31;

inline constexpr uint8_t kConstructedBit = 0x20;
inline constexpr uint8_t kContextSpecificBit = 0x80;

// ContextSpecific returns the tag of `[n] IMPLICIT` over a primitive type.
constexpr uint8_t ContextSpecific(uint8_t n) { return kContextSpecificBit | n; }

// ContextConstructed returns the tag of `[n]` EXPLICIT, or of `[n] IMPLICIT`
// over a constructed type.
constexpr uint8_t ContextConstructed(uint8_t n) {
  return kContextSpecificBit | kConstructedBit | n;
}

}  // namespace tinysign::der::tag

#endif  // TINYSIGN_CORE_DER_TAG_H_
