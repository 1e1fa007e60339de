#include "report/reason_codes.h"

namespace tinysign::report {

namespace {

// Texts shared by several codes.
constexpr std::string_view kUnreadableInput =
    "Reading a signature, certificate, CRL, OCSP response, timestamp or key "
    "file given by the caller; the input is rejected (exit status 65).";
constexpr std::string_view kBadEncoding =
    "Parsing DER or BER anywhere in an input. Inside a certificate of the "
    "chain or a piece of evidence it becomes a reason for that piece; at "
    "the top level the input is rejected.";
constexpr std::string_view kBadCertificate =
    "Parsing a certificate. A signer or chain certificate that fails leaves "
    "the chain unchecked (chain.bad_certificate names it).";
constexpr std::string_view kBadCms =
    "Parsing the CMS SignedData; the signature is rejected as unreadable.";
constexpr std::string_view kSignerFails =
    "Checking a signer; the signer is invalid.";
constexpr std::string_view kChainFails =
    "Building the certificate path at the control time; the signer is "
    "invalid.";
constexpr std::string_view kOcspRejected =
    "Weighing an OCSP response for a certificate; the response is not "
    "used, and without other evidence the status stays unknown.";
constexpr std::string_view kCrlRejected =
    "Weighing a CRL for a certificate; the CRL is not used for a good "
    "status, and without other evidence the status stays unknown.";
constexpr std::string_view kTimestampBroken =
    "Checking a signer's timestamp; the timestamp fails and the signer "
    "cannot be valid, because the signature carries tampered evidence.";
constexpr std::string_view kTimestampUnproven =
    "Checking a signer's timestamp; it proves nothing, so certificates are "
    "judged at the validation time. The verdict is not changed by it.";
constexpr std::string_view kKeyFile =
    "Opening a PKCS#12 key file to sign; the command stops with exit 65.";

}  // namespace

std::vector<ErrorCode> AllErrorCodes() {
  return {
#define TINYSIGN_ERROR_LIST(name, id, kind, message) ErrorCode::name,
      TINYSIGN_ERROR_CODES(TINYSIGN_ERROR_LIST)
#undef TINYSIGN_ERROR_LIST
  };
}

std::string_view ReasonCodeOccurrence(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInternal:
      return "A bug in TinySign, never bad input (exit status 70).";
    case ErrorCode::kInputTooLarge:
    case ErrorCode::kInputEmpty:
    case ErrorCode::kInputBadBase64:
    case ErrorCode::kInputBadPem:
    case ErrorCode::kInputBadTime:
    case ErrorCode::kInputBadHex:
      return kUnreadableInput;
    case ErrorCode::kDerTruncated:
    case ErrorCode::kDerBadLength:
    case ErrorCode::kDerUnexpectedTag:
    case ErrorCode::kDerUnsupportedTag:
    case ErrorCode::kDerUnconsumedData:
    case ErrorCode::kDerTooDeep:
    case ErrorCode::kDerIndefiniteLength:
    case ErrorCode::kDerBadInteger:
    case ErrorCode::kDerBadBoolean:
    case ErrorCode::kDerBadOid:
    case ErrorCode::kDerBadBitString:
    case ErrorCode::kDerBadTime:
    case ErrorCode::kDerBadString:
    case ErrorCode::kDerTooManyElements:
      return kBadEncoding;
    case ErrorCode::kCryptoUnsupportedAlgorithm:
      return "An algorithm OID TinySign does not implement; the check it "
             "belongs to is indeterminate, never passed.";
    case ErrorCode::kCryptoBadPublicKey:
    case ErrorCode::kCryptoBadPrivateKey:
    case ErrorCode::kCryptoBadSignatureEncoding:
    case ErrorCode::kCryptoSignatureMismatch:
    case ErrorCode::kCryptoAlgorithmMismatch:
    case ErrorCode::kCryptoBadParameters:
      return "Checking a signature of a certificate, CMS signer, CRL, OCSP "
             "response or timestamp; that signature fails.";
    case ErrorCode::kCryptoRandomFailed:
      return "Signing, when the system's random source fails; nothing is "
             "signed.";
    case ErrorCode::kX509Malformed:
    case ErrorCode::kX509BadVersion:
    case ErrorCode::kX509BadName:
    case ErrorCode::kX509BadExtension:
    case ErrorCode::kX509DuplicateExtension:
    case ErrorCode::kX509AlgorithmMismatch:
      return kBadCertificate;
    case ErrorCode::kX509UnknownCriticalExtension:
      return "A certificate of the path has a critical extension TinySign "
             "cannot process; RFC 5280 makes the path fail.";
    case ErrorCode::kCmsNotSignedData:
    case ErrorCode::kCmsMalformed:
    case ErrorCode::kCmsTooManySigners:
    case ErrorCode::kCmsTooManyCertificates:
      return kBadCms;
    case ErrorCode::kCmsDetachedContentMissing:
      return "A detached signature checked without its document or digest; "
             "the signers are indeterminate.";
    case ErrorCode::kCmsContentSupplied:
      return "A document or digest was supplied for an attached signature "
             "and differs from the attached document; the report is "
             "invalid.";
    case ErrorCode::kCmsMessageDigestMismatch:
    case ErrorCode::kCmsContentTypeMismatch:
    case ErrorCode::kCmsSigningCertificateMismatch:
    case ErrorCode::kCmsSignatureInvalid:
    case ErrorCode::kCmsDigestAlgorithmMismatch:
    case ErrorCode::kCmsDigestLengthMismatch:
      return kSignerFails;
    case ErrorCode::kCmsMessageDigestMissing:
    case ErrorCode::kCmsContentTypeMissing:
    case ErrorCode::kCmsBadAttribute:
    case ErrorCode::kCmsDuplicateAttribute:
      return "Reading a signer's signed attributes; the signer is invalid.";
    case ErrorCode::kCmsSignerCertificateMissing:
      return "The CMS does not carry the certificate its signer names and "
             "no trusted certificate matches; the signer is indeterminate.";
    case ErrorCode::kCmsDigestNotChecked:
      return "Only a digest under another algorithm, or nothing, was "
             "supplied for a detached signature; the signer is "
             "indeterminate.";
    case ErrorCode::kCmsNoSigners:
      return "The SignedData has no SignerInfo; the report is invalid.";
    case ErrorCode::kCmsSigningTimeLater:
      return "The signer's claimed signingTime is later than the control "
             "time, so the verdict would speak of a time before the "
             "signature was made; the signer is indeterminate. Validate at "
             "or after the signing time.";
    case ErrorCode::kChainNoTrustAnchor:
    case ErrorCode::kChainIssuerNotFound:
      return "No path to a trusted anchor could be built; the signer is "
             "indeterminate. Pass the CA certificates with --trust.";
    case ErrorCode::kChainExpired:
    case ErrorCode::kChainNotYetValid:
      return "A certificate of the path is outside its validity at the "
             "control time; the signer is indeterminate. A verified "
             "timestamp from inside the validity moves the control time.";
    case ErrorCode::kChainSignatureInvalid:
    case ErrorCode::kChainNotCa:
    case ErrorCode::kChainCaKeyUsage:
    case ErrorCode::kChainPathLength:
    case ErrorCode::kChainTooLong:
      return kChainFails;
    case ErrorCode::kChainBadCertificate:
      return "A certificate carried in the CMS or given as untrusted cannot "
             "be parsed; it is left out and the path is built without it.";
    case ErrorCode::kKeyUsageNotForSigning:
    case ErrorCode::kKeyUsageNotForAuth:
    case ErrorCode::kKeyUsageNoDigitalSignature:
      return "The key purpose policy (sign, auth) does not allow the "
             "certificate; the signer is invalid. The report names the rule "
             "in keyUsageRule.";
    case ErrorCode::kTimestampNotVerified:
      return "Not used by this version; kept because codes are never "
             "reused.";
    case ErrorCode::kTimestampMalformed:
    case ErrorCode::kTimestampImprintMismatch:
    case ErrorCode::kTimestampSignatureInvalid:
    case ErrorCode::kTimestampTsaNotAuthorized:
    case ErrorCode::kTimestampNotTstInfo:
      return kTimestampBroken;
    case ErrorCode::kTimestampTsaUntrusted:
    case ErrorCode::kTimestampAfterValidationTime:
      return kTimestampUnproven;
    case ErrorCode::kTimestampNotGranted:
      return "Reading a timestamp response whose TSA refused the request; "
             "the response holds no token.";
    case ErrorCode::kTimestampUnmatched:
      return "A timestamp given apart from the CMS covers none of the "
             "signature values that lack one; it is ignored.";
    case ErrorCode::kRevocationSkipped:
      return "No OCSP response or CRL is available: none was supplied, or "
             "every fetch failed and the fetch.* reasons before it say why. "
             "Under the require policy the signer is indeterminate; under "
             "prefer a warning.";
    case ErrorCode::kRevocationUnknown:
      return "Evidence is available but none settles the status at the "
             "control time; the reasons before it say why, failed fetches "
             "included. Indeterminate under require, a warning under "
             "prefer.";
    case ErrorCode::kRevocationRevoked:
      return "Verified evidence shows the certificate revoked at or before "
             "the control time; the signer is invalid under every policy "
             "but off.";
    case ErrorCode::kRevocationRevokedLater:
      return "The certificate was revoked after the control time, so it was "
             "good then; a warning.";
    case ErrorCode::kRevocationAfterExpiry:
      return "A CRL issued after the certificate expired may have dropped "
             "it, so it cannot show good.";
    case ErrorCode::kCrlMalformed:
    case ErrorCode::kCrlBadVersion:
    case ErrorCode::kCrlAlgorithmMismatch:
    case ErrorCode::kCrlUnknownCriticalExtension:
      return "Parsing a CRL; the file is rejected as unreadable.";
    case ErrorCode::kCrlIssuerMismatch:
      return "A CRL is by another issuer than the certificate's, or its "
             "authority key identifier names another key; it is not used "
             "for this certificate.";
    case ErrorCode::kCrlSignatureInvalid:
    case ErrorCode::kCrlIssuerNotAuthorized:
    case ErrorCode::kCrlStale:
    case ErrorCode::kCrlNotYetValid:
    case ErrorCode::kCrlDeltaWithoutBase:
    case ErrorCode::kCrlUnsupportedScope:
      return kCrlRejected;
    case ErrorCode::kOcspMalformed:
    case ErrorCode::kOcspUnsupportedResponseType:
    case ErrorCode::kOcspUnknownCriticalExtension:
      return "Parsing an OCSP response; the file is rejected as "
             "unreadable.";
    case ErrorCode::kOcspUnsuccessfulResponse:
      return "The responder answered with an error status such as tryLater; "
             "the status stays unknown.";
    case ErrorCode::kOcspCertIdMismatch:
      return "An OCSP response is about other certificates; it is not used "
             "for this one, and never counts as good.";
    case ErrorCode::kOcspStatusUnknown:
      return "The responder answered unknown for the certificate; the "
             "status stays unknown, never good.";
    case ErrorCode::kOcspResponderNotFound:
    case ErrorCode::kOcspResponderNotAuthorized:
    case ErrorCode::kOcspSignatureInvalid:
    case ErrorCode::kOcspStale:
    case ErrorCode::kOcspNotYetValid:
    case ErrorCode::kOcspNonceMismatch:
      return kOcspRejected;
    case ErrorCode::kPkcs12Malformed:
    case ErrorCode::kPkcs12BadPassword:
    case ErrorCode::kPkcs12MacMissing:
    case ErrorCode::kPkcs12TooManyBags:
    case ErrorCode::kPkcs12KeyMissing:
    case ErrorCode::kPkcs12CertificateMissing:
    case ErrorCode::kPkcs12KeyMismatch:
      return kKeyFile;
    case ErrorCode::kFetchDisabled:
    case ErrorCode::kFetchBadUrl:
    case ErrorCode::kFetchRemoteNotAllowed:
    case ErrorCode::kFetchNoUrl:
    case ErrorCode::kFetchConnectionFailed:
    case ErrorCode::kFetchTimedOut:
    case ErrorCode::kFetchHttpStatus:
      return "Fetching an OCSP response or CRL online (verify --online and "
             "the service); that fetch gives no evidence. When the status "
             "stays unknown, the signer's reasons list the failure.";
    case ErrorCode::kFetchCacheFileFailed:
      return "Reading or writing a file in the service's revocation cache "
             "folder; the file is ignored and the evidence is downloaded as "
             "if no file existed.";
  }
  return "";
}

std::string ReasonCodesMarkdown() {
  std::string out =
      "# Reason codes\n"
      "\n"
      "Generated by `tinysign reason-codes`; do not edit by hand.\n"
      "\n"
      "Every verdict in a TinySign report comes with reasons, each a stable\n"
      "dotted code and a message. Codes are only ever added, never renamed\n"
      "or reused, so a program may act on them.\n"
      "\n"
      "| code | meaning | when it occurs |\n"
      "|---|---|---|\n";
  for (ErrorCode code : AllErrorCodes()) {
    out += "| `" + std::string(ErrorId(code)) + "` | " +
           std::string(ErrorMessage(code)) + " | " +
           std::string(ReasonCodeOccurrence(code)) + " |\n";
  }
  return out;
}

}  // namespace tinysign::report
