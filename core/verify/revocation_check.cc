#include "core/verify/revocation_check.h"

#include <algorithm>
#include <string>

#include "core/verify/crl_check.h"
#include "core/verify/ocsp_check.h"

namespace tinysign::verify {

namespace {

using Outcome = RevocationFinding::Outcome;

std::vector<RevocationFinding> Evaluate(const RevocationEvidence& evidence,
                                        const RevocationQuestion& question) {
  std::vector<RevocationFinding> findings;
  for (const OcspEvidence& response : evidence.ocsp) {
    findings.push_back(CheckOcspEvidence(response, question));
  }
  for (RevocationFinding& finding : CheckCrlEvidence(evidence.crls, question)) {
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::string Describe(const RevocationSummary& summary) {
  std::string text = "revoked at " + FormatRfc3339(*summary.revocation_time);
  if (!summary.revocation_reason.empty()) {
    text += " (" + summary.revocation_reason + ")";
  }
  text +=
      " according to the " +
      std::string(summary.source == "ocsp" ? "OCSP response of " : "CRL of ") +
      summary.responder;
  return text;
}

// FailedFetchReasons returns a reason, with the fetch error's own code,
// for each failed fetch of evidence about `certificate`.
std::vector<Reason> FailedFetchReasons(const RevocationEvidence& evidence,
                                       const x509::Certificate& certificate) {
  std::vector<Reason> reasons;
  for (const FailedFetch& fetch : evidence.failed_fetches) {
    if (fetch.certificate == nullptr ||
        fetch.certificate->der() != certificate.der()) {
      continue;
    }
    std::string message = "fetching " + fetch.source + " failed: " +
                          std::string(ErrorMessage(fetch.error.code));
    if (!fetch.error.detail.empty()) {
      message += " (" + fetch.error.detail + ")";
    }
    reasons.push_back(Reason{fetch.error.code, std::move(message)});
  }
  return reasons;
}

// ListCodes returns the distinct codes of `reasons`, in order and
// separated by ", ", such as "fetch.remote_not_allowed, fetch.timed_out".
std::string ListCodes(const std::vector<Reason>& reasons) {
  std::vector<ErrorCode> codes;
  std::string text;
  for (const Reason& reason : reasons) {
    if (std::find(codes.begin(), codes.end(), reason.code) != codes.end()) {
      continue;
    }
    codes.push_back(reason.code);
    text += (text.empty() ? "" : ", ") + std::string(ErrorId(reason.code));
  }
  return text;
}

bool RevokedBy(const RevocationFinding& finding, Time control_time) {
  return finding.outcome == Outcome::kRevoked &&
         *finding.summary.revocation_time <= control_time;
}

class RevocationJudge {
 public:
  RevocationJudge(const RevocationEvidence& evidence,
                  const RevocationQuestion& question)
      : findings_(Evaluate(evidence, question)),
        fetch_reasons_(FailedFetchReasons(evidence, *question.certificate)),
        question_(question) {}

  RevocationCheck JudgeEndEntity() {
    if (const RevocationFinding* revoked = FindRevoked()) {
      return Revoked(*revoked, "the certificate was ");
    }
    DemoteAfterExpiry();
    const RevocationFinding* good = nullptr;
    for (const RevocationFinding& finding : findings_) {
      if (finding.outcome == Outcome::kRevoked) {
        return RevokedLater(finding);
      }
      if (finding.outcome == Outcome::kGood && good == nullptr) {
        good = &finding;
      }
    }
    if (good != nullptr) {
      return RevocationCheck{RevocationStatus::kGood, good->summary, {}};
    }
    return Unknown();
  }

  // JudgeCa returns a revoked result for a CA certificate, or nothing.
  std::optional<RevocationCheck> JudgeCa() {
    if (const RevocationFinding* revoked = FindRevoked()) {
      return Revoked(*revoked,
                     "CA certificate " +
                         question_.certificate->subject().ToRfc4514() +
                         " in the path was ");
    }
    return std::nullopt;
  }

 private:
  const RevocationFinding* FindRevoked() const {
    for (const RevocationFinding& finding : findings_) {
      if (RevokedBy(finding, question_.control_time)) {
        return &finding;
      }
    }
    return nullptr;
  }

  RevocationCheck Revoked(const RevocationFinding& finding,
                          const std::string& subject) const {
    return RevocationCheck{RevocationStatus::kRevoked,
                           finding.summary,
                           {Reason{ErrorCode::kRevocationRevoked,
                                   subject + Describe(finding.summary) +
                                       ", at or before the control time " +
                                       FormatRfc3339(question_.control_time)}}};
  }

  // RevokedLater reports good at the control time. The summary keeps the
  // revocation time, so a reader sees why a revoked certificate passes.
  RevocationCheck RevokedLater(const RevocationFinding& finding) const {
    RevocationSummary summary = finding.summary;
    summary.status = RevocationStatus::kGood;
    return RevocationCheck{
        RevocationStatus::kGood,
        std::move(summary),
        {Reason{ErrorCode::kRevocationRevokedLater,
                "the certificate was " + Describe(finding.summary) +
                    ", after the control time " +
                    FormatRfc3339(question_.control_time) +
                    ", so it was not revoked then"}}};
  }

  // DemoteAfterExpiry rejects good CRL findings issued after the
  // certificate expired: RFC 5280 section 3.3 lets a CA drop expired
  // certificates from its CRLs. An OCSP responder replies for one serial
  // number, and NUC's replies for expired certificates too.
  void DemoteAfterExpiry() {
    const Time not_after = question_.certificate->not_after();
    for (RevocationFinding& finding : findings_) {
      if (finding.outcome == Outcome::kGood &&
          finding.summary.source == "crl" &&
          finding.summary.this_update > not_after) {
        finding.outcome = Outcome::kRejected;
        finding.reasons.push_back(
            Reason{ErrorCode::kRevocationAfterExpiry,
                   "the CRL of " + FormatRfc3339(finding.summary.this_update) +
                       " was issued after the certificate expired at " +
                       FormatRfc3339(not_after) +
                       " and may no longer list it; use evidence from before "
                       "the expiry"});
      }
    }
  }

  RevocationCheck Unknown() const {
    RevocationCheck check;
    check.status = RevocationStatus::kUnknown;
    for (const RevocationFinding& finding : findings_) {
      // Only evidence about this certificate is worth showing, and only
      // when it was read far enough to have times.
      if (!check.summary && finding.outcome != Outcome::kNotApplicable &&
          finding.summary.this_update != Time{}) {
        check.summary = finding.summary;
        check.summary->status = RevocationStatus::kUnknown;
      }
      check.reasons.insert(check.reasons.end(), finding.reasons.begin(),
                           finding.reasons.end());
    }
    check.reasons.insert(check.reasons.end(), fetch_reasons_.begin(),
                         fetch_reasons_.end());
    std::string message =
        "none of the " + std::to_string(findings_.size()) +
        " OCSP responses and CRLs available shows the status of " +
        question_.certificate->subject().ToRfc4514() + " at " +
        FormatRfc3339(question_.control_time);
    if (!fetch_reasons_.empty()) {
      const size_t num_failed = fetch_reasons_.size();
      message += ", and " + std::to_string(num_failed) +
                 (num_failed == 1 ? " fetch failed (" : " fetches failed (") +
                 ListCodes(fetch_reasons_) + ")";
    }
    message += ". Supply a current OCSP response or CRL from its issuer";
    check.reasons.push_back(
        Reason{ErrorCode::kRevocationUnknown, std::move(message)});
    return check;
  }

  std::vector<RevocationFinding> findings_;
  std::vector<Reason> fetch_reasons_;
  const RevocationQuestion& question_;
};

// NoEvidence explains an unknown status without a single OCSP response or
// CRL, naming the failed fetches of `fetch_reasons` when there are any.
// The message names no caller's options, because the CLI and the service
// share it.
RevocationCheck NoEvidence(const Policy& policy,
                           std::vector<Reason> fetch_reasons) {
  RevocationCheck check;
  check.status = RevocationStatus::kUnknown;
  const std::string cause =
      fetch_reasons.empty()
          ? "no OCSP response or CRL is available"
          : "no OCSP response or CRL is available and every fetch failed "
            "(" +
                ListCodes(fetch_reasons) + ")";
  check.reasons = std::move(fetch_reasons);
  check.reasons.push_back(
      Reason{ErrorCode::kRevocationSkipped,
             policy.revocation == RevocationPolicy::kRequire
                 ? "revocation status is required, but " + cause +
                       ". Supply a current OCSP response or CRL from the "
                       "certificate's issuer, or choose the revocation policy "
                       "\"prefer\" or \"off\""
                 : "revocation status was not checked, because " + cause +
                       ". The verdict does not cover revocation"});
  return check;
}

}  // namespace

RevocationCheck CheckRevocation(const std::vector<CertificatePtr>& path,
                                const RevocationEvidence& evidence,
                                Time control_time, Time current_time,
                                const Policy& policy) {
  if (policy.revocation == RevocationPolicy::kOff) {
    RevocationCheck check;
    if (!evidence.empty()) {
      check.reasons.push_back(
          Reason{ErrorCode::kRevocationSkipped,
                 "OCSP responses or CRLs were given, but the revocation policy "
                 "\"off\" ignores them; choose \"require\" to use them"});
    }
    return check;
  }
  if (evidence.empty()) {
    return NoEvidence(policy, path.empty()
                                  ? std::vector<Reason>{}
                                  : FailedFetchReasons(evidence, *path[0]));
  }
  if (path.size() < 2) {
    return RevocationCheck{
        RevocationStatus::kUnknown,
        std::nullopt,
        {Reason{ErrorCode::kRevocationUnknown,
                "the certificate's issuer is unknown, so no OCSP response "
                "or CRL can be checked for it"}}};
  }
  RevocationQuestion question{path[0], path[1], control_time, current_time,
                              policy.clock_skew_seconds};
  RevocationCheck result = RevocationJudge(evidence, question).JudgeEndEntity();
  if (result.status == RevocationStatus::kRevoked) {
    return result;
  }
  // NOTE: CA certificates count as not revoked without evidence; NUC
  // publishes no OCSP for its CAs.
  for (size_t i = 1; i + 1 < path.size(); ++i) {
    RevocationQuestion ca{path[i], path[i + 1], control_time, current_time,
                          policy.clock_skew_seconds};
    if (auto revoked = RevocationJudge(evidence, ca).JudgeCa()) {
      return *revoked;
    }
  }
  return result;
}

}  // namespace tinysign::verify
