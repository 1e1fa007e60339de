#include "core/der/reader.h"

#include <cstdio>
#include <string>

#include "core/limits.h"

namespace tinysign::der {

namespace {

constexpr uint8_t kHighTagNumber = 0x1f;
constexpr uint8_t kLongLengthBit = 0x80;
constexpr size_t kMaxLengthBytes = 4;

std::string HexByte(uint8_t byte) {
  char text[8];
  std::snprintf(text, sizeof(text), "0x%02x", byte);
  return text;
}

// ParseLength reads a DER length starting at `input[*offset]`: the short form
// for lengths below 128, otherwise the minimal long form.
Result<size_t> ParseLength(Input input, size_t* offset) {
  if (*offset >= input.size()) {
    return Fail(ErrorCode::kDerTruncated, "length octet missing");
  }
  const uint8_t first = input.data()[(*offset)++];
  if ((first & kLongLengthBit) == 0) {
    return size_t{first};
  }
  const size_t num_bytes = first & 0x7f;
  if (num_bytes == 0) {
    return Fail(ErrorCode::kDerIndefiniteLength,
                "indefinite length (0x80) in DER");
  }
  if (num_bytes > kMaxLengthBytes) {
    return Fail(ErrorCode::kDerBadLength,
                "length uses " + std::to_string(num_bytes) + " octets");
  }
  if (input.size() - *offset < num_bytes) {
    return Fail(ErrorCode::kDerTruncated, "length octets cut short");
  }
  size_t length = 0;
  for (size_t i = 0; i < num_bytes; ++i) {
    length = (length << 8) | input.data()[(*offset)++];
  }
  // DER wants the fewest octets: no leading zero and no long form below 128.
  const bool leading_zero = input.data()[*offset - num_bytes] == 0;
  if (length < 0x80 || leading_zero) {
    return Fail(ErrorCode::kDerBadLength, "length is not minimally encoded");
  }
  return length;
}

}  // namespace

std::string TagName(uint8_t tag) {
  switch (tag) {
    case tag::kBoolean:
      return "BOOLEAN";
    case tag::kInteger:
      return "INTEGER";
    case tag::kBitString:
      return "BIT STRING";
    case tag::kOctetString:
      return "OCTET STRING";
    case tag::kNull:
      return "NULL";
    case tag::kOid:
      return "OBJECT IDENTIFIER";
    case tag::kSequence:
      return "SEQUENCE";
    case tag::kSet:
      return "SET";
    case tag::kUtcTime:
      return "UTCTime";
    case tag::kGeneralizedTime:
      return "GeneralizedTime";
    default:
      break;
  }
  if ((tag & 0xc0) == tag::kContextSpecificBit) {
    return "[" + std::to_string(tag & 0x1f) + "]";
  }
  return "tag " + HexByte(tag);
}

Input Reader::Remaining() const {
  return Input(input_.data() + offset_, input_.size() - offset_);
}

Result<Element> Reader::ParseNext(size_t* out_next_offset) const {
  size_t offset = offset_;
  if (offset >= input_.size()) {
    return Fail(ErrorCode::kDerTruncated, "expected another element");
  }
  const uint8_t tag = input_.data()[offset++];
  if ((tag & kHighTagNumber) == kHighTagNumber) {
    return Fail(ErrorCode::kDerUnsupportedTag, "tag " + HexByte(tag));
  }
  TINYSIGN_ASSIGN_OR_RETURN(const size_t length, ParseLength(input_, &offset));
  if (input_.size() - offset < length) {
    return Fail(ErrorCode::kDerTruncated,
                TagName(tag) + " declares " + std::to_string(length) +
                    " bytes but only " +
                    std::to_string(input_.size() - offset) + " remain");
  }
  Element element;
  element.tag = tag;
  element.value = Input(input_.data() + offset, length);
  element.tlv = Input(input_.data() + offset_, offset + length - offset_);
  *out_next_offset = offset + length;
  return element;
}

bool Reader::PeekTag(uint8_t tag) const {
  return offset_ < input_.size() && input_.data()[offset_] == tag;
}

Result<Element> Reader::ReadElement() {
  size_t next = 0;
  TINYSIGN_ASSIGN_OR_RETURN(Element element, ParseNext(&next));
  offset_ = next;
  return element;
}

Result<Input> Reader::ReadTlv(uint8_t tag) {
  if (offset_ < input_.size() && input_.data()[offset_] != tag) {
    return Fail(ErrorCode::kDerUnexpectedTag,
                "expected " + TagName(tag) + ", found " +
                    TagName(input_.data()[offset_]));
  }
  TINYSIGN_ASSIGN_OR_RETURN(Element element, ReadElement());
  return element.tlv;
}

Result<Input> Reader::Read(uint8_t tag) {
  if (offset_ < input_.size() && input_.data()[offset_] != tag) {
    return Fail(ErrorCode::kDerUnexpectedTag,
                "expected " + TagName(tag) + ", found " +
                    TagName(input_.data()[offset_]));
  }
  TINYSIGN_ASSIGN_OR_RETURN(Element element, ReadElement());
  return element.value;
}

Result<std::optional<Input>> Reader::ReadOptional(uint8_t tag) {
  if (!PeekTag(tag)) {
    return std::optional<Input>();
  }
  TINYSIGN_ASSIGN_OR_RETURN(Input value, Read(tag));
  return std::optional<Input>(value);
}

Result<Reader> Reader::ReadConstructed(uint8_t tag) {
  if ((tag & tag::kConstructedBit) == 0) {
    return Fail(ErrorCode::kInternal, "ReadConstructed with primitive tag");
  }
  if (depth_ + 1 > limits::kMaxDerDepth) {
    return Fail(
        ErrorCode::kDerTooDeep,
        "more than " + std::to_string(limits::kMaxDerDepth) + " nested levels");
  }
  TINYSIGN_ASSIGN_OR_RETURN(Input value, Read(tag));
  return Reader(value, depth_ + 1);
}

Result<bool> Reader::ReadBoolean() {
  TINYSIGN_ASSIGN_OR_RETURN(Input value, Read(tag::kBoolean));
  // DER encodes TRUE as 0xff and FALSE as 0x00 (X.690 11.1).
  if (value.size() != 1 || (value.data()[0] != 0 && value.data()[0] != 0xff)) {
    return Fail(ErrorCode::kDerBadBoolean, "BOOLEAN is not 0x00 or 0xff");
  }
  return value.data()[0] == 0xff;
}

Status Reader::ReadNull() {
  TINYSIGN_ASSIGN_OR_RETURN(Input value, Read(tag::kNull));
  if (!value.empty()) {
    return Fail(ErrorCode::kDerUnexpectedTag, "NULL with contents");
  }
  return OkStatus();
}

Status ValidateInteger(Input contents) {
  if (contents.empty()) {
    return Fail(ErrorCode::kDerBadInteger, "INTEGER with no contents");
  }
  if (contents.size() > 1) {
    const uint8_t first = contents.data()[0];
    const uint8_t second = contents.data()[1];
    // X.690 8.3.2: the first nine bits must not be all zeros or all ones.
    if ((first == 0x00 && (second & 0x80) == 0) ||
        (first == 0xff && (second & 0x80) != 0)) {
      return Fail(ErrorCode::kDerBadInteger,
                  "INTEGER is not minimally encoded");
    }
  }
  return OkStatus();
}

Result<Input> Reader::ReadInteger() {
  TINYSIGN_ASSIGN_OR_RETURN(Input value, Read(tag::kInteger));
  TINYSIGN_TRY(ValidateInteger(value));
  return value;
}

Result<Input> Reader::ReadUnsignedInteger() {
  TINYSIGN_ASSIGN_OR_RETURN(Input value, ReadInteger());
  if ((value.data()[0] & 0x80) != 0) {
    return Fail(ErrorCode::kDerBadInteger, "negative INTEGER");
  }
  if (value.size() > 1 && value.data()[0] == 0) {
    return Input(value.data() + 1, value.size() - 1);
  }
  return value;
}

namespace {

Result<int64_t> SmallIntegerFrom(Input value) {
  TINYSIGN_TRY(ValidateInteger(value));
  if (value.size() > sizeof(int64_t)) {
    return Fail(ErrorCode::kDerBadInteger, "INTEGER too large");
  }
  uint64_t bits = (value.data()[0] & 0x80) ? ~uint64_t{0} : 0;
  for (uint8_t byte : value) {
    bits = (bits << 8) | byte;
  }
  return static_cast<int64_t>(bits);
}

}  // namespace

Result<int64_t> Reader::ReadSmallInteger() {
  TINYSIGN_ASSIGN_OR_RETURN(Input value, Read(tag::kInteger));
  return SmallIntegerFrom(value);
}

Result<int64_t> Reader::ReadEnumerated() {
  TINYSIGN_ASSIGN_OR_RETURN(Input value, Read(tag::kEnumerated));
  return SmallIntegerFrom(value);
}

Status ValidateOid(Input contents) {
  if (contents.empty()) {
    return Fail(ErrorCode::kDerBadOid, "empty OBJECT IDENTIFIER");
  }
  // X.690 8.19.2: each arc is base-128 with no leading 0x80 octet, and the
  // last octet of the encoding ends an arc.
  bool arc_start = true;
  for (uint8_t byte : contents) {
    if (arc_start && byte == 0x80) {
      return Fail(ErrorCode::kDerBadOid, "arc with a leading zero octet");
    }
    arc_start = (byte & 0x80) == 0;
  }
  if (!arc_start) {
    return Fail(ErrorCode::kDerBadOid, "last arc is cut short");
  }
  return OkStatus();
}

Result<Input> Reader::ReadOid() {
  TINYSIGN_ASSIGN_OR_RETURN(Input value, Read(tag::kOid));
  TINYSIGN_TRY(ValidateOid(value));
  return value;
}

Result<BitString> Reader::ReadBitString() {
  TINYSIGN_ASSIGN_OR_RETURN(Input value, Read(tag::kBitString));
  if (value.empty()) {
    return Fail(ErrorCode::kDerBadBitString, "BIT STRING with no contents");
  }
  const uint8_t unused = value.data()[0];
  Input bytes(value.data() + 1, value.size() - 1);
  if (unused > 7 || (bytes.empty() && unused != 0)) {
    return Fail(ErrorCode::kDerBadBitString, "bad unused-bits count");
  }
  // DER (X.690 11.2.1) wants the unused bits to be zero.
  if (unused != 0) {
    const uint8_t mask = static_cast<uint8_t>((1u << unused) - 1);
    if ((bytes.data()[bytes.size() - 1] & mask) != 0) {
      return Fail(ErrorCode::kDerBadBitString, "unused bits are not zero");
    }
  }
  return BitString{bytes, unused};
}

Result<Input> Reader::ReadBitStringBytes() {
  TINYSIGN_ASSIGN_OR_RETURN(BitString bits, ReadBitString());
  if (bits.unused_bits != 0) {
    return Fail(ErrorCode::kDerBadBitString,
                "BIT STRING must hold whole octets");
  }
  return bits.bytes;
}

Status Reader::ExpectEnd(std::string_view what) const {
  if (!AtEnd()) {
    return Fail(ErrorCode::kDerUnconsumedData,
                std::to_string(input_.size() - offset_) +
                    " unexpected bytes after " + std::string(what));
  }
  return OkStatus();
}

Result<Element> ParseSingle(Input input, uint8_t tag, std::string_view what) {
  Reader reader(input);
  if (!reader.PeekTag(tag)) {
    if (input.empty()) {
      return Fail(ErrorCode::kInputEmpty, std::string(what));
    }
    return Fail(ErrorCode::kDerUnexpectedTag,
                std::string(what) + ": expected " + TagName(tag) + ", found " +
                    TagName(input.data()[0]));
  }
  TINYSIGN_ASSIGN_OR_RETURN(Element element, reader.ReadElement());
  TINYSIGN_TRY(reader.ExpectEnd(what));
  return element;
}

}  // namespace tinysign::der
