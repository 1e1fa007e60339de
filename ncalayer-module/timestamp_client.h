// An RFC 3161 client over HTTP, for basics `tsaProfile` and commonUtils
// `createCMSSignatureFromBase64`. NCALayer always uses NUC's TSA, and
// the stand-in uses the one given by --tsa, normally the test PKI's loopback
// TSA.
#ifndef TINYSIGN_NCALAYER_MODULE_TIMESTAMP_CLIENT_H_
#define TINYSIGN_NCALAYER_MODULE_TIMESTAMP_CLIENT_H_

#include <string>

#include "ncalayer-module/services.h"

namespace tinysign::ncalayer {

// BuildTimeStampRequest returns a DER TimeStampReq (RFC 3161 section 2.4.1)
// for the SHA-256 `digest`, with `nonce` (big-endian magnitude) and
// certReq TRUE, so that the token carries the TSA certificate.
Bytes BuildTimeStampRequest(der::Input digest, der::Input nonce);

// TimestampClient posts requests to one TSA URL.
class TimestampClient : public TimestampAuthority {
 public:
  explicit TimestampClient(std::string url) : url_(std::move(url)) {}

  // RequestToken hashes `signature_value` with SHA-256 and returns the
  // TSA's token.
  //
  // NOTE: the imprint is SHA-256 for GOST signatures too, whereas tokens
  // from NUC's TSA on GOST signatures carry a GOST 34.11-2015-512 imprint. It
  // fails on a transport error, a status other than granted, or a token whose
  // imprint or nonce differs from the request.
  bool RequestToken(der::Input signature_value, Bytes* token,
                    std::string* error) override;

 private:
  std::string url_;
};

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_TIMESTAMP_CLIENT_H_
