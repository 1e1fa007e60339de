#include "testpki/responder.h"

#include <string>
#include <utility>
#include <vector>

#include "core/crypto/algorithm.h"
#include "core/crypto/digest.h"
#include "core/ocsp/response.h"
#include "pki/crl_builder.h"
#include "pki/ocsp_builder.h"
#include "pki/tsa_builder.h"
#include "testpki/requests.h"

namespace tinysign::testpki {

namespace {

constexpr int64_t kHourSeconds = 3600;
constexpr int64_t kDaySeconds = 86400;

// ReasonToWrite leaves out the reason unspecified, because RFC 5280
// section 5.3.1 recommends omitting reasonCode in that case.
std::optional<crl::ReasonCode> ReasonToWrite(crl::ReasonCode reason) {
  if (reason == crl::ReasonCode::kUnspecified) {
    return std::nullopt;
  }
  return reason;
}

Bytes StatusOnlyOcspResponse(ocsp::ResponseStatus status,
                             const pki::TestKey& key) {
  pki::OcspResponseSpec spec;
  spec.status = status;
  // BuildOcspResponse signs nothing for an error status, so it does not
  // fail here.
  auto der = pki::BuildOcspResponse(spec, key);
  return der ? *der : Bytes{};
}

Bytes Rejection(int fail_bit, std::string text) {
  pki::PkiStatusInfoSpec status;
  status.status = tsp::PkiStatus::kRejection;
  status.status_strings = {std::move(text)};
  status.fail_info = 1u << fail_bit;
  return pki::BuildTimeStampResp(status, {});
}

}  // namespace

std::map<Bytes, CertificateStatus> StatusesOf(const Hierarchy& hierarchy) {
  std::map<Bytes, CertificateStatus> statuses;
  for (const EndEntity& entity : hierarchy.end_entities) {
    statuses[entity.certificate.serial] = {
        entity.status, entity.revocation_time, entity.revocation_reason};
  }
  return statuses;
}

Responder::Responder(const Hierarchy& hierarchy,
                     std::map<Bytes, CertificateStatus> statuses)
    : hierarchy_(hierarchy), statuses_(std::move(statuses)) {
  std::vector<const pki::IssuedCertificate*> issued = {
      &hierarchy.ocsp_responder, &hierarchy.tsa};
  for (const EndEntity& entity : hierarchy.end_entities) {
    issued.push_back(&entity.certificate);
  }
  for (const pki::IssuedCertificate* certificate : issued) {
    for (crypto::DigestAlgorithm hash :
         {crypto::DigestAlgorithm::kSha1, crypto::DigestAlgorithm::kSha256}) {
      auto cert_id = pki::BuildCertId(certificate->der, hierarchy.ca.der, hash);
      if (cert_id) {
        serial_by_cert_id_[*cert_id] = certificate->serial;
      }
    }
  }
}

Result<Bytes> Responder::IssueCrl(bool root, bool delta, Time now) const {
  const pki::IssuedCertificate& issuer = root ? hierarchy_.root : hierarchy_.ca;
  pki::CrlSpec spec = pki::CrlSpecFor(issuer, now);
  const int64_t full_number = 2 * now.unix_seconds;
  spec.crl_number = delta ? full_number + 1 : full_number;
  spec.next_update =
      Time{now.unix_seconds + (delta ? kHourSeconds : kDaySeconds)};
  if (delta) {
    spec.base_crl_number = full_number;
  }
  if (!root) {
    for (const auto& [serial, status] : statuses_) {
      if (status.status == KeyStatus::kRevoked) {
        spec.entries.push_back({serial, status.revocation_time,
                                ReasonToWrite(status.reason), std::nullopt});
      }
    }
  }
  return pki::BuildCrl(spec, root ? *hierarchy_.root_key : *hierarchy_.ca_key);
}

Bytes Responder::RespondOcsp(der::Input request, Time now) const {
  auto parsed = ParseOcspRequest(request);
  if (!parsed) {
    return StatusOnlyOcspResponse(ocsp::ResponseStatus::kMalformedRequest,
                                  *hierarchy_.ocsp_key);
  }
  pki::OcspResponseSpec spec;
  spec.responder_name = pki::EncodeName(hierarchy_.ocsp_responder.subject);
  spec.produced_at = now;
  spec.nonce = parsed->nonce;
  spec.certificates = {hierarchy_.ocsp_responder.der};
  for (const Bytes& cert_id : parsed->cert_ids) {
    pki::SingleResponseSpec single = pki::GoodResponse(cert_id, now);
    single.next_update = Time{now.unix_seconds + kHourSeconds};
    const auto serial = serial_by_cert_id_.find(cert_id);
    if (serial == serial_by_cert_id_.end()) {
      single.status = ocsp::CertStatus::kUnknown;
    } else if (const auto status = statuses_.find(serial->second);
               status != statuses_.end() &&
               status->second.status == KeyStatus::kRevoked) {
      single.status = ocsp::CertStatus::kRevoked;
      single.revocation_time = status->second.revocation_time;
      single.revocation_reason = ReasonToWrite(status->second.reason);
    }
    spec.responses.push_back(std::move(single));
  }
  auto der = pki::BuildOcspResponse(spec, *hierarchy_.ocsp_key);
  if (!der) {
    return StatusOnlyOcspResponse(ocsp::ResponseStatus::kInternalError,
                                  *hierarchy_.ocsp_key);
  }
  return *der;
}

Bytes Responder::RespondTimestamp(der::Input request, Time now,
                                  der::Input serial) const {
  auto parsed = ParseTimeStampRequest(request);
  if (!parsed) {
    return Rejection(pki::kFailBadDataFormat,
                     "invalid TimeStampReq: " + parsed.error().ToString());
  }
  auto hash = crypto::ParseDigestAlgorithm(parsed->hash_algorithm_tlv);
  if (!hash || crypto::DigestLength(*hash) != parsed->hashed_message.size()) {
    return Rejection(pki::kFailBadAlg,
                     "unsupported hash algorithm or wrong hash length");
  }
  if (parsed->policy && !(pki::kTestTsaPolicy == *parsed->policy)) {
    return Rejection(pki::kFailUnacceptedPolicy,
                     "unsupported policy, expected 2.999.3161.1");
  }
  if (parsed->has_extensions) {
    return Rejection(pki::kFailUnacceptedExtension,
                     "request extensions are not supported");
  }
  pki::TstInfoSpec spec;
  spec.hash_algorithm_tlv = parsed->hash_algorithm_tlv;
  spec.hashed_message = parsed->hashed_message;
  spec.serial = serial.ToBytes();
  spec.gen_time = now;
  spec.accuracy = tsp::Accuracy{1, 0, 0};
  spec.nonce = parsed->nonce;
  std::vector<Bytes> certificates;
  if (parsed->cert_req) {
    certificates = {hierarchy_.tsa.der, hierarchy_.ca.der};
  }
  auto token = pki::BuildTimeStampToken(spec, hierarchy_.tsa, certificates);
  if (!token) {
    pki::PkiStatusInfoSpec status;
    status.status = tsp::PkiStatus::kRejection;
    status.status_strings = {"signing failed: " + token.error().ToString()};
    status.fail_info = 1u << pki::kFailSystemFailure;
    return pki::BuildTimeStampResp(status, {});
  }
  return pki::BuildTimeStampResp(pki::PkiStatusInfoSpec{}, *token);
}

}  // namespace tinysign::testpki
