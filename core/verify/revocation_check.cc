#include "core/verify/revocation_check.h"

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

bool RevokedBy(const RevocationFinding& finding, Time control_time) {
  return finding.outcome == Outcome::kRevoked &&
         *finding.summary.revocation_time <= control_time;
}

class RevocationJudge {
 public:
  RevocationJudge(const RevocationEvidence& evidence,
                  const RevocationQuestion& question)
      : findings_(Evaluate(evidence, question)), question_(question) {}

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
    check.reasons.push_back(
        Reason{ErrorCode::kRevocationUnknown,
               "none of the " + std::to_string(findings_.size()) +
                   " OCSP responses and CRLs given shows the status of " +
                   question_.certificate->subject().ToRfc4514() + " at " +
                   FormatRfc3339(question_.control_time) +
                   "; give a current OCSP response or CRL from its issuer"});
    return check;
  }

  std::vector<RevocationFinding> findings_;
  const RevocationQuestion& question_;
};

RevocationCheck NoEvidence(const Policy& policy) {
  RevocationCheck check;
  check.status = RevocationStatus::kUnknown;
  check.reasons.push_back(Reason{
      ErrorCode::kRevocationSkipped,
      policy.revocation == RevocationPolicy::kRequire
          ? "revocation status is required but no OCSP response or CRL "
            "was given; pass one (tinysign verify takes --ocsp FILE and "
            "--crl FILE), or choose the revocation policy \"prefer\" or "
            "\"off\""
          : "revocation status was not checked, because no OCSP response "
            "or CRL was given; the verdict does not cover revocation"});
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
    return NoEvidence(policy);
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
