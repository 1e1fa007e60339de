#include "core/der/ber.h"

#include <string>

#include "core/der/tag.h"
#include "core/limits.h"

namespace tinysign::der {

namespace {

// BerHeader is a parsed BER identifier and length.
struct BerHeader {
  uint8_t tag = 0;
  bool indefinite = false;
  size_t length = 0;
  size_t header_len = 0;
};

Result<BerHeader> ParseBerHeader(Input input, size_t offset) {
  BerHeader header;
  if (input.size() - offset < 2) {
    return Fail(ErrorCode::kDerTruncated, "BER element header cut short");
  }
  header.tag = input.data()[offset];
  if ((header.tag & 0x1f) == 0x1f) {
    return Fail(ErrorCode::kDerUnsupportedTag, "multi-byte tag in BER");
  }
  const uint8_t first = input.data()[offset + 1];
  header.header_len = 2;
  if (first == 0x80) {
    if ((header.tag & tag::kConstructedBit) == 0) {
      return Fail(ErrorCode::kDerBadLength,
                  "indefinite length on a primitive element");
    }
    header.indefinite = true;
    return header;
  }
  if ((first & 0x80) == 0) {
    header.length = first;
  } else {
    const size_t num_bytes = first & 0x7f;
    if (num_bytes > 4 || input.size() - offset - 2 < num_bytes) {
      return Fail(ErrorCode::kDerBadLength, "BER length octets");
    }
    for (size_t i = 0; i < num_bytes; ++i) {
      header.length = (header.length << 8) | input.data()[offset + 2 + i];
    }
    header.header_len += num_bytes;
  }
  if (input.size() - offset - header.header_len < header.length) {
    return Fail(ErrorCode::kDerTruncated,
                "BER element declares " + std::to_string(header.length) +
                    " bytes beyond the end of the data");
  }
  return header;
}

void AppendHeader(uint8_t tag, size_t length, Bytes* out) {
  out->push_back(tag);
  if (length < 0x80) {
    out->push_back(static_cast<uint8_t>(length));
    return;
  }
  uint8_t octets[sizeof(size_t)];
  size_t n = 0;
  for (size_t rest = length; rest != 0; rest >>= 8) {
    octets[n++] = static_cast<uint8_t>(rest & 0xff);
  }
  out->push_back(static_cast<uint8_t>(0x80 | n));
  while (n > 0) {
    out->push_back(octets[--n]);
  }
}

class Converter {
 public:
  explicit Converter(Input input) : input_(input) {}

  // ConvertElement converts the element at `*offset`, appends it to `out`
  // and moves `*offset` past it. With `string_pieces` it appends only the
  // contents, as one piece of an enclosing constructed OCTET STRING.
  Status ConvertElement(size_t* offset, size_t depth, bool string_pieces,
                        Bytes* out) {
    TINYSIGN_ASSIGN_OR_RETURN(BerHeader header,
                              ParseBerHeader(input_, *offset));
    const size_t contents = *offset + header.header_len;
    const bool constructed = (header.tag & tag::kConstructedBit) != 0;
    // The same bound as der::Reader: a constructed value at `depth` opens
    // level depth + 1.
    if (constructed && depth + 1 > limits::kMaxDerDepth) {
      return Fail(ErrorCode::kDerTooDeep,
                  "more than " + std::to_string(limits::kMaxDerDepth) +
                      " nested levels");
    }
    if (string_pieces && header.tag != tag::kOctetString &&
        header.tag != (tag::kOctetString | tag::kConstructedBit)) {
      return Fail(ErrorCode::kDerUnexpectedTag,
                  "constructed OCTET STRING holds a non-OCTET STRING piece");
    }
    if (!constructed) {
      Input value(input_.data() + contents, header.length);
      if (!string_pieces) {
        AppendHeader(header.tag, header.length, out);
      }
      out->insert(out->end(), value.begin(), value.end());
      *offset = contents + header.length;
      return OkStatus();
    }
    const bool is_string =
        header.tag == (tag::kOctetString | tag::kConstructedBit);
    const bool universal = (header.tag & 0xc0) == 0;
    const uint8_t base = header.tag & 0x1f;
    if (universal && !is_string && base != 0x10 && base != 0x11) {
      return Fail(ErrorCode::kDerUnsupportedTag,
                  "constructed form of a universal string type other than "
                  "OCTET STRING");
    }
    Bytes children;
    size_t cursor = contents;
    const size_t end =
        header.indefinite ? input_.size() : contents + header.length;
    const bool pieces = is_string || string_pieces;
    while (true) {
      if (header.indefinite) {
        if (end - cursor >= 2 && input_.data()[cursor] == 0 &&
            input_.data()[cursor + 1] == 0) {
          cursor += 2;
          break;
        }
        if (cursor >= end) {
          return Fail(ErrorCode::kDerTruncated,
                      "indefinite length without end-of-contents");
        }
      } else if (cursor >= end) {
        break;
      }
      Converter child(Input(input_.data(), end));
      TINYSIGN_TRY(child.ConvertElement(&cursor, depth + 1, pieces, &children));
    }
    if (string_pieces) {
      out->insert(out->end(), children.begin(), children.end());
    } else {
      const uint8_t out_tag = is_string ? tag::kOctetString : header.tag;
      AppendHeader(out_tag, children.size(), out);
      out->insert(out->end(), children.begin(), children.end());
    }
    *offset = cursor;
    return OkStatus();
  }

 private:
  Input input_;
};

}  // namespace

Result<Bytes> ConvertBerToDer(Input input) {
  if (input.size() > limits::kMaxInputBytes) {
    return Fail(ErrorCode::kInputTooLarge,
                std::to_string(input.size()) + " bytes");
  }
  Bytes out;
  out.reserve(input.size());
  size_t offset = 0;
  Converter converter(input);
  TINYSIGN_TRY(converter.ConvertElement(&offset, 0, false, &out));
  if (offset != input.size()) {
    return Fail(ErrorCode::kDerUnconsumedData,
                std::to_string(input.size() - offset) +
                    " bytes after the outermost element");
  }
  return out;
}

}  // namespace tinysign::der
