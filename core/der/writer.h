// `der::Writer`: builds DER encodings, for OCSP requests, signed attributes,
// CMS and certificates that TinySign creates.
//
// Example:
//   der::Writer algorithm;
//   algorithm.AddOid(kSha256);
//   algorithm.AddNull();
//   der::Writer out;
//   out.AddConstructed(der::tag::kSequence, algorithm);
#ifndef TINYSIGN_CORE_DER_WRITER_H_
#define TINYSIGN_CORE_DER_WRITER_H_

#include <cstdint>
#include <string_view>

#include "core/der/input.h"
#include "core/der/oid.h"
#include "core/der/tag.h"

namespace tinysign::der {

class Writer {
 public:
  // AddTlv appends tag `tag`, the DER length of `value`, then `value`.
  void AddTlv(uint8_t tag, Input value);
  // AddRaw appends bytes that are already a complete encoding.
  void AddRaw(Input tlv);
  // AddConstructed wraps the output of `contents` in tag `tag`.
  void AddConstructed(uint8_t tag, const Writer& contents) {
    AddTlv(tag, contents.bytes());
  }
  // AddUnsignedInteger appends the big-endian magnitude `magnitude` as a
  // minimal non-negative INTEGER.
  void AddUnsignedInteger(Input magnitude);
  void AddSmallInteger(int64_t value);
  void AddBoolean(bool value);
  void AddNull();
  void AddOid(const Oid& oid) { AddTlv(tag::kOid, oid.bytes()); }
  void AddOctetString(Input value) { AddTlv(tag::kOctetString, value); }
  // AddBitString appends whole octets as a BIT STRING with no unused bits.
  void AddBitString(Input bytes);
  // AddBitStringBits appends a named-bit BIT STRING (such as KeyUsage), with
  // trailing zero bits removed as DER requires.
  void AddBitStringBits(Input bytes);

  const Bytes& bytes() const { return bytes_; }
  Bytes Take() { return std::move(bytes_); }

 private:
  Bytes bytes_;
};

// SortDerSet sorts the encoded elements of a SET OF into DER order
// (X.690 11.6: ascending as octet strings) and returns their concatenation.
Bytes SortDerSet(std::vector<Bytes> elements);

}  // namespace tinysign::der

#endif  // TINYSIGN_CORE_DER_WRITER_H_
