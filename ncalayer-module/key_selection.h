// Key choice in place of NCALayer's key dialog: the filters a request
// carries, and the scripted user action that decides what happens.
#ifndef TINYSIGN_NCALAYER_MODULE_KEY_SELECTION_H_
#define TINYSIGN_NCALAYER_MODULE_KEY_SELECTION_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "core/x509/certificate.h"
#include "ncalayer-module/signer.h"
#include "ncalayer-module/user_actions.h"

namespace tinysign::ncalayer {

// KeyFilter is what a request demands of the signer certificate. Empty
// fields demand nothing.
struct KeyFilter {
  // Dotted OIDs that must all be in extKeyUsage (basics
  // `signerParams.extKeyUsageOids`).
  std::vector<std::string> ext_key_usage_oids;
  // "sign" or "auth", as the core's NUC profile classifies keys
  // (commonUtils keyType SIGNATURE or AUTHENTICATION).
  std::string key_purpose;
  std::string iin;
  std::string bin;
  // Hexadecimal certificate serial number, any case.
  std::string serial_number;
  // basics `signerParams.chain`. Absent: only certificates valid at `now`.
  // Empty: any certificate. Otherwise the signer certificate's issuer must
  // be the subject of one of these (parsed) CA certificates.
  std::optional<std::vector<std::shared_ptr<const x509::Certificate>>> chain;
  Time now;
};

// KeyMatches reports whether `key` passes every condition of `filter`.
//
// NOTE: NCALayer builds a path to the NUC roots when `chain` is absent.
// The stand-in only checks the validity period, so test certificates from
// any CA pass.
bool KeyMatches(const SigningKey& key, const KeyFilter& filter);

// KeyChoice is the outcome of the key dialog.
struct KeyChoice {
  enum class Outcome {
    kChosen,
    kCanceled,
    kWrongPassword,
    kNoMatchingKey,
    kCloseSocket,
  };
  Outcome outcome = Outcome::kCanceled;
  // Index into the signer's keys, for kChosen.
  size_t key_index = 0;
};

// ChooseKey plays the key dialog. A queued `action` wins; `kChooseKey`
// takes the key it names even when the filters reject it, as a user may
// pick any key NCALayer lists. Without an action, it takes the key whose
// file name is `preferred_file` when that key matches. Otherwise, unless
// the filter asks for clientAuth or the "auth" purpose, it takes the first
// matching key whose keyUsage has nonRepudiation. Failing that, it takes
// the first matching key, else reports `kNoMatchingKey`.
KeyChoice ChooseKey(const std::vector<SigningKey>& keys,
                    const KeyFilter& filter,
                    const std::optional<UserAction>& action,
                    const std::string& preferred_file);

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_KEY_SELECTION_H_
