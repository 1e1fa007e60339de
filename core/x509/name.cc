#include "core/x509/name.h"

#include <array>

#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/limits.h"
#include "core/x509/character_string.h"

namespace tinysign::x509 {

namespace {

struct AttributeName {
  const der::Oid* type;
  const char* short_name;
};

// The short names that `ToRfc4514` writes. RFC 4514 section 3 defines CN, L,
// ST, O, OU, C, STREET, DC and UID; the others are the names NUC tools and
// OpenSSL show. Every type here must have a character-string value.
constexpr std::array<AttributeName, 14> kAttributeNames = {{
    {&attribute::kCommonName, "CN"},
    {&attribute::kLocality, "L"},
    {&attribute::kStateOrProvince, "ST"},
    {&attribute::kOrganization, "O"},
    {&attribute::kOrganizationalUnit, "OU"},
    {&attribute::kCountry, "C"},
    {&attribute::kStreet, "STREET"},
    {&attribute::kDomainComponent, "DC"},
    {&attribute::kUserId, "UID"},
    {&attribute::kSerialNumber, "SERIALNUMBER"},
    {&attribute::kSurname, "SURNAME"},
    {&attribute::kGivenName, "GIVENNAME"},
    {&attribute::kEmailAddress, "E"},
    {&attribute::kBusinessCategory, "businessCategory"},
}};

const char* ShortNameOf(der::Input type) {
  for (const AttributeName& entry : kAttributeNames) {
    if (*entry.type == type) {
      return entry.short_name;
    }
  }
  return nullptr;
}

// AttributeTypeAndValue ::= SEQUENCE {
//   type     AttributeType,
//   value    AttributeValue }
// AttributeType ::= OBJECT IDENTIFIER
// AttributeValue ::= ANY -- DEFINED BY AttributeType
Result<AttributeTypeAndValue> ParseAttributeTypeAndValue(der::Reader* rdn) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader sequence, rdn->ReadSequence());
  AttributeTypeAndValue attribute;
  //   type     AttributeType,
  TINYSIGN_ASSIGN_OR_RETURN(attribute.type, sequence.ReadOid());
  //   value    AttributeValue }
  TINYSIGN_ASSIGN_OR_RETURN(der::Element value, sequence.ReadElement());
  TINYSIGN_TRY(sequence.ExpectEnd("AttributeTypeAndValue"));
  attribute.value_tag = value.tag;
  attribute.value_tlv = value.tlv;
  if (IsCharacterStringTag(value.tag)) {
    TINYSIGN_ASSIGN_OR_RETURN(attribute.text,
                              DecodeCharacterString(value.tag, value.value));
    attribute.is_text = true;
  } else if (ShortNameOf(attribute.type) != nullptr) {
    // Every type in `kAttributeNames` is a DirectoryString, IA5String or
    // PrintableString (RFC 5280 appendix A.1, RFC 4519).
    return Fail(ErrorCode::kX509BadName,
                der::OidToString(attribute.type) + " value is " +
                    der::TagName(value.tag) + ", not a character string");
  }
  return attribute;
}

// RelativeDistinguishedName ::=
//   SET SIZE (1..MAX) OF AttributeTypeAndValue
Result<RelativeDistinguishedName> ParseRdn(der::Reader* rdns,
                                           size_t* num_attributes) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader set, rdns->ReadSet());
  if (set.AtEnd()) {
    return Fail(ErrorCode::kX509BadName, "empty RelativeDistinguishedName");
  }
  RelativeDistinguishedName rdn;
  while (!set.AtEnd()) {
    if (*num_attributes == limits::kMaxNameAttributes) {
      return Fail(ErrorCode::kDerTooManyElements,
                  "Name has more than " +
                      std::to_string(limits::kMaxNameAttributes) +
                      " attributes");
    }
    ++*num_attributes;
    TINYSIGN_ASSIGN_OR_RETURN(AttributeTypeAndValue attribute,
                              ParseAttributeTypeAndValue(&set));
    rdn.push_back(std::move(attribute));
  }
  // NOTE: DER wants the values of a multi-valued RDN sorted; the order is
  // not checked, since nothing here depends on it.
  return rdn;
}

void AppendHexByte(uint8_t byte, std::string* out) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  out->push_back(kDigits[byte >> 4]);
  out->push_back(kDigits[byte & 0x0f]);
}

// AppendEscaped writes `text` as an RFC 4514 section 2.4 attribute value.
void AppendEscaped(const std::string& text, std::string* out) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto byte = static_cast<uint8_t>(c);
    const bool first = i == 0;
    const bool last = i + 1 == text.size();
    if (byte < 0x20 || byte == 0x7f) {
      out->push_back('\\');
      AppendHexByte(byte, out);
      continue;
    }
    const bool special = c == '"' || c == '+' || c == ',' || c == ';' ||
                         c == '<' || c == '>' || c == '\\';
    const bool edge = (first && (c == ' ' || c == '#')) || (last && c == ' ');
    if (special || edge) {
      out->push_back('\\');
    }
    out->push_back(c);
  }
}

void AppendAttribute(const AttributeTypeAndValue& attribute, std::string* out) {
  const char* short_name = ShortNameOf(attribute.type);
  if (short_name != nullptr && attribute.is_text) {
    *out += short_name;
    out->push_back('=');
    AppendEscaped(attribute.text, out);
    return;
  }
  *out += der::OidToString(attribute.type);
  *out += "=#";
  for (uint8_t byte : attribute.value_tlv) {
    AppendHexByte(byte, out);
  }
}

bool IsAsciiSpace(char c) { return c == ' '; }

// PrepareForComparison applies the simplified RFC 4518 preparation that
// `NamesMatch` documents.
std::string PrepareForComparison(const std::string& text) {
  std::string out;
  bool pending_space = false;
  for (char c : text) {
    if (IsAsciiSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

bool AttributesMatch(const AttributeTypeAndValue& a,
                     const AttributeTypeAndValue& b) {
  if (!(a.type == b.type)) {
    return false;
  }
  if (a.is_text && b.is_text) {
    return PrepareForComparison(a.text) == PrepareForComparison(b.text);
  }
  return a.value_tlv == b.value_tlv;
}

// RdnsMatch compares two RDNs as sets: each attribute of `a` must match a
// different attribute of `b`.
bool RdnsMatch(const RelativeDistinguishedName& a,
               const RelativeDistinguishedName& b) {
  if (a.size() != b.size()) {
    return false;
  }
  std::vector<bool> used(b.size(), false);
  for (const AttributeTypeAndValue& attribute : a) {
    bool found = false;
    for (size_t j = 0; j < b.size() && !found; ++j) {
      if (!used[j] && AttributesMatch(attribute, b[j])) {
        used[j] = true;
        found = true;
      }
    }
    if (!found) {
      return false;
    }
  }
  return true;
}

}  // namespace

const std::string* Name::FindFirst(const der::Oid& type) const {
  for (const RelativeDistinguishedName& rdn : rdns_) {
    for (const AttributeTypeAndValue& attribute : rdn) {
      if (type == attribute.type) {
        return attribute.is_text ? &attribute.text : nullptr;
      }
    }
  }
  return nullptr;
}

std::vector<std::string> Name::FindAll(const der::Oid& type) const {
  std::vector<std::string> texts;
  for (const RelativeDistinguishedName& rdn : rdns_) {
    for (const AttributeTypeAndValue& attribute : rdn) {
      if (type == attribute.type && attribute.is_text) {
        texts.push_back(attribute.text);
      }
    }
  }
  return texts;
}

std::string Name::ToRfc4514() const {
  std::string out;
  for (auto rdn = rdns_.rbegin(); rdn != rdns_.rend(); ++rdn) {
    if (rdn != rdns_.rbegin()) {
      out.push_back(',');
    }
    for (size_t i = 0; i < rdn->size(); ++i) {
      if (i > 0) {
        out.push_back('+');
      }
      AppendAttribute((*rdn)[i], &out);
    }
  }
  return out;
}

// Name ::= CHOICE { -- only one possibility for now --
//   rdnSequence  RDNSequence }
// RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
Result<Name> ParseName(der::Input name_tlv) {
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Element element,
      der::ParseSingle(name_tlv, der::tag::kSequence, "Name"));
  Name name;
  name.tlv_ = element.tlv;
  der::Reader rdns(element.value, 1);
  size_t num_attributes = 0;
  while (!rdns.AtEnd()) {
    if (name.rdns_.size() == limits::kMaxNameRdns) {
      return Fail(ErrorCode::kDerTooManyElements,
                  "Name has more than " + std::to_string(limits::kMaxNameRdns) +
                      " RDNs");
    }
    TINYSIGN_ASSIGN_OR_RETURN(RelativeDistinguishedName rdn,
                              ParseRdn(&rdns, &num_attributes));
    name.rdns_.push_back(std::move(rdn));
  }
  return name;
}

bool NamesMatch(const Name& a, const Name& b) {
  if (a.tlv() == b.tlv()) {
    return true;
  }
  if (a.rdns().size() != b.rdns().size()) {
    return false;
  }
  for (size_t i = 0; i < a.rdns().size(); ++i) {
    if (!RdnsMatch(a.rdns()[i], b.rdns()[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace tinysign::x509
