// The verification report: one shape for the CLI, the service and the
// WebAssembly build. `report/json.h` turns it into the JSON documented in
// the README; the field names below follow that JSON.
//
// Verdict rules, per signer: `kInvalid` when the digest or a signature fails,
// the chain is broken, or the certificate was revoked before the proven
// signing time; `kIndeterminate` when something needed is missing (no trust
// anchor, revocation unknown under the `require` policy, a certificate
// expired with no timestamp); otherwise `kValid`. The whole report is valid
// only when it has at least one signer and every signer is valid.
#ifndef TINYSIGN_CORE_VERIFY_REPORT_H_
#define TINYSIGN_CORE_VERIFY_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/der/input.h"
#include "core/error.h"
#include "core/time.h"

namespace tinysign::verify {

enum class Verdict { kValid, kInvalid, kIndeterminate };

// CheckResult is the outcome of one check. Not every value applies to every
// check: `kNotChecked` is for the digest of a detached signature without its
// document, `kAbsent` for a missing timestamp.
enum class CheckResult {
  kPassed,
  kFailed,
  kIndeterminate,
  kNotChecked,
  kAbsent
};

enum class RevocationStatus { kGood, kRevoked, kUnknown, kSkipped };

enum class RevocationPolicy { kRequire, kPrefer, kOff };

enum class KeyPurpose { kSign, kAuth, kAny };

// Policy is what the caller asked for.
struct Policy {
  RevocationPolicy revocation = RevocationPolicy::kRequire;
  KeyPurpose purpose = KeyPurpose::kSign;
  // clock_skew_seconds is how far apart the caller's clock and the
  // clocks of OCSP responders, CRL issuers and TSAs may be.
  int64_t clock_skew_seconds = 300;
};

// Reason is one finding that explains a verdict, with a stable code.
struct Reason {
  ErrorCode code;
  std::string message;
};

struct Checks {
  CheckResult digest = CheckResult::kNotChecked;
  CheckResult signature = CheckResult::kIndeterminate;
  CheckResult chain = CheckResult::kIndeterminate;
  CheckResult timestamp = CheckResult::kAbsent;
  RevocationStatus revocation = RevocationStatus::kSkipped;
  CheckResult key_usage = CheckResult::kIndeterminate;
};

// CertificateSummary is the signer's certificate as the report shows it:
// RFC 4514 names and the NUC identity fields.
struct CertificateSummary {
  std::string serial_number;  // Hexadecimal, lowercase.
  Time not_before;
  Time not_after;
  std::string issuer;
  std::string subject;
  std::string iin;
  std::string bin;
  std::string common_name;
  std::string surname;
  std::string given_name;
  std::string patronymic;
  std::string organization;
  std::string email;
  std::vector<std::string> key_purposes;  // "sign", "auth".
  std::vector<std::string> roles;         // "individual", "first_head", ...
  std::string sha256;                     // Of the DER, hexadecimal.
};

// ChainEntry is one certificate of the path, signer first, anchor last.
struct ChainEntry {
  std::string subject;
  std::string serial_number;
  std::string sha256;
  bool trust_anchor = false;
};

// TimestampSummary is the RFC 3161 timestamp found on a signer.
struct TimestampSummary {
  Time gen_time;
  std::string policy;  // Dotted OID.
  std::string tsa;     // RFC 4514 subject of the TSA certificate.
  // source is "embedded" for a token in the signer's unsigned attributes,
  // "supplied" for one the caller gave separately.
  std::string source = "embedded";
  CheckResult result = CheckResult::kIndeterminate;
};

// RevocationSummary is the evidence that decided a certificate's
// revocation status, so that a caller can show and keep it.
struct RevocationSummary {
  std::string source;  // "ocsp" or "crl".
  // status is the status at the control time, the same as the check. A
  // certificate revoked after the control time is good, with
  // `revocation_time` set.
  RevocationStatus status = RevocationStatus::kUnknown;
  std::optional<Time> revocation_time;
  std::string revocation_reason;  // CRLReason name, such as "keyCompromise".
  Time this_update;
  std::optional<Time> next_update;
  std::optional<Time> produced_at;  // OCSP only.
  // responder is the RFC 4514 subject of the OCSP responder or CRL issuer.
  std::string responder;
  std::string crl_number;  // Hexadecimal; for a delta CRL, the delta's.
  // evidence is the DER OCSPResponse or CRL (for a delta, the delta).
  Bytes evidence;
};

struct SignerReport {
  Verdict verdict = Verdict::kIndeterminate;
  std::vector<Reason> reasons;
  Checks checks;
  std::string signature_algorithm;   // Such as "gost3410-2015-512".
  std::string digest_algorithm;      // Such as "streebog512".
  std::optional<Time> signing_time;  // The signingTime claim, unproven.
  std::optional<TimestampSummary> timestamp;
  // control_time is the time the certificates were judged at: the
  // timestamp's genTime when it passed, otherwise the validation time.
  Time control_time;
  std::optional<RevocationSummary> revocation;
  std::string key_usage_rule;  // The key purpose rule that applied.
  std::optional<CertificateSummary> certificate;
  std::vector<ChainEntry> chain;
};

struct DocumentSummary {
  bool attached = false;
  // Source of the document: "attached", "supplied",
  // "digest" (only its digest was supplied) or "missing".
  std::string source;
  std::string digest_algorithm;
  std::optional<uint64_t> size;
};

struct Report {
  Verdict verdict = Verdict::kInvalid;
  Time validation_time;
  Policy policy;
  DocumentSummary document;
  std::vector<SignerReport> signers;
  // Reasons that concern the whole signature, such as having no signers or
  // a detached signature given without its document.
  std::vector<Reason> reasons;
};

// CertificateReport is the result of validating one certificate's path on
// its own (`tinysign verify-cert`).
struct CertificateReport {
  Verdict verdict = Verdict::kIndeterminate;
  Time validation_time;
  Policy policy;
  std::vector<Reason> reasons;
  CheckResult chain = CheckResult::kIndeterminate;
  RevocationStatus revocation = RevocationStatus::kSkipped;
  std::optional<RevocationSummary> revocation_evidence;
  CheckResult key_usage = CheckResult::kFailed;
  std::string key_usage_rule;
  CertificateSummary certificate;
  std::vector<ChainEntry> chain_entries;
};

// Names used in JSON and text output.
std::string_view VerdictName(Verdict verdict);
std::string_view CheckResultName(CheckResult result);
std::string_view RevocationStatusName(RevocationStatus status);
std::string_view RevocationPolicyName(RevocationPolicy policy);
std::string_view KeyPurposeName(KeyPurpose purpose);

}  // namespace tinysign::verify

#endif  // TINYSIGN_CORE_VERIFY_REPORT_H_
