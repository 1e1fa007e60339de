#include "core/verify/verifier.h"

#include <string>

#include "core/cms/signed_data.h"
#include "core/verify/certificate_summary.h"
#include "core/verify/chain.h"
#include "core/verify/key_purpose.h"
#include "core/verify/revocation_check.h"
#include "core/verify/signer_verifier.h"
#include "core/verify/verdict.h"

namespace tinysign::verify {

namespace {

// ParseCmsCertificates parses the certificates a SignedData carries. One
// that does not parse is reported and left out: it cannot be the signer's
// or a chain link anyway.
std::vector<CertificatePtr> ParseCmsCertificates(
    const cms::SignedData& signed_data, std::vector<Reason>* reasons) {
  std::vector<CertificatePtr> certificates;
  size_t index = 0;
  for (der::Input der : signed_data.certificates()) {
    auto certificate = x509::ParseCertificate(der);
    if (certificate) {
      certificates.push_back(*certificate);
    } else {
      reasons->push_back(Reason{ErrorCode::kChainBadCertificate,
                                "certificate " + std::to_string(index) +
                                    " in the CMS cannot be parsed: " +
                                    certificate.error().IdAndDetail()});
    }
    ++index;
  }
  return certificates;
}

// ResolveDocument decides which content the signers' digests are checked
// against and fills the document summary. It returns false when the caller
// supplied a document that differs from the attached one.
bool ResolveDocument(const cms::SignedData& signed_data,
                     const Document& document, Report* report,
                     std::optional<der::Input>* content) {
  DocumentSummary& summary = report->document;
  const auto& attached = signed_data.encapsulated_content();
  if (attached) {
    summary.attached = true;
    summary.source = "attached";
    summary.size = attached->size();
    *content = *attached;
    if (document.kind == Document::Kind::kContent &&
        !(document.content == *attached)) {
      report->reasons.push_back(
          Reason{ErrorCode::kCmsContentSupplied,
                 "the supplied document differs from the document attached to "
                 "the signature; the signature covers only the attached one"});
      return false;
    }
    if (document.kind == Document::Kind::kDigest &&
        !(der::Input(
              crypto::ComputeDigest(document.digest_algorithm, *attached)) ==
          der::Input(document.digest))) {
      report->reasons.push_back(Reason{
          ErrorCode::kCmsContentSupplied,
          "the supplied digest is not the " +
              std::string(crypto::DigestName(document.digest_algorithm)) +
              " digest of the document attached to the signature; the "
              "signature covers only the attached one"});
      return false;
    }
    return true;
  }
  switch (document.kind) {
    case Document::Kind::kContent:
      summary.source = "supplied";
      summary.size = document.content.size();
      *content = document.content;
      break;
    case Document::Kind::kDigest:
      summary.source = "digest";
      break;
    case Document::Kind::kNone:
      summary.source = "missing";
      report->reasons.push_back(
          Reason{ErrorCode::kCmsDetachedContentMissing,
                 "the signature is detached: supply the signed document "
                 "or its digest to check it"});
      break;
  }
  return true;
}

// ReportUnusedTimestamps names each supplied timestamp that no signer
// used: it covers another signature, or every signer has its own token.
void ReportUnusedTimestamps(const VerifyOptions& options,
                            const std::vector<bool>& used, Report* report) {
  for (size_t i = 0; i < used.size(); ++i) {
    if (used[i]) {
      continue;
    }
    report->reasons.push_back(Reason{
        ErrorCode::kTimestampUnmatched,
        "the supplied timestamp of " +
            FormatRfc3339(options.timestamps[i]->tst_info().gen_time) +
            " was not used: its messageImprint covers none of the signature "
            "values that lack a timestamp of their own"});
  }
}

}  // namespace

Result<Report> VerifyCms(der::Input cms, const Document& document,
                         const x509::TrustStore& trust,
                         const VerifyOptions& options) {
  TINYSIGN_ASSIGN_OR_RETURN(auto signed_data, cms::ParseSignedData(cms));
  Report report;
  report.validation_time = options.validation_time;
  report.policy = options.policy;

  const std::vector<CertificatePtr> cms_certificates =
      ParseCmsCertificates(*signed_data, &report.reasons);
  CertificatePool pool;
  pool.trusted = trust.certificates();
  pool.untrusted = cms_certificates;

  std::optional<der::Input> content;
  const bool document_matches =
      ResolveDocument(*signed_data, document, &report, &content);
  DocumentDigests digests(content, document);

  SignerContext context;
  context.signed_data = signed_data.get();
  context.pool = &pool;
  context.cms_certificates = &cms_certificates;
  context.digests = &digests;
  context.document = &document;
  context.options = &options;
  std::vector<bool> timestamps_used(options.timestamps.size(), false);
  context.timestamps_used = &timestamps_used;
  for (const cms::SignerInfo& signer : signed_data->signers()) {
    report.signers.push_back(VerifySigner(signer, context));
  }
  ReportUnusedTimestamps(options, timestamps_used, &report);
  if (report.signers.empty()) {
    report.reasons.push_back(
        Reason{ErrorCode::kCmsNoSigners, "the CMS has no SignerInfo"});
  } else {
    report.document.digest_algorithm = report.signers[0].digest_algorithm;
  }
  report.verdict =
      document_matches ? ReportVerdict(report.signers) : Verdict::kInvalid;
  return report;
}

Result<CertificateReport> VerifyCertificate(der::Input certificate_der,
                                            const std::vector<Bytes>& untrusted,
                                            const x509::TrustStore& trust,
                                            const VerifyOptions& options) {
  TINYSIGN_ASSIGN_OR_RETURN(CertificatePtr certificate,
                            x509::ParseCertificate(certificate_der));
  CertificateReport report;
  report.validation_time = options.validation_time;
  report.policy = options.policy;
  report.certificate = SummarizeCertificate(*certificate);

  CertificatePool pool;
  pool.trusted = trust.certificates();
  for (const Bytes& der : untrusted) {
    auto extra = x509::ParseCertificate(der);
    if (!extra) {
      report.reasons.push_back(
          Reason{ErrorCode::kChainBadCertificate,
                 "an untrusted certificate cannot be parsed: " +
                     extra.error().IdAndDetail()});
      continue;
    }
    pool.untrusted.push_back(*extra);
  }

  const ChainResult chain =
      BuildChain(certificate, pool, options.validation_time);
  report.chain = chain.result;
  report.chain_entries = SummarizeChain(chain);
  report.reasons.insert(report.reasons.end(), chain.reasons.begin(),
                        chain.reasons.end());

  const KeyPurposeResult purpose =
      CheckKeyPurposeFor(*certificate, options.policy.purpose);
  report.key_usage = purpose.result;
  report.key_usage_rule = purpose.rule;
  if (purpose.reason) {
    report.reasons.push_back(*purpose.reason);
  }
  RevocationCheck revocation =
      CheckRevocation(chain.path, options.revocation, options.validation_time,
                      CurrentTime(options), options.policy);
  report.revocation = revocation.status;
  report.revocation_evidence = std::move(revocation.summary);
  report.reasons.insert(report.reasons.end(), revocation.reasons.begin(),
                        revocation.reasons.end());
  report.verdict = CertificateVerdict(report);
  return report;
}

}  // namespace tinysign::verify
