// `tinysign inspect` output for an X.509 certificate: every field, every
// extension decoded, the NUC identity and the fingerprints. GOST
// certificates are shown in full, which `openssl x509 -text` cannot do
// without a GOST engine.
#ifndef TINYSIGN_CLI_INSPECT_CERTIFICATE_H_
#define TINYSIGN_CLI_INSPECT_CERTIFICATE_H_

#include <string>

#include "cli/inspect_writer.h"
#include "core/crypto/algorithm.h"
#include "core/der/input.h"
#include "core/x509/certificate.h"

namespace tinysign::cli {

// PrintCertificate writes `certificate` under a "Certificate" section.
void PrintCertificate(const x509::Certificate& certificate,
                      InspectWriter& writer);

// DescribeSignatureAlgorithm returns "name (dotted OID)" for a signature
// AlgorithmIdentifier read in `context`, or the dotted OID and the reason
// when TinySign does not support it.
std::string DescribeSignatureAlgorithm(der::Input algorithm_identifier_tlv,
                                       crypto::AlgorithmContext context);

// DescribeDigestAlgorithm does the same for a digest AlgorithmIdentifier.
std::string DescribeDigestAlgorithm(der::Input algorithm_identifier_tlv);

// PrintName writes a name in RFC 4514 form under `label`, then each
// attribute on its own line.
void PrintName(std::string_view label, const x509::Name& name,
               InspectWriter& writer);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_INSPECT_CERTIFICATE_H_
