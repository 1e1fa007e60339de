// BER to DER conversion for the containers that may arrive as BER.
//
// CMS (RFC 5652 allows BER for SignedData) and PKCS#12 files from Kalkan use
// indefinite lengths and constructed OCTET STRINGs. `ConvertBerToDer`
// rewrites such input with definite lengths and primitive OCTET STRINGs so
// that `der::Reader` can stay strict. Elements that are already DER keep
// their exact bytes, so signatures over them still verify.
//
// Limits: nesting is capped at `limits::kMaxDerDepth`. Constructed string
// types other than OCTET STRING are rejected. An implicitly tagged
// constructed OCTET STRING (such as PKCS#7 `[0] IMPLICIT` encryptedContent)
// stays constructed; its reader concatenates the pieces.
#ifndef TINYSIGN_CORE_DER_BER_H_
#define TINYSIGN_CORE_DER_BER_H_

#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::der {

// ConvertBerToDer returns `input` (one element and nothing after it) with
// every indefinite length made definite and every constructed OCTET STRING
// made primitive.
Result<Bytes> ConvertBerToDer(Input input);

}  // namespace tinysign::der

#endif  // TINYSIGN_CORE_DER_BER_H_
