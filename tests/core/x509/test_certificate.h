// Certificates built field by field with der::Writer, so that a test can
// change one field and see the parser reject exactly that defect. The
// signature and key bytes are filler: nothing here verifies them.
#ifndef TINYSIGN_TESTS_CORE_X509_TEST_CERTIFICATE_H_
#define TINYSIGN_TESTS_CORE_X509_TEST_CERTIFICATE_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/der/input.h"
#include "core/der/oid.h"
#include "core/der/tag.h"
#include "core/der/writer.h"

namespace tinysign::x509::testing {

inline Bytes Tlv(uint8_t tag, der::Input value) {
  der::Writer writer;
  writer.AddTlv(tag, value);
  return writer.Take();
}

inline Bytes Text(std::string_view text) {
  return Bytes(text.begin(), text.end());
}

inline Bytes Concat(const std::vector<Bytes>& parts) {
  Bytes out;
  for (const Bytes& part : parts) {
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

inline Bytes Sequence(const std::vector<Bytes>& parts) {
  return Tlv(der::tag::kSequence, Concat(parts));
}

inline Bytes OidTlv(std::string_view dotted) {
  auto contents = der::OidFromString(dotted);
  EXPECT_TRUE(contents.has_value()) << dotted;
  return Tlv(der::tag::kOid, contents ? *contents : Bytes());
}

inline Bytes IntegerTlv(int64_t value) {
  der::Writer writer;
  writer.AddSmallInteger(value);
  return writer.Take();
}

// AttributeTlv builds AttributeTypeAndValue with a value of tag `tag`.
inline Bytes AttributeTlv(std::string_view type, uint8_t tag,
                          der::Input value) {
  return Sequence({OidTlv(type), Tlv(tag, value)});
}

inline Bytes Utf8Attribute(std::string_view type, std::string_view text) {
  return AttributeTlv(type, der::tag::kUtf8String, Text(text));
}

inline Bytes PrintableAttribute(std::string_view type, std::string_view text) {
  return AttributeTlv(type, der::tag::kPrintableString, Text(text));
}

// NameTlv builds a Name with one RDN per attribute, in order.
inline Bytes NameTlv(const std::vector<Bytes>& attributes) {
  std::vector<Bytes> rdns;
  for (const Bytes& attribute : attributes) {
    rdns.push_back(Tlv(der::tag::kSet, attribute));
  }
  return Sequence(rdns);
}

inline Bytes ExtensionTlv(std::string_view oid, bool critical,
                          der::Input value) {
  der::Writer writer;
  writer.AddRaw(OidTlv(oid));
  if (critical) {
    writer.AddBoolean(true);
  }
  writer.AddOctetString(value);
  return Tlv(der::tag::kSequence, writer.bytes());
}

inline Bytes AlgorithmTlv(std::string_view oid) {
  return Sequence({OidTlv(oid), Tlv(der::tag::kNull, Bytes())});
}

inline Bytes BitStringTlv(der::Input bytes) {
  der::Writer writer;
  writer.AddBitString(bytes);
  return writer.Take();
}

inline Bytes UriName(std::string_view uri) {
  return Tlv(der::tag::ContextSpecific(6), Text(uri));
}

// DistributionPointsTlv builds CRLDistributionPoints with one point per URL.
inline Bytes DistributionPointsTlv(const std::vector<std::string>& urls) {
  std::vector<Bytes> points;
  for (const std::string& url : urls) {
    const Bytes full_name = Tlv(der::tag::ContextConstructed(0), UriName(url));
    points.push_back(
        Sequence({Tlv(der::tag::ContextConstructed(0), full_name)}));
  }
  return Sequence(points);
}

// Well-known OIDs used in the built certificates.
inline constexpr std::string_view kSha256WithRsa = "1.2.840.113549.1.1.11";
inline constexpr std::string_view kSha384WithRsa = "1.2.840.113549.1.1.12";
inline constexpr std::string_view kRsaEncryption = "1.2.840.113549.1.1.1";

// CertificateParts is a certificate as separately editable encodings.
// `Encode` joins them; an empty part is left out.
struct CertificateParts {
  Bytes version;
  Bytes serial;
  Bytes tbs_signature;
  Bytes issuer;
  Bytes validity;
  Bytes subject;
  Bytes spki;
  // Raw bytes after subjectPublicKeyInfo, for unique identifiers.
  Bytes unique_ids;
  std::vector<Bytes> extensions;
  // When true, `extensions` is written even if empty.
  bool force_extensions = false;
  Bytes signature_algorithm;
  Bytes signature_value;

  Bytes Tbs() const {
    std::vector<Bytes> fields = {version,  serial,  tbs_signature, issuer,
                                 validity, subject, spki,          unique_ids};
    if (!extensions.empty() || force_extensions) {
      fields.push_back(
          Tlv(der::tag::ContextConstructed(3), Sequence(extensions)));
    }
    return Sequence(fields);
  }

  Bytes Encode() const {
    return Sequence({Tbs(), signature_algorithm, signature_value});
  }
};

// NucSubject is a legal-entity first-head subject in NUC's layout, the same
// persons as the NUC test keys.
inline Bytes NucSubject() {
  return NameTlv({
      Utf8Attribute("2.5.4.3", "ТЕСТОВ ТЕСТ"),
      Utf8Attribute("2.5.4.4", "ТЕСТОВ"),
      PrintableAttribute("2.5.4.5", "IIN123456789011"),
      PrintableAttribute("2.5.4.6", "KZ"),
      Utf8Attribute("2.5.4.10", "АО \"ТЕСТ\""),
      PrintableAttribute("2.5.4.11", "BIN123456789021"),
      Utf8Attribute("2.5.4.42", "ТЕСТОВИЧ"),
  });
}

inline Bytes NucIssuer() {
  return NameTlv({
      PrintableAttribute("2.5.4.6", "KZ"),
      Utf8Attribute("2.5.4.3", "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022"),
  });
}

// Key usage digitalSignature, nonRepudiation and keyAgreement: 03 02 03 C8.
inline Bytes NucKeyUsage() { return Bytes{0x03, 0x02, 0x03, 0xc8}; }

inline Bytes NucExtKeyUsage() {
  return Sequence({OidTlv("1.3.6.1.5.5.7.3.4"), OidTlv("1.2.398.3.3.4.1.2"),
                   OidTlv("1.2.398.3.3.4.1.2.1")});
}

// NucLikeCertificate returns a v3 certificate shaped like a NUC GOST 2015
// first-head certificate, with an RSA algorithm and filler key and
// signature.
inline CertificateParts NucLikeCertificate() {
  CertificateParts parts;
  parts.version = Tlv(der::tag::ContextConstructed(0), IntegerTlv(2));
  parts.serial =
      Tlv(der::tag::kInteger, Bytes{0x30, 0x3e, 0xeb, 0xdf, 0x17, 0x96, 0x9f});
  parts.tbs_signature = AlgorithmTlv(kSha256WithRsa);
  parts.issuer = NucIssuer();
  parts.validity = Sequence({Tlv(der::tag::kUtcTime, Text("260508071015Z")),
                             Tlv(der::tag::kUtcTime, Text("270508071015Z"))});
  parts.subject = NucSubject();
  parts.spki = Sequence({AlgorithmTlv(kRsaEncryption),
                         BitStringTlv(Bytes{0x30, 0x03, 0x02, 0x01, 0x03})});

  const Bytes key_id = {0xfa, 0xd2, 0x4b, 0x1b};
  parts.extensions = {
      ExtensionTlv("2.5.29.37", false, NucExtKeyUsage()),
      ExtensionTlv("2.5.29.32", false,
                   Sequence({Sequence({OidTlv("1.2.398.3.3.2")})})),
      ExtensionTlv("2.5.29.31", false,
                   DistributionPointsTlv(
                       {"http://test.pki.gov.kz/crl/nca_gost2022_test.crl"})),
      ExtensionTlv("2.5.29.46", false,
                   DistributionPointsTlv(
                       {"http://test.pki.gov.kz/crl/nca_gost2022_d_test.crl"})),
      ExtensionTlv("2.5.29.15", true, NucKeyUsage()),
      ExtensionTlv(
          "1.3.6.1.5.5.7.1.1", false,
          Sequence({Sequence({OidTlv("1.3.6.1.5.5.7.48.2"),
                              UriName("http://test.pki.gov.kz/cert/"
                                      "nca_gost2022_test.cer")}),
                    Sequence({OidTlv("1.3.6.1.5.5.7.48.1"),
                              UriName("http://test.pki.gov.kz/ocsp/")})})),
      ExtensionTlv("2.5.29.14", false,
                   Tlv(der::tag::kOctetString, Bytes{0x30, 0x3e, 0xeb})),
      ExtensionTlv("2.5.29.35", false,
                   Sequence({Tlv(der::tag::ContextSpecific(0), key_id)})),
      ExtensionTlv("1.2.398.3.3.5", false,
                   Sequence({OidTlv("1.2.398.3.3.5.1.1")})),
  };

  parts.signature_algorithm = AlgorithmTlv(kSha256WithRsa);
  parts.signature_value = BitStringTlv(Bytes(64, 0x5a));
  return parts;
}

}  // namespace tinysign::x509::testing

#endif  // TINYSIGN_TESTS_CORE_X509_TEST_CERTIFICATE_H_
