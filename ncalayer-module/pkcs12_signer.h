// The `Signer` of `tinysign-ncalayer`: every *.p12 file of a folder, opened
// with one password, signed with the core's CMS signer.
#ifndef TINYSIGN_NCALAYER_MODULE_PKCS12_SIGNER_H_
#define TINYSIGN_NCALAYER_MODULE_PKCS12_SIGNER_H_

#include <functional>
#include <string>
#include <vector>

#include "core/pkcs12/key_file.h"
#include "core/time.h"
#include "ncalayer-module/signer.h"

namespace tinysign::ncalayer {

// KeyLoadReport is the outcome of loading one file of the key folder, for
// the start-up log.
struct KeyLoadReport {
  std::string file_name;
  bool loaded = false;
  std::string error;
};

class Pkcs12Signer : public Signer {
 public:
  // `now` gives the signingTime of each signature.
  explicit Pkcs12Signer(std::function<Time()> now) : now_(std::move(now)) {}

  // Load opens every *.p12 file of `dir`, sorted by name, with `password`.
  // Files that fail to open are skipped and reported in `reports`. It
  // returns false with a message when the folder cannot be read.
  bool Load(const std::string& dir, const std::string& password,
            std::vector<KeyLoadReport>* reports, std::string* error);

  const std::vector<SigningKey>& keys() const override { return keys_; }
  Result<Bytes> SignCms(size_t key_index, const CmsRequest& request) override;

 private:
  std::function<Time()> now_;
  std::vector<SigningKey> keys_;
  // The key file of keys_[i]. Private keys are never logged.
  std::vector<pkcs12::KeyFile> key_files_;
};

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_PKCS12_SIGNER_H_
