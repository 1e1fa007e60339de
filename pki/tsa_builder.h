// RFC 3161 timestamps for the test PKI: the TSTInfo, the TimeStampToken
// (a CMS SignedData over it, signed by the TSA) and the TimeStampResp a
// TSA sends back.
//
// The token's SignerInfo has the signed attributes contentType
// id-ct-TSTInfo, messageDigest and signingCertificateV2 naming the TSA
// certificate (RFC 3161 section 2.4.1 requires a signing certificate
// attribute).
//
// Example:
//   TstInfoSpec tst_info;
//   tst_info.policy = kTestTsaPolicy;
//   tst_info.hash_algorithm = crypto::DigestAlgorithm::kSha256;
//   tst_info.hashed_message = digest;
//   tst_info.serial = {0x01};
//   tst_info.gen_time = now;
//   TINYSIGN_ASSIGN_OR_RETURN(Bytes token,
//                             BuildTimeStampToken(tst_info, tsa,
//                                                 {tsa.der}));
//   Bytes response = BuildTimeStampResp(PkiStatusInfoSpec{}, token);
//
// Not supported: the tsa name field and TSTInfo extensions.
#ifndef TINYSIGN_PKI_TSA_BUILDER_H_
#define TINYSIGN_PKI_TSA_BUILDER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto/digest.h"
#include "core/der/input.h"
#include "core/der/oid.h"
#include "core/result.h"
#include "core/time.h"
#include "core/tsp/timestamp.h"
#include "pki/certificate_builder.h"

namespace tinysign::pki {

// kTestTsaPolicy is the TSA policy of the test PKI, 2.999.3161.1, under
// the example arc 2.999 (ITU-T X.660), so it names no real policy.
inline constexpr der::Oid kTestTsaPolicy("2.999.3161.1");

// TstInfoSpec is every field of a TSTInfo that the builder writes.
struct TstInfoSpec {
  der::Oid policy = kTestTsaPolicy;
  // messageImprint: the DER AlgorithmIdentifier of the hash and the hash
  // of the timestamped data. `MessageImprintAlgorithm` makes the former.
  Bytes hash_algorithm_tlv;
  Bytes hashed_message;
  // Magnitude of serialNumber.
  Bytes serial;
  // Written to whole seconds, with no fraction.
  Time gen_time;
  std::optional<tsp::Accuracy> accuracy;
  bool ordering = false;
  // The nonce INTEGER's contents as the request carried them, two's
  // complement, so that it is echoed byte for byte.
  std::optional<Bytes> nonce;
};

// MessageImprintAlgorithm returns the DER AlgorithmIdentifier of `hash`,
// as `crypto::EncodeDigestAlgorithm` writes it.
Bytes MessageImprintAlgorithm(crypto::DigestAlgorithm hash);

// BuildTstInfo returns the DER TSTInfo of `spec` (RFC 3161 section 2.4.2).
Bytes BuildTstInfo(const TstInfoSpec& spec);

// BuildTimeStampToken returns a TimeStampToken: a ContentInfo with a
// SignedData over `BuildTstInfo(spec)`, signed by `tsa.key`.
// `certificates` become the SignedData's certificates, typically the TSA's
// own and its issuing CA when the request set certReq, and none otherwise
// (RFC 3161 section 2.4.1). It fails when the TSA key cannot sign.
Result<Bytes> BuildTimeStampToken(const TstInfoSpec& spec,
                                  const IssuedCertificate& tsa,
                                  const std::vector<Bytes>& certificates);

// PkiStatusInfoSpec is the status part of a TimeStampResp.
struct PkiStatusInfoSpec {
  tsp::PkiStatus status = tsp::PkiStatus::kGranted;
  // statusString, as UTF8Strings. An empty list leaves the field out.
  std::vector<std::string> status_strings;
  // failInfo bits, bit 0 (badAlg) as the lowest, such as
  // `1u << kFailBadDataFormat`. Zero leaves the field out.
  uint32_t fail_info = 0;
};

// PKIFailureInfo bit numbers (RFC 3161 section 2.4.2).
inline constexpr int kFailBadAlg = 0;
inline constexpr int kFailBadRequest = 2;
inline constexpr int kFailBadDataFormat = 5;
inline constexpr int kFailTimeNotAvailable = 14;
inline constexpr int kFailUnacceptedPolicy = 15;
inline constexpr int kFailUnacceptedExtension = 16;
inline constexpr int kFailAddInfoNotAvailable = 17;
inline constexpr int kFailSystemFailure = 25;

// BuildTimeStampResp returns a DER TimeStampResp with `status` and, when
// not empty, `token` (the DER of a TimeStampToken). RFC 3161 section
// 2.4.2 sends a token only with granted or grantedWithMods; the caller
// keeps to that.
Bytes BuildTimeStampResp(const PkiStatusInfoSpec& status, der::Input token);

}  // namespace tinysign::pki

#endif  // TINYSIGN_PKI_TSA_BUILDER_H_
