// Reading PKCS#12 files (RFC 7292) of the kind NUC issues for its test and
// file-based keys, and OpenSSL writes with `-legacy`:
//
//   PFX ::= SEQUENCE {
//     version   INTEGER {v3(3)},
//     authSafe  ContentInfo,        -- id-data: OCTET STRING of
//                                   -- AuthenticatedSafe
//     macData   MacData OPTIONAL }
//   AuthenticatedSafe ::= SEQUENCE OF ContentInfo
//     -- each id-data (SafeContents in the clear) or id-encryptedData
//     -- (SafeContents under a password-based cipher)
//   SafeContents ::= SEQUENCE OF SafeBag
//
// The file may be BER (NUC files use indefinite lengths and constructed
// OCTET STRINGs); it is converted to DER first. The MAC is checked before
// anything is decrypted, so a wrong password fails with
// `pkcs12.bad_password` whatever the rest of the file contains.
//
// Not supported (each is rejected with the error named):
//   - A file without macData (`pkcs12.mac_missing`): public-key integrity
//     mode and files with no integrity protection.
//   - A MAC digest other than SHA-1, and PBES2 or any encryption scheme
//     other than pbeWithSHAAnd3-KeyTripleDES-CBC and
//     pbeWithSHAAnd40BitRC2-CBC (`crypto.unsupported_algorithm`).
//   - id-envelopedData safes, CRL bags, secret bags and nested
//     safeContentsBags (`pkcs12.malformed` names the bag or content type).
#ifndef TINYSIGN_CORE_PKCS12_PFX_H_
#define TINYSIGN_CORE_PKCS12_PFX_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::pkcs12 {

// BagAttributes are the PKCS#9 attributes a SafeBag may carry.
struct BagAttributes {
  // friendlyName as UTF-8, empty when absent.
  std::string friendly_name;
  // localKeyId, empty when absent.
  Bytes local_key_id;
};

// KeyBag is a decrypted private key: a DER PrivateKeyInfo (RFC 5208).
struct KeyBag {
  Bytes private_key_info;
  BagAttributes attributes;
};

// CertificateBag is one DER X.509 certificate.
struct CertificateBag {
  Bytes certificate;
  BagAttributes attributes;
};

// Pkcs12Contents is everything a PKCS#12 file holds, in file order. It owns
// its bytes.
struct Pkcs12Contents {
  std::vector<KeyBag> keys;
  std::vector<CertificateBag> certificates;
};

// ParsePkcs12 checks the MAC of `file` with `password` (UTF-8), then
// decrypts and returns its key and certificate bags. It fails with:
//   - `input.too_large` above `limits::kMaxPkcs12Bytes`;
//   - `pkcs12.bad_password` when the MAC does not match;
//   - `pkcs12.mac_missing`, `pkcs12.too_many_bags`, `pkcs12.malformed`,
//     `crypto.unsupported_algorithm` and DER errors for the rest.
Result<Pkcs12Contents> ParsePkcs12(der::Input file, std::string_view password);

}  // namespace tinysign::pkcs12

#endif  // TINYSIGN_CORE_PKCS12_PFX_H_
