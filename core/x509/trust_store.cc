#include "core/x509/trust_store.h"

#include <algorithm>

#include "core/crypto/digest.h"

namespace tinysign::x509 {

namespace {

// KeyIdentifiersAgree returns false only when `child` names its issuer's
// key and `issuer` names its own key, and the two differ.
bool KeyIdentifiersAgree(const Certificate& issuer, const Certificate& child) {
  const auto& authority = child.authority_key_identifier();
  const auto& subject = issuer.subject_key_identifier();
  if (!authority || !authority->key_identifier || !subject) {
    return true;
  }
  return *authority->key_identifier == *subject;
}

bool HasKeyIdentifierMatch(const Certificate& issuer,
                           const Certificate& child) {
  const auto& authority = child.authority_key_identifier();
  const auto& subject = issuer.subject_key_identifier();
  return authority && authority->key_identifier && subject &&
         *authority->key_identifier == *subject;
}

}  // namespace

bool IsAnchorCandidate(const Certificate& certificate) {
  return certificate.IsSelfIssued() &&
         KeyIdentifiersAgree(certificate, certificate);
}

Result<TrustStore::AddOutcome> TrustStore::Add(der::Input der) {
  TINYSIGN_ASSIGN_OR_RETURN(CertificatePtr certificate, ParseCertificate(der));
  return AddParsed(std::move(certificate));
}

TrustStore::AddOutcome TrustStore::AddParsed(CertificatePtr certificate) {
  Bytes fingerprint = crypto::ComputeDigest(crypto::DigestAlgorithm::kSha256,
                                            certificate->der());
  if (std::find(fingerprints_.begin(), fingerprints_.end(), fingerprint) !=
      fingerprints_.end()) {
    return AddOutcome::kDuplicate;
  }
  certificates_.push_back(std::move(certificate));
  fingerprints_.push_back(std::move(fingerprint));
  return AddOutcome::kAdded;
}

std::vector<CertificatePtr> TrustStore::anchors() const {
  std::vector<CertificatePtr> out;
  for (const CertificatePtr& certificate : certificates_) {
    if (IsAnchorCandidate(*certificate)) {
      out.push_back(certificate);
    }
  }
  return out;
}

std::vector<CertificatePtr> TrustStore::intermediates() const {
  std::vector<CertificatePtr> out;
  for (const CertificatePtr& certificate : certificates_) {
    if (!IsAnchorCandidate(*certificate)) {
      out.push_back(certificate);
    }
  }
  return out;
}

std::vector<CertificatePtr> TrustStore::FindBySubject(const Name& name) const {
  std::vector<CertificatePtr> out;
  for (const CertificatePtr& certificate : certificates_) {
    if (NamesMatch(certificate->subject(), name)) {
      out.push_back(certificate);
    }
  }
  return out;
}

std::vector<CertificatePtr> TrustStore::FindBySubjectKeyIdentifier(
    der::Input key_identifier) const {
  std::vector<CertificatePtr> out;
  for (const CertificatePtr& certificate : certificates_) {
    const auto& subject = certificate->subject_key_identifier();
    if (subject && *subject == key_identifier) {
      out.push_back(certificate);
    }
  }
  return out;
}

std::vector<CertificatePtr> TrustStore::FindIssuers(
    const Certificate& certificate) const {
  std::vector<CertificatePtr> out;
  for (const CertificatePtr& candidate : FindBySubject(certificate.issuer())) {
    if (KeyIdentifiersAgree(*candidate, certificate)) {
      out.push_back(candidate);
    }
  }
  std::stable_partition(out.begin(), out.end(),
                        [&](const CertificatePtr& candidate) {
                          return HasKeyIdentifierMatch(*candidate, certificate);
                        });
  return out;
}

}  // namespace tinysign::x509
