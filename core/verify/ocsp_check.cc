#include "core/verify/ocsp_check.h"

#include <string>

#include "core/encoding/input_form.h"
#include "core/ocsp/cert_id.h"
#include "core/ocsp/responder.h"
#include "core/verify/signed_bytes.h"
#include "core/x509/extensions.h"

namespace tinysign::verify {

namespace {

using Outcome = RevocationFinding::Outcome;

class OcspChecker {
 public:
  OcspChecker(const OcspEvidence& evidence, const RevocationQuestion& question)
      : evidence_(evidence), question_(question) {}

  RevocationFinding Run() {
    finding_.summary.source = "ocsp";
    finding_.summary.evidence = evidence_.response->der().ToBytes();
    auto basic = evidence_.response->basic_response();
    if (!basic) {
      // An error status such as tryLater is about the request, not about
      // one certificate: it leaves the status unknown.
      return Reject(basic.error().code, "the OCSP responder did not answer: " +
                                            basic.error().IdAndDetail());
    }
    basic_ = *basic;
    finding_.summary.produced_at = basic_->produced_at;
    const ocsp::SingleResponse* single = FindSingleResponse();
    if (single == nullptr) {
      return std::move(finding_);
    }
    Summarize(*single);
    if (!CheckResponder() || !CheckNonce() || !CheckTimes(*single)) {
      finding_.outcome = Outcome::kRejected;
      return std::move(finding_);
    }
    Judge(*single);
    return std::move(finding_);
  }

 private:
  RevocationFinding Reject(ErrorCode code, std::string message) {
    finding_.outcome = Outcome::kRejected;
    Add(code, std::move(message));
    return std::move(finding_);
  }

  void Add(ErrorCode code, std::string message) {
    finding_.reasons.push_back(Reason{code, std::move(message)});
  }

  // FindSingleResponse returns the SingleResponse whose CertID names the
  // certificate, or null with a reason for a response about others.
  const ocsp::SingleResponse* FindSingleResponse() {
    for (const ocsp::SingleResponse& single : basic_->responses) {
      auto matches = ocsp::CertIdMatches(single.cert_id, *question_.certificate,
                                         *question_.issuer);
      if (matches && *matches) {
        return &single;
      }
    }
    Add(ErrorCode::kOcspCertIdMismatch,
        "an OCSP response produced at " + FormatRfc3339(basic_->produced_at) +
            " is about another certificate, not serial " +
            encoding::HexEncode(question_.certificate->serial()));
    return nullptr;
  }

  void Summarize(const ocsp::SingleResponse& single) {
    RevocationSummary& summary = finding_.summary;
    summary.this_update = single.this_update;
    summary.next_update = single.next_update;
    switch (single.status) {
      case ocsp::CertStatus::kGood:
        summary.status = RevocationStatus::kGood;
        break;
      case ocsp::CertStatus::kRevoked:
        summary.status = RevocationStatus::kRevoked;
        summary.revocation_time = single.revocation_time;
        if (single.revocation_reason) {
          summary.revocation_reason =
              std::string(crl::ReasonCodeName(*single.revocation_reason));
        }
        break;
      case ocsp::CertStatus::kUnknown:
        summary.status = RevocationStatus::kUnknown;
        break;
    }
  }

  // CheckResponder finds the responder's certificate, checks that it may
  // respond for the issuer, and verifies the signature.
  bool CheckResponder() {
    auto responder =
        ocsp::FindResponderCertificate(*basic_, {question_.issuer});
    if (!responder) {
      Add(ErrorCode::kOcspResponderNotFound,
          "the OCSP responder's certificate is neither in the response nor "
          "the certificate's issuer: " +
              responder.error().IdAndDetail());
      return false;
    }
    finding_.summary.responder = (*responder)->subject().ToRfc4514();
    if (!IsAuthorized(**responder)) {
      return false;
    }
    auto signature = ocsp::VerifyOcspSignature(*basic_, **responder);
    if (!signature) {
      Add(ErrorCode::kOcspSignatureInvalid,
          "the OCSP response from " + finding_.summary.responder +
              " does not verify: " + signature.error().IdAndDetail());
      return false;
    }
    return true;
  }

  // IsAuthorized applies RFC 6960 section 4.2.2.2: the CA itself, or a
  // certificate it issued for OCSP signing.
  bool IsAuthorized(const x509::Certificate& responder) {
    const x509::Certificate& issuer = *question_.issuer;
    if (responder.spki_tlv() == issuer.spki_tlv() &&
        x509::NamesMatch(responder.subject(), issuer.subject())) {
      return true;
    }
    const std::string name = responder.subject().ToRfc4514();
    if (!x509::NamesMatch(responder.issuer(), issuer.subject()) ||
        !VerifyCertificateSignature(responder, issuer)) {
      Add(ErrorCode::kOcspResponderNotAuthorized,
          "OCSP responder " + name + " was not issued by " +
              issuer.subject().ToRfc4514() +
              ", the issuer of the certificate in question");
      return false;
    }
    const auto& purposes = responder.ext_key_usage();
    bool ocsp_signing = false;
    if (purposes) {
      for (der::Input purpose : *purposes) {
        ocsp_signing = ocsp_signing || x509::oid::kOcspSigning == purpose;
      }
    }
    if (!ocsp_signing) {
      Add(ErrorCode::kOcspResponderNotAuthorized,
          "OCSP responder " + name +
              " lacks the id-kp-OCSPSigning extended key usage");
      return false;
    }
    const Time produced_at = basic_->produced_at;
    const int64_t skew = question_.skew_seconds;
    if (produced_at < AddSkew(responder.not_before(), -skew) ||
        AddSkew(responder.not_after(), skew) < produced_at) {
      Add(ErrorCode::kOcspResponderNotAuthorized,
          "OCSP responder " + name + " was not valid at producedAt " +
              FormatRfc3339(produced_at) + " (valid " +
              FormatRfc3339(responder.not_before()) + " to " +
              FormatRfc3339(responder.not_after()) + ")");
      return false;
    }
    // NOTE: the responder's own revocation status is not checked; NUC's
    // responder certificates carry id-pkix-ocsp-nocheck.
    return true;
  }

  bool CheckNonce() {
    if (!evidence_.nonce) {
      return true;
    }
    if (basic_->nonce && *basic_->nonce == der::Input(*evidence_.nonce)) {
      return true;
    }
    Add(ErrorCode::kOcspNonceMismatch,
        basic_->nonce ? "the OCSP response carries another nonce than the "
                        "request"
                      : "the OCSP request carried a nonce and the response "
                        "has none, so it may be a replay");
    return false;
  }

  bool CheckTimes(const ocsp::SingleResponse& single) {
    const Time latest = AddSkew(question_.current_time, question_.skew_seconds);
    if (latest < single.this_update || latest < basic_->produced_at) {
      Add(ErrorCode::kOcspNotYetValid,
          "the OCSP response's thisUpdate " +
              FormatRfc3339(single.this_update) + " is later than the " +
              "current time " + FormatRfc3339(question_.current_time) +
              "; check the clocks or --skew");
      return false;
    }
    return true;
  }

  void Judge(const ocsp::SingleResponse& single) {
    switch (single.status) {
      case ocsp::CertStatus::kRevoked:
        finding_.outcome = Outcome::kRevoked;
        return;
      case ocsp::CertStatus::kUnknown:
        finding_.outcome = Outcome::kUnknown;
        Add(ErrorCode::kOcspStatusUnknown,
            "OCSP responder " + finding_.summary.responder +
                " answered unknown for serial " +
                encoding::HexEncode(question_.certificate->serial()));
        return;
      case ocsp::CertStatus::kGood:
        break;
    }
    if (!IsFreshFor(question_, single.this_update, single.next_update)) {
      finding_.outcome = Outcome::kRejected;
      Add(ErrorCode::kOcspStale,
          "the OCSP response of " + FormatRfc3339(single.this_update) +
              (single.next_update
                   ? " expired at " + FormatRfc3339(*single.next_update)
                   : std::string(" has no nextUpdate, so it covers only "
                                 "its own time,")) +
              " and the control time " + FormatRfc3339(question_.control_time) +
              " is later; fetch a current response");
      return;
    }
    finding_.outcome = Outcome::kGood;
  }

  const OcspEvidence& evidence_;
  const RevocationQuestion& question_;
  const ocsp::BasicResponse* basic_ = nullptr;
  RevocationFinding finding_;
};

}  // namespace

RevocationFinding CheckOcspEvidence(const OcspEvidence& evidence,
                                    const RevocationQuestion& question) {
  return OcspChecker(evidence, question).Run();
}

}  // namespace tinysign::verify
