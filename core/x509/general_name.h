// GeneralName and GeneralNames (RFC 5280 section 4.2.1.6), as used in
// subjectAltName, authorityKeyIdentifier, cRLDistributionPoints and
// authorityInfoAccess.
//
// Not supported: the contents of otherName, x400Address and ediPartyName are
// kept as raw bytes and not parsed.
#ifndef TINYSIGN_CORE_X509_GENERAL_NAME_H_
#define TINYSIGN_CORE_X509_GENERAL_NAME_H_

#include <optional>
#include <string>
#include <vector>

#include "core/der/input.h"
#include "core/der/reader.h"
#include "core/result.h"
#include "core/x509/name.h"

namespace tinysign::x509 {

// GeneralName is one alternative of the GeneralName CHOICE.
struct GeneralName {
  // Kind is the context tag number of the alternative.
  enum class Kind {
    kOtherName = 0,
    kRfc822Name = 1,
    kDnsName = 2,
    kX400Address = 3,
    kDirectoryName = 4,
    kEdiPartyName = 5,
    kUri = 6,
    kIpAddress = 7,
    kRegisteredId = 8,
  };

  Kind kind = Kind::kOtherName;
  // Contents of the tagged value: the IA5String text bytes, the Name's DER
  // for a directoryName, the address octets or the OID contents.
  der::Input value;
  // The IA5String text of an rfc822Name, dNSName or URI.
  std::string text;
  // The parsed Name of a directoryName.
  std::optional<Name> directory_name;
};

// ParseGeneralName reads one GeneralName from `reader`. It fails with a
// `der.*` code for a malformed encoding or an unknown tag, and with
// `der.bad_string` for an IA5String with a byte of 0x80 or more.
Result<GeneralName> ParseGeneralName(der::Reader* reader);

// ParseGeneralNames reads the elements of a GeneralNames SEQUENCE from
// `contents`, the SEQUENCE's contents. RFC 5280 requires at least one, so an
// empty list fails with `x509.bad_extension`; more than
// `limits::kMaxElementsPerList` fails with `der.too_many_elements`.
Result<std::vector<GeneralName>> ParseGeneralNames(der::Reader contents);

// UrisOf returns the texts of the uniformResourceIdentifier names in
// `names`, in order.
std::vector<std::string> UrisOf(const std::vector<GeneralName>& names);

}  // namespace tinysign::x509

#endif  // TINYSIGN_CORE_X509_GENERAL_NAME_H_
