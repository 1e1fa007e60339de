#include "cli/oid_names.h"

#include "core/der/oid.h"

namespace tinysign::cli {

namespace {

struct NamedOid {
  der::Oid oid;
  std::string_view name;
};

// Names from RFC 5280 (extensions and key purposes), RFC 4519 and RFC 2985
// (name attributes, written as the RFC 4514 short names that
// `x509::Name::ToRfc4514` uses), RFC 5652, RFC 5035 and RFC 3161 (CMS),
// RFC 6960 (OCSP). The NUC role names are those of the report's "roles"
// (NUC's role OIDs as NCANode lists them).
constexpr NamedOid kNames[] = {
    // Certificate and CRL extensions.
    {der::Oid("2.5.29.9"), "subjectDirectoryAttributes"},
    {der::Oid("2.5.29.14"), "subjectKeyIdentifier"},
    {der::Oid("2.5.29.15"), "keyUsage"},
    {der::Oid("2.5.29.16"), "privateKeyUsagePeriod"},
    {der::Oid("2.5.29.17"), "subjectAltName"},
    {der::Oid("2.5.29.18"), "issuerAltName"},
    {der::Oid("2.5.29.19"), "basicConstraints"},
    {der::Oid("2.5.29.20"), "cRLNumber"},
    {der::Oid("2.5.29.21"), "reasonCode"},
    {der::Oid("2.5.29.24"), "invalidityDate"},
    {der::Oid("2.5.29.27"), "deltaCRLIndicator"},
    {der::Oid("2.5.29.28"), "issuingDistributionPoint"},
    {der::Oid("2.5.29.29"), "certificateIssuer"},
    {der::Oid("2.5.29.30"), "nameConstraints"},
    {der::Oid("2.5.29.31"), "cRLDistributionPoints"},
    {der::Oid("2.5.29.32"), "certificatePolicies"},
    {der::Oid("2.5.29.33"), "policyMappings"},
    {der::Oid("2.5.29.35"), "authorityKeyIdentifier"},
    {der::Oid("2.5.29.36"), "policyConstraints"},
    {der::Oid("2.5.29.37"), "extKeyUsage"},
    {der::Oid("2.5.29.46"), "freshestCRL"},
    {der::Oid("2.5.29.54"), "inhibitAnyPolicy"},
    {der::Oid("1.3.6.1.5.5.7.1.1"), "authorityInfoAccess"},
    {der::Oid("1.3.6.1.5.5.7.48.1.5"), "ocspNoCheck"},
    {der::Oid("1.2.398.3.3.5"), "NUC keystore branch"},
    // Access methods.
    {der::Oid("1.3.6.1.5.5.7.48.1"), "ocsp"},
    {der::Oid("1.3.6.1.5.5.7.48.2"), "caIssuers"},
    // Key purposes.
    {der::Oid("2.5.29.37.0"), "anyExtendedKeyUsage"},
    {der::Oid("1.3.6.1.5.5.7.3.1"), "serverAuth"},
    {der::Oid("1.3.6.1.5.5.7.3.2"), "clientAuth"},
    {der::Oid("1.3.6.1.5.5.7.3.3"), "codeSigning"},
    {der::Oid("1.3.6.1.5.5.7.3.4"), "emailProtection"},
    {der::Oid("1.3.6.1.5.5.7.3.8"), "timeStamping"},
    {der::Oid("1.3.6.1.5.5.7.3.9"), "OCSPSigning"},
    // NUC roles in extKeyUsage.
    {der::Oid("1.2.398.3.3.4.1.1"), "NUC role individual"},
    {der::Oid("1.2.398.3.3.4.1.2"), "NUC role legal_entity"},
    {der::Oid("1.2.398.3.3.4.1.2.1"), "NUC role first_head"},
    {der::Oid("1.2.398.3.3.4.1.2.2"), "NUC role signing_right"},
    {der::Oid("1.2.398.3.3.4.1.2.3"), "NUC role financial_signing_right"},
    {der::Oid("1.2.398.3.3.4.1.2.4"), "NUC role hr"},
    {der::Oid("1.2.398.3.3.4.1.2.5"), "NUC role employee"},
    {der::Oid("1.2.398.3.3.4.1.2.6"), "NUC role information_system"},
    {der::Oid("1.2.398.5.19.1.2.2.1"), "NUC role treasury_client"},
    {der::Oid("1.2.398.3.3.4.2"), "NUC role nca_privileges"},
    {der::Oid("1.2.398.3.3.4.2.1"), "NUC role nca_admin"},
    {der::Oid("1.2.398.3.3.4.2.2"), "NUC role nca_manager"},
    {der::Oid("1.2.398.3.3.4.2.3"), "NUC role nca_operator"},
    {der::Oid("1.2.398.3.3.4.3"), "NUC role identification"},
    {der::Oid("1.2.398.3.3.4.3.1"), "NUC role identification_in_person"},
    {der::Oid("1.2.398.3.3.4.3.2"), "NUC role identification_remote"},
    {der::Oid("1.2.398.3.3.4.3.2.1"),
     "NUC role identification_remote_digital_id"},
    // Name attributes.
    {der::Oid("2.5.4.3"), "CN"},
    {der::Oid("2.5.4.4"), "SURNAME"},
    {der::Oid("2.5.4.5"), "SERIALNUMBER"},
    {der::Oid("2.5.4.6"), "C"},
    {der::Oid("2.5.4.7"), "L"},
    {der::Oid("2.5.4.8"), "ST"},
    {der::Oid("2.5.4.9"), "STREET"},
    {der::Oid("2.5.4.10"), "O"},
    {der::Oid("2.5.4.11"), "OU"},
    {der::Oid("2.5.4.15"), "businessCategory"},
    {der::Oid("2.5.4.42"), "GIVENNAME"},
    {der::Oid("0.9.2342.19200300.100.1.25"), "DC"},
    {der::Oid("0.9.2342.19200300.100.1.1"), "UID"},
    {der::Oid("1.2.840.113549.1.9.1"), "E"},
    // CMS content types and attributes.
    {der::Oid("1.2.840.113549.1.7.1"), "data"},
    {der::Oid("1.2.840.113549.1.7.2"), "signedData"},
    {der::Oid("1.2.840.113549.1.9.16.1.4"), "TSTInfo"},
    {der::Oid("1.2.840.113549.1.9.3"), "contentType"},
    {der::Oid("1.2.840.113549.1.9.4"), "messageDigest"},
    {der::Oid("1.2.840.113549.1.9.5"), "signingTime"},
    {der::Oid("1.2.840.113549.1.9.16.2.12"), "signingCertificate"},
    {der::Oid("1.2.840.113549.1.9.16.2.47"), "signingCertificateV2"},
    {der::Oid("1.2.840.113549.1.9.16.2.14"), "signatureTimeStampToken"},
    // OCSP.
    {der::Oid("1.3.6.1.5.5.7.48.1.1"), "id-pkix-ocsp-basic"},
    {der::Oid("1.3.6.1.5.5.7.48.1.2"), "nonce"},
};

}  // namespace

std::string_view OidName(der::Input oid) {
  for (const NamedOid& named : kNames) {
    if (named.oid == oid) {
      return named.name;
    }
  }
  return {};
}

std::string DescribeOid(der::Input oid) {
  const std::string dotted = der::OidToString(oid);
  const std::string_view name = OidName(oid);
  if (name.empty()) {
    return dotted;
  }
  return std::string(name) + " (" + dotted + ")";
}

}  // namespace tinysign::cli
