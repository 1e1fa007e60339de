// The signing interface the NCALayer stand-in calls: a list of keys and a
// CMS signature made with one of them.
//
// `tinysign-ncalayer` opens every PKCS#12 file of its key folder behind
// this interface. Tests put a `Signer` of their own behind the same
// dispatcher, so protocol tests do not depend on PKCS#12 files.
#ifndef TINYSIGN_NCALAYER_MODULE_SIGNER_H_
#define TINYSIGN_NCALAYER_MODULE_SIGNER_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/der/input.h"
#include "core/result.h"
#include "core/x509/certificate.h"

namespace tinysign::ncalayer {

// SigningKey is one private key the signer can use, named by the file that
// contains it. The private key itself stays inside the `Signer`.
struct SigningKey {
  // File name without the folder, such as "alice.p12".
  std::string file_name;
  std::shared_ptr<const x509::Certificate> certificate;
};

// TimestampFunction returns the DER TimeStampToken (a ContentInfo) over
// `signature_value`, the SignerInfo signature octets (RFC 3161 appendix A).
using TimestampFunction =
    std::function<Result<Bytes>(der::Input signature_value)>;

// CmsRequest is one document to sign.
struct CmsRequest {
  // The document, or its digest when `is_digest` is set.
  Bytes data;
  // The data is the digest of the document, made with the digest algorithm
  // of the key: SHA-256 for RSA, Streebog of the key size for GOST 2015,
  // GOST 34.311-95 for GOST 2004 (see `cms::DigestAlgorithmFor`).
  // The signature is then detached.
  bool is_digest = false;
  // Encapsulates the document in the SignedData (an attached signature).
  bool attached = true;
  // When set, the signer adds its token as the unsigned attribute
  // id-aa-signatureTimeStampToken (1.2.840.113549.1.9.16.2.14).
  TimestampFunction timestamp;
};

// Signer makes CMS SignedData with the keys it contains. Calls come from one
// thread at a time.
class Signer {
 public:
  virtual ~Signer() = default;

  // keys returns the usable keys in a fixed order; "key N" of the control
  // interface is keys()[N].
  virtual const std::vector<SigningKey>& keys() const = 0;

  // SignCms returns the DER ContentInfo of a SignedData signed with
  // keys()[key_index]: signer certificate only, signed attributes
  // contentType, signingTime, messageDigest and signingCertificateV2.
  virtual Result<Bytes> SignCms(size_t key_index,
                                const CmsRequest& request) = 0;
};

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_SIGNER_H_
