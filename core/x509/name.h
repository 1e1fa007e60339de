// X.509 distinguished names (RFC 5280 section 4.1.2.4): parsing, RFC 4514
// text and the name comparison used to build chains.
//
// A `Name` keeps the exact DER of the whole Name, views of each attribute
// and each attribute value decoded to UTF-8. The views point into the bytes
// passed to `ParseName`, which the caller keeps alive; a `Name` inside a
// `Certificate` points into the certificate's own copy.
//
// Example:
//   TINYSIGN_ASSIGN_OR_RETURN(x509::Name name, x509::ParseName(name_tlv));
//   std::string text = name.ToRfc4514();  // "CN=ТЕСТОВ ТЕСТ,C=KZ"
//   const std::string* iin = name.FindFirst(x509::attribute::kSerialNumber);
//
// Not supported:
// - Unicode case folding in `NamesMatch`: only ASCII letters are folded.
// - DER order of the values inside a multi-valued RDN is not checked.
#ifndef TINYSIGN_CORE_X509_NAME_H_
#define TINYSIGN_CORE_X509_NAME_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/der/input.h"
#include "core/der/oid.h"
#include "core/result.h"

namespace tinysign::x509 {

// Attribute types of the names in NUC certificates, from RFC 4519 (X.520
// types), RFC 4524 (DC, UID) and PKCS #9 (emailAddress).
namespace attribute {
// id-at-commonName
inline constexpr der::Oid kCommonName("2.5.4.3");
// id-at-surname
inline constexpr der::Oid kSurname("2.5.4.4");
// id-at-serialNumber; NUC stores "IIN" and the 12-digit IIN here.
inline constexpr der::Oid kSerialNumber("2.5.4.5");
// id-at-countryName
inline constexpr der::Oid kCountry("2.5.4.6");
// id-at-localityName
inline constexpr der::Oid kLocality("2.5.4.7");
// id-at-stateOrProvinceName
inline constexpr der::Oid kStateOrProvince("2.5.4.8");
// id-at-streetAddress
inline constexpr der::Oid kStreet("2.5.4.9");
// id-at-organizationName
inline constexpr der::Oid kOrganization("2.5.4.10");
// id-at-organizationalUnitName; NUC stores "BIN" and the 12-digit BIN here.
inline constexpr der::Oid kOrganizationalUnit("2.5.4.11");
// id-at-businessCategory; NUC treasury certificates carry a code here.
inline constexpr der::Oid kBusinessCategory("2.5.4.15");
// id-at-givenName; NUC stores the patronymic here, not the first name.
inline constexpr der::Oid kGivenName("2.5.4.42");
// domainComponent (RFC 4519 2.4); NUC treasury roles such as "ROLE01".
inline constexpr der::Oid kDomainComponent("0.9.2342.19200300.100.1.25");
// userId (RFC 4519 2.39); NUC information systems carry "1.2.398.6.10.1.1".
inline constexpr der::Oid kUserId("0.9.2342.19200300.100.1.1");
// pkcs-9-at-emailAddress (RFC 2985 5.2.1)
inline constexpr der::Oid kEmailAddress("1.2.840.113549.1.9.1");
}  // namespace attribute

// AttributeTypeAndValue is one component of a name, such as CN=ТЕСТОВ ТЕСТ.
struct AttributeTypeAndValue {
  // OBJECT IDENTIFIER contents of the attribute type.
  der::Input type;
  // Tag of the AttributeValue.
  uint8_t value_tag = 0;
  // Whole encoding of the AttributeValue.
  der::Input value_tlv;
  // True when the value is a character string, which `text` then contains
  // as UTF-8.
  bool is_text = false;
  std::string text;
};

// RelativeDistinguishedName is one SET of attributes, in DER order. NUC
// names have one attribute per RDN.
using RelativeDistinguishedName = std::vector<AttributeTypeAndValue>;

// Name is a parsed RDNSequence.
class Name {
 public:
  // tlv returns the whole DER encoding of the Name, for exact comparison.
  der::Input tlv() const { return tlv_; }
  // rdns returns the RDNs in encoding order (the most significant first).
  const std::vector<RelativeDistinguishedName>& rdns() const { return rdns_; }
  bool empty() const { return rdns_.empty(); }

  // FindFirst returns the text of the first attribute of type `type` in
  // encoding order, or nullptr when there is none or its value is not a
  // character string.
  const std::string* FindFirst(const der::Oid& type) const;

  // FindAll returns the texts of every attribute of type `type` whose value
  // is a character string, in encoding order.
  std::vector<std::string> FindAll(const der::Oid& type) const;

  // ToRfc4514 returns the RFC 4514 string: RDNs last to first, separated by
  // ',', with '+' between the values of a multi-valued RDN. Types use the
  // short names CN, L, ST, O, OU, C, STREET, DC, UID, SERIALNUMBER, SURNAME,
  // GIVENNAME, E and businessCategory. Other types, and values that are not
  // character strings, appear as the dotted OID and '#' with the hex of the
  // value's DER (RFC 4514 section 2.4). Special characters are escaped with
  // '\', and control characters as '\' and two hex digits.
  std::string ToRfc4514() const;

 private:
  friend Result<Name> ParseName(der::Input name_tlv);

  der::Input tlv_;
  std::vector<RelativeDistinguishedName> rdns_;
};

// ParseName parses `name_tlv`, which contains one DER Name and nothing else.
// Fails with a `der.*` code for a malformed encoding, `der.bad_string` for an
// invalid character string, `x509.bad_name` for an empty RDN or a known
// string attribute whose value is not a string, and
// `der.too_many_elements` past `limits::kMaxNameRdns` RDNs or
// `limits::kMaxNameAttributes` attributes. The result views `name_tlv`.
Result<Name> ParseName(der::Input name_tlv);

// NamesMatch reports whether `a` and `b` name the same entity, for chaining
// a certificate's issuer to a candidate issuer's subject. Byte-equal DER
// matches. Otherwise the names must have the same number of RDNs, and each
// pair of RDNs the same set of attributes. Two string values are equal
// after a simplified RFC 5280 section 7.1 preparation: leading and trailing
// spaces are dropped, inner runs of spaces become one, and ASCII letters
// are compared without case. Values that are not character strings must be
// byte-equal.
bool NamesMatch(const Name& a, const Name& b);

}  // namespace tinysign::x509

#endif  // TINYSIGN_CORE_X509_NAME_H_
