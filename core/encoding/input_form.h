// Input normalisation: DER, base64 of DER, and PEM all become DER.
//
// Users paste signatures as base64 from web forms, save them as PEM from
// NCALayer (`-----BEGIN CMS-----`) or OpenSSL (`PKCS7`, `CERTIFICATE`), or
// keep the raw DER. Line endings may be LF or CRLF.
#ifndef TINYSIGN_CORE_ENCODING_INPUT_FORM_H_
#define TINYSIGN_CORE_ENCODING_INPUT_FORM_H_

#include <string>
#include <vector>

#include "core/der/input.h"
#include "core/limits.h"
#include "core/result.h"

namespace tinysign::encoding {

// DecodeBase64 decodes standard base64 (RFC 4648 section 4), ignoring ASCII
// whitespace between characters. It fails with `kInputTooLarge` when the
// decoded bytes would exceed `max_decoded_bytes`, before it allocates them,
// and with `kInputBadBase64` whose detail gives the offset in `text` of the
// first character outside the alphabet or of misplaced '=' padding.
Result<Bytes> DecodeBase64(der::Input text,
                           size_t max_decoded_bytes = limits::kMaxInputBytes);

// EncodeBase64 encodes `data` as standard base64 on a single line.
std::string EncodeBase64(der::Input data);

// PemBlock is one `-----BEGIN label-----` block, decoded.
struct PemBlock {
  std::string label;
  Bytes der;
};

// DecodePemBlocks decodes every PEM block in `text`. Text outside the blocks
// is ignored, as OpenSSL does; there must be at least one block.
Result<std::vector<PemBlock>> DecodePemBlocks(der::Input text);

// NormalizeToDer returns the DER bytes of `input`, which may be DER (starts
// with a SEQUENCE tag), one PEM block, or base64 text.
Result<Bytes> NormalizeToDer(der::Input input);

// NormalizeToDerList is `NormalizeToDer` for files that may hold several PEM
// blocks, such as a bundle of certificates.
Result<std::vector<Bytes>> NormalizeToDerList(der::Input input);

// HexEncode returns lowercase hexadecimal.
std::string HexEncode(der::Input data);

// HexDecode reads hexadecimal of either case.
Result<Bytes> HexDecode(std::string_view text);

}  // namespace tinysign::encoding

#endif  // TINYSIGN_CORE_ENCODING_INPUT_FORM_H_
