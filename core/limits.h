// Limits on untrusted input. Each has a test that goes one past it.
#ifndef TINYSIGN_CORE_LIMITS_H_
#define TINYSIGN_CORE_LIMITS_H_

#include <cstddef>

namespace tinysign::limits {

// Largest signature, certificate, CRL or OCSP file the core parses. Attached
// CMS carry the document, and NUC CRLs reach about 20 MB.
inline constexpr size_t kMaxInputBytes = 64 * 1024 * 1024;

// Deepest nesting of constructed values. X.509 and CMS need about 12 levels;
// the margin covers nested timestamp tokens inside signer attributes.
inline constexpr size_t kMaxDerDepth = 32;

// Most elements read from one SEQUENCE OF or SET OF (extensions, attributes,
// name components, CRL entries have their own limit).
inline constexpr size_t kMaxElementsPerList = 1024;

// Most RelativeDistinguishedNames in one X.509 Name. NUC subjects have up to
// 11.
inline constexpr size_t kMaxNameRdns = 64;

// Most AttributeTypeAndValues in one X.509 Name, counted over all its RDNs.
inline constexpr size_t kMaxNameAttributes = 64;

// Most revoked entries in one CRL. The smallest entry takes 20 bytes, so
// this stops a crafted CRL before `kMaxInputBytes` does; a 20 MB NUC CRL
// contains an estimated 400 000 entries of about 50 bytes.
inline constexpr size_t kMaxCrlEntries = 3'000'000;

// Most signers in one SignedData.
inline constexpr size_t kMaxSigners = 64;

// Most certificates carried in one SignedData.
inline constexpr size_t kMaxCertificates = 256;

// Most certificates in a path from the signer to a trust anchor, the signer
// and the anchor included.
inline constexpr size_t kMaxChainLength = 8;

// Most candidate paths tried while building a chain, so that a crafted set
// of cross-signed certificates cannot make path building exponential.
inline constexpr size_t kMaxPathCandidates = 64;

}  // namespace tinysign::limits

#endif  // TINYSIGN_CORE_LIMITS_H_
