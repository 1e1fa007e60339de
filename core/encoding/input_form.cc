#include "core/encoding/input_form.h"

#include <mbedtls/base64.h>

#include <string_view>

#include "core/limits.h"

namespace tinysign::encoding {

namespace {

constexpr std::string_view kPemBegin = "-----BEGIN ";
constexpr std::string_view kPemEnd = "-----END ";
constexpr std::string_view kPemDashes = "-----";

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
         c == '\f';
}

std::string StripSpace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (!IsSpace(c)) {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

Result<Bytes> DecodeBase64(der::Input text) {
  if (text.size() > limits::kMaxInputBytes) {
    return Fail(ErrorCode::kInputTooLarge,
                std::to_string(text.size()) + " bytes of base64");
  }
  std::string compact = StripSpace(text.AsStringView());
  if (compact.empty()) {
    return Fail(ErrorCode::kInputEmpty, "no base64 characters");
  }
  // Mbed TLS 2.28 silently drops an incomplete last group, so the padding
  // that some producers leave out is restored here, and a lone last
  // character, which cannot encode a whole byte, is rejected.
  switch (compact.size() % 4) {
    case 1:
      return Fail(ErrorCode::kInputBadBase64,
                  "the text ends with an incomplete group of one character");
    case 2:
      compact += "==";
      break;
    case 3:
      compact += "=";
      break;
    default:
      break;
  }
  size_t out_len = 0;
  const auto* src = reinterpret_cast<const unsigned char*>(compact.data());
  int rc = mbedtls_base64_decode(nullptr, 0, &out_len, src, compact.size());
  if (rc == MBEDTLS_ERR_BASE64_INVALID_CHARACTER) {
    return Fail(ErrorCode::kInputBadBase64,
                "a character outside the base64 alphabet or misplaced '='");
  }
  Bytes out(out_len);
  rc = mbedtls_base64_decode(out.data(), out.size(), &out_len, src,
                             compact.size());
  if (rc != 0) {
    return Fail(ErrorCode::kInputBadBase64, "base64 text is malformed");
  }
  out.resize(out_len);
  return out;
}

std::string EncodeBase64(der::Input data) {
  size_t out_len = 0;
  mbedtls_base64_encode(nullptr, 0, &out_len, data.data(), data.size());
  std::string out(out_len, '\0');
  mbedtls_base64_encode(reinterpret_cast<unsigned char*>(out.data()),
                        out.size(), &out_len, data.data(), data.size());
  out.resize(out_len);
  return out;
}

Result<std::vector<PemBlock>> DecodePemBlocks(der::Input input) {
  const std::string_view text = input.AsStringView();
  std::vector<PemBlock> blocks;
  size_t pos = 0;
  while ((pos = text.find(kPemBegin, pos)) != std::string_view::npos) {
    const size_t label_start = pos + kPemBegin.size();
    const size_t label_end = text.find(kPemDashes, label_start);
    if (label_end == std::string_view::npos) {
      return Fail(ErrorCode::kInputBadPem, "BEGIN line is not closed");
    }
    std::string label(text.substr(label_start, label_end - label_start));
    const std::string end_line =
        std::string(kPemEnd) + label + std::string(kPemDashes);
    const size_t body_start = label_end + kPemDashes.size();
    const size_t body_end = text.find(end_line, body_start);
    if (body_end == std::string_view::npos) {
      return Fail(ErrorCode::kInputBadPem,
                  "no \"" + end_line + "\" line for BEGIN " + label);
    }
    if (blocks.size() >= limits::kMaxElementsPerList) {
      return Fail(ErrorCode::kDerTooManyElements, "PEM blocks in one file");
    }
    auto der = DecodeBase64(
        der::Input(text.substr(body_start, body_end - body_start)));
    if (!der) {
      return Fail(der.error().code,
                  "PEM block " + label + ": " +
                      std::string(ErrorMessage(der.error().code)));
    }
    blocks.push_back(PemBlock{std::move(label), std::move(*der)});
    pos = body_end + end_line.size();
  }
  if (blocks.empty()) {
    return Fail(ErrorCode::kInputBadPem, "no -----BEGIN line");
  }
  return blocks;
}

Result<std::vector<Bytes>> NormalizeToDerList(der::Input input) {
  if (input.empty()) {
    return Fail(ErrorCode::kInputEmpty, "the file is empty");
  }
  if (input.size() > limits::kMaxInputBytes) {
    return Fail(ErrorCode::kInputTooLarge,
                std::to_string(input.size()) + " bytes, the limit is " +
                    std::to_string(limits::kMaxInputBytes));
  }
  // Every DER encoding TinySign reads is a SEQUENCE, and 0x30 is the
  // character '0', which neither PEM nor base64 of DER can start with.
  if (input.data()[0] == 0x30) {
    return std::vector<Bytes>{input.ToBytes()};
  }
  if (input.AsStringView().find(kPemBegin) != std::string_view::npos) {
    TINYSIGN_ASSIGN_OR_RETURN(std::vector<PemBlock> blocks,
                              DecodePemBlocks(input));
    std::vector<Bytes> out;
    for (PemBlock& block : blocks) {
      if (block.der.empty() || block.der[0] != 0x30) {
        return Fail(ErrorCode::kInputBadPem,
                    "PEM block " + block.label + " does not hold DER");
      }
      out.push_back(std::move(block.der));
    }
    return out;
  }
  TINYSIGN_ASSIGN_OR_RETURN(Bytes der, DecodeBase64(input));
  if (der.empty() || der[0] != 0x30) {
    return Fail(ErrorCode::kInputBadBase64,
                "the text is neither DER, PEM nor base64 of DER");
  }
  return std::vector<Bytes>{std::move(der)};
}

Result<Bytes> NormalizeToDer(der::Input input) {
  TINYSIGN_ASSIGN_OR_RETURN(std::vector<Bytes> list, NormalizeToDerList(input));
  if (list.size() != 1) {
    return Fail(
        ErrorCode::kInputBadPem,
        std::to_string(list.size()) + " PEM blocks where one was expected");
  }
  return std::move(list[0]);
}

std::string HexEncode(der::Input data) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(data.size() * 2);
  for (uint8_t byte : data) {
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0x0f]);
  }
  return out;
}

Result<Bytes> HexDecode(std::string_view text) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  };
  if (text.size() % 2 != 0) {
    return Fail(ErrorCode::kInputBadHex, "odd number of hex digits");
  }
  Bytes out;
  out.reserve(text.size() / 2);
  for (size_t i = 0; i < text.size(); i += 2) {
    const int high = nibble(text[i]);
    const int low = nibble(text[i + 1]);
    if (high < 0 || low < 0) {
      return Fail(
          ErrorCode::kInputBadHex,
          "character at position " + std::to_string(i) + " is not a hex digit");
    }
    out.push_back(static_cast<uint8_t>(high << 4 | low));
  }
  return out;
}

}  // namespace tinysign::encoding
