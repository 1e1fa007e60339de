#include "ncalayer-module/signing_flow.h"

#include <utility>

#include "core/x509/name.h"

namespace tinysign::ncalayer {
namespace {

void RecordKey(const SigningKey& key, RequestRecord* record) {
  record->key_file = key.file_name;
  const std::string* cn =
      key.certificate->subject().FindFirst(x509::attribute::kCommonName);
  record->key_subject_cn = cn != nullptr ? *cn : std::string();
}

TimestampFunction MakeTimestampFunction(TimestampAuthority* tsa) {
  return [tsa](der::Input signature_value) -> Result<Bytes> {
    Bytes token;
    std::string error;
    if (!tsa->RequestToken(signature_value, &token, &error)) {
      // The TSA failure is not a property of any input the core checks,
      // so it travels as an internal error with the TSA's message.
      return Fail(ErrorCode::kInternal, "timestamp request failed: " + error);
    }
    return token;
  };
}

}  // namespace

SigningOutcome::Kind OutcomeKindFor(KeyChoice::Outcome outcome) {
  switch (outcome) {
    case KeyChoice::Outcome::kCanceled:
      return SigningOutcome::Kind::kCanceled;
    case KeyChoice::Outcome::kWrongPassword:
      return SigningOutcome::Kind::kWrongPassword;
    case KeyChoice::Outcome::kNoMatchingKey:
      return SigningOutcome::Kind::kNoMatchingKey;
    case KeyChoice::Outcome::kCloseSocket:
      return SigningOutcome::Kind::kCloseSocket;
    case KeyChoice::Outcome::kChosen:
      break;
  }
  return SigningOutcome::Kind::kSigned;
}

SigningOutcome SignDocuments(Services& services, const KeyFilter& filter,
                             std::vector<CmsRequest> requests, bool timestamp,
                             RequestRecord* record) {
  SigningOutcome outcome;
  record->num_documents = requests.size();
  if (timestamp && services.tsa == nullptr) {
    outcome.kind = SigningOutcome::Kind::kTimestampUnavailable;
    outcome.error = kNoTsaMessage;
    return outcome;
  }
  const std::vector<SigningKey>& keys = services.signer->keys();
  KeyChoice choice = ChooseKey(keys, filter, services.actions->Pop(),
                               services.preferred_key_file);
  outcome.kind = OutcomeKindFor(choice.outcome);
  if (choice.outcome != KeyChoice::Outcome::kChosen) {
    return outcome;
  }
  RecordKey(keys[choice.key_index], record);
  for (CmsRequest& request : requests) {
    if (timestamp) {
      request.timestamp = MakeTimestampFunction(services.tsa);
    }
    Result<Bytes> cms = services.signer->SignCms(choice.key_index, request);
    if (!cms) {
      outcome.kind = SigningOutcome::Kind::kFailed;
      outcome.error = cms.error().ToString();
      outcome.signatures.clear();
      return outcome;
    }
    outcome.signatures.push_back(std::move(cms).value());
  }
  return outcome;
}

}  // namespace tinysign::ncalayer
