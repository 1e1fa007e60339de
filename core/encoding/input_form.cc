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

bool IsBase64Symbol(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '+' || c == '/';
}

// ShowCharacter returns `c` quoted, or as \xNN when it is not printable.
std::string ShowCharacter(char c) {
  if (c >= 0x21 && c <= 0x7e) {
    return std::string("'") + c + "'";
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  const auto byte = static_cast<unsigned char>(c);
  return std::string("\\x") + kDigits[byte >> 4] + kDigits[byte & 0x0f];
}

Error BadBase64Character(char c, size_t offset, std::string_view why) {
  return Fail(ErrorCode::kInputBadBase64,
              "character " + ShowCharacter(c) + " at offset " +
                  std::to_string(offset) + " " + std::string(why));
}

// CompactBase64 returns the base64 symbols of `text` without whitespace and
// without '=' padding. It checks every character first, so that an error
// names the offset of the first bad one in `text`.
Result<std::string> CompactBase64(std::string_view text) {
  size_t num_symbols = 0;
  size_t num_padding = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsSpace(c)) {
      continue;
    }
    if (c == '=') {
      ++num_padding;
      // RFC 4648 section 4: at most two '=' complete the last group.
      if (num_padding > 2 || num_symbols % 4 == 0 ||
          num_symbols % 4 + num_padding > 4) {
        return BadBase64Character(c, i, "is padding where none is due");
      }
      continue;
    }
    if (!IsBase64Symbol(c)) {
      return BadBase64Character(
          c, i, "is not in the standard base64 alphabet (A-Z, a-z, 0-9, +, /)");
    }
    if (num_padding > 0) {
      return BadBase64Character(c, i, "follows '=' padding");
    }
    ++num_symbols;
  }
  std::string out;
  out.reserve(num_symbols);
  for (char c : text) {
    if (IsBase64Symbol(c)) {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

Result<Bytes> DecodeBase64(der::Input text, size_t max_decoded_bytes) {
  TINYSIGN_ASSIGN_OR_RETURN(std::string compact,
                            CompactBase64(text.AsStringView()));
  if (compact.empty()) {
    return Fail(ErrorCode::kInputEmpty, "no base64 characters");
  }
  // Each character carries 6 bits, and bits short of a whole byte at the
  // end are padding.
  const size_t decoded_len =
      compact.size() / 4 * 3 + compact.size() % 4 * 3 / 4;
  if (decoded_len > max_decoded_bytes) {
    return Fail(ErrorCode::kInputTooLarge,
                "the base64 text decodes to " + std::to_string(decoded_len) +
                    " bytes, over the limit of " +
                    std::to_string(max_decoded_bytes) + " bytes");
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
  Bytes out(decoded_len);
  const auto* src = reinterpret_cast<const unsigned char*>(compact.data());
  const int rc = mbedtls_base64_decode(out.data(), out.size(), &out_len, src,
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
                  "PEM block " + label + ": " + der.error().detail);
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
