// The report's view of certificates: names, NUC identity and fingerprints.
#ifndef TINYSIGN_CORE_VERIFY_CERTIFICATE_SUMMARY_H_
#define TINYSIGN_CORE_VERIFY_CERTIFICATE_SUMMARY_H_

#include <vector>

#include "core/verify/chain.h"
#include "core/verify/report.h"
#include "core/x509/certificate.h"

namespace tinysign::verify {

// SummarizeCertificate fills the report fields of `certificate`.
CertificateSummary SummarizeCertificate(const x509::Certificate& certificate);

// SummarizeChain lists the path of `chain`, signer first; the last entry is
// marked as the anchor when the path reached one.
std::vector<ChainEntry> SummarizeChain(const ChainResult& chain);

}  // namespace tinysign::verify

#endif  // TINYSIGN_CORE_VERIFY_CERTIFICATE_SUMMARY_H_
