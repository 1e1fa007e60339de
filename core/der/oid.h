// OBJECT IDENTIFIER constants encoded at compile time from dotted text.
//
// `Oid` keeps the exact DER contents bytes, so comparing a parsed OID with a
// constant is a byte comparison:
//   inline constexpr der::Oid kSha256("2.16.840.1.101.3.4.2.1");
//   if (parsed == kSha256) { ... }
// A malformed literal fails to compile.
#ifndef TINYSIGN_CORE_DER_OID_H_
#define TINYSIGN_CORE_DER_OID_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::der {

namespace internal {
// InvalidOidLiteral is deliberately not constexpr: calling it from `Oid`'s
// consteval constructor turns a malformed literal into a compile error.
void InvalidOidLiteral(const char* why);
}  // namespace internal

class Oid {
 public:
  static constexpr size_t kMaxBytes = 40;

  // The constructor encodes `dotted`, such as "1.2.398.3.10.1.3.3". It is
  // meant for literals: a malformed one stops constant evaluation.
  consteval explicit Oid(std::string_view dotted) { Encode(dotted); }

  Input bytes() const { return Input(bytes_.data(), size_); }
  size_t size() const { return size_; }

  friend bool operator==(const Oid& oid, Input input) {
    return oid.bytes() == input;
  }
  friend bool operator==(const Oid& a, const Oid& b) {
    return a.bytes() == b.bytes();
  }

 private:
  consteval void Encode(std::string_view dotted) {
    uint64_t arcs[32] = {};
    size_t num_arcs = 0;
    uint64_t current = 0;
    bool have_digit = false;
    for (char c : dotted) {
      if (c == '.') {
        if (!have_digit) {
          internal::InvalidOidLiteral("empty arc");
        }
        arcs[num_arcs++] = current;
        current = 0;
        have_digit = false;
      } else if (c >= '0' && c <= '9') {
        current = current * 10 + static_cast<uint64_t>(c - '0');
        have_digit = true;
      } else {
        internal::InvalidOidLiteral("bad character");
      }
    }
    if (!have_digit || num_arcs < 1) {
      internal::InvalidOidLiteral("too few arcs");
    }
    arcs[num_arcs++] = current;
    AppendArc(arcs[0] * 40 + arcs[1]);
    for (size_t i = 2; i < num_arcs; ++i) {
      AppendArc(arcs[i]);
    }
  }

  consteval void AppendArc(uint64_t arc) {
    uint8_t groups[10] = {};
    size_t num_groups = 0;
    do {
      groups[num_groups++] = static_cast<uint8_t>(arc & 0x7f);
      arc >>= 7;
    } while (arc != 0);
    while (num_groups > 0) {
      --num_groups;
      const uint8_t more = num_groups > 0 ? 0x80 : 0x00;
      bytes_[size_++] = groups[num_groups] | more;
    }
  }

  std::array<uint8_t, kMaxBytes> bytes_ = {};
  size_t size_ = 0;
};

// OidToString returns the dotted form of the OBJECT IDENTIFIER contents
// `contents`, or "invalid OID" when they are not a valid encoding.
std::string OidToString(Input contents);

// OidFromString encodes dotted text given at run time, such as a command-line
// argument.
Result<Bytes> OidFromString(std::string_view dotted);

}  // namespace tinysign::der

#endif  // TINYSIGN_CORE_DER_OID_H_
