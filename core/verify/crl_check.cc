#include "core/verify/crl_check.h"

#include <span>
#include <string>

#include "core/encoding/input_form.h"
#include "core/x509/extensions.h"
#include "core/x509/name.h"

namespace tinysign::verify {

namespace {

using Outcome = RevocationFinding::Outcome;
using CrlPtr = std::shared_ptr<const crl::Crl>;

// CompareNumbers orders two unsigned big-endian magnitudes.
int CompareNumbers(der::Input a, der::Input b) {
  auto strip = [](der::Input number) {
    std::span<const uint8_t> digits = number.span();
    while (!digits.empty() && digits.front() == 0) {
      digits = digits.subspan(1);
    }
    return digits;
  };
  const std::span<const uint8_t> x = strip(a);
  const std::span<const uint8_t> y = strip(b);
  if (x.size() != y.size()) {
    return x.size() < y.size() ? -1 : 1;
  }
  for (size_t i = 0; i < x.size(); ++i) {
    if (x[i] != y[i]) {
      return x[i] < y[i] ? -1 : 1;
    }
  }
  return 0;
}

std::string NumberText(const crl::Crl& list) {
  return list.crl_number() ? encoding::HexEncode(*list.crl_number())
                           : std::string("(none)");
}

class CrlChecker {
 public:
  explicit CrlChecker(const RevocationQuestion& question)
      : question_(question) {}

  std::vector<RevocationFinding> Run(const std::vector<CrlPtr>& crls) {
    std::vector<CrlPtr> complete;
    std::vector<CrlPtr> deltas;
    for (const CrlPtr& list : crls) {
      if (!IsByIssuer(*list)) {
        continue;
      }
      if (!Verify(*list)) {
        continue;
      }
      (list->is_delta() ? deltas : complete).push_back(list);
    }
    for (const CrlPtr& list : complete) {
      findings_.push_back(Judge(*list, NewestDeltaFor(*list, deltas)));
    }
    for (const CrlPtr& delta : deltas) {
      if (!HasBase(*delta, complete)) {
        findings_.push_back(JudgeDeltaAlone(*delta));
      }
    }
    return std::move(findings_);
  }

 private:
  bool IsByIssuer(const crl::Crl& list) {
    auto name = x509::ParseName(list.issuer_tlv());
    if (name && x509::NamesMatch(*name, question_.issuer->subject())) {
      return true;
    }
    RevocationFinding finding;
    finding.outcome = Outcome::kNotApplicable;
    finding.reasons.push_back(Reason{
        ErrorCode::kCrlIssuerMismatch,
        "a CRL issued by " + (name ? name->ToRfc4514() : "an unreadable name") +
            " does not cover certificates of " +
            question_.issuer->subject().ToRfc4514()});
    findings_.push_back(std::move(finding));
    return false;
  }

  // Verify checks the CRL's signature and its issuer's authority, and that
  // it does not come from the future. A failed CRL leaves a rejected
  // finding behind.
  bool Verify(const crl::Crl& list) {
    RevocationFinding finding = Start(list);
    const x509::Certificate& issuer = *question_.issuer;
    const auto& usage = issuer.key_usage();
    const Time latest = AddSkew(question_.current_time, question_.skew_seconds);
    if (usage && !usage->Has(x509::KeyUsageBit::kCrlSign)) {
      Reject(&finding, ErrorCode::kCrlIssuerNotAuthorized,
             "CRL issuer " + issuer.subject().ToRfc4514() +
                 " lacks the cRLSign key usage");
    } else if (auto status = crl::VerifyCrlSignature(list, issuer); !status) {
      Reject(&finding,
             status.error().code == ErrorCode::kCrlIssuerMismatch
                 ? ErrorCode::kCrlIssuerMismatch
                 : ErrorCode::kCrlSignatureInvalid,
             "CRL number " + NumberText(list) + " of " +
                 issuer.subject().ToRfc4514() +
                 " does not verify: " + status.error().IdAndDetail());
    } else if (latest < list.this_update()) {
      Reject(&finding, ErrorCode::kCrlNotYetValid,
             "CRL number " + NumberText(list) + " has thisUpdate " +
                 FormatRfc3339(list.this_update()) +
                 ", later than the current time " +
                 FormatRfc3339(question_.current_time) +
                 "; check the clocks or --skew");
    } else {
      return true;
    }
    findings_.push_back(std::move(finding));
    return false;
  }

  RevocationFinding Start(const crl::Crl& list) {
    RevocationFinding finding;
    RevocationSummary& summary = finding.summary;
    summary.source = "crl";
    summary.this_update = list.this_update();
    summary.next_update = list.next_update();
    summary.responder = question_.issuer->subject().ToRfc4514();
    if (list.crl_number()) {
      summary.crl_number = encoding::HexEncode(*list.crl_number());
    }
    summary.evidence = list.der().ToBytes();
    return finding;
  }

  static void Reject(RevocationFinding* finding, ErrorCode code,
                     std::string message) {
    finding->outcome = Outcome::kRejected;
    finding->reasons.push_back(Reason{code, std::move(message)});
  }

  static bool Updates(const crl::Crl& delta, const crl::Crl& complete) {
    return complete.crl_number() &&
           CompareNumbers(*complete.crl_number(), *delta.base_crl_number()) >=
               0 &&
           delta.this_update() >= complete.this_update();
  }

  static const crl::Crl* NewestDeltaFor(const crl::Crl& complete,
                                        const std::vector<CrlPtr>& deltas) {
    const crl::Crl* newest = nullptr;
    for (const CrlPtr& delta : deltas) {
      if (Updates(*delta, complete) &&
          (newest == nullptr || delta->this_update() > newest->this_update())) {
        newest = delta.get();
      }
    }
    return newest;
  }

  static bool HasBase(const crl::Crl& delta,
                      const std::vector<CrlPtr>& complete) {
    for (const CrlPtr& list : complete) {
      if (Updates(delta, *list)) {
        return true;
      }
    }
    return false;
  }

  // FindEntry looks the certificate up in the delta first: its entry is
  // newer, and removeFromCRL there lifts a hold listed in the complete CRL
  // (RFC 5280 section 5.3.1).
  std::optional<crl::RevokedCertificate> FindEntry(
      const crl::Crl& complete, const crl::Crl* delta) const {
    const der::Input serial = question_.certificate->serial();
    if (delta != nullptr) {
      if (auto entry = delta->FindRevoked(serial)) {
        if (entry->reason == crl::ReasonCode::kRemoveFromCrl) {
          return std::nullopt;
        }
        return entry;
      }
    }
    return complete.FindRevoked(serial);
  }

  RevocationFinding Judge(const crl::Crl& complete, const crl::Crl* delta) {
    const crl::Crl& newest = delta != nullptr ? *delta : complete;
    RevocationFinding finding = Start(newest);
    if (auto entry = FindEntry(complete, delta)) {
      MarkRevoked(*entry, &finding);
      return finding;
    }
    finding.summary.status = RevocationStatus::kGood;
    if (complete.issuing_distribution_point()) {
      Reject(&finding, ErrorCode::kCrlUnsupportedScope,
             "CRL number " + NumberText(complete) +
                 " has an issuingDistributionPoint, so it may not list "
                 "this certificate even when it is revoked");
    } else if (!IsFreshFor(question_, newest.this_update(),
                           newest.next_update())) {
      Reject(&finding, ErrorCode::kCrlStale,
             "CRL number " + NumberText(newest) + " of " +
                 FormatRfc3339(newest.this_update()) +
                 (newest.next_update()
                      ? " expired at " + FormatRfc3339(*newest.next_update())
                      : std::string(" has no nextUpdate, so it covers only "
                                    "its own time,")) +
                 " and the control time " +
                 FormatRfc3339(question_.control_time) +
                 " is later; give a newer CRL");
    } else {
      finding.outcome = Outcome::kGood;
    }
    return finding;
  }

  RevocationFinding JudgeDeltaAlone(const crl::Crl& delta) {
    RevocationFinding finding = Start(delta);
    if (auto entry = delta.FindRevoked(question_.certificate->serial());
        entry && entry->reason != crl::ReasonCode::kRemoveFromCrl) {
      MarkRevoked(*entry, &finding);
      return finding;
    }
    finding.summary.status = RevocationStatus::kUnknown;
    Reject(&finding, ErrorCode::kCrlDeltaWithoutBase,
           "delta CRL number " + NumberText(delta) + " updates complete CRL " +
               encoding::HexEncode(*delta.base_crl_number()) +
               ", which was not given; a delta alone cannot show that a "
               "certificate is not revoked");
    return finding;
  }

  static void MarkRevoked(const crl::RevokedCertificate& entry,
                          RevocationFinding* finding) {
    finding->outcome = Outcome::kRevoked;
    finding->summary.status = RevocationStatus::kRevoked;
    finding->summary.revocation_time = entry.revocation_date;
    if (entry.reason) {
      finding->summary.revocation_reason =
          std::string(crl::ReasonCodeName(*entry.reason));
    }
  }

  const RevocationQuestion& question_;
  std::vector<RevocationFinding> findings_;
};

}  // namespace

std::vector<RevocationFinding> CheckCrlEvidence(
    const std::vector<CrlPtr>& crls, const RevocationQuestion& question) {
  return CrlChecker(question).Run(crls);
}

}  // namespace tinysign::verify
