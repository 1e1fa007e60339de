#include "core/x509/certificate.h"

#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/limits.h"
#include "core/x509/internal/annotate.h"

namespace tinysign::x509 {

namespace {

using der::tag::ContextConstructed;
using der::tag::ContextSpecific;
using internal::Annotate;

// Length of GeneralizedTime contents "YYYYMMDDHHMMSSZ".
constexpr size_t kGeneralizedTimeBytes = 15;

// ReadSequenceWithTlv reads a SEQUENCE from `reader`, stores its whole
// encoding in `*tlv` and returns a reader over its contents.
Result<der::Reader> ReadSequenceWithTlv(der::Reader* reader,
                                        std::string_view what,
                                        der::Input* tlv) {
  TINYSIGN_ASSIGN_OR_RETURN(*tlv, reader->ReadTlv(der::tag::kSequence));
  TINYSIGN_ASSIGN_OR_RETURN(der::Element element,
                            der::ParseSingle(*tlv, der::tag::kSequence, what));
  return der::Reader(element.value, reader->depth() + 1);
}

// AlgorithmIdentifier  ::=  SEQUENCE  {
//      algorithm               OBJECT IDENTIFIER,
//      parameters              ANY DEFINED BY algorithm OPTIONAL  }
// ReadAlgorithmIdentifier checks the shape and returns the whole encoding;
// the crypto layer interprets it.
Result<der::Input> ReadAlgorithmIdentifier(der::Reader* reader) {
  der::Input tlv;
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Reader sequence,
      ReadSequenceWithTlv(reader, "AlgorithmIdentifier", &tlv));
  //      algorithm               OBJECT IDENTIFIER,
  TINYSIGN_TRY(sequence.ReadOid());
  //      parameters              ANY DEFINED BY algorithm OPTIONAL  }
  if (!sequence.AtEnd()) {
    TINYSIGN_TRY(sequence.ReadElement());
  }
  TINYSIGN_TRY(sequence.ExpectEnd("AlgorithmIdentifier"));
  return tlv;
}

// Version  ::=  INTEGER  {  v1(0), v2(1), v3(2)  }
Result<Version> ReadVersion(der::Reader* tbs) {
  if (!tbs->PeekTag(ContextConstructed(0))) {
    return Version::kV1;
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader explicit_version,
                            tbs->ReadConstructed(ContextConstructed(0)));
  TINYSIGN_ASSIGN_OR_RETURN(int64_t version,
                            explicit_version.ReadSmallInteger());
  TINYSIGN_TRY(explicit_version.ExpectEnd("version"));
  if (version < 0 || version > static_cast<int64_t>(Version::kV3)) {
    return Fail(ErrorCode::kX509BadVersion,
                "version " + std::to_string(version));
  }
  return static_cast<Version>(version);
}

// CertificateSerialNumber  ::=  INTEGER
Result<der::Input> ReadSerialNumber(der::Reader* tbs) {
  // RFC 5280 4.1.2.2: "The serial number MUST be a positive integer".
  // ReadUnsignedInteger rejects a negative one and drops the sign octet.
  TINYSIGN_ASSIGN_OR_RETURN(der::Input serial, tbs->ReadUnsignedInteger());
  if (serial.size() > kMaxSerialNumberBytes) {
    return Fail(ErrorCode::kX509Malformed,
                "serialNumber has " + std::to_string(serial.size()) +
                    " octets, more than " +
                    std::to_string(kMaxSerialNumberBytes));
  }
  return serial;
}

// Time ::= CHOICE {
//      utcTime        UTCTime,
//      generalTime    GeneralizedTime }
Result<Time> ReadTime(der::Reader* validity) {
  if (validity->PeekTag(der::tag::kUtcTime)) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input utc_time,
                              validity->Read(der::tag::kUtcTime));
    return ParseUtcTime(utc_time);
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Input generalized_time,
                            validity->Read(der::tag::kGeneralizedTime));
  // RFC 5280 4.1.2.5.2: GeneralizedTime "MUST include seconds" and "MUST
  // NOT include fractional seconds", so it is exactly YYYYMMDDHHMMSSZ.
  if (generalized_time.size() != kGeneralizedTimeBytes) {
    return Fail(ErrorCode::kDerBadTime,
                "GeneralizedTime \"" +
                    std::string(generalized_time.AsStringView()) +
                    "\" is not YYYYMMDDHHMMSSZ");
  }
  return ParseGeneralizedTime(generalized_time);
}

// SubjectPublicKeyInfo  ::=  SEQUENCE  {
//      algorithm            AlgorithmIdentifier,
//      subjectPublicKey     BIT STRING  }
Result<der::Input> ReadSubjectPublicKeyInfo(der::Reader* tbs) {
  der::Input tlv;
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Reader sequence,
      ReadSequenceWithTlv(tbs, "SubjectPublicKeyInfo", &tlv));
  //      algorithm            AlgorithmIdentifier,
  TINYSIGN_TRY(ReadAlgorithmIdentifier(&sequence));
  //      subjectPublicKey     BIT STRING  }
  TINYSIGN_TRY(sequence.ReadBitString());
  TINYSIGN_TRY(sequence.ExpectEnd("SubjectPublicKeyInfo"));
  return tlv;
}

Result<Name> ReadName(der::Reader* tbs, std::string_view field) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Input tlv,
                            Annotate(tbs->ReadTlv(der::tag::kSequence), field));
  return Annotate(ParseName(tlv), field);
}

// UniqueIdentifier  ::=  BIT STRING
// SkipUniqueIdentifier skips the optional field with tag `tag`; RFC 5280
// 4.1.2.8: "These fields MUST only appear if the version is 2 or 3".
Status SkipUniqueIdentifier(der::Reader* tbs, uint8_t tag, Version version) {
  if (!tbs->PeekTag(tag)) {
    return OkStatus();
  }
  if (version == Version::kV1) {
    return Fail(ErrorCode::kX509BadVersion,
                "unique identifier in a v1 "
                "certificate");
  }
  TINYSIGN_TRY(tbs->ReadElement());
  return OkStatus();
}

// Extensions are `[3] EXPLICIT Extensions OPTIONAL`; RFC 5280 4.1.2.9: "This
// field MUST only appear if the version is 3".
Result<Extensions> ReadExtensions(der::Reader* tbs, Version version) {
  if (!tbs->PeekTag(ContextConstructed(3))) {
    return Extensions();
  }
  if (version != Version::kV3) {
    return Fail(ErrorCode::kX509BadVersion,
                "extensions in a v" +
                    std::to_string(static_cast<int>(version) + 1) +
                    " certificate");
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader explicit_extensions,
                            tbs->ReadConstructed(ContextConstructed(3)));
  TINYSIGN_ASSIGN_OR_RETURN(der::Input extensions_tlv,
                            explicit_extensions.ReadTlv(der::tag::kSequence));
  TINYSIGN_TRY(explicit_extensions.ExpectEnd("[3] extensions"));
  return ParseExtensions(extensions_tlv);
}

}  // namespace

bool Certificate::IsSelfIssued() const { return NamesMatch(issuer_, subject_); }

// TBSCertificate  ::=  SEQUENCE  {
//      version         [0]  EXPLICIT Version DEFAULT v1,
//      serialNumber         CertificateSerialNumber,
//      signature            AlgorithmIdentifier,
//      issuer               Name,
//      validity             Validity,
//      subject              Name,
//      subjectPublicKeyInfo SubjectPublicKeyInfo,
//      issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,
//                           -- If present, version MUST be v2 or v3
//      subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,
//                           -- If present, version MUST be v2 or v3
//      extensions      [3]  EXPLICIT Extensions OPTIONAL
//                           -- If present, version MUST be v3
//      }
Status Certificate::ParseTbsCertificate(der::Reader* certificate) {
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Reader tbs,
      ReadSequenceWithTlv(certificate, "TBSCertificate", &tbs_tlv_));
  //      version         [0]  EXPLICIT Version DEFAULT v1,
  TINYSIGN_ASSIGN_OR_RETURN(version_, Annotate(ReadVersion(&tbs), "version"));
  //      serialNumber         CertificateSerialNumber,
  TINYSIGN_ASSIGN_OR_RETURN(serial_,
                            Annotate(ReadSerialNumber(&tbs), "serialNumber"));
  //      signature            AlgorithmIdentifier,
  TINYSIGN_ASSIGN_OR_RETURN(
      tbs_signature_algorithm_tlv_,
      Annotate(ReadAlgorithmIdentifier(&tbs), "tbsCertificate.signature"));
  //      issuer               Name,
  TINYSIGN_ASSIGN_OR_RETURN(issuer_, ReadName(&tbs, "issuer"));
  //      validity             Validity,
  // Validity ::= SEQUENCE {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader validity,
                            Annotate(tbs.ReadSequence(), "validity"));
  //      notBefore      Time,
  TINYSIGN_ASSIGN_OR_RETURN(not_before_,
                            Annotate(ReadTime(&validity), "notBefore"));
  //      notAfter       Time }
  TINYSIGN_ASSIGN_OR_RETURN(not_after_,
                            Annotate(ReadTime(&validity), "notAfter"));
  TINYSIGN_TRY(validity.ExpectEnd("Validity"));
  //      subject              Name,
  TINYSIGN_ASSIGN_OR_RETURN(subject_, ReadName(&tbs, "subject"));
  //      subjectPublicKeyInfo SubjectPublicKeyInfo,
  TINYSIGN_ASSIGN_OR_RETURN(spki_tlv_, Annotate(ReadSubjectPublicKeyInfo(&tbs),
                                                "subjectPublicKeyInfo"));
  //      issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,
  TINYSIGN_TRY(SkipUniqueIdentifier(&tbs, ContextSpecific(1), version_));
  //      subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,
  TINYSIGN_TRY(SkipUniqueIdentifier(&tbs, ContextSpecific(2), version_));
  //      extensions      [3]  EXPLICIT Extensions OPTIONAL
  TINYSIGN_ASSIGN_OR_RETURN(
      extensions_, Annotate(ReadExtensions(&tbs, version_), "extensions"));
  return tbs.ExpectEnd("TBSCertificate");
}

// Certificate  ::=  SEQUENCE  {
//      tbsCertificate       TBSCertificate,
//      signatureAlgorithm   AlgorithmIdentifier,
//      signatureValue       BIT STRING  }
Status Certificate::Parse() {
  der::Reader outer{der::Input(der_)};
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader certificate, outer.ReadSequence());
  TINYSIGN_TRY(outer.ExpectEnd("Certificate"));
  //      tbsCertificate       TBSCertificate,
  TINYSIGN_TRY(ParseTbsCertificate(&certificate));
  //      signatureAlgorithm   AlgorithmIdentifier,
  TINYSIGN_ASSIGN_OR_RETURN(
      signature_algorithm_tlv_,
      Annotate(ReadAlgorithmIdentifier(&certificate), "signatureAlgorithm"));
  //      signatureValue       BIT STRING  }
  TINYSIGN_ASSIGN_OR_RETURN(
      signature_value_,
      Annotate(certificate.ReadBitStringBytes(), "signatureValue"));
  TINYSIGN_TRY(certificate.ExpectEnd("Certificate"));
  // RFC 5280 4.1.1.2: signatureAlgorithm "MUST contain the same algorithm
  // identifier as the signature field in the sequence tbsCertificate".
  if (!(signature_algorithm_tlv_ == tbs_signature_algorithm_tlv_)) {
    return Fail(ErrorCode::kX509AlgorithmMismatch);
  }
  return OkStatus();
}

Result<std::shared_ptr<const Certificate>> ParseCertificate(der::Input der) {
  if (der.empty()) {
    return Fail(ErrorCode::kInputEmpty, "certificate");
  }
  if (der.size() > limits::kMaxInputBytes) {
    return Fail(ErrorCode::kInputTooLarge,
                "certificate of " + std::to_string(der.size()) + " bytes");
  }
  // The constructor is private, so std::make_shared cannot be used.
  std::shared_ptr<Certificate> certificate(new Certificate(der.ToBytes()));
  TINYSIGN_TRY(certificate->Parse());
  return std::shared_ptr<const Certificate>(std::move(certificate));
}

}  // namespace tinysign::x509
