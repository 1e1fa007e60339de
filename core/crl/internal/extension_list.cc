#include "core/crl/internal/extension_list.h"

#include <string>

#include "core/der/oid.h"
#include "core/der/tag.h"
#include "core/limits.h"

namespace tinysign::crl::internal {

namespace {

Result<RawExtension> ReadExtension(der::Reader& list) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader seq, list.ReadSequence());
  RawExtension extension;
  TINYSIGN_ASSIGN_OR_RETURN(extension.oid, seq.ReadOid());
  // DER omits a DEFAULT value, but an explicit FALSE is accepted because it
  // changes nothing and some CA software writes it.
  if (seq.PeekTag(der::tag::kBoolean)) {
    TINYSIGN_ASSIGN_OR_RETURN(extension.critical, seq.ReadBoolean());
  }
  TINYSIGN_ASSIGN_OR_RETURN(extension.value, seq.ReadOctetString());
  TINYSIGN_TRY(seq.ExpectEnd("Extension"));
  return extension;
}

}  // namespace

Result<std::vector<RawExtension>> ReadExtensionList(der::Reader& reader,
                                                    std::string_view what,
                                                    ErrorCode malformed,
                                                    uint8_t tag) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader list, reader.ReadConstructed(tag));
  std::vector<RawExtension> extensions;
  while (!list.AtEnd()) {
    if (extensions.size() == limits::kMaxElementsPerList) {
      return Fail(ErrorCode::kDerTooManyElements,
                  std::string(what) + " has more than " +
                      std::to_string(limits::kMaxElementsPerList) +
                      " extensions");
    }
    TINYSIGN_ASSIGN_OR_RETURN(RawExtension extension, ReadExtension(list));
    for (const RawExtension& seen : extensions) {
      if (seen.oid == extension.oid) {
        return Fail(malformed, std::string(what) + ": extension " +
                                   der::OidToString(extension.oid) +
                                   " occurs twice");
      }
    }
    extensions.push_back(extension);
  }
  if (extensions.empty()) {
    return Fail(malformed, std::string(what) + " is an empty SEQUENCE");
  }
  return extensions;
}

Result<der::Input> ReadSingleElement(der::Input value, uint8_t tag,
                                     std::string_view what) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Element element,
                            der::ParseSingle(value, tag, what));
  return element.value;
}

}  // namespace tinysign::crl::internal
