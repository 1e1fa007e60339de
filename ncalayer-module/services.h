// The collaborators the module handlers share (the signer, the scripted
// user, the optional downloader and TSA) and the record each request
// leaves in the log.
#ifndef TINYSIGN_NCALAYER_MODULE_SERVICES_H_
#define TINYSIGN_NCALAYER_MODULE_SERVICES_H_

#include <functional>
#include <string>

#include "core/der/input.h"
#include "core/result.h"
#include "core/time.h"
#include "ncalayer-module/signer.h"
#include "ncalayer-module/user_actions.h"

namespace tinysign::ncalayer {

// Downloader fetches a document for the TinySign module's `signFile`.
class Downloader {
 public:
  virtual ~Downloader() = default;
  // Download returns the body of `url`, fetched for a page of `origin`
  // (such as "http://127.0.0.1:8080"), or an error message naming the URL.
  virtual bool Download(const std::string& url, const std::string& origin,
                        Bytes* body, std::string* error) = 0;
};

// TimestampAuthority obtains RFC 3161 timestamp tokens.
class TimestampAuthority {
 public:
  virtual ~TimestampAuthority() = default;
  // RequestToken returns the DER TimeStampToken over `signature_value`, or
  // false with an error message.
  virtual bool RequestToken(der::Input signature_value, Bytes* token,
                            std::string* error) = 0;
};

// Services are the collaborators of the module handlers; the pointers are
// not owned. `downloader` and `tsa` may be null: the requests that need
// them then fail with a message saying which option is missing.
struct Services {
  Signer* signer = nullptr;
  UserActionQueue* actions = nullptr;
  Downloader* downloader = nullptr;
  TimestampAuthority* tsa = nullptr;
  // The key file to take when several keys match, from --key.
  std::string preferred_key_file;
  // Returns the current time, for the validity filter on keys.
  std::function<Time()> now;
};

// RequestRecord is the request log's entry for one request. It never
// contains key material, passwords or document bytes.
struct RequestRecord {
  std::string module;
  std::string method;
  std::string origin;
  // "signed", "canceled", "error", "closed" or "ok".
  std::string outcome;
  std::string key_file;
  std::string key_subject_cn;
  size_t num_documents = 0;
  std::string error;
};

// ModuleReply is a handler's result: a text frame, or a closed socket.
struct ModuleReply {
  std::string text;
  bool close_socket = false;
};

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_SERVICES_H_
