// An in-memory set of trusted CA certificates: the anchors (self-issued
// roots) and the intermediates of the hierarchies an operator trusts.
//
// The core reads no files: the CLI or the service reads the trust directory
// and calls `Add` with each certificate's DER. Lookups scan the whole set,
// which suits the handful of CA certificates a NUC deployment trusts.
//
// Example:
//   x509::TrustStore trust;
//   TINYSIGN_ASSIGN_OR_RETURN(auto added, trust.Add(root_der));
//   for (const auto& issuer : trust.FindIssuers(*certificate)) { ... }
#ifndef TINYSIGN_CORE_X509_TRUST_STORE_H_
#define TINYSIGN_CORE_X509_TRUST_STORE_H_

#include <memory>
#include <vector>

#include "core/der/input.h"
#include "core/result.h"
#include "core/x509/certificate.h"
#include "core/x509/name.h"

namespace tinysign::x509 {

using CertificatePtr = std::shared_ptr<const Certificate>;

// IsAnchorCandidate returns true for a self-issued certificate whose
// authorityKeyIdentifier, when both it and the subjectKeyIdentifier are
// present, names its own key. That is what a self-signed root looks like;
// whether the signature really verifies is left to the chain checker.
bool IsAnchorCandidate(const Certificate& certificate);

class TrustStore {
 public:
  // AddOutcome is the result of `Add`: a new certificate or a duplicate.
  enum class AddOutcome { kAdded, kDuplicate };

  // Add parses the DER certificate `der` and adds it. When a certificate
  // with the same SHA-256 fingerprint is already present, it returns
  // `kDuplicate` and leaves the set unchanged. It fails with the codes of
  // `ParseCertificate`.
  Result<AddOutcome> Add(der::Input der);

  // AddParsed adds a parsed certificate, with the same duplicate rule.
  AddOutcome AddParsed(CertificatePtr certificate);

  // certificates returns every certificate in the order added.
  const std::vector<CertificatePtr>& certificates() const {
    return certificates_;
  }
  // anchors returns the certificates for which `IsAnchorCandidate` holds.
  std::vector<CertificatePtr> anchors() const;
  // intermediates returns the other certificates.
  std::vector<CertificatePtr> intermediates() const;
  size_t size() const { return certificates_.size(); }

  // FindBySubject returns the certificates whose subject matches `name` by
  // `NamesMatch`.
  std::vector<CertificatePtr> FindBySubject(const Name& name) const;

  // FindBySubjectKeyIdentifier returns the certificates whose
  // subjectKeyIdentifier equals `key_identifier`.
  std::vector<CertificatePtr> FindBySubjectKeyIdentifier(
      der::Input key_identifier) const;

  // FindIssuers returns the candidate issuers of `certificate`: those whose
  // subject matches its issuer name (RFC 5280 6.1 chains by name) and, when
  // its authorityKeyIdentifier has a keyIdentifier and the candidate has a
  // subjectKeyIdentifier, whose key identifier equals it. Candidates with a
  // matching key identifier come first.
  std::vector<CertificatePtr> FindIssuers(const Certificate& certificate) const;

 private:
  std::vector<CertificatePtr> certificates_;
  // SHA-256 of each certificate's DER, in the order of `certificates_`.
  std::vector<Bytes> fingerprints_;
};

}  // namespace tinysign::x509

#endif  // TINYSIGN_CORE_X509_TRUST_STORE_H_
