#include "core/pkcs12/pfx_writer.h"

#include "core/crypto/algorithm.h"
#include "core/crypto/digest.h"
#include "core/crypto/pkcs12_pbe.h"
#include "core/der/writer.h"
#include "core/pkcs12/internal/bmp_string.h"
#include "core/pkcs12/oid.h"

namespace tinysign::pkcs12 {
namespace {

// Salt length of the PBE and MAC salts; OpenSSL writes 8 bytes.
constexpr size_t kSaltBytes = 8;

Bytes Sequence(const der::Writer& contents) {
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, contents);
  return out.Take();
}

Bytes ExplicitZero(der::Input tlv) {
  der::Writer inner;
  inner.AddRaw(tlv);
  der::Writer out;
  out.AddConstructed(der::tag::ContextConstructed(0), inner);
  return out.Take();
}

Result<Bytes> RandomSalt(crypto::RandomSource& random) {
  Bytes salt(kSaltBytes);
  TINYSIGN_TRY(random.Generate(salt));
  return salt;
}

// PbeAlgorithm writes AlgorithmIdentifier { oid, pkcs-12PbeParams }.
Bytes PbeAlgorithm(const der::Oid& oid, der::Input salt, size_t iterations) {
  der::Writer params;
  params.AddOctetString(salt);
  params.AddSmallInteger(static_cast<int64_t>(iterations));
  der::Writer algorithm;
  algorithm.AddOid(oid);
  algorithm.AddRaw(Sequence(params));
  return Sequence(algorithm);
}

// BagAttributesSet writes the friendlyName and localKeyId attributes.
Result<Bytes> BagAttributesSet(const std::string& friendly_name,
                               der::Input local_key_id) {
  std::vector<Bytes> attributes;
  if (!friendly_name.empty()) {
    TINYSIGN_ASSIGN_OR_RETURN(Bytes bmp,
                              internal::Utf8ToBmpString(friendly_name));
    der::Writer value;
    value.AddTlv(der::tag::kBmpString, bmp);
    der::Writer attribute;
    attribute.AddOid(oid::kFriendlyName);
    attribute.AddConstructed(der::tag::kSet, value);
    attributes.push_back(Sequence(attribute));
  }
  der::Writer id_value;
  id_value.AddOctetString(local_key_id);
  der::Writer id_attribute;
  id_attribute.AddOid(oid::kLocalKeyId);
  id_attribute.AddConstructed(der::tag::kSet, id_value);
  attributes.push_back(Sequence(id_attribute));
  der::Writer out;
  out.AddTlv(der::tag::kSet, der::SortDerSet(std::move(attributes)));
  return out.Take();
}

Bytes SafeBag(const der::Oid& bag_id, der::Input value_tlv,
              der::Input attributes_tlv) {
  der::Writer bag;
  bag.AddOid(bag_id);
  bag.AddRaw(ExplicitZero(value_tlv));
  bag.AddRaw(attributes_tlv);
  return Sequence(bag);
}

Bytes CertBag(der::Input certificate, der::Input attributes_tlv) {
  der::Writer cert_bag;
  cert_bag.AddOid(oid::kX509Certificate);
  der::Writer octets;
  octets.AddOctetString(certificate);
  cert_bag.AddRaw(ExplicitZero(octets.bytes()));
  return SafeBag(oid::kCertBag, Sequence(cert_bag), attributes_tlv);
}

// ContentInfo writes ContentInfo { type, [0] EXPLICIT content }.
Bytes ContentInfo(const der::Oid& type, der::Input content_tlv) {
  der::Writer info;
  info.AddOid(type);
  info.AddRaw(ExplicitZero(content_tlv));
  return Sequence(info);
}

Result<Bytes> CertificateSafe(der::Input certificate,
                              const std::vector<Bytes>& ca_certificates,
                              der::Input attributes_tlv, size_t iterations,
                              der::Input password,
                              crypto::RandomSource& random) {
  der::Writer bags;
  bags.AddRaw(CertBag(certificate, attributes_tlv));
  for (const Bytes& ca : ca_certificates) {
    bags.AddRaw(CertBag(ca, Bytes{}));
  }
  const Bytes safe_contents = Sequence(bags);
  TINYSIGN_ASSIGN_OR_RETURN(Bytes salt, RandomSalt(random));
  TINYSIGN_ASSIGN_OR_RETURN(
      Bytes ciphertext,
      crypto::Pkcs12Encrypt(crypto::Pkcs12Cipher::kRc2Cbc40, password, salt,
                            iterations, safe_contents));
  // EncryptedData { version 0, EncryptedContentInfo { id-data, algorithm,
  //   [0] IMPLICIT encryptedContent } }
  der::Writer content_info;
  content_info.AddOid(oid::kData);
  content_info.AddRaw(PbeAlgorithm(oid::kPbeSha1Rc2_40, salt, iterations));
  content_info.AddTlv(der::tag::ContextSpecific(0), ciphertext);
  der::Writer encrypted_data;
  encrypted_data.AddSmallInteger(0);
  encrypted_data.AddRaw(Sequence(content_info));
  return ContentInfo(oid::kEncryptedData, Sequence(encrypted_data));
}

Result<Bytes> KeySafe(const ParsedPrivateKey& key, der::Input attributes_tlv,
                      size_t iterations, der::Input password,
                      crypto::RandomSource& random) {
  TINYSIGN_ASSIGN_OR_RETURN(Bytes private_key_info, EncodePrivateKeyInfo(key));
  TINYSIGN_ASSIGN_OR_RETURN(Bytes salt, RandomSalt(random));
  TINYSIGN_ASSIGN_OR_RETURN(
      Bytes ciphertext,
      crypto::Pkcs12Encrypt(crypto::Pkcs12Cipher::kTripleDesCbc, password, salt,
                            iterations, private_key_info));
  // EncryptedPrivateKeyInfo { encryptionAlgorithm, encryptedData }
  der::Writer shrouded;
  shrouded.AddRaw(PbeAlgorithm(oid::kPbeSha1TripleDes, salt, iterations));
  shrouded.AddOctetString(ciphertext);
  der::Writer bags;
  bags.AddRaw(
      SafeBag(oid::kShroudedKeyBag, Sequence(shrouded), attributes_tlv));
  der::Writer data;
  data.AddOctetString(Sequence(bags));
  return ContentInfo(oid::kData, data.bytes());
}

Result<Bytes> MacData(der::Input authenticated_safe, size_t iterations,
                      der::Input password, crypto::RandomSource& random) {
  TINYSIGN_ASSIGN_OR_RETURN(Bytes salt, RandomSalt(random));
  TINYSIGN_ASSIGN_OR_RETURN(
      Bytes mac,
      crypto::ComputePkcs12Mac(password, salt, iterations, authenticated_safe));
  der::Writer digest_info;
  digest_info.AddRaw(
      crypto::EncodeDigestAlgorithm(crypto::DigestAlgorithm::kSha1));
  digest_info.AddOctetString(mac);
  der::Writer mac_data;
  mac_data.AddRaw(Sequence(digest_info));
  mac_data.AddOctetString(salt);
  mac_data.AddSmallInteger(static_cast<int64_t>(iterations));
  return Sequence(mac_data);
}

}  // namespace

Result<Bytes> WritePkcs12(const ParsedPrivateKey& key, der::Input certificate,
                          const std::vector<Bytes>& ca_certificates,
                          std::string_view password,
                          const Pkcs12WriteOptions& options,
                          crypto::RandomSource& random) {
  TINYSIGN_ASSIGN_OR_RETURN(Bytes bmp_password,
                            crypto::EncodePkcs12Password(password));
  const Bytes local_key_id =
      options.local_key_id.empty()
          ? crypto::ComputeDigest(crypto::DigestAlgorithm::kSha1, certificate)
          : options.local_key_id;
  TINYSIGN_ASSIGN_OR_RETURN(
      Bytes attributes, BagAttributesSet(options.friendly_name, local_key_id));
  TINYSIGN_ASSIGN_OR_RETURN(
      Bytes certificate_safe,
      CertificateSafe(certificate, ca_certificates, attributes,
                      options.iterations, bmp_password, random));
  TINYSIGN_ASSIGN_OR_RETURN(
      Bytes key_safe,
      KeySafe(key, attributes, options.iterations, bmp_password, random));
  der::Writer safes;
  safes.AddRaw(certificate_safe);
  safes.AddRaw(key_safe);
  const Bytes authenticated_safe = Sequence(safes);
  TINYSIGN_ASSIGN_OR_RETURN(
      Bytes mac_data,
      MacData(authenticated_safe, options.iterations, bmp_password, random));
  der::Writer auth_safe_data;
  auth_safe_data.AddOctetString(authenticated_safe);
  der::Writer pfx;
  pfx.AddSmallInteger(3);
  pfx.AddRaw(ContentInfo(oid::kData, auth_safe_data.bytes()));
  pfx.AddRaw(mac_data);
  return Sequence(pfx);
}

}  // namespace tinysign::pkcs12
