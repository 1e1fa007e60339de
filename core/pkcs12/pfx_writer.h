// Writing PKCS#12 key files in the layout NUC issues and `openssl pkcs12
// -legacy` reads:
//   - the certificates in an id-encryptedData safe under
//     pbeWithSHAAnd40BitRC2-CBC;
//   - the private key in a pkcs8ShroudedKeyBag under
//     pbeWithSHAAnd3-KeyTripleDES-CBC, in an id-data safe;
//   - a SHA-1 HMAC over the authenticated safe;
//   - friendlyName and localKeyId on the key bag and on the bag of its
//     certificate.
// The output is DER. The legacy ciphers are what NUC tooling expects; they
// do not protect the key against a password search by whoever has the file.
#ifndef TINYSIGN_CORE_PKCS12_PFX_WRITER_H_
#define TINYSIGN_CORE_PKCS12_PFX_WRITER_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/random.h"
#include "core/der/input.h"
#include "core/pkcs12/private_key_info.h"
#include "core/result.h"

namespace tinysign::pkcs12 {

// Pkcs12WriteOptions are the choices of `WritePkcs12`.
struct Pkcs12WriteOptions {
  // friendly_name is left out when empty.
  std::string friendly_name;
  // local_key_id defaults to the SHA-1 digest of the certificate, as
  // OpenSSL writes it.
  Bytes local_key_id;
  // iterations is the key-derivation and MAC iteration count.
  size_t iterations = 1024;
};

// WritePkcs12 returns a PKCS#12 file that contains `key`, its `certificate`
// (DER) and `ca_certificates` (DER), protected with `password` (UTF-8).
// Salts come from `random`. It fails with `crypto.bad_parameters` for a
// password that is not UTF-8 within the Basic Multilingual Plane or an
// iteration count outside 1 to `limits::kMaxPkcs12Iterations`, and with
// `crypto.random_failed`.
Result<Bytes> WritePkcs12(const ParsedPrivateKey& key, der::Input certificate,
                          const std::vector<Bytes>& ca_certificates,
                          std::string_view password,
                          const Pkcs12WriteOptions& options,
                          crypto::RandomSource& random);

}  // namespace tinysign::pkcs12

#endif  // TINYSIGN_CORE_PKCS12_PFX_WRITER_H_
