#include "core/crypto/gost_encoding.h"

#include <algorithm>
#include <span>
#include <string>

#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/der/writer.h"

namespace tinysign::crypto {

namespace {

// Reversed returns `bytes` in reverse order: little-endian to big-endian
// and back.
Bytes Reversed(std::span<const uint8_t> bytes) {
  return Bytes(bytes.rbegin(), bytes.rend());
}

// AppendLittleEndian appends the big-endian integer `value` as exactly
// `size` little-endian bytes (`value` must not be longer than `size`).
void AppendLittleEndian(Bytes& out, const Bytes& value, size_t size) {
  out.insert(out.end(), value.rbegin(), value.rend());
  if (value.size() < size) {
    out.insert(out.end(), size - value.size(), 0);
  }
}

std::string LengthMismatch(size_t actual, size_t expected) {
  return std::to_string(actual) + " bytes, expected " +
         std::to_string(expected);
}

}  // namespace

Result<GostPublicKey> DecodeGostPublicKey(GostCurveId curve,
                                          der::Input subject_public_key) {
  const size_t size = GetGostCurveParams(curve).coordinate_bytes;
  auto point = der::ParseSingle(subject_public_key, der::tag::kOctetString,
                                "GOST public key");
  if (!point.has_value()) {
    return Fail(
        ErrorCode::kCryptoBadPublicKey,
        "GOST public key is not one OCTET STRING: " + point.error().ToString());
  }
  const std::span<const uint8_t> xy = point->value.span();
  if (xy.size() != 2 * size) {
    return Fail(
        ErrorCode::kCryptoBadPublicKey,
        "GOST public key point has " + LengthMismatch(xy.size(), 2 * size));
  }
  GostPublicKey key;
  key.curve = curve;
  key.x = Reversed(xy.first(size));
  key.y = Reversed(xy.last(size));
  return key;
}

Bytes EncodeGostPublicKey(const GostPublicKey& key) {
  const size_t size = GetGostCurveParams(key.curve).coordinate_bytes;
  Bytes xy;
  AppendLittleEndian(xy, key.x, size);
  AppendLittleEndian(xy, key.y, size);
  der::Writer out;
  out.AddOctetString(xy);
  return out.Take();
}

Result<GostSignature> DecodeGostSignature(GostCurveId curve,
                                          der::Input signature_value) {
  const size_t size = GetGostCurveParams(curve).coordinate_bytes;
  const std::span<const uint8_t> rs = signature_value.span();
  if (rs.size() != 2 * size) {
    return Fail(ErrorCode::kCryptoBadSignatureEncoding,
                "GOST signature has " + LengthMismatch(rs.size(), 2 * size));
  }
  return GostSignature{Reversed(rs.first(size)), Reversed(rs.last(size))};
}

Bytes EncodeGostSignature(GostCurveId curve, const GostSignature& signature) {
  const size_t size = GetGostCurveParams(curve).coordinate_bytes;
  Bytes rs;
  AppendLittleEndian(rs, signature.r, size);
  AppendLittleEndian(rs, signature.s, size);
  return rs;
}

Bytes GostDigestToInteger(der::Input digest) { return Reversed(digest.span()); }

Result<GostPrivateKey> DecodeGostPrivateKey(GostCurveId curve,
                                            der::Input little_endian_d) {
  const size_t size = GetGostCurveParams(curve).coordinate_bytes;
  if (little_endian_d.size() != size) {
    return Fail(
        ErrorCode::kCryptoBadPrivateKey,
        "GOST private key has " + LengthMismatch(little_endian_d.size(), size));
  }
  return GostPrivateKey{curve, Reversed(little_endian_d.span())};
}

}  // namespace tinysign::crypto
