#include "cli/inspect_cms.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/inspect_certificate.h"
#include "cli/inspect_timestamp.h"
#include "cli/oid_names.h"
#include "core/cms/attributes.h"
#include "core/crypto/algorithm.h"
#include "core/crypto/digest.h"
#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/encoding/input_form.h"
#include "core/x509/certificate.h"
#include "core/x509/name.h"

namespace tinysign::cli {

namespace {

using CertificateList = std::vector<std::shared_ptr<const x509::Certificate>>;

// Content shorter than this is shown in full; longer content only by size.
constexpr size_t kMaxContentPreviewBytes = 256;

bool IsPrintableText(der::Input data) {
  for (uint8_t byte : data) {
    const bool printable = byte >= 0x20 && byte != 0x7f;
    if (!printable && byte != '\n' && byte != '\r' && byte != '\t') {
      return false;
    }
  }
  return true;
}

void PrintContent(const cms::SignedData& signed_data, InspectWriter& writer) {
  writer.Field("Content type",
               DescribeOid(signed_data.encapsulated_content_type()));
  const auto& content = signed_data.encapsulated_content();
  if (!content.has_value()) {
    writer.Field("Content", "detached: the signed document is not included");
    return;
  }
  writer.Field("Content",
               "attached, " + std::to_string(content->size()) + " bytes");
  if (content->size() > kMaxContentPreviewBytes) {
    return;
  }
  // Text shows line breaks as "\n". NOTE: content with bytes of 0x80 and
  // above is taken for UTF-8 text without checking that it is valid UTF-8.
  if (IsPrintableText(*content)) {
    writer.Field("Content text",
                 "\"" + std::string(content->AsStringView()) + "\"");
  } else {
    writer.HexField("Content bytes", *content);
  }
}

CertificateList PrintCertificates(const cms::SignedData& signed_data,
                                  InspectWriter& writer) {
  CertificateList parsed;
  const auto& certificates = signed_data.certificates();
  writer.Section("Certificates (" + std::to_string(certificates.size()) + ")");
  for (size_t i = 0; i < certificates.size(); ++i) {
    writer.Section("Certificate " + std::to_string(i + 1));
    auto certificate = x509::ParseCertificate(certificates[i]);
    if (!certificate.has_value()) {
      writer.Field("Not parsed", certificate.error().ToString());
      parsed.push_back(nullptr);
      writer.EndSection();
      continue;
    }
    const x509::Certificate& c = **certificate;
    writer.Field("Subject", c.subject().ToRfc4514());
    writer.Field("Issuer", c.issuer().ToRfc4514());
    writer.Field("Serial number", encoding::HexEncode(c.serial()));
    writer.Field("Validity", FormatRfc3339(c.not_before()) + " to " +
                                 FormatRfc3339(c.not_after()));
    writer.Field("SHA-256", encoding::HexEncode(crypto::ComputeDigest(
                                crypto::DigestAlgorithm::kSha256, c.der())));
    parsed.push_back(*certificate);
    writer.EndSection();
  }
  writer.EndSection();
  return parsed;
}

// FindSignerCertificate returns the 1-based number of the certificate that
// `sid` names, or 0.
size_t FindSignerCertificate(const cms::SignerIdentifier& sid,
                             const CertificateList& certificates) {
  using Kind = cms::SignerIdentifier::Kind;
  std::optional<x509::Name> issuer;
  if (sid.kind == Kind::kIssuerAndSerialNumber) {
    auto name = x509::ParseName(sid.issuer_tlv);
    if (!name.has_value()) {
      return 0;
    }
    issuer = std::move(*name);
  }
  for (size_t i = 0; i < certificates.size(); ++i) {
    const auto& certificate = certificates[i];
    if (certificate == nullptr) {
      continue;
    }
    const bool match =
        issuer.has_value()
            ? x509::NamesMatch(certificate->issuer(), *issuer) &&
                  certificate->serial() == sid.serial_number
            : certificate->subject_key_identifier() ==
                  std::optional<der::Input>(sid.subject_key_identifier);
    if (match) {
      return i + 1;
    }
  }
  return 0;
}

void PrintSignerIdentifier(const cms::SignerInfo& signer,
                           const CertificateList& certificates,
                           InspectWriter& writer) {
  const cms::SignerIdentifier& sid = signer.sid;
  if (sid.kind == cms::SignerIdentifier::Kind::kIssuerAndSerialNumber) {
    writer.Field("Signer identifier", "issuerAndSerialNumber");
    writer.Nest();
    auto issuer = x509::ParseName(sid.issuer_tlv);
    writer.Field("Issuer",
                 issuer.has_value()
                     ? issuer->ToRfc4514()
                     : "unreadable (" + issuer.error().ToString() + ")");
    writer.Field("Serial number", encoding::HexEncode(sid.serial_number));
  } else {
    writer.Field("Signer identifier", "subjectKeyIdentifier");
    writer.Nest();
    writer.Field("Key identifier",
                 encoding::HexEncode(sid.subject_key_identifier));
  }
  writer.EndSection();
  const size_t number = FindSignerCertificate(sid, certificates);
  writer.Field("Certificate", number == 0
                                  ? "not included in the CMS"
                                  : "certificate " + std::to_string(number));
}

std::string TimeText(der::Input value_tlv) {
  der::Reader reader(value_tlv);
  auto element = reader.ReadElement();
  if (!element.has_value()) {
    return "unreadable";
  }
  auto time = element->tag == der::tag::kUtcTime
                  ? ParseUtcTime(element->value)
                  : ParseGeneralizedTime(element->value);
  return time.has_value() ? FormatRfc3339(*time)
                          : "invalid (" + time.error().ToString() + ")";
}

std::string ContentTypeText(der::Input value_tlv) {
  auto oid = der::ParseSingle(value_tlv, der::tag::kOid, "contentType");
  return oid.has_value() ? DescribeOid(oid->value)
                         : "invalid (" + oid.error().ToString() + ")";
}

std::string MessageDigestText(der::Input value_tlv) {
  auto digest =
      der::ParseSingle(value_tlv, der::tag::kOctetString, "messageDigest");
  return digest.has_value() ? encoding::HexEncode(digest->value)
                            : "invalid (" + digest.error().ToString() + ")";
}

void PrintSigningCertificate(const cms::SignerInfo& signer,
                             const CertificateList& certificates,
                             InspectWriter& writer) {
  auto attributes = cms::ParseSignedAttributes(signer);
  if (!attributes.has_value() || !attributes->signing_certificate.has_value()) {
    writer.Line(attributes.has_value()
                    ? "unreadable"
                    : "unreadable (" + attributes.error().ToString() + ")");
    return;
  }
  const cms::CertificateReference& reference = *attributes->signing_certificate;
  writer.Field("Hash algorithm", crypto::DigestName(reference.hash_algorithm));
  writer.Field("Certificate hash", encoding::HexEncode(reference.hash));
  if (reference.serial_number.has_value()) {
    writer.Field("Serial number",
                 encoding::HexEncode(*reference.serial_number));
  }
  std::string matches = "no certificate in the CMS";
  for (size_t i = 0; i < certificates.size(); ++i) {
    if (certificates[i] != nullptr &&
        der::Input(crypto::ComputeDigest(reference.hash_algorithm,
                                         certificates[i]->der())) ==
            reference.hash) {
      matches = "certificate " + std::to_string(i + 1);
    }
  }
  writer.Field("Matches", matches);
}

void PrintAttributeValues(const cms::Attribute& attribute,
                          InspectWriter& writer) {
  for (der::Input value : attribute.values) {
    writer.HexField("Value", value);
  }
}

void PrintSignedAttribute(const cms::Attribute& attribute,
                          const cms::SignerInfo& signer,
                          const CertificateList& certificates,
                          InspectWriter& writer) {
  const std::string name = DescribeOid(attribute.type);
  const bool single = attribute.values.size() == 1;
  if (single && cms::kContentType == attribute.type) {
    writer.Field(name, ContentTypeText(attribute.values[0]));
  } else if (single && cms::kSigningTime == attribute.type) {
    writer.Field(name, TimeText(attribute.values[0]));
  } else if (single && cms::kMessageDigest == attribute.type) {
    writer.Field(name, MessageDigestText(attribute.values[0]));
  } else if (cms::kSigningCertificateV2 == attribute.type ||
             cms::kSigningCertificate == attribute.type) {
    writer.Section(name);
    PrintSigningCertificate(signer, certificates, writer);
    writer.EndSection();
  } else {
    writer.Section(name);
    PrintAttributeValues(attribute, writer);
    writer.EndSection();
  }
}

void PrintUnsignedAttribute(const cms::Attribute& attribute,
                            InspectWriter& writer) {
  writer.Section(DescribeOid(attribute.type));
  if (cms::kSignatureTimeStampToken == attribute.type) {
    for (der::Input token : attribute.values) {
      PrintTimestampTokenSummary(token, writer);
    }
  } else {
    PrintAttributeValues(attribute, writer);
  }
  writer.EndSection();
}

void PrintSigner(size_t index, const cms::SignerInfo& signer,
                 const CertificateList& certificates, InspectWriter& writer) {
  writer.Section("Signer " + std::to_string(index + 1));
  writer.Field("Version", std::to_string(signer.version));
  PrintSignerIdentifier(signer, certificates, writer);
  writer.Field("Digest algorithm",
               DescribeDigestAlgorithm(signer.digest_algorithm_tlv));
  writer.Field(
      "Signature algorithm",
      DescribeSignatureAlgorithm(signer.signature_algorithm_tlv,
                                 crypto::AlgorithmContext::kSignerInfo));
  if (signer.signed_attributes_tlv.has_value()) {
    writer.Section("Signed attributes (" +
                   std::to_string(signer.signed_attributes.size()) + ")");
    for (const cms::Attribute& attribute : signer.signed_attributes) {
      PrintSignedAttribute(attribute, signer, certificates, writer);
    }
    writer.EndSection();
  } else {
    writer.Field("Signed attributes", "none: the signature covers the content");
  }
  writer.HexField("Signature value", signer.signature);
  if (!signer.unsigned_attributes.empty()) {
    writer.Section("Unsigned attributes (" +
                   std::to_string(signer.unsigned_attributes.size()) + ")");
    for (const cms::Attribute& attribute : signer.unsigned_attributes) {
      PrintUnsignedAttribute(attribute, writer);
    }
    writer.EndSection();
  }
  writer.EndSection();
}

}  // namespace

void PrintSignedData(const cms::SignedData& signed_data,
                     InspectWriter& writer) {
  writer.Section("CMS SignedData");
  writer.Field("Encoding",
               signed_data.was_ber() ? "BER, converted to DER" : "DER");
  writer.Field("Version", std::to_string(signed_data.version()));
  writer.Section("Digest algorithms");
  for (der::Input algorithm : signed_data.digest_algorithm_tlvs()) {
    writer.Line(DescribeDigestAlgorithm(algorithm));
  }
  writer.EndSection();
  PrintContent(signed_data, writer);
  const CertificateList certificates = PrintCertificates(signed_data, writer);
  writer.Field("CRLs", std::to_string(signed_data.crls().size()));
  const auto& signers = signed_data.signers();
  writer.Section("Signers (" + std::to_string(signers.size()) + ")");
  for (size_t i = 0; i < signers.size(); ++i) {
    PrintSigner(i, signers[i], certificates, writer);
  }
  writer.EndSection();
  writer.EndSection();
}

}  // namespace tinysign::cli
