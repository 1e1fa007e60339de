#include "core/cms/signer.h"

#include <string>
#include <vector>

#include "core/cms/attributes.h"
#include "core/cms/signed_data.h"
#include "core/crypto/algorithm.h"
#include "core/crypto/digest.h"
#include "core/crypto/signature.h"
#include "core/der/reader.h"
#include "core/der/writer.h"

namespace tinysign::cms {
namespace {

// The last year that signingTime encodes as UTCTime (RFC 5652 section
// 11.3: UTCTime from 1950 through 2049, GeneralizedTime otherwise).
constexpr int64_t kFirstGeneralizedTimeSeconds = 2524608000;  // 2050-01-01.
constexpr int64_t kFirstUtcTimeSeconds = -631152000;          // 1950-01-01.

// SignedDataParts are the pieces of a SignedData to be encoded; each
// `Bytes` is a whole TLV that is written unchanged.
struct SignedDataParts {
  int64_t version = 1;
  std::vector<Bytes> digest_algorithms;
  std::optional<Bytes> content;
  std::vector<Bytes> certificates;
  std::vector<Bytes> signer_infos;
};

crypto::SignatureAlgorithmId SignatureAlgorithmFor(
    crypto::KeyAlgorithm algorithm) {
  crypto::SignatureAlgorithmId id;
  id.digest = DigestAlgorithmFor(algorithm);
  switch (algorithm) {
    case crypto::KeyAlgorithm::kGost2004:
      id.algorithm = crypto::SignatureAlgorithm::kGost34310_2004;
      break;
    case crypto::KeyAlgorithm::kGost2015_256:
      id.algorithm = crypto::SignatureAlgorithm::kGost2015_256;
      break;
    case crypto::KeyAlgorithm::kGost2015_512:
      id.algorithm = crypto::SignatureAlgorithm::kGost2015_512;
      break;
    case crypto::KeyAlgorithm::kRsa:
      id.algorithm = crypto::SignatureAlgorithm::kRsaPkcs1;
      break;
  }
  return id;
}

Bytes EncodeAttribute(const der::Oid& type, der::Input value_tlv) {
  // Attribute ::= SEQUENCE { attrType OID, attrValues SET OF ANY }
  der::Writer values;
  values.AddRaw(value_tlv);
  der::Writer fields;
  fields.AddOid(type);
  fields.AddConstructed(der::tag::kSet, values);
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, fields);
  return out.Take();
}

Bytes EncodeSigningTime(Time time) {
  der::Writer out;
  if (time.unix_seconds >= kFirstUtcTimeSeconds &&
      time.unix_seconds < kFirstGeneralizedTimeSeconds) {
    out.AddTlv(der::tag::kUtcTime, der::Input(FormatUtcTime(time)));
  } else {
    out.AddTlv(der::tag::kGeneralizedTime,
               der::Input(FormatGeneralizedTime(time)));
  }
  return out.Take();
}

// EncodeSigningCertificateV2 writes RFC 5035's
//   SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
//   ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING }
// with the SHA-256 default hashAlgorithm left out, as NCALayer writes it.
Bytes EncodeSigningCertificateV2(der::Input certificate) {
  der::Writer cert_id;
  cert_id.AddOctetString(
      crypto::ComputeDigest(crypto::DigestAlgorithm::kSha256, certificate));
  der::Writer certs;
  certs.AddConstructed(der::tag::kSequence, cert_id);
  der::Writer signing_certificate;
  signing_certificate.AddConstructed(der::tag::kSequence, certs);
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, signing_certificate);
  return out.Take();
}

// EncodeSignedAttributes returns the DER SET OF contents, sorted.
Bytes EncodeSignedAttributes(der::Input message_digest,
                             const x509::Certificate& certificate,
                             Time signing_time) {
  der::Writer content_type;
  content_type.AddOid(kIdData);
  der::Writer digest;
  digest.AddOctetString(message_digest);
  std::vector<Bytes> attributes;
  attributes.push_back(EncodeAttribute(kContentType, content_type.bytes()));
  attributes.push_back(
      EncodeAttribute(kSigningTime, EncodeSigningTime(signing_time)));
  attributes.push_back(EncodeAttribute(kMessageDigest, digest.bytes()));
  attributes.push_back(EncodeAttribute(
      kSigningCertificateV2, EncodeSigningCertificateV2(certificate.der())));
  return der::SortDerSet(std::move(attributes));
}

Bytes EncodeIssuerAndSerialNumber(const x509::Certificate& certificate) {
  der::Writer fields;
  fields.AddRaw(certificate.issuer().tlv());
  fields.AddUnsignedInteger(certificate.serial());
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, fields);
  return out.Take();
}

// BuildSignerInfo signs the attributes over `message_digest` and returns
// the SignerInfo TLV (RFC 5652 section 5.3).
Result<Bytes> BuildSignerInfo(der::Input message_digest, const Signer& signer,
                              const SignOptions& options,
                              crypto::RandomSource& random) {
  const crypto::SignatureAlgorithmId algorithm =
      SignatureAlgorithmFor(signer.private_key.algorithm);
  const Bytes attributes = EncodeSignedAttributes(
      message_digest, *signer.certificate, options.signing_time);
  // RFC 5652 section 5.4: the signature covers the attributes encoded with
  // the SET OF tag, not the [0] IMPLICIT tag they are stored under.
  der::Writer to_sign;
  to_sign.AddTlv(der::tag::kSet, attributes);
  TINYSIGN_ASSIGN_OR_RETURN(
      Bytes signature, crypto::SignMessage(algorithm, signer.private_key.key,
                                           to_sign.bytes(), random));
  TINYSIGN_ASSIGN_OR_RETURN(Bytes signature_algorithm,
                            crypto::EncodeSignatureAlgorithm(algorithm));
  der::Writer fields;
  fields.AddSmallInteger(1);
  fields.AddRaw(EncodeIssuerAndSerialNumber(*signer.certificate));
  fields.AddRaw(crypto::EncodeDigestAlgorithm(*algorithm.digest));
  fields.AddTlv(der::tag::ContextConstructed(0), attributes);
  fields.AddRaw(signature_algorithm);
  fields.AddOctetString(signature);
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, fields);
  return out.Take();
}

void AddUnique(std::vector<Bytes>& list, Bytes item) {
  for (const Bytes& existing : list) {
    if (existing == item) {
      return;
    }
  }
  list.push_back(std::move(item));
}

Bytes EncodeSignedData(const SignedDataParts& parts) {
  der::Writer digest_algorithms;
  digest_algorithms.AddRaw(der::SortDerSet(parts.digest_algorithms));
  // EncapsulatedContentInfo ::= SEQUENCE {
  //   eContentType  ContentType,
  //   eContent      [0] EXPLICIT OCTET STRING OPTIONAL }
  der::Writer encapsulated;
  encapsulated.AddOid(kIdData);
  if (parts.content.has_value()) {
    der::Writer content;
    content.AddOctetString(*parts.content);
    encapsulated.AddConstructed(der::tag::ContextConstructed(0), content);
  }
  der::Writer certificates;
  for (const Bytes& certificate : parts.certificates) {
    certificates.AddRaw(certificate);
  }
  // NOTE: signerInfos keep their order instead of DER SET OF order, so
  // that adding a signer leaves the index of every existing signer as it
  // was. Verifiers read SET OF in any order.
  der::Writer signer_infos;
  for (const Bytes& signer_info : parts.signer_infos) {
    signer_infos.AddRaw(signer_info);
  }
  der::Writer signed_data;
  signed_data.AddSmallInteger(parts.version);
  signed_data.AddConstructed(der::tag::kSet, digest_algorithms);
  signed_data.AddConstructed(der::tag::kSequence, encapsulated);
  signed_data.AddConstructed(der::tag::ContextConstructed(0), certificates);
  signed_data.AddConstructed(der::tag::kSet, signer_infos);
  der::Writer explicit_content;
  explicit_content.AddConstructed(der::tag::kSequence, signed_data);
  der::Writer content_info;
  content_info.AddOid(kIdSignedData);
  content_info.AddConstructed(der::tag::ContextConstructed(0),
                              explicit_content);
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, content_info);
  return out.Take();
}

Result<Bytes> SignMessageDigest(der::Input message_digest,
                                std::optional<der::Input> content,
                                const Signer& signer,
                                const SignOptions& options,
                                crypto::RandomSource& random) {
  TINYSIGN_ASSIGN_OR_RETURN(
      Bytes signer_info,
      BuildSignerInfo(message_digest, signer, options, random));
  SignedDataParts parts;
  parts.digest_algorithms.push_back(crypto::EncodeDigestAlgorithm(
      DigestAlgorithmFor(signer.private_key.algorithm)));
  if (content.has_value()) {
    parts.content = content->ToBytes();
  }
  parts.certificates.push_back(signer.certificate->der().ToBytes());
  parts.signer_infos.push_back(std::move(signer_info));
  return EncodeSignedData(parts);
}

// ReadSignedDataParts walks a DER ContentInfo of SignedData and returns its
// pieces as TLVs, so that they can be written back unchanged.
Result<SignedDataParts> ReadSignedDataParts(der::Input der) {
  der::Reader outer(der);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader content_info, outer.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input type, content_info.ReadOid());
  if (!(kIdSignedData == type)) {
    return Fail(ErrorCode::kCmsNotSignedData);
  }
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Reader explicit_content,
      content_info.ReadConstructed(der::tag::ContextConstructed(0)));
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader signed_data,
                            explicit_content.ReadSequence());
  SignedDataParts parts;
  TINYSIGN_ASSIGN_OR_RETURN(parts.version, signed_data.ReadSmallInteger());
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader digests, signed_data.ReadSet());
  while (!digests.AtEnd()) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input digest,
                              digests.ReadTlv(der::tag::kSequence));
    parts.digest_algorithms.push_back(digest.ToBytes());
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader encapsulated,
                            signed_data.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input content_type, encapsulated.ReadOid());
  if (!(kIdData == content_type)) {
    return Fail(ErrorCode::kCmsMalformed,
                "only id-data content can get another signer");
  }
  if (!encapsulated.AtEnd()) {
    TINYSIGN_ASSIGN_OR_RETURN(
        der::Reader content,
        encapsulated.ReadConstructed(der::tag::ContextConstructed(0)));
    TINYSIGN_ASSIGN_OR_RETURN(der::Input octets, content.ReadOctetString());
    parts.content = octets.ToBytes();
  }
  if (signed_data.PeekTag(der::tag::ContextConstructed(0))) {
    TINYSIGN_ASSIGN_OR_RETURN(
        der::Reader certificates,
        signed_data.ReadConstructed(der::tag::ContextConstructed(0)));
    while (!certificates.AtEnd()) {
      TINYSIGN_ASSIGN_OR_RETURN(der::Element certificate,
                                certificates.ReadElement());
      parts.certificates.push_back(certificate.tlv.ToBytes());
    }
  }
  if (signed_data.PeekTag(der::tag::ContextConstructed(1))) {
    return Fail(ErrorCode::kCmsMalformed,
                "a CMS with CRLs cannot get another signer here");
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader signer_infos, signed_data.ReadSet());
  while (!signer_infos.AtEnd()) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input signer_info,
                              signer_infos.ReadTlv(der::tag::kSequence));
    parts.signer_infos.push_back(signer_info.ToBytes());
  }
  TINYSIGN_TRY(signed_data.ExpectEnd("SignedData"));
  return parts;
}

// ParseToDer checks `cms` with the CMS parser and returns it as DER.
Result<Bytes> ParseToDer(der::Input cms) {
  TINYSIGN_ASSIGN_OR_RETURN(std::shared_ptr<const SignedData> signed_data,
                            ParseSignedData(cms));
  return signed_data->der().ToBytes();
}

// AppendUnsignedAttribute returns `signer_info_tlv` with `attribute` added
// to its unsignedAttrs, every other field unchanged.
Result<Bytes> AppendUnsignedAttribute(der::Input signer_info_tlv,
                                      const Bytes& attribute) {
  der::Reader outer(signer_info_tlv);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader fields, outer.ReadSequence());
  der::Writer rewritten;
  der::Writer unsigned_attributes;
  while (!fields.AtEnd()) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Element element, fields.ReadElement());
    if (element.tag == der::tag::ContextConstructed(1)) {
      // unsignedAttrs [1] IMPLICIT UnsignedAttributes, the last field.
      unsigned_attributes.AddRaw(element.value);
    } else {
      rewritten.AddRaw(element.tlv);
    }
  }
  unsigned_attributes.AddRaw(attribute);
  rewritten.AddConstructed(der::tag::ContextConstructed(1),
                           unsigned_attributes);
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, rewritten);
  return out.Take();
}

}  // namespace

crypto::DigestAlgorithm DigestAlgorithmFor(crypto::KeyAlgorithm algorithm) {
  switch (algorithm) {
    case crypto::KeyAlgorithm::kGost2004:
      return crypto::DigestAlgorithm::kGost34311;
    case crypto::KeyAlgorithm::kGost2015_256:
      return crypto::DigestAlgorithm::kStreebog256;
    case crypto::KeyAlgorithm::kGost2015_512:
      return crypto::DigestAlgorithm::kStreebog512;
    case crypto::KeyAlgorithm::kRsa:
      break;
  }
  return crypto::DigestAlgorithm::kSha256;
}

Result<Bytes> SignContent(der::Input content, const Signer& signer,
                          const SignOptions& options,
                          crypto::RandomSource& random) {
  const Bytes digest = crypto::ComputeDigest(
      DigestAlgorithmFor(signer.private_key.algorithm), content);
  std::optional<der::Input> attached;
  if (!options.detached) {
    attached = content;
  }
  return SignMessageDigest(digest, attached, signer, options, random);
}

Result<Bytes> SignDigest(der::Input digest, const Signer& signer,
                         const SignOptions& options,
                         crypto::RandomSource& random) {
  const crypto::DigestAlgorithm algorithm =
      DigestAlgorithmFor(signer.private_key.algorithm);
  if (digest.size() != crypto::DigestLength(algorithm)) {
    return Fail(ErrorCode::kCmsDigestLengthMismatch,
                std::string(crypto::DigestName(algorithm)) + " digest of " +
                    std::to_string(digest.size()) + " bytes");
  }
  return SignMessageDigest(digest, std::nullopt, signer, options, random);
}

Result<Bytes> AddSigner(der::Input cms,
                        std::optional<der::Input> detached_content,
                        const Signer& signer, const SignOptions& options,
                        crypto::RandomSource& random) {
  TINYSIGN_ASSIGN_OR_RETURN(Bytes der, ParseToDer(cms));
  TINYSIGN_ASSIGN_OR_RETURN(SignedDataParts parts, ReadSignedDataParts(der));
  if (parts.content.has_value() && detached_content.has_value()) {
    return Fail(ErrorCode::kCmsContentSupplied);
  }
  if (!parts.content.has_value() && !detached_content.has_value()) {
    return Fail(ErrorCode::kCmsDetachedContentMissing);
  }
  const der::Input content = parts.content.has_value()
                                 ? der::Input(*parts.content)
                                 : *detached_content;
  const crypto::DigestAlgorithm digest_algorithm =
      DigestAlgorithmFor(signer.private_key.algorithm);
  const Bytes digest = crypto::ComputeDigest(digest_algorithm, content);
  TINYSIGN_ASSIGN_OR_RETURN(Bytes signer_info,
                            BuildSignerInfo(digest, signer, options, random));
  AddUnique(parts.digest_algorithms,
            crypto::EncodeDigestAlgorithm(digest_algorithm));
  AddUnique(parts.certificates, signer.certificate->der().ToBytes());
  parts.signer_infos.push_back(std::move(signer_info));
  return EncodeSignedData(parts);
}

Result<Bytes> AddSignatureTimestamp(der::Input cms, size_t signer_index,
                                    der::Input timestamp_token_tlv) {
  TINYSIGN_ASSIGN_OR_RETURN(Bytes der, ParseToDer(cms));
  TINYSIGN_ASSIGN_OR_RETURN(SignedDataParts parts, ReadSignedDataParts(der));
  if (signer_index >= parts.signer_infos.size()) {
    return Fail(ErrorCode::kCmsMalformed,
                "no signer " + std::to_string(signer_index));
  }
  TINYSIGN_TRY(der::ParseSingle(timestamp_token_tlv, der::tag::kSequence,
                                "TimeStampToken"));
  const Bytes attribute =
      EncodeAttribute(kSignatureTimeStampToken, timestamp_token_tlv);
  TINYSIGN_ASSIGN_OR_RETURN(
      parts.signer_infos[signer_index],
      AppendUnsignedAttribute(parts.signer_infos[signer_index], attribute));
  return EncodeSignedData(parts);
}

}  // namespace tinysign::cms
