// OCSP certificate identifiers (RFC 6960 section 4.1.1):
//
//   CertID ::= SEQUENCE {
//     hashAlgorithm  AlgorithmIdentifier,
//     issuerNameHash OCTET STRING,  -- hash of the issuer's DN
//     issuerKeyHash  OCTET STRING,  -- hash of the issuer's public key
//     serialNumber   CertificateSerialNumber }
//
// issuerNameHash covers the DER of the issuer field of the certificate in
// question, and issuerKeyHash the value of the issuer's subjectPublicKey
// BIT STRING without tag, length and unused-bits octet.
#ifndef TINYSIGN_CORE_OCSP_CERT_ID_H_
#define TINYSIGN_CORE_OCSP_CERT_ID_H_

#include "core/crypto/digest.h"
#include "core/der/input.h"
#include "core/ocsp/response.h"
#include "core/result.h"

namespace tinysign::x509 {
class Certificate;
}  // namespace tinysign::x509

namespace tinysign::ocsp {

// SubjectPublicKeyBits returns the value of `certificate`'s
// subjectPublicKey BIT STRING, the input of issuerKeyHash and of the
// responder KeyHash. It fails with DER errors for a malformed
// SubjectPublicKeyInfo.
Result<der::Input> SubjectPublicKeyBits(const x509::Certificate& certificate);

// EncodeCertId returns the DER CertID of `certificate`, issued by `issuer`,
// with hashes made by `hash`. RFC 6960 names SHA-1 (section 4.3) and
// responders commonly accept SHA-256; any other `hash` fails with
// `crypto.unsupported_algorithm`. It fails with DER errors when `issuer`'s
// SubjectPublicKeyInfo is malformed.
Result<Bytes> EncodeCertId(const x509::Certificate& certificate,
                           const x509::Certificate& issuer,
                           crypto::DigestAlgorithm hash);

// CertIdMatches returns true when `id` identifies `certificate` issued by
// `issuer`: same serial number, and both hashes equal to the ones computed
// with `id`'s hash algorithm, which may be any digest `crypto` supports. It
// fails with `crypto.unsupported_algorithm` for another hash algorithm.
Result<bool> CertIdMatches(const CertId& id,
                           const x509::Certificate& certificate,
                           const x509::Certificate& issuer);

}  // namespace tinysign::ocsp

#endif  // TINYSIGN_CORE_OCSP_CERT_ID_H_
