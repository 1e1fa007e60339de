#include "core/pkcs12/key_file.h"

#include "core/pkcs12/pfx.h"

namespace tinysign::pkcs12 {

bool SamePublicKey(const crypto::PublicKey& a, const crypto::PublicKey& b) {
  if (a.algorithm != b.algorithm) {
    return false;
  }
  if (a.rsa() != nullptr && b.rsa() != nullptr) {
    return a.rsa()->modulus == b.rsa()->modulus &&
           a.rsa()->public_exponent == b.rsa()->public_exponent;
  }
  if (a.gost() != nullptr && b.gost() != nullptr) {
    return a.gost()->curve == b.gost()->curve && a.gost()->x == b.gost()->x &&
           a.gost()->y == b.gost()->y;
  }
  return false;
}

Result<KeyFile> LoadKeyFile(der::Input file, std::string_view password) {
  TINYSIGN_ASSIGN_OR_RETURN(Pkcs12Contents contents,
                            ParsePkcs12(file, password));
  if (contents.keys.empty()) {
    return Fail(ErrorCode::kPkcs12KeyMissing);
  }
  if (contents.certificates.empty()) {
    return Fail(ErrorCode::kPkcs12CertificateMissing);
  }
  KeyFile key_file;
  const KeyBag& key_bag = contents.keys.front();
  TINYSIGN_ASSIGN_OR_RETURN(key_file.private_key,
                            ParsePrivateKeyInfo(key_bag.private_key_info));
  key_file.friendly_name = key_bag.attributes.friendly_name;
  key_file.local_key_id = key_bag.attributes.local_key_id;
  TINYSIGN_ASSIGN_OR_RETURN(crypto::PublicKey public_key,
                            PublicKeyOf(key_file.private_key));
  for (CertificateBag& bag : contents.certificates) {
    if (key_file.certificate == nullptr) {
      auto certificate = x509::ParseCertificate(bag.certificate);
      if (certificate.has_value()) {
        auto certified_key = crypto::ParsePublicKey((*certificate)->spki_tlv());
        if (certified_key.has_value() &&
            SamePublicKey(*certified_key, public_key)) {
          key_file.certificate = std::move(certificate).value();
          continue;
        }
      }
    }
    key_file.other_certificates.push_back(std::move(bag.certificate));
  }
  if (key_file.certificate == nullptr) {
    return Fail(ErrorCode::kPkcs12KeyMismatch,
                "no certificate in the file has the private key's public key");
  }
  return key_file;
}

}  // namespace tinysign::pkcs12
