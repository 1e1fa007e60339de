// Verification of one SignerInfo of a CMS SignedData.
#ifndef TINYSIGN_CORE_VERIFY_SIGNER_VERIFIER_H_
#define TINYSIGN_CORE_VERIFY_SIGNER_VERIFIER_H_

#include <map>
#include <optional>
#include <vector>

#include "core/cms/signed_data.h"
#include "core/crypto/digest.h"
#include "core/verify/chain.h"
#include "core/verify/report.h"
#include "core/verify/verifier.h"

namespace tinysign::verify {

// DocumentDigests computes the digest of the signed document once per
// algorithm, because signers of one CMS may use different algorithms and a
// document may be large.
class DocumentDigests {
 public:
  // `content` is the attached or supplied document, or empty when only
  // `document` carries a digest (or nothing).
  DocumentDigests(std::optional<der::Input> content, const Document& document)
      : content_(content), document_(document) {}

  // Get returns the digest under `algorithm`, or nullopt when the document
  // is unknown or only its digest under another algorithm was supplied.
  std::optional<Bytes> Get(crypto::DigestAlgorithm algorithm);

  bool has_content() const { return content_.has_value(); }
  std::optional<der::Input> content() const { return content_; }

 private:
  std::optional<der::Input> content_;
  const Document& document_;
  std::map<crypto::DigestAlgorithm, Bytes> cache_;
};

// SignerContext is what every signer of one SignedData shares.
struct SignerContext {
  const cms::SignedData* signed_data = nullptr;
  const CertificatePool* pool = nullptr;
  // Parsed certificates of the SignedData, in its order.
  const std::vector<CertificatePtr>* cms_certificates = nullptr;
  DocumentDigests* digests = nullptr;
  const Document* document = nullptr;
  const VerifyOptions* options = nullptr;
  // timestamps_used has one entry per `options->timestamps` token, set when
  // a signer used it.
  std::vector<bool>* timestamps_used = nullptr;
};

// VerifySigner checks one signer and returns its report with a verdict.
SignerReport VerifySigner(const cms::SignerInfo& signer,
                          const SignerContext& context);

}  // namespace tinysign::verify

#endif  // TINYSIGN_CORE_VERIFY_SIGNER_VERIFIER_H_
