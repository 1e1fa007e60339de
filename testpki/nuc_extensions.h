// Extensions and OIDs of the NUC certificate profile that the test PKI
// writes: role and policy OIDs, CRL distribution points, authority
// information access and the NUC keystore branch. The OIDs are the ones
// seen in NUC test certificates of 2015 to 2026.
#ifndef TINYSIGN_TESTPKI_NUC_EXTENSIONS_H_
#define TINYSIGN_TESTPKI_NUC_EXTENSIONS_H_

#include <string_view>
#include <vector>

#include "core/der/input.h"
#include "core/der/oid.h"
#include "pki/certificate_builder.h"

namespace tinysign::testpki {

// Role OIDs that NUC puts in extKeyUsage (arc 1.2.398.3.3.4).
inline constexpr der::Oid kRoleIndividual("1.2.398.3.3.4.1.1");
inline constexpr der::Oid kRoleLegalEntity("1.2.398.3.3.4.1.2");
inline constexpr der::Oid kRoleFirstHead("1.2.398.3.3.4.1.2.1");
inline constexpr der::Oid kRoleSigningRight("1.2.398.3.3.4.1.2.2");
inline constexpr der::Oid kRoleEmployee("1.2.398.3.3.4.1.2.5");
inline constexpr der::Oid kRoleInformationSystem("1.2.398.3.3.4.1.2.6");

// Certificate policies. The old hierarchy (RSA, GOST 2004) separates signing
// from authentication keys and legal entities from individuals, but the 2015
// hierarchy has one end-entity policy.
inline constexpr der::Oid kPolicyLegalSign("1.2.398.3.3.2.1");
inline constexpr der::Oid kPolicyLegalAuth("1.2.398.3.3.2.2");
inline constexpr der::Oid kPolicyIndividualSign("1.2.398.3.3.2.3");
inline constexpr der::Oid kPolicyIndividualAuth("1.2.398.3.3.2.4");
inline constexpr der::Oid kPolicyEndEntity2015("1.2.398.3.3.2");
inline constexpr der::Oid kPolicyTsa("1.2.398.3.3.2.6");
inline constexpr der::Oid kPolicyOldIntermediate("1.2.398.3.3.1.1");
inline constexpr der::Oid kPolicyRoot("1.2.398.3.1.2");

// UID value of information-system certificates.
inline constexpr std::string_view kInformationSystemUid = "1.2.398.6.10.1.1";

// CrlDistributionPointsExtension returns cRLDistributionPoints (RFC 5280
// section 4.2.1.13) with one fullName URI, `url`. With `freshest` set it
// returns the freshestCRL extension, which has the same syntax.
pki::ExtensionSpec CrlDistributionPointsExtension(std::string_view url,
                                                  bool freshest);

// AuthorityInfoAccessExtension returns authorityInfoAccess (RFC 5280
// section 4.2.2.1) with an id-ad-ocsp entry when `ocsp_url` is not empty
// and an id-ad-caIssuers entry for `ca_issuers_url`.
pki::ExtensionSpec AuthorityInfoAccessExtension(
    std::string_view ocsp_url, std::string_view ca_issuers_url);

// OcspNoCheckExtension returns id-pkix-ocsp-nocheck (RFC 6960 section
// 4.2.2.2.1), whose value is NULL.
pki::ExtensionSpec OcspNoCheckExtension();

// CriticalExtKeyUsageExtension returns a critical extKeyUsage with
// `purposes`, as a TSA certificate needs (RFC 3161 section 2.3).
pki::ExtensionSpec CriticalExtKeyUsageExtension(
    const std::vector<der::Oid>& purposes);

// KeystoreBranchExtension returns NUC's keystore branch extension
// (1.2.398.3.3.5) with the value NUC writes on file-based keys,
// SEQUENCE { 1.2.398.3.3.5.1.1 }.
pki::ExtensionSpec KeystoreBranchExtension();

}  // namespace tinysign::testpki

#endif  // TINYSIGN_TESTPKI_NUC_EXTENSIONS_H_
