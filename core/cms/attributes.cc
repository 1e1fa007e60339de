#include "core/cms/attributes.h"

#include <string>

#include "core/der/reader.h"

namespace tinysign::cms {

namespace {

Error BadAttribute(std::string_view name, const Error& cause) {
  return Fail(ErrorCode::kCmsBadAttribute,
              std::string(name) + ": " + std::string(ErrorId(cause.code)) +
                  (cause.detail.empty() ? "" : " (" + cause.detail + ")"));
}

Error BadAttribute(std::string_view name, std::string_view why) {
  return Fail(ErrorCode::kCmsBadAttribute,
              std::string(name) + ": " + std::string(why));
}

// SingleValue returns the only value of an attribute that must have one.
Result<der::Input> SingleValue(const Attribute& attribute,
                               std::string_view name) {
  if (attribute.values.size() != 1) {
    return BadAttribute(name, std::to_string(attribute.values.size()) +
                                  " values where exactly one is allowed");
  }
  return attribute.values[0];
}

// Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }
Result<Time> ParseSigningTime(der::Input value) {
  der::Reader reader(value);
  auto element = reader.ReadElement();
  if (!element) {
    return BadAttribute("signingTime", element.error());
  }
  Result<Time> time = Fail(ErrorCode::kDerBadTime);
  if (element->tag == der::tag::kUtcTime) {
    time = ParseUtcTime(element->value);
  } else if (element->tag == der::tag::kGeneralizedTime) {
    time = ParseGeneralizedTime(element->value);
  } else {
    return BadAttribute("signingTime", "not UTCTime or GeneralizedTime");
  }
  if (!time) {
    return BadAttribute("signingTime", time.error());
  }
  return time;
}

// SigningCertificateV2 ::= SEQUENCE {
//   certs SEQUENCE OF ESSCertIDv2,
//   policies SEQUENCE OF PolicyInformation OPTIONAL }
// ESSCertIDv2 ::= SEQUENCE {
//   hashAlgorithm AlgorithmIdentifier DEFAULT {algorithm id-sha256},
//   certHash Hash,
//   issuerSerial IssuerSerial OPTIONAL }
// The v1 attribute has ESSCertID, with no hashAlgorithm and SHA-1 hashes.
Result<CertificateReference> ParseCertificateReference(der::Input value,
                                                       bool v2) {
  CertificateReference reference;
  reference.hash_algorithm =
      v2 ? crypto::DigestAlgorithm::kSha256 : crypto::DigestAlgorithm::kSha1;
  der::Reader outer(value);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader signing_certificate,
                            outer.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader certs,
                            signing_certificate.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader first, certs.ReadSequence());
  if (v2 && first.PeekTag(der::tag::kSequence)) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input algorithm,
                              first.ReadTlv(der::tag::kSequence));
    TINYSIGN_ASSIGN_OR_RETURN(reference.hash_algorithm,
                              crypto::ParseDigestAlgorithm(algorithm));
  }
  TINYSIGN_ASSIGN_OR_RETURN(reference.hash, first.ReadOctetString());
  if (first.PeekTag(der::tag::kSequence)) {
    // IssuerSerial ::= SEQUENCE { issuer GeneralNames,
    //                             serialNumber CertificateSerialNumber }
    TINYSIGN_ASSIGN_OR_RETURN(der::Reader issuer_serial, first.ReadSequence());
    TINYSIGN_ASSIGN_OR_RETURN(der::Input names,
                              issuer_serial.ReadTlv(der::tag::kSequence));
    (void)names;
    TINYSIGN_ASSIGN_OR_RETURN(reference.serial_number,
                              issuer_serial.ReadInteger());
    TINYSIGN_TRY(issuer_serial.ExpectEnd("IssuerSerial"));
  }
  TINYSIGN_TRY(first.ExpectEnd("ESSCertID"));
  return reference;
}

Result<std::optional<CertificateReference>> ParseSigningCertificate(
    const SignerInfo& signer) {
  TINYSIGN_ASSIGN_OR_RETURN(
      const Attribute* v2,
      FindAttribute(signer.signed_attributes, kSigningCertificateV2));
  TINYSIGN_ASSIGN_OR_RETURN(
      const Attribute* v1,
      FindAttribute(signer.signed_attributes, kSigningCertificate));
  const Attribute* attribute = v2 != nullptr ? v2 : v1;
  if (attribute == nullptr) {
    return std::optional<CertificateReference>();
  }
  const std::string_view name =
      v2 != nullptr ? "signingCertificateV2" : "signingCertificate";
  TINYSIGN_ASSIGN_OR_RETURN(der::Input value, SingleValue(*attribute, name));
  auto reference = ParseCertificateReference(value, v2 != nullptr);
  if (!reference) {
    return BadAttribute(name, reference.error());
  }
  return std::optional<CertificateReference>(*reference);
}

}  // namespace

Result<SignedAttributes> ParseSignedAttributes(const SignerInfo& signer) {
  SignedAttributes out;
  TINYSIGN_ASSIGN_OR_RETURN(
      const Attribute* content_type,
      FindAttribute(signer.signed_attributes, kContentType));
  if (content_type == nullptr) {
    return Fail(ErrorCode::kCmsContentTypeMissing);
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Input content_type_value,
                            SingleValue(*content_type, "contentType"));
  der::Reader content_type_reader(content_type_value);
  auto oid = content_type_reader.ReadOid();
  if (!oid) {
    return BadAttribute("contentType", oid.error());
  }
  out.content_type = *oid;

  TINYSIGN_ASSIGN_OR_RETURN(
      const Attribute* digest,
      FindAttribute(signer.signed_attributes, kMessageDigest));
  if (digest == nullptr) {
    return Fail(ErrorCode::kCmsMessageDigestMissing);
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Input digest_value,
                            SingleValue(*digest, "messageDigest"));
  der::Reader digest_reader(digest_value);
  auto digest_bytes = digest_reader.ReadOctetString();
  if (!digest_bytes) {
    return BadAttribute("messageDigest", digest_bytes.error());
  }
  out.message_digest = *digest_bytes;

  TINYSIGN_ASSIGN_OR_RETURN(
      const Attribute* signing_time,
      FindAttribute(signer.signed_attributes, kSigningTime));
  if (signing_time != nullptr) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input value,
                              SingleValue(*signing_time, "signingTime"));
    TINYSIGN_ASSIGN_OR_RETURN(out.signing_time, ParseSigningTime(value));
  }
  TINYSIGN_ASSIGN_OR_RETURN(out.signing_certificate,
                            ParseSigningCertificate(signer));
  return out;
}

std::vector<der::Input> FindTimestampTokens(const SignerInfo& signer) {
  std::vector<der::Input> tokens;
  for (const Attribute& attribute : signer.unsigned_attributes) {
    if (kSignatureTimeStampToken == attribute.type) {
      tokens.insert(tokens.end(), attribute.values.begin(),
                    attribute.values.end());
    }
  }
  return tokens;
}

}  // namespace tinysign::cms
