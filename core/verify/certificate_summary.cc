#include "core/verify/certificate_summary.h"

#include "core/crypto/digest.h"
#include "core/encoding/input_form.h"
#include "core/x509/nuc_profile.h"

namespace tinysign::verify {

namespace {

std::string Sha256Hex(const x509::Certificate& certificate) {
  return encoding::HexEncode(crypto::ComputeDigest(
      crypto::DigestAlgorithm::kSha256, certificate.der()));
}

}  // namespace

CertificateSummary SummarizeCertificate(const x509::Certificate& certificate) {
  CertificateSummary summary;
  summary.serial_number = encoding::HexEncode(certificate.serial());
  summary.not_before = certificate.not_before();
  summary.not_after = certificate.not_after();
  summary.issuer = certificate.issuer().ToRfc4514();
  summary.subject = certificate.subject().ToRfc4514();
  const x509::NucIdentity identity = x509::ExtractNucIdentity(certificate);
  summary.iin = identity.iin;
  summary.bin = identity.bin;
  summary.common_name = identity.common_name;
  summary.surname = identity.surname;
  summary.given_name = identity.given_name;
  summary.patronymic = identity.patronymic;
  summary.organization = identity.organization;
  summary.email = identity.email;
  summary.key_purposes = identity.key_purposes;
  summary.roles = identity.roles;
  summary.sha256 = Sha256Hex(certificate);
  return summary;
}

std::vector<ChainEntry> SummarizeChain(const ChainResult& chain) {
  std::vector<ChainEntry> entries;
  for (const CertificatePtr& certificate : chain.path) {
    ChainEntry entry;
    entry.subject = certificate->subject().ToRfc4514();
    entry.serial_number = encoding::HexEncode(certificate->serial());
    entry.sha256 = Sha256Hex(*certificate);
    entries.push_back(std::move(entry));
  }
  if (chain.reached_anchor && !entries.empty()) {
    entries.back().trust_anchor = true;
  }
  return entries;
}

}  // namespace tinysign::verify
