#include "core/verify/signer_verifier.h"

#include <string>

#include "core/cms/attributes.h"
#include "core/encoding/input_form.h"
#include "core/tsp/token_verification.h"
#include "core/verify/certificate_summary.h"
#include "core/verify/key_purpose.h"
#include "core/verify/revocation_check.h"
#include "core/verify/signed_bytes.h"
#include "core/verify/timestamp_check.h"
#include "core/verify/verdict.h"

namespace tinysign::verify {

std::optional<Bytes> DocumentDigests::Get(crypto::DigestAlgorithm algorithm) {
  if (content_) {
    auto cached = cache_.find(algorithm);
    if (cached != cache_.end()) {
      return cached->second;
    }
    Bytes digest = crypto::ComputeDigest(algorithm, *content_);
    cache_.emplace(algorithm, digest);
    return digest;
  }
  if (document_.kind == Document::Kind::kDigest &&
      document_.digest_algorithm == algorithm) {
    return document_.digest;
  }
  return std::nullopt;
}

namespace {

std::string Describe(const Error& error) {
  std::string text(ErrorMessage(error.code));
  if (!error.detail.empty()) {
    text += ": " + error.detail;
  }
  return text;
}

void AddReason(SignerReport* report, ErrorCode code, std::string message) {
  report->reasons.push_back(Reason{code, std::move(message)});
}

bool SidMatches(const cms::SignerIdentifier& sid,
                const x509::Certificate& certificate) {
  if (sid.kind == cms::SignerIdentifier::Kind::kSubjectKeyIdentifier) {
    const auto& ski = certificate.subject_key_identifier();
    return ski && *ski == sid.subject_key_identifier;
  }
  if (!(sid.serial_number == certificate.serial())) {
    return false;
  }
  auto issuer = x509::ParseName(sid.issuer_tlv);
  return issuer && x509::NamesMatch(*issuer, certificate.issuer());
}

// FindSignerCertificate looks for the certificate named by `sid` in the
// SignedData first, then among the trusted certificates.
CertificatePtr FindSignerCertificate(const cms::SignerIdentifier& sid,
                                     const SignerContext& context) {
  for (const CertificatePtr& certificate : *context.cms_certificates) {
    if (SidMatches(sid, *certificate)) {
      return certificate;
    }
  }
  for (const CertificatePtr& certificate : context.pool->trusted) {
    if (SidMatches(sid, *certificate)) {
      return certificate;
    }
  }
  return nullptr;
}

// SignerState carries one signer through the checks.
class SignerState {
 public:
  SignerState(const cms::SignerInfo& signer, const SignerContext& context)
      : signer_(signer), context_(context) {}

  SignerReport Run() {
    certificate_ = FindSignerCertificate(signer_.sid, context_);
    if (certificate_) {
      report_.certificate = SummarizeCertificate(*certificate_);
    } else {
      AddReason(&report_, ErrorCode::kCmsSignerCertificateMissing,
                "the CMS does not carry the certificate its signer names, "
                "and no trusted certificate matches it");
      report_.checks.signature = CheckResult::kIndeterminate;
      report_.checks.key_usage = CheckResult::kIndeterminate;
    }
    ResolveAlgorithms();
    if (signer_.signed_attributes_tlv) {
      CheckWithSignedAttributes();
    } else {
      CheckWithoutSignedAttributes();
    }
    const std::vector<Reason> timestamp_reasons = CheckTimestamp();
    report_.control_time = ControlTime();
    ChainResult chain;
    if (certificate_) {
      chain = CheckChain();
      CheckKeyPurpose();
    }
    CheckRevocation(chain);
    CheckSigningTimeClaim();
    // Timestamp findings come last: they decide the verdict only when the
    // token fails its own checks, so the reasons that do decide come first.
    report_.reasons.insert(report_.reasons.end(), timestamp_reasons.begin(),
                           timestamp_reasons.end());
    report_.verdict = SignerVerdict(report_, context_.options->policy);
    return std::move(report_);
  }

 private:
  void ResolveAlgorithms() {
    auto algorithms = ResolveSignerAlgorithms(signer_.digest_algorithm_tlv,
                                              signer_.signature_algorithm_tlv);
    if (!algorithms) {
      AddReason(&report_, algorithms.error().code,
                Describe(algorithms.error()));
      report_.checks.signature =
          algorithms.error().code == ErrorCode::kCryptoUnsupportedAlgorithm
              ? CheckResult::kIndeterminate
              : CheckResult::kFailed;
      return;
    }
    algorithms_ = *algorithms;
    report_.digest_algorithm =
        std::string(crypto::DigestName(algorithms_->digest));
    report_.signature_algorithm = SignatureAlgorithmName(*algorithms_);
  }

  // CheckWithSignedAttributes follows RFC 5652 section 5.4: the signature
  // covers the signed attributes, and messageDigest covers the content.
  void CheckWithSignedAttributes() {
    auto attributes = cms::ParseSignedAttributes(signer_);
    if (!attributes) {
      AddReason(&report_, attributes.error().code,
                Describe(attributes.error()));
      report_.checks.digest = CheckResult::kFailed;
      report_.checks.signature = CheckResult::kFailed;
      return;
    }
    report_.signing_time = attributes->signing_time;
    bool consistent = true;
    if (!(attributes->content_type ==
          context_.signed_data->encapsulated_content_type())) {
      AddReason(&report_, ErrorCode::kCmsContentTypeMismatch,
                "contentType attribute " +
                    der::OidToString(attributes->content_type) +
                    " differs from eContentType " +
                    der::OidToString(
                        context_.signed_data->encapsulated_content_type()));
      consistent = false;
    }
    CheckMessageDigest(attributes->message_digest);
    consistent =
        CheckSigningCertificate(attributes->signing_certificate) && consistent;
    if (!consistent) {
      report_.checks.signature = CheckResult::kFailed;
      return;
    }
    if (algorithms_ && certificate_) {
      const Bytes message =
          cms::SignedAttributesToVerify(*signer_.signed_attributes_tlv);
      RecordSignature(VerifySignerSignature(*algorithms_, *certificate_,
                                            message, signer_.signature));
    }
  }

  void CheckMessageDigest(der::Input message_digest) {
    if (!algorithms_) {
      report_.checks.digest = CheckResult::kNotChecked;
      return;
    }
    std::optional<Bytes> digest = context_.digests->Get(algorithms_->digest);
    if (!digest) {
      ReportDigestNotChecked();
      return;
    }
    if (der::Input(*digest) == message_digest) {
      report_.checks.digest = CheckResult::kPassed;
      return;
    }
    report_.checks.digest = CheckResult::kFailed;
    AddReason(&report_, ErrorCode::kCmsMessageDigestMismatch,
              "the document's " +
                  std::string(crypto::DigestName(algorithms_->digest)) +
                  " digest " + encoding::HexEncode(*digest) +
                  " differs from the signed messageDigest " +
                  encoding::HexEncode(message_digest));
  }

  void ReportDigestNotChecked() {
    report_.checks.digest = CheckResult::kNotChecked;
    const Document& document = *context_.document;
    if (document.kind == Document::Kind::kDigest) {
      AddReason(&report_, ErrorCode::kCmsDigestNotChecked,
                "the supplied digest is " +
                    std::string(crypto::DigestName(document.digest_algorithm)) +
                    " but this signer signed a " +
                    std::string(crypto::DigestName(algorithms_->digest)) +
                    " digest");
      return;
    }
    AddReason(&report_, ErrorCode::kCmsDigestNotChecked,
              "the signature is detached and the signed document was not "
              "supplied, so the document digest was not checked");
  }

  // CheckSigningCertificate returns false when the signingCertificate
  // attribute names another certificate than the signer's (RFC 5035 section
  // 3: the first ESSCertIDv2 identifies the signing certificate).
  bool CheckSigningCertificate(
      const std::optional<cms::CertificateReference>& reference) {
    if (!reference || !certificate_) {
      return true;
    }
    const Bytes hash =
        crypto::ComputeDigest(reference->hash_algorithm, certificate_->der());
    if (der::Input(hash) == reference->hash) {
      return true;
    }
    AddReason(&report_, ErrorCode::kCmsSigningCertificateMismatch,
              "signingCertificate names a certificate with " +
                  std::string(crypto::DigestName(reference->hash_algorithm)) +
                  " " + encoding::HexEncode(reference->hash) +
                  ", the signer certificate has " + encoding::HexEncode(hash));
    return false;
  }

  // CheckWithoutSignedAttributes handles a signature directly over the
  // content (RFC 5652 section 5.4, no signedAttrs), where the digest check
  // and the signature check are one.
  void CheckWithoutSignedAttributes() {
    if (!algorithms_ || !certificate_) {
      report_.checks.digest = CheckResult::kNotChecked;
      return;
    }
    if (context_.digests->has_content()) {
      RecordSignature(VerifySignerSignature(*algorithms_, *certificate_,
                                            *context_.digests->content(),
                                            signer_.signature));
    } else if (auto digest = context_.digests->Get(algorithms_->digest)) {
      RecordSignature(VerifySignerDigestSignature(*algorithms_, *certificate_,
                                                  *digest, signer_.signature));
    } else {
      ReportDigestNotChecked();
      report_.checks.signature = CheckResult::kIndeterminate;
      return;
    }
    report_.checks.digest = report_.checks.signature;
  }

  void RecordSignature(const Status& status) {
    if (status.has_value()) {
      report_.checks.signature = CheckResult::kPassed;
      return;
    }
    const ErrorCode code = status.error().code;
    report_.checks.signature = code == ErrorCode::kCryptoUnsupportedAlgorithm
                                   ? CheckResult::kIndeterminate
                                   : CheckResult::kFailed;
    AddReason(&report_,
              code == ErrorCode::kCryptoSignatureMismatch
                  ? ErrorCode::kCmsSignatureInvalid
                  : code,
              Describe(status.error()));
  }

  // CheckTimestamp checks the signer's own token, or else a supplied one
  // that covers this signature, and returns its findings.
  std::vector<Reason> CheckTimestamp() {
    const VerifyOptions& options = *context_.options;
    const std::vector<der::Input> tokens = cms::FindTimestampTokens(signer_);
    std::optional<der::Input> token;
    std::string source = "embedded";
    if (!tokens.empty()) {
      token = tokens.front();
    } else if (auto index = FindSuppliedTimestamp()) {
      token = options.timestamps[*index]->signed_data().der();
      (*context_.timestamps_used)[*index] = true;
      source = "supplied";
    }
    if (!token) {
      report_.checks.timestamp = CheckResult::kAbsent;
      return {};
    }
    TimestampCheck check = CheckSignatureTimestamp(
        *token, signer_.signature, *context_.pool, options.validation_time,
        options.policy.clock_skew_seconds);
    report_.checks.timestamp = check.result;
    report_.timestamp = check.summary;
    if (report_.timestamp) {
      report_.timestamp->source = source;
    }
    return std::move(check.reasons);
  }

  std::optional<size_t> FindSuppliedTimestamp() const {
    const auto& supplied = context_.options->timestamps;
    for (size_t i = 0; i < supplied.size(); ++i) {
      if (tsp::CheckMessageImprint(supplied[i]->tst_info(), signer_.signature)
              .has_value()) {
        return i;
      }
    }
    return std::nullopt;
  }

  // ControlTime is the proven genTime of a timestamp that passed, and
  // otherwise the validation time.
  Time ControlTime() const {
    if (report_.checks.timestamp == CheckResult::kPassed && report_.timestamp) {
      return report_.timestamp->gen_time;
    }
    return context_.options->validation_time;
  }

  ChainResult CheckChain() {
    ChainResult chain =
        BuildChain(certificate_, *context_.pool, report_.control_time);
    report_.checks.chain = chain.result;
    report_.chain = SummarizeChain(chain);
    report_.reasons.insert(report_.reasons.end(), chain.reasons.begin(),
                           chain.reasons.end());
    return chain;
  }

  void CheckRevocation(const ChainResult& chain) {
    RevocationCheck check = verify::CheckRevocation(
        chain.path, context_.options->revocation, report_.control_time,
        CurrentTime(*context_.options), context_.options->policy);
    report_.checks.revocation = check.status;
    report_.revocation = std::move(check.summary);
    report_.reasons.insert(report_.reasons.end(), check.reasons.begin(),
                           check.reasons.end());
  }

  // CheckSigningTimeClaim reports a signer that claims to have signed
  // after the time the certificates were judged at, which makes the signer
  // indeterminate (see `SignerVerdict`).
  void CheckSigningTimeClaim() {
    const int64_t skew = context_.options->policy.clock_skew_seconds;
    if (report_.signing_time && report_.signing_time->unix_seconds >
                                    report_.control_time.unix_seconds + skew) {
      AddReason(&report_, ErrorCode::kCmsSigningTimeLater,
                "the signer claims signingTime " +
                    FormatRfc3339(*report_.signing_time) +
                    ", later than the control time " +
                    FormatRfc3339(report_.control_time) +
                    "; validate at or after the signing time");
    }
  }

  void CheckKeyPurpose() {
    const KeyPurposeResult purpose =
        CheckKeyPurposeFor(*certificate_, context_.options->policy.purpose);
    report_.checks.key_usage = purpose.result;
    report_.key_usage_rule = purpose.rule;
    if (purpose.reason) {
      report_.reasons.push_back(*purpose.reason);
    }
  }

  const cms::SignerInfo& signer_;
  const SignerContext& context_;
  SignerReport report_;
  CertificatePtr certificate_;
  std::optional<SignerAlgorithms> algorithms_;
};

}  // namespace

SignerReport VerifySigner(const cms::SignerInfo& signer,
                          const SignerContext& context) {
  return SignerState(signer, context).Run();
}

}  // namespace tinysign::verify
