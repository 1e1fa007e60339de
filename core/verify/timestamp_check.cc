#include "core/verify/timestamp_check.h"

#include <string>

#include "core/der/oid.h"
#include "core/tsp/timestamp.h"
#include "core/tsp/token_verification.h"
#include "core/verify/verdict.h"
#include "core/x509/certificate.h"

namespace tinysign::verify {

namespace {

class TimestampChecker {
 public:
  TimestampChecker(const CertificatePool& pool, Time validation_time,
                   int64_t skew_seconds)
      : pool_(pool),
        validation_time_(validation_time),
        skew_seconds_(skew_seconds) {}

  TimestampCheck Run(der::Input token_der, der::Input signature_value) {
    auto token = tsp::ParseTimeStampToken(token_der);
    if (!token) {
      Add(CheckResult::kFailed, ErrorCode::kTimestampMalformed,
          "the timestamp token cannot be parsed: " +
              token.error().IdAndDetail());
      return std::move(out_);
    }
    const tsp::TstInfo& info = (*token)->tst_info();
    out_.result = CheckResult::kPassed;
    out_.summary =
        TimestampSummary{info.gen_time, der::OidToString(info.policy), ""};
    auto imprint = tsp::CheckMessageImprint(info, signature_value);
    if (!imprint) {
      Add(imprint.error().code == ErrorCode::kCryptoUnsupportedAlgorithm
              ? CheckResult::kIndeterminate
              : CheckResult::kFailed,
          ErrorCode::kTimestampImprintMismatch,
          "the timestamp does not cover this signature: " +
              imprint.error().IdAndDetail());
    }
    CheckTsa(**token, info.gen_time);
    CheckAgainstValidationTime(info.gen_time);
    out_.summary->result = out_.result;
    return std::move(out_);
  }

 private:
  void Add(CheckResult severity, ErrorCode code, std::string message) {
    out_.reasons.push_back(Reason{code, std::move(message)});
    if (CheckSeverity(severity) > CheckSeverity(out_.result)) {
      out_.result = severity;
    }
  }

  void CheckAgainstValidationTime(Time gen_time) {
    if (gen_time.unix_seconds <=
        validation_time_.unix_seconds + skew_seconds_) {
      return;
    }
    Add(CheckResult::kIndeterminate, ErrorCode::kTimestampAfterValidationTime,
        "the timestamp's genTime " + FormatRfc3339(gen_time) +
            " is later than the validation time " +
            FormatRfc3339(validation_time_) +
            ", so it proves nothing about that time");
  }

  void CheckTsa(const tsp::TimeStampToken& token, Time gen_time) {
    auto tsa = tsp::FindTsaCertificate(token, pool_.trusted);
    if (!tsa) {
      Add(CheckResult::kIndeterminate, ErrorCode::kTimestampTsaUntrusted,
          "the TSA certificate is not in the token: " +
              tsa.error().IdAndDetail());
      return;
    }
    out_.summary->tsa = (*tsa)->subject().ToRfc4514();
    auto signature = tsp::VerifyTimeStampTokenSignature(token, **tsa);
    if (!signature) {
      Add(CheckResult::kFailed, ErrorCode::kTimestampSignatureInvalid,
          signature.error().IdAndDetail());
    }
    CheckTsaKeyPurpose(**tsa);
    CheckTsaChain(*tsa, token, gen_time);
  }

  // CheckTsaKeyPurpose applies RFC 3161 section 2.3: the TSA certificate
  // has one extended key usage, id-kp-timeStamping, marked critical.
  void CheckTsaKeyPurpose(const x509::Certificate& tsa) {
    const x509::Extension* extension =
        tsa.extensions().Find(x509::oid::kExtKeyUsage);
    const auto& purposes = tsa.ext_key_usage();
    const bool authorized = extension != nullptr && extension->critical &&
                            purposes && purposes->size() == 1 &&
                            x509::oid::kTimeStamping == purposes->front();
    if (!authorized) {
      Add(CheckResult::kFailed, ErrorCode::kTimestampTsaNotAuthorized,
          "TSA certificate " + tsa.subject().ToRfc4514() +
              " does not have exactly the critical timeStamping extended "
              "key usage");
    }
  }

  void CheckTsaChain(const CertificatePtr& tsa,
                     const tsp::TimeStampToken& token, Time gen_time) {
    CertificatePool pool = pool_;
    for (der::Input der : token.signed_data().certificates()) {
      auto certificate = x509::ParseCertificate(der);
      if (certificate) {
        pool.untrusted.push_back(*certificate);
      }
    }
    const ChainResult chain = BuildChain(tsa, pool, gen_time);
    if (chain.result == CheckResult::kPassed) {
      return;
    }
    for (const Reason& reason : chain.reasons) {
      Add(chain.result, ErrorCode::kTimestampTsaUntrusted,
          "TSA certificate path: " + std::string(ErrorId(reason.code)) + ": " +
              reason.message);
    }
  }

  const CertificatePool& pool_;
  const Time validation_time_;
  const int64_t skew_seconds_;
  TimestampCheck out_;
};

}  // namespace

TimestampCheck CheckSignatureTimestamp(der::Input token,
                                       der::Input signature_value,
                                       const CertificatePool& pool,
                                       Time validation_time,
                                       int64_t skew_seconds) {
  return TimestampChecker(pool, validation_time, skew_seconds)
      .Run(token, signature_value);
}

}  // namespace tinysign::verify
