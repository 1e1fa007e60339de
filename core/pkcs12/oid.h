// OBJECT IDENTIFIERs of PKCS#12 (RFC 7292), PKCS#7 content types
// (RFC 2315) and PKCS#9 bag attributes (RFC 2985) that key files use.
#ifndef TINYSIGN_CORE_PKCS12_OID_H_
#define TINYSIGN_CORE_PKCS12_OID_H_

#include "core/der/oid.h"

namespace tinysign::pkcs12::oid {

// id-data, 1.2.840.113549.1.7.1 (RFC 2315 section 14).
inline constexpr der::Oid kData("1.2.840.113549.1.7.1");
// id-encryptedData, 1.2.840.113549.1.7.6 (RFC 2315 section 14).
inline constexpr der::Oid kEncryptedData("1.2.840.113549.1.7.6");

// keyBag, 1.2.840.113549.1.12.10.1.1 (RFC 7292 section 4.2.1).
inline constexpr der::Oid kKeyBag("1.2.840.113549.1.12.10.1.1");
// pkcs8ShroudedKeyBag, 1.2.840.113549.1.12.10.1.2 (RFC 7292 section 4.2.2).
inline constexpr der::Oid kShroudedKeyBag("1.2.840.113549.1.12.10.1.2");
// certBag, 1.2.840.113549.1.12.10.1.3 (RFC 7292 section 4.2.3).
inline constexpr der::Oid kCertBag("1.2.840.113549.1.12.10.1.3");
// x509Certificate, 1.2.840.113549.1.9.22.1 (RFC 7292 section 4.2.3): the
// CertBag type of a DER certificate in an OCTET STRING.
inline constexpr der::Oid kX509Certificate("1.2.840.113549.1.9.22.1");

// pbeWithSHAAnd3-KeyTripleDES-CBC, 1.2.840.113549.1.12.1.3 (RFC 7292
// appendix C).
inline constexpr der::Oid kPbeSha1TripleDes("1.2.840.113549.1.12.1.3");
// pbeWithSHAAnd40BitRC2-CBC, 1.2.840.113549.1.12.1.6 (RFC 7292 appendix C).
inline constexpr der::Oid kPbeSha1Rc2_40("1.2.840.113549.1.12.1.6");

// friendlyName, 1.2.840.113549.1.9.20 (RFC 2985 section 5.5.1), a
// BMPString.
inline constexpr der::Oid kFriendlyName("1.2.840.113549.1.9.20");
// localKeyId, 1.2.840.113549.1.9.21 (RFC 2985 section 5.5.2), an OCTET
// STRING that pairs a key bag with its certificate bag.
inline constexpr der::Oid kLocalKeyId("1.2.840.113549.1.9.21");

}  // namespace tinysign::pkcs12::oid

#endif  // TINYSIGN_CORE_PKCS12_OID_H_
