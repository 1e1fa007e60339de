// Limits on untrusted input. Each has a test that goes one past it.
#ifndef TINYSIGN_CORE_LIMITS_H_
#define TINYSIGN_CORE_LIMITS_H_

#include <cstddef>

namespace tinysign::limits {

// Largest signature, certificate, CRL or OCSP file the core parses. Attached
// CMS carry the document, and NUC CRLs reach about 20 MB.
inline constexpr size_t kMaxInputBytes = 64 * 1024 * 1024;

// Maximum nesting depth of constructed values. X.509 and CMS need about 12
// levels; the margin covers nested timestamp tokens inside signer attributes.
inline constexpr size_t kMaxDerDepth = 32;

// Maximum number of elements read from one SEQUENCE OF or SET OF (extensions,
// attributes, name components, CRL entries have their own limit).
inline constexpr size_t kMaxElementsPerList = 1024;

// Maximum number of RelativeDistinguishedNames in one X.509 Name. NUC subjects
// have up to 11.
inline constexpr size_t kMaxNameRdns = 64;

// Maximum number of AttributeTypeAndValues in one X.509 Name, counted over all
// its RDNs.
inline constexpr size_t kMaxNameAttributes = 64;

// Maximum number of revoked entries in one CRL. The smallest entry takes 20
// bytes, so this stops a crafted CRL before `kMaxInputBytes` does; a 20 MB NUC
// CRL contains an estimated 400 000 entries of about 50 bytes.
inline constexpr size_t kMaxCrlEntries = 3'000'000;

// Maximum number of signers in one SignedData.
inline constexpr size_t kMaxSigners = 64;

// Maximum number of certificates carried in one SignedData.
inline constexpr size_t kMaxCertificates = 256;

// Maximum number of certificates in a path from the signer to a trust anchor,
// the signer and the anchor included.
inline constexpr size_t kMaxChainLength = 8;

// Maximum number of candidate paths tried while building a chain, so that a
// crafted set of cross-signed certificates cannot make path building
// exponential.
inline constexpr size_t kMaxPathCandidates = 64;

// Largest PKCS#12 key file read. NUC key files are 3 to 8 KB; the margin
// allows a few chain certificates.
inline constexpr size_t kMaxPkcs12Bytes = 256 * 1024;

// Maximum number of SafeBags and AuthenticatedSafe ContentInfos, counted
// together, in one PKCS#12 file. NUC files have four: two ContentInfos, one
// key bag and one certificate bag.
inline constexpr size_t kMaxPkcs12Bags = 32;

// Maximum PKCS#12 key-derivation and MAC iteration count. NUC and OpenSSL
// `-legacy` write 1024 and OpenSSL 3 writes 2048; one SHA-1 iteration per
// 64-byte block keeps a million iterations well under a second on one
// core (an estimate, not a measurement).
inline constexpr size_t kMaxPkcs12Iterations = 1'000'000;

}  // namespace tinysign::limits

#endif  // TINYSIGN_CORE_LIMITS_H_
