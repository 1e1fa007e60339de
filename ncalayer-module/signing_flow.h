// One signing operation as every module runs it: the key dialog, then one
// CMS per document with the chosen key, with a timestamp when requested.
#ifndef TINYSIGN_NCALAYER_MODULE_SIGNING_FLOW_H_
#define TINYSIGN_NCALAYER_MODULE_SIGNING_FLOW_H_

#include <string>
#include <vector>

#include "ncalayer-module/key_selection.h"
#include "ncalayer-module/services.h"
#include "ncalayer-module/signer.h"

namespace tinysign::ncalayer {

// SigningOutcome is the result of `SignDocuments`.
struct SigningOutcome {
  enum class Kind {
    kSigned,
    kCanceled,
    kWrongPassword,
    kNoMatchingKey,
    kCloseSocket,
    kTimestampUnavailable,
    kFailed,
  };
  Kind kind = Kind::kFailed;
  // One DER ContentInfo per document, in input order, for kSigned.
  std::vector<Bytes> signatures;
  // For kTimestampUnavailable and kFailed.
  std::string error;
};

// OutcomeKindFor maps a key dialog outcome to the signing outcome it
// leads to; kChosen maps to kSigned.
SigningOutcome::Kind OutcomeKindFor(KeyChoice::Outcome outcome);

// SignDocuments takes the next scripted user action, chooses a key by
// `filter`, and signs every request with it. With `timestamp` set it
// requests a token per signature from `services.tsa`, and fails with
// kTimestampUnavailable when no TSA is configured. It records the key and
// the outcome in `record`.
SigningOutcome SignDocuments(Services& services, const KeyFilter& filter,
                             std::vector<CmsRequest> requests, bool timestamp,
                             RequestRecord* record);

// kNoTsaMessage is the error for a timestamp request without --tsa.
inline constexpr const char* kNoTsaMessage =
    "a timestamp was requested but no TSA is configured: start "
    "tinysign-ncalayer with --tsa URL";

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_SIGNING_FLOW_H_
