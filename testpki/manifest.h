// DIR/manifest.json of a generated test PKI: the options it was built
// from, the service URLs, and each key with its file, password,
// algorithm, roles, purpose, status, IIN and BIN.
//
// `tinysign-testpki serve` reads the options back to rebuild the
// hierarchies, and the statuses, so that editing a key's "status" (and
// "revocation_time", which defaults to "at") in the manifest changes what
// OCSP and the CRLs report.
#ifndef TINYSIGN_TESTPKI_MANIFEST_H_
#define TINYSIGN_TESTPKI_MANIFEST_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "testpki/hierarchy.h"
#include "testpki/responder.h"

namespace tinysign::testpki {

// kKeyPassword protects every key file, the password of NUC's test keys.
inline constexpr std::string_view kKeyPassword = "Qwerty12";

// KeyFiles are the paths, relative to DIR, written for one end entity.
struct KeyFiles {
  // The PKCS#12 file, with the CA and root certificates, protected by
  // `kKeyPassword`.
  std::string pkcs12;
  std::string certificate;
  // Unencrypted PKCS#8 PrivateKeyInfo, DER.
  std::string private_key;
};

// ManifestJson returns the manifest of `hierarchies`, pretty enough to
// read: one key per line.
std::string ManifestJson(const HierarchyOptions& options,
                         const std::vector<Hierarchy>& hierarchies,
                         const std::map<std::string, KeyFiles>& files);

// ManifestData is what `serve` needs from a manifest.
struct ManifestData {
  HierarchyOptions options;
  // Statuses by algorithm, then by serial number magnitude.
  std::map<std::string, std::map<Bytes, CertificateStatus>> statuses;
};

// ParseManifest reads `json`. It fails with `input.bad_time` for an
// invalid "at" or "revocation_time", and `input.empty` naming the missing
// or invalid field otherwise.
Result<ManifestData> ParseManifest(std::string_view json);

}  // namespace tinysign::testpki

#endif  // TINYSIGN_TESTPKI_MANIFEST_H_
