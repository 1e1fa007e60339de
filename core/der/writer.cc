#include "core/der/writer.h"

#include <algorithm>

namespace tinysign::der {

void Writer::AddTlv(uint8_t tag, Input value) {
  bytes_.push_back(tag);
  const size_t length = value.size();
  if (length < 0x80) {
    bytes_.push_back(static_cast<uint8_t>(length));
  } else {
    uint8_t octets[sizeof(size_t)];
    size_t n = 0;
    for (size_t rest = length; rest != 0; rest >>= 8) {
      octets[n++] = static_cast<uint8_t>(rest & 0xff);
    }
    bytes_.push_back(static_cast<uint8_t>(0x80 | n));
    while (n > 0) {
      bytes_.push_back(octets[--n]);
    }
  }
  bytes_.insert(bytes_.end(), value.begin(), value.end());
}

void Writer::AddRaw(Input tlv) {
  bytes_.insert(bytes_.end(), tlv.begin(), tlv.end());
}

void Writer::AddUnsignedInteger(Input magnitude) {
  size_t skip = 0;
  while (skip + 1 < magnitude.size() && magnitude.data()[skip] == 0) {
    ++skip;
  }
  Bytes contents;
  if (magnitude.size() == 0) {
    contents.push_back(0);
  } else {
    if (magnitude.data()[skip] & 0x80) {
      contents.push_back(0);
    }
    contents.insert(contents.end(), magnitude.begin() + skip, magnitude.end());
  }
  AddTlv(tag::kInteger, contents);
}

void Writer::AddSmallInteger(int64_t value) {
  Bytes contents;
  for (int shift = 56; shift >= 0; shift -= 8) {
    contents.push_back(static_cast<uint8_t>((value >> shift) & 0xff));
  }
  // Drop leading octets that only repeat the sign (X.690 8.3.2).
  size_t skip = 0;
  while (skip + 1 < contents.size()) {
    const uint8_t first = contents[skip];
    const uint8_t next_sign = contents[skip + 1] & 0x80;
    if ((first == 0x00 && next_sign == 0) ||
        (first == 0xff && next_sign != 0)) {
      ++skip;
    } else {
      break;
    }
  }
  AddTlv(tag::kInteger, Input(contents.data() + skip, contents.size() - skip));
}

void Writer::AddBoolean(bool value) {
  const uint8_t octet = value ? 0xff : 0x00;
  AddTlv(tag::kBoolean, Input(&octet, 1));
}

void Writer::AddNull() { AddTlv(tag::kNull, Input()); }

void Writer::AddBitString(Input bytes) {
  Bytes contents;
  contents.reserve(bytes.size() + 1);
  contents.push_back(0);
  contents.insert(contents.end(), bytes.begin(), bytes.end());
  AddTlv(tag::kBitString, contents);
}

void Writer::AddBitStringBits(Input bytes) {
  size_t length = bytes.size();
  while (length > 0 && bytes.data()[length - 1] == 0) {
    --length;
  }
  Bytes contents{0};
  if (length > 0) {
    const uint8_t last = bytes.data()[length - 1];
    uint8_t unused = 0;
    while (((last >> unused) & 1) == 0) {
      ++unused;
    }
    contents[0] = unused;
    contents.insert(contents.end(), bytes.begin(), bytes.begin() + length);
  }
  AddTlv(tag::kBitString, contents);
}

Bytes SortDerSet(std::vector<Bytes> elements) {
  std::sort(elements.begin(), elements.end());
  Bytes out;
  for (const Bytes& element : elements) {
    out.insert(out.end(), element.begin(), element.end());
  }
  return out;
}

}  // namespace tinysign::der
