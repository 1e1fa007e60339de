#include "core/cms/signed_data.h"

#include <string>

#include "core/der/ber.h"
#include "core/der/reader.h"
#include "core/limits.h"

namespace tinysign::cms {

namespace {

// Annotate prefixes the detail of `error` with the structure being read.
Error Annotate(Error error, std::string_view where) {
  error.detail =
      std::string(where) + (error.detail.empty() ? "" : ": " + error.detail);
  return error;
}

// Malformed wraps a reader error as cms.malformed naming where it happened,
// keeping the DER error id in the message.
Error Malformed(const Error& error, std::string_view where) {
  return Fail(ErrorCode::kCmsMalformed,
              std::string(where) + ": " + std::string(ErrorId(error.code)) +
                  (error.detail.empty() ? "" : " (" + error.detail + ")"));
}

#define CMS_READ(lhs, expr, where)                                          \
  auto TINYSIGN_CONCAT_(cms_read_, __LINE__) = (expr);                      \
  if (!TINYSIGN_CONCAT_(cms_read_, __LINE__)) {                             \
    return Malformed(TINYSIGN_CONCAT_(cms_read_, __LINE__).error(), where); \
  }                                                                         \
  lhs = std::move(TINYSIGN_CONCAT_(cms_read_, __LINE__)).value()

#define CMS_CHECK(expr, where)                     \
  do {                                             \
    auto cms_check_ = (expr);                      \
    if (!cms_check_) {                             \
      return Malformed(cms_check_.error(), where); \
    }                                              \
  } while (0)

// Attribute ::= SEQUENCE {
//   attrType OBJECT IDENTIFIER,
//   attrValues SET OF AttributeValue }
Result<std::vector<Attribute>> ParseAttributes(der::Reader set,
                                               std::string_view where) {
  std::vector<Attribute> attributes;
  while (!set.AtEnd()) {
    if (attributes.size() >= limits::kMaxElementsPerList) {
      return Fail(ErrorCode::kDerTooManyElements, std::string(where));
    }
    CMS_READ(der::Reader attribute, set.ReadSequence(), where);
    Attribute parsed;
    CMS_READ(parsed.type, attribute.ReadOid(), where);
    CMS_READ(der::Reader values, attribute.ReadSet(), where);
    while (!values.AtEnd()) {
      if (parsed.values.size() >= limits::kMaxElementsPerList) {
        return Fail(ErrorCode::kDerTooManyElements, std::string(where));
      }
      CMS_READ(der::Element value, values.ReadElement(), where);
      parsed.values.push_back(value.tlv);
    }
    // RFC 5652 section 5.3: attrValues has at least one value.
    if (parsed.values.empty()) {
      return Fail(ErrorCode::kCmsBadAttribute,
                  std::string(where) + ": attribute with no values");
    }
    CMS_CHECK(attribute.ExpectEnd("Attribute"), where);
    attributes.push_back(std::move(parsed));
  }
  return attributes;
}

// SignerIdentifier ::= CHOICE {
//   issuerAndSerialNumber IssuerAndSerialNumber,
//   subjectKeyIdentifier [0] SubjectKeyIdentifier }
Result<SignerIdentifier> ParseSignerIdentifier(der::Reader* signer) {
  SignerIdentifier sid;
  if (signer->PeekTag(der::tag::ContextSpecific(0))) {
    sid.kind = SignerIdentifier::Kind::kSubjectKeyIdentifier;
    CMS_READ(sid.subject_key_identifier,
             signer->Read(der::tag::ContextSpecific(0)),
             "SignerInfo.sid.subjectKeyIdentifier");
    return sid;
  }
  // IssuerAndSerialNumber ::= SEQUENCE {
  //   issuer Name,
  //   serialNumber CertificateSerialNumber }
  CMS_READ(der::Reader issuer_and_serial, signer->ReadSequence(),
           "SignerInfo.sid");
  CMS_READ(sid.issuer_tlv, issuer_and_serial.ReadTlv(der::tag::kSequence),
           "SignerInfo.sid.issuer");
  // Serial numbers are positive (RFC 5280 4.1.2.2), but some CAs issued
  // negative ones; comparing the raw magnitude keeps matching exact.
  CMS_READ(der::Input serial, issuer_and_serial.ReadInteger(),
           "SignerInfo.sid.serialNumber");
  sid.serial_number = serial;
  if (serial.size() > 1 && serial.data()[0] == 0) {
    sid.serial_number = der::Input(serial.data() + 1, serial.size() - 1);
  }
  CMS_CHECK(issuer_and_serial.ExpectEnd("IssuerAndSerialNumber"),
            "SignerInfo.sid");
  return sid;
}

// SignerInfo ::= SEQUENCE {
//   version CMSVersion,
//   sid SignerIdentifier,
//   digestAlgorithm DigestAlgorithmIdentifier,
//   signedAttrs [0] IMPLICIT SignedAttributes OPTIONAL,
//   signatureAlgorithm SignatureAlgorithmIdentifier,
//   signature SignatureValue,
//   unsignedAttrs [1] IMPLICIT UnsignedAttributes OPTIONAL }
Result<SignerInfo> ParseSignerInfo(der::Reader* signers) {
  SignerInfo info;
  CMS_READ(der::Reader signer, signers->ReadSequence(), "SignerInfo");
  CMS_READ(info.version, signer.ReadSmallInteger(), "SignerInfo.version");
  // RFC 5652 section 5.3: version 1 goes with issuerAndSerialNumber and
  // version 3 with subjectKeyIdentifier.
  if (info.version != 1 && info.version != 3) {
    return Fail(ErrorCode::kCmsMalformed, "SignerInfo.version is " +
                                              std::to_string(info.version) +
                                              ", expected 1 or 3");
  }
  TINYSIGN_ASSIGN_OR_RETURN(info.sid, ParseSignerIdentifier(&signer));
  CMS_READ(info.digest_algorithm_tlv, signer.ReadTlv(der::tag::kSequence),
           "SignerInfo.digestAlgorithm");
  const uint8_t signed_tag = der::tag::ContextConstructed(0);
  if (signer.PeekTag(signed_tag)) {
    CMS_READ(info.signed_attributes_tlv, signer.ReadTlv(signed_tag),
             "SignerInfo.signedAttrs");
    der::Reader outer(*info.signed_attributes_tlv, signer.depth());
    CMS_READ(der::Reader attributes, outer.ReadConstructed(signed_tag),
             "SignerInfo.signedAttrs");
    TINYSIGN_ASSIGN_OR_RETURN(
        info.signed_attributes,
        ParseAttributes(attributes, "SignerInfo.signedAttrs"));
    // RFC 5652 section 5.3: SignedAttributes has at least one attribute.
    if (info.signed_attributes.empty()) {
      return Fail(ErrorCode::kCmsMalformed, "SignerInfo.signedAttrs is empty");
    }
  }
  CMS_READ(info.signature_algorithm_tlv, signer.ReadTlv(der::tag::kSequence),
           "SignerInfo.signatureAlgorithm");
  CMS_READ(info.signature, signer.ReadOctetString(), "SignerInfo.signature");
  const uint8_t unsigned_tag = der::tag::ContextConstructed(1);
  if (signer.PeekTag(unsigned_tag)) {
    CMS_READ(der::Reader attributes, signer.ReadConstructed(unsigned_tag),
             "SignerInfo.unsignedAttrs");
    TINYSIGN_ASSIGN_OR_RETURN(
        info.unsigned_attributes,
        ParseAttributes(attributes, "SignerInfo.unsignedAttrs"));
  }
  CMS_CHECK(signer.ExpectEnd("SignerInfo"), "SignerInfo");
  return info;
}

// CertificateSet ::= SET OF CertificateChoices
// CertificateChoices ::= CHOICE {
//   certificate Certificate,
//   extendedCertificate [0] IMPLICIT ExtendedCertificate,  -- Obsolete
//   v1AttrCert [1] IMPLICIT AttributeCertificateV1,        -- Obsolete
//   v2AttrCert [2] IMPLICIT AttributeCertificateV2,
//   other [3] IMPLICIT OtherCertificateFormat }
Result<std::vector<der::Input>> ParseCertificateSet(der::Reader set) {
  std::vector<der::Input> certificates;
  while (!set.AtEnd()) {
    CMS_READ(der::Element element, set.ReadElement(),
             "SignedData.certificates");
    if (element.tag != der::tag::kSequence) {
      continue;  // Not a plain Certificate: skipped, see the header.
    }
    if (certificates.size() >= limits::kMaxCertificates) {
      return Fail(ErrorCode::kCmsTooManyCertificates,
                  "more than " + std::to_string(limits::kMaxCertificates));
    }
    certificates.push_back(element.tlv);
  }
  return certificates;
}

// RevocationInfoChoices ::= SET OF RevocationInfoChoice
// RevocationInfoChoice ::= CHOICE {
//   crl CertificateList,
//   other [1] IMPLICIT OtherRevocationInfoFormat }
Result<std::vector<der::Input>> ParseCrlSet(der::Reader set) {
  std::vector<der::Input> crls;
  while (!set.AtEnd()) {
    CMS_READ(der::Element element, set.ReadElement(), "SignedData.crls");
    if (element.tag != der::tag::kSequence) {
      continue;
    }
    if (crls.size() >= limits::kMaxElementsPerList) {
      return Fail(ErrorCode::kDerTooManyElements, "SignedData.crls");
    }
    crls.push_back(element.tlv);
  }
  return crls;
}

// WithoutZeroPadding drops zero bytes after a definite-length outermost
// element. Some producers keep the NUL of a C string after base64 decoding
// (gokalkan's sample CMS has one); OpenSSL ignores such bytes too. Anything
// else after the element is still rejected.
der::Input WithoutZeroPadding(der::Input input) {
  der::Reader reader(input);
  auto element = reader.ReadElement();
  if (!element) {
    return input;
  }
  for (uint8_t byte : reader.Remaining()) {
    if (byte != 0) {
      return input;
    }
  }
  return element->tlv;
}

}  // namespace

Result<std::shared_ptr<const SignedData>> ParseSignedData(der::Input input) {
  if (input.empty()) {
    return Fail(ErrorCode::kInputEmpty, "no CMS data");
  }
  if (input.size() > limits::kMaxInputBytes) {
    return Fail(ErrorCode::kInputTooLarge,
                std::to_string(input.size()) + " bytes");
  }
  if (input.data()[0] != der::tag::kSequence) {
    return Fail(ErrorCode::kCmsNotSignedData, "does not start with a SEQUENCE");
  }
  input = WithoutZeroPadding(input);
  auto converted = der::ConvertBerToDer(input);
  if (!converted) {
    return Annotate(std::move(converted).error(), "CMS");
  }
  std::shared_ptr<SignedData> out(new SignedData());
  out->was_ber_ = !(der::Input(*converted) == input);
  out->der_ = std::move(*converted);

  // ContentInfo ::= SEQUENCE {
  //   contentType ContentType,
  //   content [0] EXPLICIT ANY DEFINED BY contentType }
  der::Reader top(out->der_);
  CMS_READ(der::Reader content_info, top.ReadSequence(), "ContentInfo");
  auto content_type = content_info.ReadOid();
  if (!content_type) {
    return Fail(ErrorCode::kCmsNotSignedData,
                "ContentInfo has no contentType (is this a certificate?)");
  }
  if (!(kIdSignedData == *content_type)) {
    return Fail(ErrorCode::kCmsNotSignedData,
                "contentType is " + der::OidToString(*content_type) +
                    ", not signedData 1.2.840.113549.1.7.2");
  }
  CMS_READ(der::Reader explicit_content,
           content_info.ReadConstructed(der::tag::ContextConstructed(0)),
           "ContentInfo.content");
  CMS_CHECK(content_info.ExpectEnd("ContentInfo"), "ContentInfo");

  // SignedData ::= SEQUENCE {
  //   version CMSVersion,
  //   digestAlgorithms DigestAlgorithmIdentifiers,
  //   encapContentInfo EncapsulatedContentInfo,
  //   certificates [0] IMPLICIT CertificateSet OPTIONAL,
  //   crls [1] IMPLICIT RevocationInfoChoices OPTIONAL,
  //   signerInfos SignerInfos }
  CMS_READ(der::Reader signed_data, explicit_content.ReadSequence(),
           "SignedData");
  CMS_READ(out->version_, signed_data.ReadSmallInteger(), "SignedData.version");
  if (out->version_ < 1 || out->version_ > 5) {
    return Fail(ErrorCode::kCmsMalformed,
                "SignedData.version is " + std::to_string(out->version_));
  }
  CMS_READ(der::Reader digest_algorithms, signed_data.ReadSet(),
           "SignedData.digestAlgorithms");
  while (!digest_algorithms.AtEnd()) {
    if (out->digest_algorithms_.size() >= limits::kMaxElementsPerList) {
      return Fail(ErrorCode::kDerTooManyElements,
                  "SignedData.digestAlgorithms");
    }
    CMS_READ(der::Input algorithm,
             digest_algorithms.ReadTlv(der::tag::kSequence),
             "SignedData.digestAlgorithms");
    out->digest_algorithms_.push_back(algorithm);
  }

  // EncapsulatedContentInfo ::= SEQUENCE {
  //   eContentType ContentType,
  //   eContent [0] EXPLICIT OCTET STRING OPTIONAL }
  CMS_READ(der::Reader encap, signed_data.ReadSequence(),
           "SignedData.encapContentInfo");
  CMS_READ(out->content_type_, encap.ReadOid(),
           "SignedData.encapContentInfo.eContentType");
  if (encap.PeekTag(der::tag::ContextConstructed(0))) {
    CMS_READ(der::Reader explicit_econtent,
             encap.ReadConstructed(der::tag::ContextConstructed(0)),
             "SignedData.encapContentInfo.eContent");
    CMS_READ(out->content_, explicit_econtent.ReadOctetString(),
             "SignedData.encapContentInfo.eContent");
    CMS_CHECK(explicit_econtent.ExpectEnd("eContent"),
              "SignedData.encapContentInfo.eContent");
  }
  CMS_CHECK(encap.ExpectEnd("EncapsulatedContentInfo"),
            "SignedData.encapContentInfo");

  if (signed_data.PeekTag(der::tag::ContextConstructed(0))) {
    CMS_READ(der::Reader set,
             signed_data.ReadConstructed(der::tag::ContextConstructed(0)),
             "SignedData.certificates");
    TINYSIGN_ASSIGN_OR_RETURN(out->certificates_, ParseCertificateSet(set));
  }
  if (signed_data.PeekTag(der::tag::ContextConstructed(1))) {
    CMS_READ(der::Reader set,
             signed_data.ReadConstructed(der::tag::ContextConstructed(1)),
             "SignedData.crls");
    TINYSIGN_ASSIGN_OR_RETURN(out->crls_, ParseCrlSet(set));
  }

  // SignerInfos ::= SET OF SignerInfo
  CMS_READ(der::Reader signer_infos, signed_data.ReadSet(),
           "SignedData.signerInfos");
  while (!signer_infos.AtEnd()) {
    if (out->signers_.size() >= limits::kMaxSigners) {
      return Fail(ErrorCode::kCmsTooManySigners,
                  "more than " + std::to_string(limits::kMaxSigners));
    }
    TINYSIGN_ASSIGN_OR_RETURN(SignerInfo info, ParseSignerInfo(&signer_infos));
    out->signers_.push_back(std::move(info));
  }
  CMS_CHECK(signed_data.ExpectEnd("SignedData"), "SignedData");
  return std::shared_ptr<const SignedData>(std::move(out));
}

Bytes SignedAttributesToVerify(der::Input signed_attributes_tlv) {
  Bytes bytes = signed_attributes_tlv.ToBytes();
  if (!bytes.empty()) {
    bytes[0] = der::tag::kSet;
  }
  return bytes;
}

Result<const Attribute*> FindAttribute(const std::vector<Attribute>& attributes,
                                       const der::Oid& type) {
  const Attribute* found = nullptr;
  for (const Attribute& attribute : attributes) {
    if (!(type == attribute.type)) {
      continue;
    }
    if (found != nullptr) {
      return Fail(ErrorCode::kCmsDuplicateAttribute,
                  der::OidToString(attribute.type));
    }
    found = &attribute;
  }
  return found;
}

}  // namespace tinysign::cms
