// The `Signer` of `tinysign-ncalayer`: every *.p12 file of a folder, opened
// with one password, signed with the core's CMS signer.
#ifndef TINYSIGN_NCALAYER_MODULE_PKCS12_SIGNER_H_
#define TINYSIGN_NCALAYER_MODULE_PKCS12_SIGNER_H_

#include <string>
#include <vector>

#include "ncalayer-module/signer.h"

namespace tinysign::ncalayer {

// KeyLoadReport says what happened to one file of the key folder, for the
// start-up log.
struct KeyLoadReport {
  std::string file_name;
  bool loaded = false;
  std::string error;
};

class Pkcs12Signer : public Signer {
 public:
  // Load opens every *.p12 file of `dir`, sorted by name, with `password`.
  // Files that fail to open are skipped and reported in `reports`. It
  // returns false with a message when the folder cannot be read.
  bool Load(const std::string& dir, const std::string& password,
            std::vector<KeyLoadReport>* reports, std::string* error);

  const std::vector<SigningKey>& keys() const override { return keys_; }
  Result<Bytes> SignCms(size_t key_index, const CmsRequest& request) override;

 private:
  std::vector<SigningKey> keys_;
  // DER PrivateKeyInfo of keys_[i]; never logged.
  std::vector<Bytes> private_keys_;
};

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_PKCS12_SIGNER_H_
