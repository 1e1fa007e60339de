#include "pki/certificate_builder.h"

#include <algorithm>
#include <utility>

#include "core/cms/attributes.h"
#include "core/cms/signed_data.h"
#include "core/crypto/digest.h"
#include "core/crypto/gost_signature.h"
#include "core/crypto/rsa.h"
#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/der/writer.h"
#include "core/encoding/input_form.h"
#include "core/x509/extensions.h"
#include "core/x509/name.h"

namespace tinysign::pki {

namespace {

// 2050-01-01T00:00:00Z, the first instant that RFC 5280 4.1.2.5 and
// RFC 5652 section 11.3 encode as GeneralizedTime rather than UTCTime.
constexpr int64_t kFirstGeneralizedTimeSeconds = 2524608000;

Bytes Concat(der::Input a, der::Input b) {
  Bytes out = a.ToBytes();
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

Bytes Sha256(der::Input data) {
  return crypto::ComputeDigest(crypto::DigestAlgorithm::kSha256, data);
}

Bytes Wrap(uint8_t tag, const der::Writer& contents) {
  der::Writer out;
  out.AddConstructed(tag, contents);
  return out.Take();
}

Result<TestKey> GenerateGostKey(KeyType type, crypto::GostCurveId curve,
                                crypto::KeyAlgorithm algorithm,
                                crypto::RandomSource& random) {
  TINYSIGN_ASSIGN_OR_RETURN(crypto::GostPrivateKey private_key,
                            crypto::GenerateGostPrivateKey(curve, random));
  TINYSIGN_ASSIGN_OR_RETURN(crypto::GostPublicKey public_key,
                            crypto::DeriveGostPublicKey(private_key));
  TestKey key;
  key.type = type;
  key.private_key = std::move(private_key);
  key.public_key.algorithm = algorithm;
  key.public_key.key = std::move(public_key);
  TINYSIGN_ASSIGN_OR_RETURN(key.spki,
                            crypto::EncodeSubjectPublicKeyInfo(key.public_key));
  return key;
}

Result<TestKey> GenerateRsaKey(crypto::RandomSource& random) {
  TINYSIGN_ASSIGN_OR_RETURN(crypto::RsaPrivateKey private_key,
                            crypto::GenerateRsaPrivateKey(2048, random));
  TestKey key;
  key.type = KeyType::kRsa2048;
  key.public_key.algorithm = crypto::KeyAlgorithm::kRsa;
  key.public_key.key = crypto::RsaPublicKeyOf(private_key);
  key.private_key = std::move(private_key);
  TINYSIGN_ASSIGN_OR_RETURN(key.spki,
                            crypto::EncodeSubjectPublicKeyInfo(key.public_key));
  return key;
}

// KeyUsageBits returns the named-bit BIT STRING octets of `mask`: named
// bit n is bit 7 - n % 8 of octet n / 8 (X.690 8.6.2).
Bytes KeyUsageBits(uint16_t mask) {
  Bytes octets(2, 0);
  for (int bit = 0; bit < 16; ++bit) {
    if ((mask >> bit) & 1) {
      octets[bit / 8] |= static_cast<uint8_t>(0x80 >> (bit % 8));
    }
  }
  return octets;
}

Bytes EncodeOidList(const std::vector<der::Oid>& oids) {
  der::Writer list;
  for (const der::Oid& oid : oids) {
    list.AddOid(oid);
  }
  return Wrap(der::tag::kSequence, list);
}

// BasicConstraints ::= SEQUENCE {
//   cA                 BOOLEAN DEFAULT FALSE,
//   pathLenConstraint  INTEGER (0..MAX) OPTIONAL }
Bytes EncodeBasicConstraints(const BasicConstraintsSpec& spec) {
  der::Writer fields;
  if (spec.is_ca) {
    fields.AddBoolean(true);  // DER leaves out a DEFAULT value.
  }
  if (spec.path_len_constraint) {
    fields.AddSmallInteger(*spec.path_len_constraint);
  }
  return Wrap(der::tag::kSequence, fields);
}

// certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation
// PolicyInformation ::= SEQUENCE { policyIdentifier CertPolicyId, ... }
Bytes EncodePolicies(const std::vector<der::Oid>& policies) {
  der::Writer list;
  for (const der::Oid& policy : policies) {
    der::Writer information;
    information.AddOid(policy);
    list.AddConstructed(der::tag::kSequence, information);
  }
  return Wrap(der::tag::kSequence, list);
}

Result<Bytes> EncodeExtensions(const CertificateSpec& spec,
                               const TestKey& subject_key) {
  der::Writer list;
  if (spec.basic_constraints) {
    AddExtension(list, x509::oid::kBasicConstraints,
                 spec.basic_constraints->critical,
                 EncodeBasicConstraints(*spec.basic_constraints));
  }
  if (spec.key_usage) {
    der::Writer bits;
    bits.AddBitStringBits(KeyUsageBits(*spec.key_usage));
    AddExtension(list, x509::oid::kKeyUsage, true, bits.bytes());
  }
  if (!spec.ext_key_usage.empty()) {
    AddExtension(list, x509::oid::kExtKeyUsage, false,
                 EncodeOidList(spec.ext_key_usage));
  }
  if (!spec.policies.empty()) {
    AddExtension(list, x509::oid::kCertificatePolicies, false,
                 EncodePolicies(spec.policies));
  }
  if (!spec.omit_subject_key_identifier) {
    Bytes key_identifier = spec.subject_key_identifier;
    if (key_identifier.empty()) {
      TINYSIGN_ASSIGN_OR_RETURN(key_identifier,
                                ComputeKeyIdentifier(subject_key));
    }
    der::Writer value;
    value.AddOctetString(key_identifier);
    AddExtension(list, x509::oid::kSubjectKeyIdentifier, false, value.bytes());
  }
  if (!spec.authority_key_identifier.empty()) {
    AddExtension(list, x509::oid::kAuthorityKeyIdentifier, false,
                 EncodeAuthorityKeyIdentifier(spec.authority_key_identifier));
  }
  for (const ExtensionSpec& extra : spec.extra_extensions) {
    AddExtension(list, extra.oid, extra.critical, extra.value);
  }
  return list.Take();
}

Bytes IssuerName(const CertificateSpec& spec) {
  return EncodeName(spec.issuer.empty() ? spec.subject : spec.issuer);
}

// DefaultSerial derives 8 bytes from the fields that tell certificates
// apart, with the top bit clear so that the INTEGER needs no sign octet.
Bytes DefaultSerial(der::Input fields) {
  Bytes serial = Sha256(fields);
  serial.resize(8);
  serial[0] = static_cast<uint8_t>((serial[0] & 0x7f) | 0x01);
  return serial;
}

// TBSCertificate ::= SEQUENCE {
//   version         [0]  EXPLICIT Version DEFAULT v1,
//   serialNumber         CertificateSerialNumber,
//   signature            AlgorithmIdentifier,
//   issuer               Name,
//   validity             Validity,
//   subject              Name,
//   subjectPublicKeyInfo SubjectPublicKeyInfo,
//   extensions      [3]  EXPLICIT Extensions OPTIONAL }
Result<Bytes> EncodeTbsCertificate(const CertificateSpec& spec,
                                   const TestKey& subject_key,
                                   der::Input signature_algorithm) {
  der::Writer validity;
  AddTime(validity, spec.not_before);
  AddTime(validity, spec.not_after);
  TINYSIGN_ASSIGN_OR_RETURN(const Bytes extensions,
                            EncodeExtensions(spec, subject_key));

  der::Writer after_serial;
  after_serial.AddRaw(signature_algorithm);
  after_serial.AddRaw(IssuerName(spec));
  after_serial.AddConstructed(der::tag::kSequence, validity);
  after_serial.AddRaw(EncodeName(spec.subject));
  after_serial.AddRaw(subject_key.spki);
  if (!extensions.empty()) {
    der::Writer explicit_extensions;
    explicit_extensions.AddTlv(der::tag::kSequence, extensions);
    after_serial.AddConstructed(der::tag::ContextConstructed(3),
                                explicit_extensions);
  }

  der::Writer version;
  version.AddSmallInteger(2);  // v3
  der::Writer tbs;
  tbs.AddConstructed(der::tag::ContextConstructed(0), version);
  tbs.AddUnsignedInteger(
      spec.serial.empty() ? DefaultSerial(after_serial.bytes()) : spec.serial);
  tbs.AddRaw(after_serial.bytes());
  return Wrap(der::tag::kSequence, tbs);
}

// SerialOf reads back the serial number of a built certificate, so that
// a default serial need not be computed twice.
Result<Bytes> SerialOf(der::Input certificate_der) {
  der::Reader outer(certificate_der);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader certificate, outer.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader tbs, certificate.ReadSequence());
  TINYSIGN_TRY(tbs.ReadOptional(der::tag::ContextConstructed(0)));
  TINYSIGN_ASSIGN_OR_RETURN(der::Input serial, tbs.ReadUnsignedInteger());
  return serial.ToBytes();
}

// Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER,
//                          attrValues SET OF AttributeValue }
Bytes EncodeAttribute(const der::Oid& type, der::Input value_tlv) {
  der::Writer values;
  values.AddRaw(value_tlv);
  der::Writer attribute;
  attribute.AddOid(type);
  attribute.AddConstructed(der::tag::kSet, values);
  return Wrap(der::tag::kSequence, attribute);
}

// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
// ESSCertIDv2 ::= SEQUENCE {
//   hashAlgorithm AlgorithmIdentifier DEFAULT {algorithm id-sha256},
//   certHash      OCTET STRING,
//   issuerSerial  IssuerSerial OPTIONAL }
// IssuerSerial ::= SEQUENCE { issuer GeneralNames,
//                             serialNumber CertificateSerialNumber }
// The SHA-256 hashAlgorithm is left out, as DER requires for a DEFAULT.
Bytes EncodeSigningCertificateV2(const IssuedCertificate& named) {
  der::Writer directory_name;
  directory_name.AddRaw(named.issuer_name);
  der::Writer general_names;
  general_names.AddConstructed(der::tag::ContextConstructed(4), directory_name);
  der::Writer issuer_serial;
  issuer_serial.AddConstructed(der::tag::kSequence, general_names);
  issuer_serial.AddUnsignedInteger(named.serial);

  der::Writer cert_id;
  cert_id.AddOctetString(Sha256(named.der));
  cert_id.AddConstructed(der::tag::kSequence, issuer_serial);
  der::Writer certs;
  certs.AddConstructed(der::tag::kSequence, cert_id);
  der::Writer signing_certificate;
  signing_certificate.AddConstructed(der::tag::kSequence, certs);
  return Wrap(der::tag::kSequence, signing_certificate);
}

// EncodeSignedAttributes returns the attributes as a DER SET OF, sorted,
// because the signature covers that encoding (RFC 5652 section 5.4).
Bytes EncodeSignedAttributes(const SignerSpec& signer, const CmsSpec& spec,
                             crypto::DigestAlgorithm digest_algorithm) {
  std::vector<Bytes> attributes;
  der::Writer content_type;
  content_type.AddOid(
      signer.content_type_attribute.value_or(spec.content_type));
  attributes.push_back(
      EncodeAttribute(cms::kContentType, content_type.bytes()));

  if (signer.add_signing_time) {
    der::Writer signing_time;
    AddTime(signing_time, signer.signing_time);
    attributes.push_back(
        EncodeAttribute(cms::kSigningTime, signing_time.bytes()));
  }

  if (signer.add_message_digest) {
    der::Writer digest;
    digest.AddOctetString(
        crypto::ComputeDigest(digest_algorithm, spec.content));
    const Bytes attribute =
        EncodeAttribute(cms::kMessageDigest, digest.bytes());
    attributes.push_back(attribute);
    if (signer.duplicate_message_digest) {
      attributes.push_back(attribute);
    }
  }
  if (signer.add_signing_certificate_v2) {
    const IssuedCertificate& named = signer.signing_certificate
                                         ? *signer.signing_certificate
                                         : *signer.certificate;
    attributes.push_back(EncodeAttribute(cms::kSigningCertificateV2,
                                         EncodeSigningCertificateV2(named)));
  }
  der::Writer set;
  set.AddTlv(der::tag::kSet, der::SortDerSet(std::move(attributes)));
  return set.Take();
}

Bytes DigestAlgorithmOf(const SignerSpec& signer, const TestKey& key) {
  if (signer.digest_algorithm) {
    return *signer.digest_algorithm;
  }
  return crypto::EncodeDigestAlgorithm(*SignatureAlgorithmFor(key.type).digest);
}

// SignerInfo ::= SEQUENCE {
//   version            CMSVersion,
//   sid                SignerIdentifier,
//   digestAlgorithm    DigestAlgorithmIdentifier,
//   signedAttrs        [0] IMPLICIT SignedAttributes OPTIONAL,
//   signatureAlgorithm SignatureAlgorithmIdentifier,
//   signature          SignatureValue }
Result<Bytes> EncodeSignerInfo(const SignerSpec& signer, const CmsSpec& spec) {
  const TestKey& key = signer.key ? *signer.key : *signer.certificate->key;
  const crypto::DigestAlgorithm digest_algorithm =
      *SignatureAlgorithmFor(key.type).digest;
  const Bytes signed_attributes =
      EncodeSignedAttributes(signer, spec, digest_algorithm);
  TINYSIGN_ASSIGN_OR_RETURN(Bytes signature,
                            SignWithKey(key, signed_attributes));
  if (signer.corrupt_signature && !signature.empty()) {
    signature.back() ^= 0x01;
  }

  // IssuerAndSerialNumber ::= SEQUENCE { issuer Name,
  //                                      serialNumber CertificateSerialNumber }
  der::Writer sid;
  sid.AddRaw(signer.certificate->issuer_name);
  sid.AddUnsignedInteger(signer.certificate->serial);

  der::Writer info;
  info.AddSmallInteger(1);  // version 1 goes with issuerAndSerialNumber.
  info.AddConstructed(der::tag::kSequence, sid);
  info.AddRaw(DigestAlgorithmOf(signer, key));
  // The stored attributes carry [0] IMPLICIT in place of the SET tag.
  Bytes implicit_attributes = signed_attributes;
  implicit_attributes[0] = der::tag::ContextConstructed(0);
  info.AddRaw(implicit_attributes);
  if (signer.signature_algorithm) {
    info.AddRaw(*signer.signature_algorithm);
  } else {
    TINYSIGN_ASSIGN_OR_RETURN(const Bytes algorithm,
                              EncodeSignatureAlgorithmOf(key.type));
    info.AddRaw(algorithm);
  }
  info.AddOctetString(signature);
  return Wrap(der::tag::kSequence, info);
}

}  // namespace

Status DeterministicRandom::Generate(std::span<uint8_t> out) {
  for (uint8_t& byte : out) {
    if (block_offset_ == block_.size()) {
      Bytes input = seed_;
      for (int shift = 56; shift >= 0; shift -= 8) {
        input.push_back(static_cast<uint8_t>((counter_ >> shift) & 0xff));
      }
      ++counter_;
      block_ = Sha256(input);
      block_offset_ = 0;
    }
    byte = block_[block_offset_++];
  }
  return OkStatus();
}

crypto::SignatureAlgorithmId SignatureAlgorithmFor(KeyType type) {
  switch (type) {
    case KeyType::kGost2015_512:
      return {crypto::SignatureAlgorithm::kGost2015_512,
              crypto::DigestAlgorithm::kStreebog512,
              {}};
    case KeyType::kGost2004:
      return {crypto::SignatureAlgorithm::kGost34310_2004,
              crypto::DigestAlgorithm::kGost34311,
              {}};
    case KeyType::kRsa2048:
      break;
  }
  return {crypto::SignatureAlgorithm::kRsaPkcs1,
          crypto::DigestAlgorithm::kSha256,
          {}};
}

Result<TestKey> GenerateTestKey(KeyType type, std::string_view seed) {
  DeterministicRandom random(seed);
  switch (type) {
    case KeyType::kGost2015_512:
      return GenerateGostKey(type, crypto::GostCurveId::kTc26Gost512ParamSetA,
                             crypto::KeyAlgorithm::kGost2015_512, random);
    case KeyType::kGost2004:
      return GenerateGostKey(type, crypto::GostCurveId::kCryptoProA,
                             crypto::KeyAlgorithm::kGost2004, random);
    case KeyType::kRsa2048:
      break;
  }
  return GenerateRsaKey(random);
}

Result<Bytes> ComputeKeyIdentifier(const TestKey& key) {
  // SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
  //                                     subjectPublicKey BIT STRING }
  der::Reader outer(key.spki);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader spki, outer.ReadSequence());
  TINYSIGN_TRY(spki.ReadTlv(der::tag::kSequence));
  TINYSIGN_ASSIGN_OR_RETURN(der::Input bits, spki.ReadBitStringBytes());
  return crypto::ComputeDigest(crypto::DigestAlgorithm::kSha1, bits);
}

Result<Bytes> SignWithKey(const TestKey& key, der::Input message) {
  DeterministicRandom random(
      Concat(der::Input(std::string_view("nonce")), Sha256(message)));
  return crypto::SignMessage(SignatureAlgorithmFor(key.type), key.private_key,
                             message, random);
}

Result<Bytes> EncodeSignatureAlgorithmOf(KeyType type) {
  return crypto::EncodeSignatureAlgorithm(SignatureAlgorithmFor(type));
}

Result<Time> MakeTime(int year, int month, int day) {
  return TimeFromCivil(year, month, day, 0, 0, 0);
}

void AddTime(der::Writer& out, Time time) {
  if (time.unix_seconds < kFirstGeneralizedTimeSeconds) {
    out.AddTlv(der::tag::kUtcTime, der::Input(FormatUtcTime(time)));
  } else {
    AddGeneralizedTime(out, time);
  }
}

void AddGeneralizedTime(der::Writer& out, Time time) {
  out.AddTlv(der::tag::kGeneralizedTime,
             der::Input(FormatGeneralizedTime(time)));
}

// Extension ::= SEQUENCE {
//   extnID     OBJECT IDENTIFIER,
//   critical   BOOLEAN DEFAULT FALSE,
//   extnValue  OCTET STRING }
void AddExtension(der::Writer& list, const der::Oid& oid, bool critical,
                  der::Input value) {
  der::Writer extension;
  extension.AddOid(oid);
  if (critical) {
    extension.AddBoolean(true);
  }
  extension.AddOctetString(value);
  list.AddConstructed(der::tag::kSequence, extension);
}

// AuthorityKeyIdentifier ::= SEQUENCE {
//   keyIdentifier [0] KeyIdentifier OPTIONAL, ... }
Bytes EncodeAuthorityKeyIdentifier(der::Input key_identifier) {
  der::Writer fields;
  fields.AddTlv(der::tag::ContextSpecific(0), key_identifier);
  return Wrap(der::tag::kSequence, fields);
}

std::vector<NameAttribute> TestName(std::string_view common_name) {
  return {{x509::attribute::kOrganization, "TinySign Test"},
          {x509::attribute::kCommonName, std::string(common_name)}};
}

// Name ::= SEQUENCE OF RelativeDistinguishedName
// RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
// AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY }
Bytes EncodeName(const std::vector<NameAttribute>& name) {
  der::Writer rdns;
  for (const NameAttribute& attribute : name) {
    der::Writer type_and_value;
    type_and_value.AddOid(attribute.type);
    type_and_value.AddTlv(attribute.value_tag,
                          der::Input(std::string_view(attribute.value)));
    der::Writer rdn;
    rdn.AddConstructed(der::tag::kSequence, type_and_value);
    rdns.AddConstructed(der::tag::kSet, rdn);
  }
  return Wrap(der::tag::kSequence, rdns);
}

// Certificate ::= SEQUENCE {
//   tbsCertificate       TBSCertificate,
//   signatureAlgorithm   AlgorithmIdentifier,
//   signatureValue       BIT STRING }
Result<Bytes> SignCertificate(const CertificateSpec& spec,
                              const TestKey& subject_key,
                              const TestKey& signing_key) {
  TINYSIGN_ASSIGN_OR_RETURN(const Bytes algorithm,
                            EncodeSignatureAlgorithmOf(signing_key.type));
  TINYSIGN_ASSIGN_OR_RETURN(const Bytes tbs,
                            EncodeTbsCertificate(spec, subject_key, algorithm));
  TINYSIGN_ASSIGN_OR_RETURN(const Bytes signature,
                            SignWithKey(signing_key, tbs));
  der::Writer certificate;
  certificate.AddRaw(tbs);
  certificate.AddRaw(algorithm);
  certificate.AddBitString(signature);
  return Wrap(der::tag::kSequence, certificate);
}

Result<IssuedCertificate> IssueCertificate(CertificateSpec spec,
                                           const TestKey& subject_key,
                                           const TestKey& signing_key) {
  IssuedCertificate out;
  TINYSIGN_ASSIGN_OR_RETURN(out.der,
                            SignCertificate(spec, subject_key, signing_key));
  out.key = &subject_key;
  out.issuer_name = IssuerName(spec);
  TINYSIGN_ASSIGN_OR_RETURN(out.serial, SerialOf(out.der));
  if (!spec.omit_subject_key_identifier) {
    out.subject_key_identifier = spec.subject_key_identifier;
    if (out.subject_key_identifier.empty()) {
      TINYSIGN_ASSIGN_OR_RETURN(out.subject_key_identifier,
                                ComputeKeyIdentifier(subject_key));
    }
  }
  out.subject = std::move(spec.subject);
  return out;
}

// 2020-01-01T00:00:00Z and 2040-01-01T00:00:00Z in Unix seconds
// (`date -u -d 2020-01-01 +%s`).
Time DefaultNotBefore() { return Time{1577836800}; }

Time DefaultNotAfter() { return Time{2208988800}; }

CertificateSpec RootSpec(std::string_view common_name) {
  CertificateSpec spec;
  spec.subject = TestName(common_name);
  spec.not_before = DefaultNotBefore();
  spec.not_after = DefaultNotAfter();
  spec.basic_constraints = BasicConstraintsSpec{};
  spec.key_usage = x509::KeyUsageMask(x509::KeyUsageBit::kKeyCertSign) |
                   x509::KeyUsageMask(x509::KeyUsageBit::kCrlSign);
  return spec;
}

CertificateSpec CaSpec(std::string_view common_name,
                       const IssuedCertificate& issuer) {
  CertificateSpec spec = RootSpec(common_name);
  spec.issuer = issuer.subject;
  spec.authority_key_identifier = issuer.subject_key_identifier;
  return spec;
}

CertificateSpec LeafSpec(std::string_view common_name,
                         const IssuedCertificate& issuer) {
  CertificateSpec spec;
  spec.subject = TestName(common_name);
  spec.issuer = issuer.subject;
  spec.not_before = DefaultNotBefore();
  spec.not_after = DefaultNotAfter();
  spec.key_usage = x509::KeyUsageMask(x509::KeyUsageBit::kDigitalSignature) |
                   x509::KeyUsageMask(x509::KeyUsageBit::kNonRepudiation);
  spec.ext_key_usage = {x509::oid::kEmailProtection};
  spec.authority_key_identifier = issuer.subject_key_identifier;
  return spec;
}

// ContentInfo ::= SEQUENCE {
//   contentType ContentType,
//   content     [0] EXPLICIT ANY DEFINED BY contentType }
// SignedData ::= SEQUENCE {
//   version          CMSVersion,
//   digestAlgorithms SET OF DigestAlgorithmIdentifier,
//   encapContentInfo EncapsulatedContentInfo,
//   certificates     [0] IMPLICIT CertificateSet OPTIONAL,
//   signerInfos      SET OF SignerInfo }
Result<Bytes> SignCms(const CmsSpec& spec) {
  std::vector<Bytes> digest_algorithms;
  der::Writer signer_infos;
  for (const SignerSpec& signer : spec.signers) {
    const TestKey& key = signer.key ? *signer.key : *signer.certificate->key;
    const Bytes algorithm = DigestAlgorithmOf(signer, key);
    if (std::find(digest_algorithms.begin(), digest_algorithms.end(),
                  algorithm) == digest_algorithms.end()) {
      digest_algorithms.push_back(algorithm);
    }
    TINYSIGN_ASSIGN_OR_RETURN(const Bytes signer_info,
                              EncodeSignerInfo(signer, spec));
    signer_infos.AddRaw(signer_info);
  }

  // EncapsulatedContentInfo ::= SEQUENCE {
  //   eContentType ContentType,
  //   eContent     [0] EXPLICIT OCTET STRING OPTIONAL }
  der::Writer encapsulated;
  encapsulated.AddOid(spec.content_type);
  if (!spec.detached) {
    der::Writer content;
    content.AddOctetString(spec.content);
    encapsulated.AddConstructed(der::tag::ContextConstructed(0), content);
  }

  der::Writer signed_data;
  // RFC 5652 section 5.1: version 1 for id-data content with no attribute
  // certificates and version 1 SignerInfos only, version 3 for any other
  // eContentType.
  signed_data.AddSmallInteger(spec.content_type == cms::kIdData ? 1 : 3);
  signed_data.AddTlv(der::tag::kSet,
                     der::SortDerSet(std::move(digest_algorithms)));
  signed_data.AddConstructed(der::tag::kSequence, encapsulated);
  if (!spec.certificates.empty()) {
    signed_data.AddTlv(der::tag::ContextConstructed(0),
                       der::SortDerSet(spec.certificates));
  }
  // NOTE: DER would sort the SignerInfos; they keep the spec's order so
  // that tests can index the report. Neither TinySign nor OpenSSL checks it.
  signed_data.AddConstructed(der::tag::kSet, signer_infos);

  der::Writer explicit_content;
  explicit_content.AddConstructed(der::tag::kSequence, signed_data);
  der::Writer content_info;
  content_info.AddOid(cms::kIdSignedData);
  content_info.AddConstructed(der::tag::ContextConstructed(0),
                              explicit_content);
  return Wrap(der::tag::kSequence, content_info);
}

std::string ToPem(der::Input der, std::string_view label) {
  const std::string base64 = encoding::EncodeBase64(der);
  std::string pem = "-----BEGIN " + std::string(label) + "-----\n";
  for (size_t offset = 0; offset < base64.size(); offset += 64) {
    pem += base64.substr(offset, 64) + "\n";
  }
  pem += "-----END " + std::string(label) + "-----\n";
  return pem;
}

}  // namespace tinysign::pki
