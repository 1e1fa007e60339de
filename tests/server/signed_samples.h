// Signatures for the service tests, built with the `pki` builders: a GOST
// 2015 root, an intermediate CA and a signer, written to a temporary trust
// folder. Both signatures are dated 2026-05-31T12:00Z and valid at
// 2026-06-01T00:00Z (`kValidationTime`).
#ifndef TINYSIGN_TESTS_SERVER_SIGNED_SAMPLES_H_
#define TINYSIGN_TESTS_SERVER_SIGNED_SAMPLES_H_

#include <filesystem>
#include <string>

#include "core/der/input.h"

namespace tinysign::testing {

inline constexpr char kValidationTime[] = "2026-06-01T00:00:00Z";

struct SignedSamples {
  // trust_dir contains root.der and ca.der.
  std::filesystem::path trust_dir;
  std::filesystem::path root_der_path;
  std::string document;
  // signer_name is the common name of the signer certificate.
  std::string signer_name;
  Bytes attached;  // CMS with the document inside.
  Bytes detached;  // CMS over the same document, without it.
  // with_ocsp_url is attached, by a second signer whose certificate
  // names the OCSP responder `kSampleOcspUrl` in authorityInfoAccess.
  Bytes with_ocsp_url;
};

// kSampleOcspUrl is a name under the reserved .invalid top-level domain
// (RFC 6761), so it can never resolve.
inline constexpr char kSampleOcspUrl[] = "http://ocsp.tinysign.invalid/ocsp";

// Samples returns the samples, built on first use.
const SignedSamples& Samples();

}  // namespace tinysign::testing

#endif  // TINYSIGN_TESTS_SERVER_SIGNED_SAMPLES_H_
