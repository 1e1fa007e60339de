// Telling the DER structures that `tinysign inspect` reads apart by their
// outline, before the matching parser gives a precise error for a damaged
// one.
#ifndef TINYSIGN_CLI_INPUT_KIND_H_
#define TINYSIGN_CLI_INPUT_KIND_H_

#include <string_view>

#include "core/der/input.h"

namespace tinysign::cli {

enum class InputKind {
  kCertificate,
  kCrl,
  // A ContentInfo with SignedData, other than a timestamp token.
  kCms,
  // A SignedData whose encapsulated content is a TSTInfo (RFC 3161).
  kTimestampToken,
  // TimeStampResp: a PKIStatusInfo and an optional token (RFC 3161).
  kTimestampResponse,
  kOcspResponse,
  kUnknown,
};

// DetectInputKind looks at the outline of the DER (or BER) in `der`:
//   Certificate  SEQUENCE { SEQUENCE { [0]? INTEGER SEQUENCE SEQUENCE
//                SEQUENCE(validity) ... } SEQUENCE BIT STRING }
//   CRL          SEQUENCE { SEQUENCE { INTEGER? SEQUENCE SEQUENCE
//                Time(thisUpdate) ... } SEQUENCE BIT STRING }
//   ContentInfo  SEQUENCE { OID, [0] ... }
//   OCSPResponse SEQUENCE { ENUMERATED, [0]? }
//   TimeStampResp SEQUENCE { SEQUENCE { INTEGER ... }, ContentInfo? }
// Anything else is `kUnknown`.
InputKind DetectInputKind(der::Input der);

// InputKindName returns a name for messages, such as "certificate".
std::string_view InputKindName(InputKind kind);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_INPUT_KIND_H_
