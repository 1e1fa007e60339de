#include "cli/inspect_extensions.h"

#include <array>
#include <string_view>

#include "cli/oid_names.h"
#include "core/der/oid.h"
#include "core/encoding/input_form.h"

namespace tinysign::cli {

namespace {

using x509::KeyUsageBit;

// The KeyUsage bit names of RFC 5280 section 4.2.1.3, by bit number.
constexpr std::array<std::string_view, 9> kKeyUsageNames = {
    "digitalSignature", "nonRepudiation", "keyEncipherment",
    "dataEncipherment", "keyAgreement",   "keyCertSign",
    "cRLSign",          "encipherOnly",   "decipherOnly",
};

std::string KeyUsageText(const x509::KeyUsage& key_usage) {
  std::string out;
  for (size_t bit = 0; bit < kKeyUsageNames.size(); ++bit) {
    if (key_usage.Has(static_cast<KeyUsageBit>(bit))) {
      out += (out.empty() ? "" : ", ") + std::string(kKeyUsageNames[bit]);
    }
  }
  return out.empty() ? "none" : out;
}

std::string IpAddressText(der::Input address) {
  if (address.size() != 4) {
    return encoding::HexEncode(address);
  }
  std::string out;
  for (uint8_t octet : address) {
    out += (out.empty() ? "" : ".") + std::to_string(octet);
  }
  return out;
}

void PrintOidList(const std::vector<der::Input>& oids, InspectWriter& writer) {
  for (der::Input oid : oids) {
    writer.Line(DescribeOid(oid));
  }
}

void PrintUrls(const std::vector<std::string>& urls, InspectWriter& writer) {
  for (const std::string& url : urls) {
    writer.Line("URI:" + url);
  }
}

void PrintAuthorityKeyIdentifier(const x509::AuthorityKeyIdentifier& aki,
                                 InspectWriter& writer) {
  if (aki.key_identifier.has_value()) {
    writer.Field("Key identifier", encoding::HexEncode(*aki.key_identifier));
  }
  for (const x509::GeneralName& name : aki.authority_cert_issuer) {
    writer.Field("Issuer", GeneralNameText(name));
  }
  if (aki.authority_cert_serial_number.has_value()) {
    writer.Field("Serial number",
                 encoding::HexEncode(*aki.authority_cert_serial_number));
  }
}

void PrintBasicConstraints(const x509::BasicConstraints& constraints,
                           InspectWriter& writer) {
  writer.Field("CA", constraints.is_ca ? "true" : "false");
  if (constraints.path_len_constraint.has_value()) {
    writer.Field("Path length",
                 std::to_string(*constraints.path_len_constraint));
  }
}

// PrintKnownValue writes the decoded value of `extension` and returns true,
// or returns false for an extension that has no decoded form here. Only
// the URIs of distribution points and access descriptions are decoded, so
// one without any URI falls back to hexadecimal.
bool PrintKnownValue(const x509::Extension& extension,
                     const x509::Extensions& all, InspectWriter& writer) {
  namespace oid = x509::oid;
  if (oid::kBasicConstraints == extension.oid && all.basic_constraints) {
    PrintBasicConstraints(*all.basic_constraints, writer);
  } else if (oid::kKeyUsage == extension.oid && all.key_usage) {
    writer.Line(KeyUsageText(*all.key_usage));
  } else if (oid::kExtKeyUsage == extension.oid && all.ext_key_usage) {
    PrintOidList(*all.ext_key_usage, writer);
  } else if (oid::kCertificatePolicies == extension.oid && all.policies) {
    PrintOidList(*all.policies, writer);
  } else if (oid::kSubjectKeyIdentifier == extension.oid &&
             all.subject_key_identifier) {
    writer.Line(encoding::HexEncode(*all.subject_key_identifier));
  } else if (oid::kAuthorityKeyIdentifier == extension.oid &&
             all.authority_key_identifier) {
    PrintAuthorityKeyIdentifier(*all.authority_key_identifier, writer);
  } else if (oid::kSubjectAltName == extension.oid && all.subject_alt_names) {
    for (const x509::GeneralName& name : *all.subject_alt_names) {
      writer.Line(GeneralNameText(name));
    }
  } else if (oid::kCrlDistributionPoints == extension.oid &&
             !all.crl_urls.empty()) {
    PrintUrls(all.crl_urls, writer);
  } else if (oid::kFreshestCrl == extension.oid &&
             !all.delta_crl_urls.empty()) {
    PrintUrls(all.delta_crl_urls, writer);
  } else if (oid::kAuthorityInfoAccess == extension.oid &&
             !(all.ocsp_urls.empty() && all.ca_issuers_urls.empty())) {
    for (const std::string& url : all.ocsp_urls) {
      writer.Field("OCSP", "URI:" + url);
    }
    for (const std::string& url : all.ca_issuers_urls) {
      writer.Field("CA issuers", "URI:" + url);
    }
  } else if (oid::kOcspNoCheck == extension.oid) {
    writer.Line("present: the responder's own status is not checked");
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::string GeneralNameText(const x509::GeneralName& name) {
  using Kind = x509::GeneralName::Kind;
  switch (name.kind) {
    case Kind::kRfc822Name:
      return "email:" + name.text;
    case Kind::kDnsName:
      return "DNS:" + name.text;
    case Kind::kUri:
      return "URI:" + name.text;
    case Kind::kDirectoryName:
      return "DirName:" + (name.directory_name.has_value()
                               ? name.directory_name->ToRfc4514()
                               : encoding::HexEncode(name.value));
    case Kind::kIpAddress:
      return "IP:" + IpAddressText(name.value);
    case Kind::kRegisteredId:
      return "RID:" + der::OidToString(name.value);
    case Kind::kOtherName:
      return "otherName:" + encoding::HexEncode(name.value);
    case Kind::kX400Address:
      return "x400Address:" + encoding::HexEncode(name.value);
    case Kind::kEdiPartyName:
      return "ediPartyName:" + encoding::HexEncode(name.value);
  }
  return encoding::HexEncode(name.value);
}

void PrintExtensions(const x509::Extensions& extensions,
                     InspectWriter& writer) {
  if (extensions.all.empty()) {
    writer.Field("Extensions", "none");
    return;
  }
  writer.Section("Extensions (" + std::to_string(extensions.all.size()) + ")");
  for (const x509::Extension& extension : extensions.all) {
    writer.Section(DescribeOid(extension.oid) +
                   (extension.critical ? ", critical" : ""));
    if (!PrintKnownValue(extension, extensions, writer)) {
      writer.HexField("Value", extension.value);
    }
    writer.EndSection();
  }
  writer.EndSection();
}

}  // namespace tinysign::cli
