#include "core/pkcs12/pfx.h"

#include "core/crypto/algorithm.h"
#include "core/crypto/pkcs12_pbe.h"
#include "core/der/ber.h"
#include "core/der/reader.h"
#include "core/limits.h"
#include "core/pkcs12/internal/bmp_string.h"
#include "core/pkcs12/oid.h"

namespace tinysign::pkcs12 {
namespace {

// ParseState is what every step of the walk needs: the password, the bags
// found so far and how many bags have been read.
struct ParseState {
  Bytes bmp_password;
  Pkcs12Contents contents;
  size_t num_bags = 0;
};

Error Malformed(std::string detail) {
  return Fail(ErrorCode::kPkcs12Malformed, std::move(detail));
}

// ReadImplicitOctetString reads `[n] IMPLICIT OCTET STRING`, primitive or
// constructed. `ConvertBerToDer` leaves an implicitly tagged constructed
// string as it was, so its pieces are joined here.
Result<Bytes> ReadImplicitOctetString(der::Reader& reader, uint8_t n) {
  if (reader.PeekTag(der::tag::ContextSpecific(n))) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input value,
                              reader.Read(der::tag::ContextSpecific(n)));
    return value.ToBytes();
  }
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Reader pieces,
      reader.ReadConstructed(der::tag::ContextConstructed(n)));
  Bytes joined;
  while (!pieces.AtEnd()) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input piece, pieces.ReadOctetString());
    joined.insert(joined.end(), piece.begin(), piece.end());
  }
  return joined;
}

// ReadIterations reads `iterations INTEGER` and checks it is positive.
Result<size_t> ReadIterations(der::Reader& reader, std::string_view what) {
  TINYSIGN_ASSIGN_OR_RETURN(int64_t iterations, reader.ReadSmallInteger());
  if (iterations < 1) {
    return Malformed(std::string(what) + ": iteration count below 1");
  }
  return static_cast<size_t>(iterations);
}

// Pbe is a parsed PKCS#12 password-based encryption AlgorithmIdentifier.
struct Pbe {
  crypto::Pkcs12Cipher cipher = crypto::Pkcs12Cipher::kTripleDesCbc;
  Bytes salt;
  size_t iterations = 0;
};

Result<Pbe> ReadPbeAlgorithm(der::Reader& reader) {
  // AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader algorithm, reader.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input oid, algorithm.ReadOid());
  Pbe pbe;
  if (oid::kPbeSha1TripleDes == oid) {
    pbe.cipher = crypto::Pkcs12Cipher::kTripleDesCbc;
  } else if (oid::kPbeSha1Rc2_40 == oid) {
    pbe.cipher = crypto::Pkcs12Cipher::kRc2Cbc40;
  } else {
    return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                "PKCS#12 encryption " + der::OidToString(oid));
  }
  // pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader params, algorithm.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input salt, params.ReadOctetString());
  pbe.salt = salt.ToBytes();
  TINYSIGN_ASSIGN_OR_RETURN(pbe.iterations,
                            ReadIterations(params, "pkcs-12PbeParams"));
  TINYSIGN_TRY(params.ExpectEnd("pkcs-12PbeParams"));
  TINYSIGN_TRY(algorithm.ExpectEnd("AlgorithmIdentifier"));
  return pbe;
}

Result<Bytes> Decrypt(const Pbe& pbe, const ParseState& state,
                      der::Input ciphertext) {
  return crypto::Pkcs12Decrypt(pbe.cipher, state.bmp_password, pbe.salt,
                               pbe.iterations, ciphertext);
}

Status ReadAttribute(der::Reader& attributes, BagAttributes& out) {
  // PKCS12Attribute ::= SEQUENCE { attrId OID, attrValues SET OF ANY }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader attribute, attributes.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input attr_id, attribute.ReadOid());
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader values, attribute.ReadSet());
  TINYSIGN_TRY(attribute.ExpectEnd("PKCS12Attribute"));
  if (oid::kFriendlyName == attr_id) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input name,
                              values.Read(der::tag::kBmpString));
    TINYSIGN_ASSIGN_OR_RETURN(out.friendly_name,
                              internal::BmpStringToUtf8(name));
    TINYSIGN_TRY(values.ExpectEnd("friendlyName"));
  } else if (oid::kLocalKeyId == attr_id) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input id, values.ReadOctetString());
    out.local_key_id = id.ToBytes();
    TINYSIGN_TRY(values.ExpectEnd("localKeyId"));
  }
  // Other attributes, such as Microsoft's CSP name, do not matter here.
  return OkStatus();
}

Result<BagAttributes> ReadBagAttributes(der::Reader& bag) {
  BagAttributes attributes;
  if (bag.AtEnd()) {
    return attributes;
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader set, bag.ReadSet());
  size_t num_attributes = 0;
  while (!set.AtEnd()) {
    if (++num_attributes > limits::kMaxElementsPerList) {
      return Fail(ErrorCode::kDerTooManyElements, "bagAttributes");
    }
    TINYSIGN_TRY(ReadAttribute(set, attributes));
  }
  return attributes;
}

Result<Bytes> ReadShroudedKey(der::Reader& value, const ParseState& state) {
  // EncryptedPrivateKeyInfo ::= SEQUENCE {
  //   encryptionAlgorithm  AlgorithmIdentifier,
  //   encryptedData        OCTET STRING }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader info, value.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(Pbe pbe, ReadPbeAlgorithm(info));
  TINYSIGN_ASSIGN_OR_RETURN(der::Input encrypted, info.ReadOctetString());
  TINYSIGN_TRY(info.ExpectEnd("EncryptedPrivateKeyInfo"));
  return Decrypt(pbe, state, encrypted);
}

Result<Bytes> ReadCertBag(der::Reader& value) {
  // CertBag ::= SEQUENCE {
  //   certId     BAG-TYPE.&id,          -- x509Certificate
  //   certValue  [0] EXPLICIT OCTET STRING }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader cert_bag, value.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input cert_id, cert_bag.ReadOid());
  if (!(oid::kX509Certificate == cert_id)) {
    return Malformed("unsupported CertBag type " + der::OidToString(cert_id));
  }
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Reader explicit_value,
      cert_bag.ReadConstructed(der::tag::ContextConstructed(0)));
  TINYSIGN_ASSIGN_OR_RETURN(der::Input certificate,
                            explicit_value.ReadOctetString());
  TINYSIGN_TRY(explicit_value.ExpectEnd("certValue"));
  TINYSIGN_TRY(cert_bag.ExpectEnd("CertBag"));
  return certificate.ToBytes();
}

// CheckPrivateKeyInfo checks that decrypted bytes are one DER SEQUENCE; a
// wrong key that happened to pass the padding check fails here.
Status CheckPrivateKeyInfo(der::Input private_key_info) {
  auto element =
      der::ParseSingle(private_key_info, der::tag::kSequence, "PrivateKeyInfo");
  if (!element.has_value()) {
    return Fail(ErrorCode::kPkcs12BadPassword,
                "decrypted private key is not a PrivateKeyInfo");
  }
  return OkStatus();
}

Status ReadSafeBag(der::Reader& safe_contents, ParseState& state) {
  if (++state.num_bags > limits::kMaxPkcs12Bags) {
    return Fail(ErrorCode::kPkcs12TooManyBags,
                "more than " + std::to_string(limits::kMaxPkcs12Bags));
  }
  // SafeBag ::= SEQUENCE {
  //   bagId          BAG-TYPE.&id,
  //   bagValue       [0] EXPLICIT BAG-TYPE.&Type,
  //   bagAttributes  SET OF PKCS12Attribute OPTIONAL }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader bag, safe_contents.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input bag_id, bag.ReadOid());
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Reader value, bag.ReadConstructed(der::tag::ContextConstructed(0)));
  TINYSIGN_ASSIGN_OR_RETURN(BagAttributes attributes, ReadBagAttributes(bag));
  TINYSIGN_TRY(bag.ExpectEnd("SafeBag"));
  if (oid::kShroudedKeyBag == bag_id || oid::kKeyBag == bag_id) {
    KeyBag key;
    key.attributes = std::move(attributes);
    if (oid::kShroudedKeyBag == bag_id) {
      TINYSIGN_ASSIGN_OR_RETURN(key.private_key_info,
                                ReadShroudedKey(value, state));
    } else {
      TINYSIGN_ASSIGN_OR_RETURN(der::Input plain,
                                value.ReadTlv(der::tag::kSequence));
      key.private_key_info = plain.ToBytes();
    }
    TINYSIGN_TRY(CheckPrivateKeyInfo(key.private_key_info));
    state.contents.keys.push_back(std::move(key));
  } else if (oid::kCertBag == bag_id) {
    CertificateBag certificate;
    certificate.attributes = std::move(attributes);
    TINYSIGN_ASSIGN_OR_RETURN(certificate.certificate, ReadCertBag(value));
    state.contents.certificates.push_back(std::move(certificate));
  } else {
    return Malformed("unsupported SafeBag type " + der::OidToString(bag_id));
  }
  return value.ExpectEnd("bagValue");
}

Status ReadSafeContents(der::Input safe_contents_tlv, ParseState& state) {
  // SafeContents ::= SEQUENCE OF SafeBag
  // The OCTET STRING that carries it may itself hold BER.
  TINYSIGN_ASSIGN_OR_RETURN(Bytes der, der::ConvertBerToDer(safe_contents_tlv));
  der::Reader outer(der);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader bags, outer.ReadSequence());
  TINYSIGN_TRY(outer.ExpectEnd("SafeContents"));
  while (!bags.AtEnd()) {
    TINYSIGN_TRY(ReadSafeBag(bags, state));
  }
  return OkStatus();
}

Result<Bytes> ReadEncryptedSafe(der::Reader& content, const ParseState& state) {
  // EncryptedData ::= SEQUENCE {
  //   version               INTEGER,   -- 0
  //   encryptedContentInfo  EncryptedContentInfo }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader encrypted_data, content.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(int64_t version, encrypted_data.ReadSmallInteger());
  if (version != 0) {
    return Malformed("EncryptedData version " + std::to_string(version));
  }
  // EncryptedContentInfo ::= SEQUENCE {
  //   contentType                 ContentType,   -- id-data
  //   contentEncryptionAlgorithm  AlgorithmIdentifier,
  //   encryptedContent            [0] IMPLICIT OCTET STRING OPTIONAL }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader info, encrypted_data.ReadSequence());
  TINYSIGN_TRY(encrypted_data.ExpectEnd("EncryptedData"));
  TINYSIGN_ASSIGN_OR_RETURN(der::Input content_type, info.ReadOid());
  if (!(oid::kData == content_type)) {
    return Malformed("EncryptedContentInfo contentType is not id-data");
  }
  TINYSIGN_ASSIGN_OR_RETURN(Pbe pbe, ReadPbeAlgorithm(info));
  TINYSIGN_ASSIGN_OR_RETURN(Bytes ciphertext, ReadImplicitOctetString(info, 0));
  TINYSIGN_TRY(info.ExpectEnd("EncryptedContentInfo"));
  return Decrypt(pbe, state, ciphertext);
}

Status ReadAuthenticatedSafe(der::Input authenticated_safe, ParseState& state) {
  // AuthenticatedSafe ::= SEQUENCE OF ContentInfo
  // NUC files encode it as BER inside the authSafe OCTET STRING.
  TINYSIGN_ASSIGN_OR_RETURN(Bytes der,
                            der::ConvertBerToDer(authenticated_safe));
  der::Reader outer(der);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader safes, outer.ReadSequence());
  TINYSIGN_TRY(outer.ExpectEnd("AuthenticatedSafe"));
  while (!safes.AtEnd()) {
    if (++state.num_bags > limits::kMaxPkcs12Bags) {
      return Fail(ErrorCode::kPkcs12TooManyBags,
                  "more than " + std::to_string(limits::kMaxPkcs12Bags));
    }
    // ContentInfo ::= SEQUENCE {
    //   contentType  ContentType,
    //   content      [0] EXPLICIT ANY DEFINED BY contentType }
    TINYSIGN_ASSIGN_OR_RETURN(der::Reader content_info, safes.ReadSequence());
    TINYSIGN_ASSIGN_OR_RETURN(der::Input content_type, content_info.ReadOid());
    TINYSIGN_ASSIGN_OR_RETURN(
        der::Reader content,
        content_info.ReadConstructed(der::tag::ContextConstructed(0)));
    TINYSIGN_TRY(content_info.ExpectEnd("ContentInfo"));
    Bytes safe_contents;
    if (oid::kData == content_type) {
      TINYSIGN_ASSIGN_OR_RETURN(der::Input data, content.ReadOctetString());
      safe_contents = data.ToBytes();
    } else if (oid::kEncryptedData == content_type) {
      TINYSIGN_ASSIGN_OR_RETURN(safe_contents,
                                ReadEncryptedSafe(content, state));
    } else {
      return Malformed("unsupported AuthenticatedSafe content type " +
                       der::OidToString(content_type));
    }
    TINYSIGN_TRY(content.ExpectEnd("ContentInfo content"));
    TINYSIGN_TRY(ReadSafeContents(safe_contents, state));
  }
  return OkStatus();
}

Status CheckMac(der::Reader& pfx, const ParseState& state,
                der::Input authenticated_safe) {
  if (pfx.AtEnd()) {
    return Fail(ErrorCode::kPkcs12MacMissing);
  }
  // MacData ::= SEQUENCE {
  //   mac         DigestInfo,
  //   macSalt     OCTET STRING,
  //   iterations  INTEGER DEFAULT 1 }
  // DigestInfo ::= SEQUENCE {
  //   digestAlgorithm  AlgorithmIdentifier,
  //   digest           OCTET STRING }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader mac_data, pfx.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader digest_info, mac_data.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input algorithm_tlv,
                            digest_info.ReadTlv(der::tag::kSequence));
  TINYSIGN_ASSIGN_OR_RETURN(crypto::DigestAlgorithm digest,
                            crypto::ParseDigestAlgorithm(algorithm_tlv));
  if (digest != crypto::DigestAlgorithm::kSha1) {
    return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                "PKCS#12 MAC digest other than SHA-1");
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Input expected, digest_info.ReadOctetString());
  TINYSIGN_TRY(digest_info.ExpectEnd("DigestInfo"));
  TINYSIGN_ASSIGN_OR_RETURN(der::Input salt, mac_data.ReadOctetString());
  size_t iterations = 1;
  if (!mac_data.AtEnd()) {
    TINYSIGN_ASSIGN_OR_RETURN(iterations, ReadIterations(mac_data, "MacData"));
  }
  TINYSIGN_TRY(mac_data.ExpectEnd("MacData"));
  TINYSIGN_ASSIGN_OR_RETURN(
      Bytes actual, crypto::ComputePkcs12Mac(state.bmp_password, salt,
                                             iterations, authenticated_safe));
  if (!crypto::EqualInConstantTime(actual, expected)) {
    return Fail(ErrorCode::kPkcs12BadPassword, "MAC does not match");
  }
  return OkStatus();
}

}  // namespace

Result<Pkcs12Contents> ParsePkcs12(der::Input file, std::string_view password) {
  if (file.size() > limits::kMaxPkcs12Bytes) {
    return Fail(ErrorCode::kInputTooLarge,
                "PKCS#12 file of " + std::to_string(file.size()) +
                    " bytes; the limit is " +
                    std::to_string(limits::kMaxPkcs12Bytes));
  }
  TINYSIGN_ASSIGN_OR_RETURN(Bytes der, der::ConvertBerToDer(file));
  ParseState state;
  TINYSIGN_ASSIGN_OR_RETURN(state.bmp_password,
                            crypto::EncodePkcs12Password(password));
  der::Reader outer(der);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader pfx, outer.ReadSequence());
  TINYSIGN_TRY(outer.ExpectEnd("PFX"));
  // version INTEGER {v3(3)}
  TINYSIGN_ASSIGN_OR_RETURN(int64_t version, pfx.ReadSmallInteger());
  if (version != 3) {
    return Malformed("PFX version " + std::to_string(version));
  }
  // authSafe ContentInfo, which must be id-data in password integrity mode
  // (RFC 7292 section 4).
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader auth_safe, pfx.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input content_type, auth_safe.ReadOid());
  if (!(oid::kData == content_type)) {
    return Malformed("authSafe content type " + der::OidToString(content_type));
  }
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Reader content,
      auth_safe.ReadConstructed(der::tag::ContextConstructed(0)));
  TINYSIGN_ASSIGN_OR_RETURN(der::Input authenticated_safe,
                            content.ReadOctetString());
  TINYSIGN_TRY(content.ExpectEnd("authSafe content"));
  TINYSIGN_TRY(auth_safe.ExpectEnd("authSafe"));
  TINYSIGN_TRY(CheckMac(pfx, state, authenticated_safe));
  TINYSIGN_TRY(pfx.ExpectEnd("PFX"));
  TINYSIGN_TRY(ReadAuthenticatedSafe(authenticated_safe, state));
  return std::move(state.contents);
}

}  // namespace tinysign::pkcs12
