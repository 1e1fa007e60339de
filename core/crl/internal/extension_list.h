// Reading of the `Extensions` lists that CRLs, OCSP responses and timestamp
// tokens carry, for the code in core/crl, core/ocsp and core/tsp.
//
//   Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension
//   Extension  ::= SEQUENCE {
//     extnID    OBJECT IDENTIFIER,
//     critical  BOOLEAN DEFAULT FALSE,
//     extnValue OCTET STRING }
#ifndef TINYSIGN_CORE_CRL_INTERNAL_EXTENSION_LIST_H_
#define TINYSIGN_CORE_CRL_INTERNAL_EXTENSION_LIST_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/der/input.h"
#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/error.h"
#include "core/result.h"

namespace tinysign::crl::internal {

// RawExtension is one Extension; its views point into the parsed bytes.
struct RawExtension {
  der::Input oid;  // OBJECT IDENTIFIER contents.
  bool critical = false;
  der::Input value;  // extnValue contents: the DER of the extension value.
};

// ReadExtensionList reads the next element of `reader` as Extensions,
// whose tag is `tag`: SEQUENCE, or the context tag of an IMPLICIT field. It
// fails with `der.too_many_elements` past `limits::kMaxElementsPerList`
// extensions, and with `malformed` for an empty list or an extnID that
// occurs twice (RFC 5280 section 4.2). `what` names the list in details.
Result<std::vector<RawExtension>> ReadExtensionList(
    der::Reader& reader, std::string_view what, ErrorCode malformed,
    uint8_t tag = der::tag::kSequence);

// ReadSingleElement checks that `value` contains exactly one element with tag
// `tag`, and returns the element's contents.
Result<der::Input> ReadSingleElement(der::Input value, uint8_t tag,
                                     std::string_view what);

}  // namespace tinysign::crl::internal

#endif  // TINYSIGN_CORE_CRL_INTERNAL_EXTENSION_LIST_H_
