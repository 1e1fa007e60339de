// The closed error vocabulary of TinySign.
//
// Every failure that leaves the core carries one `ErrorCode`. Each code has a
// stable dotted id (the contract for JSON, the service and JavaScript) and a
// short English message. Codes are only ever added to this list: never
// renamed, renumbered or reused. A code whose kind is `kInternal` means that
// TinySign itself is broken, not that the input is bad.
#ifndef TINYSIGN_CORE_ERROR_H_
#define TINYSIGN_CORE_ERROR_H_

#include <string_view>

namespace tinysign {

// X(Name, "dotted.id", kind, "message")
#define TINYSIGN_ERROR_CODES(X)                                                \
  /* Generic. */                                                               \
  X(kInternal, "internal", kInternal, "internal error")                        \
  X(kInputTooLarge, "input.too_large", kInput, "input is too large")           \
  X(kInputEmpty, "input.empty", kInput, "input is empty")                      \
  X(kInputBadBase64, "input.bad_base64", kInput, "invalid base64")             \
  X(kInputBadPem, "input.bad_pem", kInput, "invalid PEM armour")               \
  X(kInputBadTime, "input.bad_time", kInput, "invalid time")                   \
  X(kInputBadHex, "input.bad_hex", kInput, "invalid hexadecimal string")       \
  /* DER and BER. */                                                           \
  X(kDerTruncated, "der.truncated", kInput, "data ends inside a value")        \
  X(kDerBadLength, "der.bad_length", kInput, "invalid length encoding")        \
  X(kDerUnexpectedTag, "der.unexpected_tag", kInput, "unexpected tag")         \
  X(kDerUnsupportedTag, "der.unsupported_tag", kInput,                         \
    "multi-byte tags are not supported")                                       \
  X(kDerUnconsumedData, "der.unconsumed_data", kInput,                         \
    "unexpected data after the end of a value")                                \
  X(kDerTooDeep, "der.too_deep", kInput, "values are nested too deeply")       \
  X(kDerIndefiniteLength, "der.indefinite_length", kInput,                     \
    "indefinite length is not allowed in DER")                                 \
  X(kDerBadInteger, "der.bad_integer", kInput, "invalid INTEGER")              \
  X(kDerBadBoolean, "der.bad_boolean", kInput, "invalid BOOLEAN")              \
  X(kDerBadOid, "der.bad_oid", kInput, "invalid OBJECT IDENTIFIER")            \
  X(kDerBadBitString, "der.bad_bit_string", kInput, "invalid BIT STRING")      \
  X(kDerBadTime, "der.bad_time", kInput, "invalid UTCTime or GeneralizedTime") \
  X(kDerBadString, "der.bad_string", kInput, "invalid character string")       \
  X(kDerTooManyElements, "der.too_many_elements", kInput,                      \
    "too many elements in a SEQUENCE or SET")                                  \
  /* Cryptography. */                                                          \
  X(kCryptoUnsupportedAlgorithm, "crypto.unsupported_algorithm", kInput,       \
    "unsupported algorithm")                                                   \
  X(kCryptoBadPublicKey, "crypto.bad_public_key", kInput,                      \
    "invalid public key")                                                      \
  X(kCryptoBadPrivateKey, "crypto.bad_private_key", kInput,                    \
    "invalid private key")                                                     \
  X(kCryptoBadSignatureEncoding, "crypto.bad_signature_encoding", kInput,      \
    "invalid signature encoding")                                              \
  X(kCryptoSignatureMismatch, "crypto.signature_mismatch", kInput,             \
    "signature does not match")                                                \
  X(kCryptoAlgorithmMismatch, "crypto.algorithm_mismatch", kInput,             \
    "signature algorithm does not match the key")                              \
  X(kCryptoBadParameters, "crypto.bad_parameters", kInput,                     \
    "invalid algorithm parameters")                                            \
  X(kCryptoRandomFailed, "crypto.random_failed", kInternal,                    \
    "random number generation failed")                                         \
  /* X.509. */                                                                 \
  X(kX509Malformed, "x509.malformed", kInput, "malformed certificate")         \
  X(kX509BadVersion, "x509.bad_version", kInput,                               \
    "unsupported certificate version")                                         \
  X(kX509BadName, "x509.bad_name", kInput, "malformed distinguished name")     \
  X(kX509BadExtension, "x509.bad_extension", kInput,                           \
    "malformed certificate extension")                                         \
  X(kX509DuplicateExtension, "x509.duplicate_extension", kInput,               \
    "an extension occurs twice")                                               \
  X(kX509UnknownCriticalExtension, "x509.unknown_critical_extension", kInput,  \
    "unknown critical extension")                                              \
  X(kX509AlgorithmMismatch, "x509.algorithm_mismatch", kInput,                 \
    "signatureAlgorithm differs from the one inside tbsCertificate")           \
  /* CMS. */                                                                   \
  X(kCmsNotSignedData, "cms.not_signed_data", kInput,                          \
    "input is not a CMS SignedData")                                           \
  X(kCmsMalformed, "cms.malformed", kInput, "malformed CMS SignedData")        \
  X(kCmsTooManySigners, "cms.too_many_signers", kInput, "too many signers")    \
  X(kCmsTooManyCertificates, "cms.too_many_certificates", kInput,              \
    "too many certificates")                                                   \
  X(kCmsDetachedContentMissing, "cms.detached_content_missing", kInput,        \
    "detached signature: the signed document was not supplied")                \
  X(kCmsContentSupplied, "cms.content_supplied_twice", kInput,                 \
    "the signature already contains the document")                             \
  X(kCmsMessageDigestMismatch, "cms.message_digest_mismatch", kInput,          \
    "messageDigest does not match the document")                               \
  X(kCmsMessageDigestMissing, "cms.message_digest_missing", kInput,            \
    "signed attributes lack messageDigest")                                    \
  X(kCmsContentTypeMismatch, "cms.content_type_mismatch", kInput,              \
    "contentType attribute does not match eContentType")                       \
  X(kCmsContentTypeMissing, "cms.content_type_missing", kInput,                \
    "signed attributes lack contentType")                                      \
  X(kCmsBadAttribute, "cms.bad_attribute", kInput,                             \
    "malformed signed attribute")                                              \
  X(kCmsDuplicateAttribute, "cms.duplicate_attribute", kInput,                 \
    "an attribute that must occur once occurs more than once")                 \
  X(kCmsSignerCertificateMissing, "cms.signer_certificate_missing", kInput,    \
    "the signer's certificate is not in the CMS")                              \
  X(kCmsSigningCertificateMismatch, "cms.signing_certificate_mismatch",        \
    kInput, "signingCertificateV2 does not match the signer certificate")      \
  X(kCmsDigestAlgorithmMismatch, "cms.digest_algorithm_mismatch", kInput,      \
    "digest algorithm does not fit the signature algorithm")                   \
  X(kCmsDigestLengthMismatch, "cms.digest_length_mismatch", kInput,            \
    "supplied digest has the wrong length for its algorithm")                  \
  X(kCmsDigestNotChecked, "cms.digest_not_checked", kInput,                    \
    "document was not supplied so its digest was not checked")                 \
  X(kCmsNoSigners, "cms.no_signers", kInput, "the CMS has no signers")         \
  X(kCmsSignatureInvalid, "cms.signature_invalid", kInput,                     \
    "the signer's signature does not verify")                                  \
  /* Chain. */                                                                 \
  X(kChainNoTrustAnchor, "chain.no_trust_anchor", kInput,                      \
    "no path to a trust anchor")                                               \
  X(kChainIssuerNotFound, "chain.issuer_not_found", kInput,                    \
    "issuer certificate not found")                                            \
  X(kChainSignatureInvalid, "chain.signature_invalid", kInput,                 \
    "a certificate signature in the chain does not verify")                    \
  X(kChainExpired, "chain.expired", kInput,                                    \
    "a certificate has expired at the control time")                           \
  X(kChainNotYetValid, "chain.not_yet_valid", kInput,                          \
    "a certificate is not yet valid at the control time")                      \
  X(kChainNotCa, "chain.not_ca", kInput, "an issuing certificate is not a CA") \
  X(kChainCaKeyUsage, "chain.ca_key_usage", kInput,                            \
    "an issuing certificate lacks keyCertSign")                                \
  X(kChainPathLength, "chain.path_length", kInput,                             \
    "path length constraint exceeded")                                         \
  X(kChainTooLong, "chain.too_long", kInput, "certificate chain too long")     \
  X(kChainBadCertificate, "chain.bad_certificate", kInput,                     \
    "a certificate in the chain cannot be parsed")                             \
  /* Key purpose, timestamps and revocation. */                                \
  X(kKeyUsageNotForSigning, "key_usage.not_for_signing", kInput,               \
    "the certificate is not for signing (no nonRepudiation)")                  \
  X(kKeyUsageNotForAuth, "key_usage.not_for_auth", kInput,                     \
    "the certificate is not for authentication")                               \
  X(kKeyUsageNoDigitalSignature, "key_usage.no_digital_signature", kInput,     \
    "the certificate lacks digitalSignature key usage")                        \
  X(kTimestampNotVerified, "timestamp.not_verified", kInput,                   \
    "the timestamp is reported but not yet verified")                          \
  X(kTimestampMalformed, "timestamp.malformed", kInput,                        \
    "malformed timestamp token")                                               \
  X(kRevocationSkipped, "revocation.skipped", kInput,                          \
    "revocation status was not checked")                                       \
  X(kRevocationUnknown, "revocation.unknown", kInput,                          \
    "no usable OCSP response or CRL gives the certificate's status")           \
  X(kRevocationRevoked, "revocation.revoked", kInput,                          \
    "the certificate was revoked at or before the control time")               \
  X(kRevocationRevokedLater, "revocation.revoked_later", kInput,               \
    "the certificate was revoked, but after the control time")                 \
  X(kRevocationAfterExpiry, "revocation.after_expiry", kInput,                 \
    "evidence issued after the certificate expired cannot show it good")       \
  X(kCmsSigningTimeLater, "cms.signing_time_later", kInput,                    \
    "the claimed signingTime is later than the control time")                  \
  X(kTimestampAfterValidationTime, "timestamp.after_validation_time", kInput,  \
    "the timestamp's genTime is later than the validation time")               \
  X(kTimestampUnmatched, "timestamp.unmatched", kInput,                        \
    "a supplied timestamp covers none of the signatures")                      \
  /* CRL. */                                                                   \
  X(kCrlMalformed, "crl.malformed", kInput, "malformed CRL")                   \
  X(kCrlBadVersion, "crl.bad_version", kInput, "unsupported CRL version")      \
  X(kCrlAlgorithmMismatch, "crl.algorithm_mismatch", kInput,                   \
    "signatureAlgorithm differs from the one inside tbsCertList")              \
  X(kCrlUnknownCriticalExtension, "crl.unknown_critical_extension", kInput,    \
    "CRL has a critical extension that is not supported")                      \
  X(kCrlIssuerMismatch, "crl.issuer_mismatch", kInput,                         \
    "CRL issuer does not match the issuer certificate's subject")              \
  X(kCrlSignatureInvalid, "crl.signature_invalid", kInput,                     \
    "the CRL's signature does not verify with its issuer's key")               \
  X(kCrlIssuerNotAuthorized, "crl.issuer_not_authorized", kInput,              \
    "the CRL issuer's key usage does not include cRLSign")                     \
  X(kCrlStale, "crl.stale", kInput,                                            \
    "the CRL was issued before the control time and has expired")              \
  X(kCrlNotYetValid, "crl.not_yet_valid", kInput,                              \
    "the CRL's thisUpdate is later than the validation time")                  \
  X(kCrlDeltaWithoutBase, "crl.delta_without_base", kInput,                    \
    "a delta CRL was given without a complete CRL it updates")                 \
  X(kCrlUnsupportedScope, "crl.unsupported_scope", kInput,                     \
    "the CRL covers only part of its issuer's certificates")                   \
  /* OCSP. */                                                                  \
  X(kOcspMalformed, "ocsp.malformed", kInput, "malformed OCSP response")       \
  X(kOcspUnsuccessfulResponse, "ocsp.unsuccessful_response", kInput,           \
    "OCSP responder returned an error status instead of a response")           \
  X(kOcspUnsupportedResponseType, "ocsp.unsupported_response_type", kInput,    \
    "OCSP response type is not id-pkix-ocsp-basic")                            \
  X(kOcspUnknownCriticalExtension, "ocsp.unknown_critical_extension", kInput,  \
    "OCSP response has a critical extension that is not supported")            \
  X(kOcspResponderNotFound, "ocsp.responder_not_found", kInput,                \
    "no certificate in the OCSP response matches the responder ID")            \
  X(kOcspCertIdMismatch, "ocsp.cert_id_mismatch", kInput,                      \
    "the OCSP response is about another certificate")                          \
  X(kOcspResponderNotAuthorized, "ocsp.responder_not_authorized", kInput,      \
    "the OCSP responder may not answer for the certificate's issuer")          \
  X(kOcspSignatureInvalid, "ocsp.signature_invalid", kInput,                   \
    "the OCSP response's signature does not verify")                           \
  X(kOcspStale, "ocsp.stale", kInput,                                          \
    "the OCSP response was issued before the control time and has expired")    \
  X(kOcspNotYetValid, "ocsp.not_yet_valid", kInput,                            \
    "the OCSP response's thisUpdate is later than the validation time")        \
  X(kOcspNonceMismatch, "ocsp.nonce_mismatch", kInput,                         \
    "the OCSP response does not echo the request's nonce")                     \
  X(kOcspStatusUnknown, "ocsp.status_unknown", kInput,                         \
    "the OCSP responder does not know the certificate")                        \
  /* Fetching revocation evidence over HTTP. */                                \
  X(kFetchDisabled, "fetch.disabled", kInput,                                  \
    "revocation fetching is turned off")                                       \
  X(kFetchBadUrl, "fetch.bad_url", kInput,                                     \
    "the revocation URL is not a valid http:// URL")                           \
  X(kFetchRemoteNotAllowed, "fetch.remote_not_allowed", kInput,                \
    "the URL's host is not a loopback address, so it is not fetched")          \
  X(kFetchNoUrl, "fetch.no_url", kInput,                                       \
    "no OCSP responder or CRL distribution point URL is known")                \
  X(kFetchConnectionFailed, "fetch.connection_failed", kInput,                 \
    "the connection to the revocation server failed")                          \
  X(kFetchTimedOut, "fetch.timed_out", kInput,                                 \
    "the revocation server did not answer in time")                            \
  X(kFetchHttpStatus, "fetch.http_status", kInput,                             \
    "the revocation server answered with an HTTP error status")                \
  X(kFetchCacheFileFailed, "fetch.cache_file_failed", kInput,                  \
    "a file of the revocation cache folder could not be read or written")      \
  /* Timestamp tokens. */                                                      \
  X(kTimestampImprintMismatch, "timestamp.imprint_mismatch", kInput,           \
    "timestamp messageImprint does not match the timestamped data")            \
  X(kTimestampNotGranted, "timestamp.not_granted", kInput,                     \
    "TSA rejected the request")                                                \
  X(kTimestampNotTstInfo, "timestamp.not_tst_info", kInput,                    \
    "token content type is not id-ct-TSTInfo")                                 \
  X(kTimestampSignatureInvalid, "timestamp.signature_invalid", kInput,         \
    "the TSA's signature on the timestamp does not verify")                    \
  X(kTimestampTsaNotAuthorized, "timestamp.tsa_not_authorized", kInput,        \
    "the TSA certificate lacks the critical timeStamping extended key usage")  \
  X(kTimestampTsaUntrusted, "timestamp.tsa_untrusted", kInput,                 \
    "the TSA certificate has no valid path to a trust anchor at genTime")      \
  /* PKCS#12 key files. */                                                     \
  X(kPkcs12Malformed, "pkcs12.malformed", kInput, "malformed PKCS#12 file")    \
  X(kPkcs12BadPassword, "pkcs12.bad_password", kInput,                         \
    "wrong password for the PKCS#12 file")                                     \
  X(kPkcs12MacMissing, "pkcs12.mac_missing", kInput,                           \
    "the PKCS#12 file has no password MAC")                                    \
  X(kPkcs12TooManyBags, "pkcs12.too_many_bags", kInput,                        \
    "the PKCS#12 file has too many bags")                                      \
  X(kPkcs12KeyMissing, "pkcs12.key_missing", kInput,                           \
    "the PKCS#12 file contains no private key")                                \
  X(kPkcs12CertificateMissing, "pkcs12.certificate_missing", kInput,           \
    "the PKCS#12 file has no certificate for its private key")                 \
  X(kPkcs12KeyMismatch, "pkcs12.key_mismatch", kInput,                         \
    "the private key does not match the certificate's public key")

enum class ErrorKind { kInput, kInternal };

enum class ErrorCode {
#define TINYSIGN_ERROR_ENUM(name, id, kind, message) name,
  TINYSIGN_ERROR_CODES(TINYSIGN_ERROR_ENUM)
#undef TINYSIGN_ERROR_ENUM
};

// ErrorId returns the stable dotted id of `code`, such as
// "cms.message_digest_mismatch".
std::string_view ErrorId(ErrorCode code);

// ErrorMessage returns the short English message of `code`.
std::string_view ErrorMessage(ErrorCode code);

// ErrorKindOf returns whether `code` is an input error or an internal failure.
ErrorKind ErrorKindOf(ErrorCode code);

}  // namespace tinysign

#endif  // TINYSIGN_CORE_ERROR_H_
