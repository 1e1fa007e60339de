#include "core/der/oid.h"

#include "core/der/reader.h"

namespace tinysign::der {

namespace internal {
void InvalidOidLiteral(const char*) {}
}  // namespace internal

std::string OidToString(Input contents) {
  if (!ValidateOid(contents).has_value()) {
    return "invalid OID";
  }
  std::string text;
  uint64_t arc = 0;
  bool first = true;
  for (uint8_t byte : contents) {
    if (arc > (UINT64_MAX >> 7)) {
      return "invalid OID";
    }
    arc = (arc << 7) | (byte & 0x7f);
    if (byte & 0x80) {
      continue;
    }
    if (first) {
      // X.690 8.19.4: the first octets combine the first two arcs.
      const uint64_t top = arc < 80 ? arc / 40 : 2;
      text = std::to_string(top) + "." + std::to_string(arc - top * 40);
      first = false;
    } else {
      text += "." + std::to_string(arc);
    }
    arc = 0;
  }
  return text;
}

Result<Bytes> OidFromString(std::string_view dotted) {
  std::vector<uint64_t> arcs;
  uint64_t current = 0;
  bool have_digit = false;
  for (char c : dotted) {
    if (c == '.') {
      if (!have_digit) {
        break;
      }
      arcs.push_back(current);
      current = 0;
      have_digit = false;
    } else if (c >= '0' && c <= '9' && current < (UINT64_MAX / 10 - 9)) {
      current = current * 10 + static_cast<uint64_t>(c - '0');
      have_digit = true;
    } else {
      return Fail(ErrorCode::kDerBadOid, "\"" + std::string(dotted) + "\"");
    }
  }
  if (!have_digit) {
    return Fail(ErrorCode::kDerBadOid, "\"" + std::string(dotted) + "\"");
  }
  arcs.push_back(current);
  // X.660: the first arc is 0, 1 or 2, and below 2 the second is under 40.
  if (arcs.size() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40)) {
    return Fail(ErrorCode::kDerBadOid, "\"" + std::string(dotted) + "\"");
  }
  Bytes out;
  auto append = [&out](uint64_t arc) {
    uint8_t groups[10];
    size_t n = 0;
    do {
      groups[n++] = static_cast<uint8_t>(arc & 0x7f);
      arc >>= 7;
    } while (arc != 0);
    while (n > 0) {
      --n;
      out.push_back(groups[n] | (n > 0 ? 0x80 : 0));
    }
  };
  append(arcs[0] * 40 + arcs[1]);
  for (size_t i = 2; i < arcs.size(); ++i) {
    append(arcs[i]);
  }
  return out;
}

}  // namespace tinysign::der
