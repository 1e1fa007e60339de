// The test PKI's certificate hierarchies, built in memory from a seed and
// a reference time: for each algorithm a root, an issuing CA, an OCSP
// responder, a TSA and end entities shaped like NUC's.
//
// Everything is derived from the seed, so `BuildHierarchy` with the same
// options returns the same certificates and keys. `tinysign-testpki serve`
// relies on that: it rebuilds the CA, OCSP and TSA keys instead of reading
// them from disk.
#ifndef TINYSIGN_TESTPKI_HIERARCHY_H_
#define TINYSIGN_TESTPKI_HIERARCHY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crl/crl.h"
#include "core/result.h"
#include "core/time.h"
#include "pki/certificate_builder.h"

namespace tinysign::testpki {

// KeyStatus is a certificate's status as the OCSP responder and the CRLs
// report it. An expired certificate is not revoked: OCSP calls it good.
enum class KeyStatus { kValid, kRevoked, kExpired };

// KeyPurpose is what a key is for: the old NUC hierarchies issue
// separate signing and authentication keys, the 2015 one a single key for
// both.
enum class KeyPurpose { kSign, kAuth, kSignAndAuth };

std::string_view KeyStatusName(KeyStatus status);
std::optional<KeyStatus> KeyStatusFromName(std::string_view name);
std::string_view KeyPurposeName(KeyPurpose purpose);

// HierarchyOptions are the inputs every certificate is derived from.
struct HierarchyOptions {
  uint64_t seed = 0;
  // Validity periods are placed around this time.
  Time at;
  // Base of the CDP and AIA URLs, such as "http://127.0.0.1:8080".
  std::string base_url;
};

// EndEntity is one key with its certificate.
struct EndEntity {
  // File stem, unique over all hierarchies, such as "rsa_individual_sign".
  std::string name;
  // Role names, such as "legal_entity" and "first_head".
  std::vector<std::string> roles;
  KeyPurpose purpose = KeyPurpose::kSign;
  KeyStatus status = KeyStatus::kValid;
  // The 12 digits of the IIN and BIN, empty when not in the subject. The
  // subject writes them with the prefixes "IIN" and "BIN", as NUC does.
  std::string iin;
  std::string bin;
  std::unique_ptr<pki::TestKey> key;
  pki::IssuedCertificate certificate;
  // Set for kRevoked.
  Time revocation_time;
  crl::ReasonCode revocation_reason = crl::ReasonCode::kUnspecified;
};

// Hierarchy is one algorithm's PKI. The certificates point at the keys it
// owns, so it is moved, never copied.
struct Hierarchy {
  // "rsa", "gost2004" or "gost2015".
  std::string algorithm;
  pki::KeyType key_type = pki::KeyType::kRsa2048;
  std::unique_ptr<pki::TestKey> root_key;
  std::unique_ptr<pki::TestKey> ca_key;
  std::unique_ptr<pki::TestKey> ocsp_key;
  std::unique_ptr<pki::TestKey> tsa_key;
  pki::IssuedCertificate root;
  pki::IssuedCertificate ca;
  pki::IssuedCertificate ocsp_responder;
  pki::IssuedCertificate tsa;
  std::vector<EndEntity> end_entities;
};

// AlgorithmNames returns "rsa", "gost2004" and "gost2015", the order in
// which hierarchies are built and listed.
std::vector<std::string> AlgorithmNames();

// BuildHierarchy builds the hierarchy of `algorithm` (one of
// `AlgorithmNames`). It fails with `input.bad_time` when a validity period
// falls outside the years 1950 to 9999, and with the builder's errors.
Result<Hierarchy> BuildHierarchy(std::string_view algorithm,
                                 const HierarchyOptions& options);

// Service URLs of a hierarchy, under `base_url`.
std::string OcspUrl(std::string_view base_url, std::string_view algorithm);
std::string TsaUrl(std::string_view base_url, std::string_view algorithm);
// CrlFileName returns "<algorithm>_<ca>.crl" or "<algorithm>_<ca>_delta.crl",
// where `ca` is "root" or "ca"; the CRL URL is base_url + "/crl/" + it.
std::string CrlFileName(std::string_view algorithm, std::string_view ca,
                        bool delta);
// CertificateFileName returns "<algorithm>_<ca>.cer"; the caIssuers URL is
// base_url + "/cert/" + it.
std::string CertificateFileName(std::string_view algorithm,
                                std::string_view ca);

}  // namespace tinysign::testpki

#endif  // TINYSIGN_TESTPKI_HIERARCHY_H_
