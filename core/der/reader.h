// `der::Reader`: the one bounds-checked cursor through untrusted DER.
//
// A reader walks the elements of one level. It advances only when a call
// succeeds, hands back a child reader for a constructed value, and checks
// that a value was consumed completely with `ExpectEnd`. It accepts strict
// DER only: definite, minimal lengths and single-byte tags. BER input is
// turned into DER first by `ConvertBerToDer` (see ber.h).
//
// Example:
//   der::Reader outer(input);
//   TINYSIGN_ASSIGN_OR_RETURN(der::Reader seq, outer.ReadSequence());
//   TINYSIGN_ASSIGN_OR_RETURN(der::Input oid, seq.ReadOid());
//   TINYSIGN_TRY(seq.ExpectEnd("AlgorithmIdentifier"));
#ifndef TINYSIGN_CORE_DER_READER_H_
#define TINYSIGN_CORE_DER_READER_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/der/input.h"
#include "core/der/tag.h"
#include "core/result.h"

namespace tinysign::der {

// Element is one tag-length-value: `value` is the contents and `tlv` the
// whole encoding with its header.
struct Element {
  uint8_t tag = 0;
  Input value;
  Input tlv;
};

// BitString is a BIT STRING's contents without the unused-bits byte.
struct BitString {
  Input bytes;
  uint8_t unused_bits = 0;
};

class Reader {
 public:
  // `depth` is the nesting level of `input`; a child reader past
  // `limits::kMaxDerDepth` is an error.
  explicit Reader(Input input, size_t depth = 0)
      : input_(input), depth_(depth) {}

  bool AtEnd() const { return offset_ == input_.size(); }
  size_t depth() const { return depth_; }
  // Remaining returns the bytes not yet read.
  Input Remaining() const;

  // PeekTag returns true when the next element has tag `tag`.
  bool PeekTag(uint8_t tag) const;

  // ReadElement reads the next element, whatever its tag.
  Result<Element> ReadElement();
  // Read reads an element with tag `tag` and returns its contents.
  Result<Input> Read(uint8_t tag);
  // ReadTlv reads an element with tag `tag` and returns its whole encoding.
  Result<Input> ReadTlv(uint8_t tag);
  // ReadOptional reads the next element only when it has tag `tag`.
  Result<std::optional<Input>> ReadOptional(uint8_t tag);
  // ReadConstructed reads an element with tag `tag` and returns a reader
  // over its contents, one level deeper.
  Result<Reader> ReadConstructed(uint8_t tag);
  Result<Reader> ReadSequence() { return ReadConstructed(tag::kSequence); }
  Result<Reader> ReadSet() { return ReadConstructed(tag::kSet); }

  Result<bool> ReadBoolean();
  Status ReadNull();
  // ReadInteger returns the two's-complement contents of an INTEGER after
  // checking the encoding is minimal.
  Result<Input> ReadInteger();
  // ReadUnsignedInteger returns a non-negative INTEGER as big-endian bytes
  // without the sign byte.
  Result<Input> ReadUnsignedInteger();
  // ReadSmallInteger reads an INTEGER that fits in int64_t.
  Result<int64_t> ReadSmallInteger();
  // ReadEnumerated reads an ENUMERATED that fits in int64_t.
  Result<int64_t> ReadEnumerated();
  // ReadOid returns the contents of an OBJECT IDENTIFIER after checking its
  // encoding.
  Result<Input> ReadOid();
  Result<BitString> ReadBitString();
  // ReadBitStringBytes reads a BIT STRING that must have no unused bits.
  Result<Input> ReadBitStringBytes();
  Result<Input> ReadOctetString() { return Read(tag::kOctetString); }

  // ExpectEnd fails with `der.unconsumed_data` naming `what` unless every
  // byte was read.
  Status ExpectEnd(std::string_view what) const;

 private:
  Result<Element> ParseNext(size_t* out_next_offset) const;

  Input input_;
  size_t offset_ = 0;
  size_t depth_ = 0;
};

// ParseSingle reads exactly one element with tag `tag` from `input`, which
// must hold nothing else.
Result<Element> ParseSingle(Input input, uint8_t tag, std::string_view what);

// ValidateInteger checks that `contents` is a minimal INTEGER encoding.
Status ValidateInteger(Input contents);

// ValidateOid checks that `contents` is a valid OBJECT IDENTIFIER encoding.
Status ValidateOid(Input contents);

// TagName returns a readable name such as "SEQUENCE" or "[0]" for messages.
std::string TagName(uint8_t tag);

}  // namespace tinysign::der

#endif  // TINYSIGN_CORE_DER_READER_H_
