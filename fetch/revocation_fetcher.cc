#include "fetch/revocation_fetcher.h"

#include <utility>

#include "core/cms/signed_data.h"
#include "core/verify/chain.h"
#include "core/verify/revocation_check.h"
#include "core/x509/name.h"

namespace tinysign::fetch {

namespace {

// SignerIdMatches returns true when `sid` names `certificate` (RFC 5652
// section 5.3).
bool SignerIdMatches(const cms::SignerIdentifier& sid,
                     const x509::Certificate& certificate) {
  if (sid.kind == cms::SignerIdentifier::Kind::kSubjectKeyIdentifier) {
    const auto& key_identifier = certificate.subject_key_identifier();
    return key_identifier.has_value() &&
           *key_identifier == sid.subject_key_identifier;
  }
  if (sid.serial_number != certificate.serial()) {
    return false;
  }
  auto issuer = x509::ParseName(sid.issuer_tlv);
  return issuer && x509::NamesMatch(*issuer, certificate.issuer());
}

CertificatePtr FindCertificate(const cms::SignerIdentifier& sid,
                               const std::vector<CertificatePtr>& candidates) {
  for (const CertificatePtr& candidate : candidates) {
    if (SignerIdMatches(sid, *candidate)) {
      return candidate;
    }
  }
  return nullptr;
}

std::vector<CertificatePtr> ParseCertificates(
    const std::vector<der::Input>& ders) {
  std::vector<CertificatePtr> certificates;
  for (der::Input der : ders) {
    // A certificate that does not parse cannot be a signer or an issuer,
    // and the verifier reports it.
    if (auto certificate = x509::ParseCertificate(der)) {
      certificates.push_back(*certificate);
    }
  }
  return certificates;
}

// AddFailure records a fetch of `source` for `certificate` that gave no
// evidence, under `subject` for the caller's log and under `source` for
// the report.
void AddFailure(const CertificatePtr& certificate, const std::string& subject,
                const std::string& source, Error error,
                CollectedEvidence* collected) {
  collected->evidence.failed_fetches.push_back(
      verify::FailedFetch{certificate, source, error});
  collected->failures.push_back({subject, std::move(error)});
}

void Append(CollectedEvidence from, CollectedEvidence* to) {
  for (auto& ocsp : from.evidence.ocsp) {
    to->evidence.ocsp.push_back(std::move(ocsp));
  }
  for (auto& crl : from.evidence.crls) {
    to->evidence.crls.push_back(std::move(crl));
  }
  for (auto& fetch : from.evidence.failed_fetches) {
    to->evidence.failed_fetches.push_back(std::move(fetch));
  }
  for (auto& failure : from.failures) {
    to->failures.push_back(std::move(failure));
  }
}

}  // namespace

RevocationFetcher::RevocationFetcher(FetchConfig config,
                                     crypto::RandomSource& random)
    : config_(std::move(config)),
      client_(config_),
      ocsp_(config_, client_, metrics_, random),
      crls_(config_, client_, metrics_) {}

CollectedEvidence RevocationFetcher::CollectForCertificate(
    const std::vector<CertificatePtr>& path, Time control_time,
    const std::string& label) {
  CollectedEvidence collected;
  if (path.size() < 2) {
    collected.failures.push_back(
        {label, Error{ErrorCode::kChainIssuerNotFound,
                      "no issuer to ask about the certificate"}});
    return collected;
  }
  const CertificatePtr& certificate = path[0];
  const CertificatePtr& issuer = path[1];
  auto ocsp = ocsp_.Fetch(certificate, issuer);
  if (!ocsp) {
    AddFailure(certificate, label + " OCSP", "the OCSP response",
               std::move(ocsp).error(), &collected);
  } else {
    const ocsp::ResponseStatus status = ocsp->response->response_status();
    collected.evidence.ocsp.push_back(std::move(*ocsp));
    if (status != ocsp::ResponseStatus::kSuccessful) {
      // Only logged: the core reports the unsuccessful response itself.
      collected.failures.push_back(
          {label + " OCSP",
           Error{ErrorCode::kOcspUnsuccessfulResponse,
                 std::string(ocsp::ResponseStatusName(status))}});
    } else if (IsSettled(path, collected.evidence, control_time)) {
      return collected;
    }
  }

  std::vector<std::string> urls = certificate->crl_urls();
  urls.insert(urls.end(), config_.crl_urls.begin(), config_.crl_urls.end());
  if (urls.empty()) {
    AddFailure(certificate, label + " CRL", "a CRL",
               Error{ErrorCode::kFetchNoUrl,
                     "the certificate has no cRLDistributionPoints and no "
                     "CRL URL is configured"},
               &collected);
  }
  CollectCrls(urls, certificate, issuer, label, &collected);
  CollectCrls(certificate->delta_crl_urls(), certificate, issuer, label,
              &collected);
  return collected;
}

Result<CollectedEvidence> RevocationFetcher::CollectForCms(
    der::Input cms, const x509::TrustStore& trust, Time control_time) {
  TINYSIGN_ASSIGN_OR_RETURN(auto signed_data, cms::ParseSignedData(cms));
  verify::CertificatePool pool;
  pool.trusted = trust.certificates();
  pool.untrusted = ParseCertificates(signed_data->certificates());

  CollectedEvidence collected;
  for (size_t i = 0; i < signed_data->signers().size(); ++i) {
    const std::string label = "signer " + std::to_string(i);
    const cms::SignerIdentifier& sid = signed_data->signers()[i].sid;
    CertificatePtr certificate = FindCertificate(sid, pool.untrusted);
    if (certificate == nullptr) {
      certificate = FindCertificate(sid, pool.trusted);
    }
    if (certificate == nullptr) {
      collected.failures.push_back(
          {label, Error{ErrorCode::kCmsSignerCertificateMissing, {}}});
      continue;
    }
    const verify::ChainResult chain =
        verify::BuildChain(certificate, pool, control_time);
    Append(CollectForCertificate(chain.path, control_time, label), &collected);
  }
  return collected;
}

bool RevocationFetcher::IsSettled(const std::vector<CertificatePtr>& path,
                                  const verify::RevocationEvidence& evidence,
                                  Time control_time) const {
  verify::Policy policy;
  policy.revocation = verify::RevocationPolicy::kRequire;
  const verify::RevocationCheck check = verify::CheckRevocation(
      path, evidence, control_time, CurrentTime(config_), policy);
  return check.status == verify::RevocationStatus::kGood ||
         check.status == verify::RevocationStatus::kRevoked;
}

void RevocationFetcher::CollectCrls(const std::vector<std::string>& urls,
                                    const CertificatePtr& certificate,
                                    const CertificatePtr& issuer,
                                    const std::string& label,
                                    CollectedEvidence* collected) {
  for (const std::string& url : urls) {
    auto crl = crls_.Fetch(url, issuer);
    if (crl) {
      collected->evidence.crls.push_back(std::move(*crl));
    } else {
      AddFailure(certificate, label + " CRL " + url, "the CRL at " + url,
                 std::move(crl).error(), collected);
    }
  }
}

}  // namespace tinysign::fetch
