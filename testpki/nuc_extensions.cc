#include "testpki/nuc_extensions.h"

#include "core/der/tag.h"
#include "core/der/writer.h"
#include "core/x509/extensions.h"

namespace tinysign::testpki {

namespace {

// The keystore branch value for keys kept in PKCS#12 files.
constexpr der::Oid kKeystoreBranchFile("1.2.398.3.3.5.1.1");

// GeneralName uniformResourceIdentifier [6] IA5String, IMPLICIT.
void AddUri(der::Writer& out, std::string_view url) {
  out.AddTlv(der::tag::ContextSpecific(6), der::Input(url));
}

}  // namespace

// DistributionPoint ::= SEQUENCE {
//   distributionPoint [0] DistributionPointName OPTIONAL, ... }
// DistributionPointName ::= CHOICE { fullName [0] GeneralNames, ... }
// The [0] around a CHOICE is explicit, so both tags are constructed.
pki::ExtensionSpec CrlDistributionPointsExtension(std::string_view url,
                                                  bool freshest) {
  der::Writer general_names;
  AddUri(general_names, url);
  der::Writer name;
  name.AddConstructed(der::tag::ContextConstructed(0), general_names);
  der::Writer point;
  point.AddConstructed(der::tag::ContextConstructed(0), name);
  der::Writer points;
  points.AddConstructed(der::tag::kSequence, point);
  der::Writer value;
  value.AddConstructed(der::tag::kSequence, points);
  return {
      freshest ? x509::oid::kFreshestCrl : x509::oid::kCrlDistributionPoints,
      false, value.Take()};
}

// AuthorityInfoAccessSyntax ::= SEQUENCE OF AccessDescription
// AccessDescription ::= SEQUENCE { accessMethod OBJECT IDENTIFIER,
//                                  accessLocation GeneralName }
pki::ExtensionSpec AuthorityInfoAccessExtension(
    std::string_view ocsp_url, std::string_view ca_issuers_url) {
  der::Writer descriptions;
  if (!ocsp_url.empty()) {
    der::Writer ocsp;
    ocsp.AddOid(x509::oid::kAccessMethodOcsp);
    AddUri(ocsp, ocsp_url);
    descriptions.AddConstructed(der::tag::kSequence, ocsp);
  }
  der::Writer ca_issuers;
  ca_issuers.AddOid(x509::oid::kAccessMethodCaIssuers);
  AddUri(ca_issuers, ca_issuers_url);
  descriptions.AddConstructed(der::tag::kSequence, ca_issuers);
  der::Writer value;
  value.AddConstructed(der::tag::kSequence, descriptions);
  return {x509::oid::kAuthorityInfoAccess, false, value.Take()};
}

pki::ExtensionSpec OcspNoCheckExtension() {
  der::Writer value;
  value.AddNull();
  return {x509::oid::kOcspNoCheck, false, value.Take()};
}

pki::ExtensionSpec CriticalExtKeyUsageExtension(
    const std::vector<der::Oid>& purposes) {
  der::Writer list;
  for (const der::Oid& purpose : purposes) {
    list.AddOid(purpose);
  }
  der::Writer value;
  value.AddConstructed(der::tag::kSequence, list);
  return {x509::oid::kExtKeyUsage, true, value.Take()};
}

pki::ExtensionSpec KeystoreBranchExtension() {
  der::Writer branch;
  branch.AddOid(kKeystoreBranchFile);
  der::Writer value;
  value.AddConstructed(der::tag::kSequence, branch);
  return {x509::oid::kNucKeystoreBranch, false, value.Take()};
}

}  // namespace tinysign::testpki
