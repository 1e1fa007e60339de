// A signing key loaded from a PKCS#12 key file: the private key and the
// certificate that carries its public key, checked to belong together.
//
// Example:
//   TINYSIGN_ASSIGN_OR_RETURN(pkcs12::KeyFile key_file,
//                             pkcs12::LoadKeyFile(file_bytes, "Qwerty12"));
//   // key_file.private_key.key signs; key_file.certificate names the signer.
#ifndef TINYSIGN_CORE_PKCS12_KEY_FILE_H_
#define TINYSIGN_CORE_PKCS12_KEY_FILE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/der/input.h"
#include "core/pkcs12/private_key_info.h"
#include "core/result.h"
#include "core/x509/certificate.h"

namespace tinysign::pkcs12 {

// KeyFile is one private key and its certificate. It owns everything.
struct KeyFile {
  ParsedPrivateKey private_key;
  std::shared_ptr<const x509::Certificate> certificate;
  // The other certificates in the file (such as CA certificates), DER.
  std::vector<Bytes> other_certificates;
  // The key bag's friendlyName and localKeyId, empty when absent.
  std::string friendly_name;
  Bytes local_key_id;
};

// LoadKeyFile reads a PKCS#12 file (see `ParsePkcs12`), takes its first
// private key and finds the certificate whose public key equals the key's
// public key. Besides the errors of `ParsePkcs12` and
// `ParsePrivateKeyInfo`, it fails with `pkcs12.key_missing` when the file
// contains no key, `pkcs12.key_mismatch` when it contains certificates but none
// fits the key, and `pkcs12.certificate_missing` when it contains none.
Result<KeyFile> LoadKeyFile(der::Input file, std::string_view password);

// SamePublicKey returns true when `a` and `b` are the same key.
bool SamePublicKey(const crypto::PublicKey& a, const crypto::PublicKey& b);

}  // namespace tinysign::pkcs12

#endif  // TINYSIGN_CORE_PKCS12_KEY_FILE_H_
