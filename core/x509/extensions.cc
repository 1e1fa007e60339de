#include "core/x509/extensions.h"

#include <array>

#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/limits.h"

namespace tinysign::x509 {

namespace {

using der::tag::ContextConstructed;
using der::tag::ContextSpecific;

Error BadExtension(std::string detail) {
  return Fail(ErrorCode::kX509BadExtension, std::move(detail));
}

Error TooManyElements(std::string_view structure) {
  return Fail(ErrorCode::kDerTooManyElements,
              std::string(structure) + " has more than " +
                  std::to_string(limits::kMaxElementsPerList) + " entries");
}

// SequenceOf returns a reader over the contents of `value`, which must be one
// SEQUENCE and nothing else.
Result<der::Reader> SequenceOf(der::Input value, std::string_view structure) {
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Element element,
      der::ParseSingle(value, der::tag::kSequence, structure));
  return der::Reader(element.value, 1);
}

// KeyIdentifier ::= OCTET STRING
// SubjectKeyIdentifier ::= KeyIdentifier
Status ParseSubjectKeyIdentifier(der::Input value, Extensions* out) {
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Element element,
      der::ParseSingle(value, der::tag::kOctetString, "SubjectKeyIdentifier"));
  out->subject_key_identifier = element.value;
  return OkStatus();
}

// KeyUsage ::= BIT STRING {
//      digitalSignature        (0),
//      nonRepudiation          (1), -- recent editions of X.509 have
//                           -- renamed this bit to contentCommitment
//      keyEncipherment         (2),
//      dataEncipherment        (3),
//      keyAgreement            (4),
//      keyCertSign             (5),
//      cRLSign                 (6),
//      encipherOnly            (7),
//      decipherOnly            (8) }
Status ParseKeyUsage(der::Input value, Extensions* out) {
  der::Reader reader(value);
  TINYSIGN_ASSIGN_OR_RETURN(der::BitString bits, reader.ReadBitString());
  TINYSIGN_TRY(reader.ExpectEnd("KeyUsage"));
  // Bit n is bit 7 - (n % 8) of octet n / 8. Bits past decipherOnly have no
  // meaning and are ignored. Trailing zero bits, which DER would drop, are
  // tolerated.
  uint16_t mask = 0;
  size_t octet_index = 0;
  for (uint8_t octet : bits.bytes) {
    for (int bit = 0; bit < 8 && octet_index < 2; ++bit) {
      if (octet & (0x80 >> bit)) {
        mask |= static_cast<uint16_t>(1u << (octet_index * 8 + bit));
      }
    }
    ++octet_index;
  }
  mask &= 0x1ff;
  // RFC 5280 4.2.1.3: "at least one of the bits MUST be set to 1".
  if (mask == 0) {
    return BadExtension("KeyUsage has no bit set");
  }
  out->key_usage = KeyUsage(mask);
  return OkStatus();
}

// SubjectAltName ::= GeneralNames
Status ParseSubjectAltName(der::Input value, Extensions* out) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader names,
                            SequenceOf(value, "SubjectAltName"));
  TINYSIGN_ASSIGN_OR_RETURN(out->subject_alt_names, ParseGeneralNames(names));
  return OkStatus();
}

// BasicConstraints ::= SEQUENCE {
//      cA                      BOOLEAN DEFAULT FALSE,
//      pathLenConstraint       INTEGER (0..MAX) OPTIONAL }
Status ParseBasicConstraints(der::Input value, Extensions* out) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader sequence,
                            SequenceOf(value, "BasicConstraints"));
  BasicConstraints constraints;
  //      cA                      BOOLEAN DEFAULT FALSE,
  // DER omits a DEFAULT value, but an explicit FALSE is tolerated because
  // some CAs write it and it means the same.
  if (sequence.PeekTag(der::tag::kBoolean)) {
    TINYSIGN_ASSIGN_OR_RETURN(constraints.is_ca, sequence.ReadBoolean());
  }
  //      pathLenConstraint       INTEGER (0..MAX) OPTIONAL }
  if (sequence.PeekTag(der::tag::kInteger)) {
    TINYSIGN_ASSIGN_OR_RETURN(int64_t path_len, sequence.ReadSmallInteger());
    if (path_len < 0) {
      return BadExtension("negative pathLenConstraint");
    }
    constraints.path_len_constraint = path_len;
  }
  TINYSIGN_TRY(sequence.ExpectEnd("BasicConstraints"));
  out->basic_constraints = constraints;
  return OkStatus();
}

// DistributionPointName ::= CHOICE {
//      fullName                [0]     GeneralNames,
//      nameRelativeToCRLIssuer [1]     RelativeDistinguishedName }
Status ParseDistributionPointName(der::Reader* point,
                                  std::vector<std::string>* urls) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader name,
                            point->ReadConstructed(ContextConstructed(0)));
  if (name.PeekTag(ContextConstructed(0))) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Reader full_name,
                              name.ReadConstructed(ContextConstructed(0)));
    TINYSIGN_ASSIGN_OR_RETURN(std::vector<GeneralName> names,
                              ParseGeneralNames(full_name));
    for (std::string& uri : UrisOf(names)) {
      urls->push_back(std::move(uri));
    }
  } else {
    TINYSIGN_ASSIGN_OR_RETURN(der::Reader relative,
                              name.ReadConstructed(ContextConstructed(1)));
    if (relative.AtEnd()) {
      return BadExtension("empty nameRelativeToCRLIssuer");
    }
  }
  return name.ExpectEnd("DistributionPointName");
}

// CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint
// FreshestCRL ::= CRLDistributionPoints
Status ParseDistributionPoints(der::Input value,
                               std::vector<std::string>* urls) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader points,
                            SequenceOf(value, "CRLDistributionPoints"));
  if (points.AtEnd()) {
    return BadExtension("empty CRLDistributionPoints");
  }
  for (size_t i = 0; !points.AtEnd(); ++i) {
    if (i == limits::kMaxElementsPerList) {
      return TooManyElements("CRLDistributionPoints");
    }
    // DistributionPoint ::= SEQUENCE {
    TINYSIGN_ASSIGN_OR_RETURN(der::Reader point, points.ReadSequence());
    //      distributionPoint       [0]     DistributionPointName OPTIONAL,
    const bool has_name = point.PeekTag(ContextConstructed(0));
    if (has_name) {
      TINYSIGN_TRY(ParseDistributionPointName(&point, urls));
    }
    //      reasons                 [1]     ReasonFlags OPTIONAL,
    if (point.PeekTag(ContextSpecific(1))) {
      TINYSIGN_TRY(point.ReadElement());
    }
    //      cRLIssuer               [2]     GeneralNames OPTIONAL }
    bool has_crl_issuer = false;
    if (point.PeekTag(ContextConstructed(2))) {
      TINYSIGN_ASSIGN_OR_RETURN(der::Reader issuer,
                                point.ReadConstructed(ContextConstructed(2)));
      TINYSIGN_TRY(ParseGeneralNames(issuer));
      has_crl_issuer = true;
    }
    TINYSIGN_TRY(point.ExpectEnd("DistributionPoint"));
    // RFC 5280 4.2.1.13: "either distributionPoint or cRLIssuer MUST be
    // present".
    if (!has_name && !has_crl_issuer) {
      return BadExtension(
          "DistributionPoint without distributionPoint or "
          "cRLIssuer");
    }
  }
  return OkStatus();
}

Status ParseCrlDistributionPoints(der::Input value, Extensions* out) {
  return ParseDistributionPoints(value, &out->crl_urls);
}

Status ParseFreshestCrl(der::Input value, Extensions* out) {
  return ParseDistributionPoints(value, &out->delta_crl_urls);
}

// PolicyQualifierInfo ::= SEQUENCE {
//      policyQualifierId  PolicyQualifierId,
//      qualifier          ANY DEFINED BY policyQualifierId }
Status SkipPolicyQualifiers(der::Reader* information) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader qualifiers,
                            information->ReadSequence());
  if (qualifiers.AtEnd()) {
    return BadExtension("empty policyQualifiers");
  }
  for (size_t i = 0; !qualifiers.AtEnd(); ++i) {
    if (i == limits::kMaxElementsPerList) {
      return TooManyElements("policyQualifiers");
    }
    TINYSIGN_ASSIGN_OR_RETURN(der::Reader qualifier, qualifiers.ReadSequence());
    TINYSIGN_TRY(qualifier.ReadOid());
    TINYSIGN_TRY(qualifier.ReadElement());
    TINYSIGN_TRY(qualifier.ExpectEnd("PolicyQualifierInfo"));
  }
  return OkStatus();
}

bool Contains(const std::vector<der::Input>& list, der::Input item) {
  for (der::Input entry : list) {
    if (entry == item) {
      return true;
    }
  }
  return false;
}

// certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation
Status ParseCertificatePolicies(der::Input value, Extensions* out) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader policies,
                            SequenceOf(value, "certificatePolicies"));
  if (policies.AtEnd()) {
    return BadExtension("empty certificatePolicies");
  }
  std::vector<der::Input> identifiers;
  while (!policies.AtEnd()) {
    if (identifiers.size() == limits::kMaxElementsPerList) {
      return TooManyElements("certificatePolicies");
    }
    // PolicyInformation ::= SEQUENCE {
    TINYSIGN_ASSIGN_OR_RETURN(der::Reader information, policies.ReadSequence());
    //      policyIdentifier   CertPolicyId,
    TINYSIGN_ASSIGN_OR_RETURN(der::Input identifier, information.ReadOid());
    //      policyQualifiers   SEQUENCE SIZE (1..MAX) OF
    //                              PolicyQualifierInfo OPTIONAL }
    if (!information.AtEnd()) {
      TINYSIGN_TRY(SkipPolicyQualifiers(&information));
    }
    TINYSIGN_TRY(information.ExpectEnd("PolicyInformation"));
    // RFC 5280 4.2.1.4: "A certificate policy OID MUST NOT appear more than
    // once in a certificate policies extension."
    if (Contains(identifiers, identifier)) {
      return BadExtension("policy " + der::OidToString(identifier) +
                          " appears twice");
    }
    identifiers.push_back(identifier);
  }
  out->policies = std::move(identifiers);
  return OkStatus();
}

// AuthorityKeyIdentifier ::= SEQUENCE {
//    keyIdentifier             [0] KeyIdentifier           OPTIONAL,
//    authorityCertIssuer       [1] GeneralNames            OPTIONAL,
//    authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL  }
Status ParseAuthorityKeyIdentifier(der::Input value, Extensions* out) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader sequence,
                            SequenceOf(value, "AuthorityKeyIdentifier"));
  AuthorityKeyIdentifier identifier;
  //    keyIdentifier             [0] KeyIdentifier           OPTIONAL,
  TINYSIGN_ASSIGN_OR_RETURN(identifier.key_identifier,
                            sequence.ReadOptional(ContextSpecific(0)));
  //    authorityCertIssuer       [1] GeneralNames            OPTIONAL,
  const bool has_issuer = sequence.PeekTag(ContextConstructed(1));
  if (has_issuer) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Reader issuer,
                              sequence.ReadConstructed(ContextConstructed(1)));
    TINYSIGN_ASSIGN_OR_RETURN(identifier.authority_cert_issuer,
                              ParseGeneralNames(issuer));
  }
  //    authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL  }
  TINYSIGN_ASSIGN_OR_RETURN(identifier.authority_cert_serial_number,
                            sequence.ReadOptional(ContextSpecific(2)));
  if (identifier.authority_cert_serial_number) {
    TINYSIGN_TRY(
        der::ValidateInteger(*identifier.authority_cert_serial_number));
  }
  TINYSIGN_TRY(sequence.ExpectEnd("AuthorityKeyIdentifier"));
  // RFC 5280 appendix A.2: "authorityCertIssuer and
  // authorityCertSerialNumber MUST both be present or both be absent".
  if (has_issuer != identifier.authority_cert_serial_number.has_value()) {
    return BadExtension(
        "only one of authorityCertIssuer and "
        "authorityCertSerialNumber");
  }
  out->authority_key_identifier = std::move(identifier);
  return OkStatus();
}

// ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId
// KeyPurposeId ::= OBJECT IDENTIFIER
Status ParseExtKeyUsage(der::Input value, Extensions* out) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader purposes,
                            SequenceOf(value, "ExtKeyUsageSyntax"));
  if (purposes.AtEnd()) {
    return BadExtension("empty ExtKeyUsageSyntax");
  }
  std::vector<der::Input> oids;
  while (!purposes.AtEnd()) {
    if (oids.size() == limits::kMaxElementsPerList) {
      return TooManyElements("ExtKeyUsageSyntax");
    }
    TINYSIGN_ASSIGN_OR_RETURN(der::Input purpose, purposes.ReadOid());
    oids.push_back(purpose);
  }
  out->ext_key_usage = std::move(oids);
  return OkStatus();
}

// AuthorityInfoAccessSyntax  ::=
//         SEQUENCE SIZE (1..MAX) OF AccessDescription
Status ParseAuthorityInfoAccess(der::Input value, Extensions* out) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader descriptions,
                            SequenceOf(value, "AuthorityInfoAccessSyntax"));
  if (descriptions.AtEnd()) {
    return BadExtension("empty AuthorityInfoAccessSyntax");
  }
  for (size_t i = 0; !descriptions.AtEnd(); ++i) {
    if (i == limits::kMaxElementsPerList) {
      return TooManyElements("AuthorityInfoAccessSyntax");
    }
    // AccessDescription  ::=  SEQUENCE {
    TINYSIGN_ASSIGN_OR_RETURN(der::Reader description,
                              descriptions.ReadSequence());
    //         accessMethod          OBJECT IDENTIFIER,
    TINYSIGN_ASSIGN_OR_RETURN(der::Input method, description.ReadOid());
    //         accessLocation        GeneralName  }
    TINYSIGN_ASSIGN_OR_RETURN(GeneralName location,
                              ParseGeneralName(&description));
    TINYSIGN_TRY(description.ExpectEnd("AccessDescription"));
    if (location.kind != GeneralName::Kind::kUri) {
      continue;
    }
    if (oid::kAccessMethodOcsp == method) {
      out->ocsp_urls.push_back(std::move(location.text));
    } else if (oid::kAccessMethodCaIssuers == method) {
      out->ca_issuers_urls.push_back(std::move(location.text));
    }
  }
  return OkStatus();
}

// id-pkix-ocsp-nocheck extension value is NULL (RFC 6960 4.2.2.2.1). The
// NUC RSA test OCSP responder certificate leaves extnValue empty instead,
// which OpenSSL accepts too, so an empty value is accepted.
Status ParseOcspNoCheck(der::Input value, Extensions* out) {
  out->has_ocsp_no_check = true;
  if (value.empty()) {
    return OkStatus();
  }
  der::Reader reader(value);
  TINYSIGN_TRY(reader.ReadNull());
  TINYSIGN_TRY(reader.ExpectEnd("ocsp-nocheck"));
  return OkStatus();
}

struct KnownExtension {
  const der::Oid* oid;
  const char* name;
  Status (*parse)(der::Input value, Extensions* out);
};

constexpr std::array<KnownExtension, 11> kKnownExtensions = {{
    {&oid::kSubjectKeyIdentifier, "subjectKeyIdentifier",
     ParseSubjectKeyIdentifier},
    {&oid::kKeyUsage, "keyUsage", ParseKeyUsage},
    {&oid::kSubjectAltName, "subjectAltName", ParseSubjectAltName},
    {&oid::kBasicConstraints, "basicConstraints", ParseBasicConstraints},
    {&oid::kCrlDistributionPoints, "cRLDistributionPoints",
     ParseCrlDistributionPoints},
    {&oid::kCertificatePolicies, "certificatePolicies",
     ParseCertificatePolicies},
    {&oid::kAuthorityKeyIdentifier, "authorityKeyIdentifier",
     ParseAuthorityKeyIdentifier},
    {&oid::kExtKeyUsage, "extKeyUsage", ParseExtKeyUsage},
    {&oid::kFreshestCrl, "freshestCRL", ParseFreshestCrl},
    {&oid::kAuthorityInfoAccess, "authorityInfoAccess",
     ParseAuthorityInfoAccess},
    {&oid::kOcspNoCheck, "ocsp-nocheck", ParseOcspNoCheck},
}};

const KnownExtension* FindKnown(der::Input oid) {
  for (const KnownExtension& known : kKnownExtensions) {
    if (*known.oid == oid) {
      return &known;
    }
  }
  return nullptr;
}

// Extension  ::=  SEQUENCE  {
//      extnID      OBJECT IDENTIFIER,
//      critical    BOOLEAN DEFAULT FALSE,
//      extnValue   OCTET STRING
//                  -- contains the DER encoding of an ASN.1 value
//                  -- corresponding to the extension type identified
//                  -- by extnID
//      }
Result<Extension> ParseExtension(der::Reader* extensions) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader sequence, extensions->ReadSequence());
  Extension extension;
  //      extnID      OBJECT IDENTIFIER,
  TINYSIGN_ASSIGN_OR_RETURN(extension.oid, sequence.ReadOid());
  //      critical    BOOLEAN DEFAULT FALSE,
  // An explicit FALSE is not DER but is tolerated, as in BasicConstraints.
  if (sequence.PeekTag(der::tag::kBoolean)) {
    TINYSIGN_ASSIGN_OR_RETURN(extension.critical, sequence.ReadBoolean());
  }
  //      extnValue   OCTET STRING
  TINYSIGN_ASSIGN_OR_RETURN(extension.value, sequence.ReadOctetString());
  TINYSIGN_TRY(sequence.ExpectEnd("Extension"));
  return extension;
}

// InterpretExtension parses the value of a known extension into `out`, or
// records an unknown critical one.
Status InterpretExtension(const Extension& extension, Extensions* out) {
  const KnownExtension* known = FindKnown(extension.oid);
  if (known == nullptr) {
    if (extension.critical) {
      out->unknown_critical.push_back(extension.oid);
    }
    return OkStatus();
  }
  Status status = known->parse(extension.value, out);
  if (!status.has_value()) {
    const Error& error = status.error();
    return BadExtension(std::string(known->name) + ": " +
                        std::string(ErrorId(error.code)) + ": " + error.detail);
  }
  return OkStatus();
}

}  // namespace

const Extension* Extensions::Find(const der::Oid& oid) const {
  for (const Extension& extension : all) {
    if (oid == extension.oid) {
      return &extension;
    }
  }
  return nullptr;
}

// Extensions  ::=  SEQUENCE SIZE (1..MAX) OF Extension
Result<Extensions> ParseExtensions(der::Input extensions_tlv) {
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Element element,
      der::ParseSingle(extensions_tlv, der::tag::kSequence, "Extensions"));
  der::Reader reader(element.value, 1);
  if (reader.AtEnd()) {
    return BadExtension("empty Extensions");
  }
  Extensions extensions;
  while (!reader.AtEnd()) {
    if (extensions.all.size() == limits::kMaxElementsPerList) {
      return TooManyElements("Extensions");
    }
    TINYSIGN_ASSIGN_OR_RETURN(Extension extension, ParseExtension(&reader));
    // RFC 5280 4.2: "A certificate MUST NOT include more than one instance
    // of a particular extension."
    for (const Extension& earlier : extensions.all) {
      if (earlier.oid == extension.oid) {
        return Fail(ErrorCode::kX509DuplicateExtension,
                    der::OidToString(extension.oid));
      }
    }
    TINYSIGN_TRY(InterpretExtension(extension, &extensions));
    extensions.all.push_back(extension);
  }
  return extensions;
}

}  // namespace tinysign::x509
