#include "core/x509/general_name.h"

#include "core/der/tag.h"
#include "core/limits.h"
#include "core/x509/character_string.h"

namespace tinysign::x509 {

namespace {

using der::tag::ContextConstructed;
using der::tag::ContextSpecific;

// TagOf returns the tag each alternative must have. otherName, x400Address
// and ediPartyName are IMPLICIT over SEQUENCEs, and directoryName is
// EXPLICIT because Name is a CHOICE, so those four are constructed.
uint8_t TagOf(GeneralName::Kind kind) {
  const auto number = static_cast<uint8_t>(kind);
  switch (kind) {
    case GeneralName::Kind::kOtherName:
    case GeneralName::Kind::kX400Address:
    case GeneralName::Kind::kDirectoryName:
    case GeneralName::Kind::kEdiPartyName:
      return ContextConstructed(number);
    default:
      return ContextSpecific(number);
  }
}

}  // namespace

// GeneralName ::= CHOICE {
//      otherName                 [0]  AnotherName,
//      rfc822Name                [1]  IA5String,
//      dNSName                   [2]  IA5String,
//      x400Address               [3]  ORAddress,
//      directoryName             [4]  Name,
//      ediPartyName              [5]  EDIPartyName,
//      uniformResourceIdentifier [6]  IA5String,
//      iPAddress                 [7]  OCTET STRING,
//      registeredID              [8]  OBJECT IDENTIFIER }
Result<GeneralName> ParseGeneralName(der::Reader* reader) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Element element, reader->ReadElement());
  const uint8_t number = element.tag & 0x1f;
  GeneralName name;
  name.kind = static_cast<GeneralName::Kind>(number);
  if (number > static_cast<uint8_t>(GeneralName::Kind::kRegisteredId) ||
      element.tag != TagOf(name.kind)) {
    return Fail(ErrorCode::kDerUnexpectedTag,
                "GeneralName with " + der::TagName(element.tag));
  }
  name.value = element.value;
  switch (name.kind) {
    case GeneralName::Kind::kRfc822Name:
    case GeneralName::Kind::kDnsName:
    case GeneralName::Kind::kUri: {
      TINYSIGN_ASSIGN_OR_RETURN(name.text, DecodeIa5String(element.value));
      break;
    }
    case GeneralName::Kind::kDirectoryName: {
      TINYSIGN_ASSIGN_OR_RETURN(Name directory_name, ParseName(element.value));
      name.directory_name = std::move(directory_name);
      break;
    }
    case GeneralName::Kind::kRegisteredId:
      TINYSIGN_TRY(der::ValidateOid(element.value));
      break;
    default:
      break;
  }
  return name;
}

// GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName
Result<std::vector<GeneralName>> ParseGeneralNames(der::Reader contents) {
  if (contents.AtEnd()) {
    return Fail(ErrorCode::kX509BadExtension, "empty GeneralNames");
  }
  std::vector<GeneralName> names;
  while (!contents.AtEnd()) {
    if (names.size() == limits::kMaxElementsPerList) {
      return Fail(ErrorCode::kDerTooManyElements, "GeneralNames");
    }
    TINYSIGN_ASSIGN_OR_RETURN(GeneralName name, ParseGeneralName(&contents));
    names.push_back(std::move(name));
  }
  return names;
}

std::vector<std::string> UrisOf(const std::vector<GeneralName>& names) {
  std::vector<std::string> uris;
  for (const GeneralName& name : names) {
    if (name.kind == GeneralName::Kind::kUri) {
      uris.push_back(name.text);
    }
  }
  return uris;
}

}  // namespace tinysign::x509
