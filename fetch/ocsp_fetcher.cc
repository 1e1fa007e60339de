#include "fetch/ocsp_fetcher.h"

#include <algorithm>
#include <string>
#include <utility>

#include "core/encoding/input_form.h"
#include "core/ocsp/cert_id.h"
#include "core/ocsp/request.h"
#include "core/ocsp/responder.h"
#include "core/ocsp/response.h"

namespace tinysign::fetch {

namespace {

// kCertIdHash is the CertID hash of requests and the cache key. RFC 6960
// section 4.3 requires responders to support SHA-1, and NUC's do.
constexpr crypto::DigestAlgorithm kCertIdHash = crypto::DigestAlgorithm::kSha1;

// IsCacheable returns true for a response worth keeping: signed by a
// certificate it names with a signature that verifies, echoing `nonce`,
// and with a SingleResponse for `certificate`. Anything else could be a
// forgery that would otherwise shadow valid responses until it expired.
bool IsCacheable(const verify::OcspEvidence& evidence,
                 const CertificatePtr& certificate,
                 const CertificatePtr& issuer) {
  auto basic = evidence.response->basic_response();
  if (!basic) {
    return false;
  }
  const ocsp::BasicResponse& response = **basic;
  if (!response.nonce.has_value() || !evidence.nonce.has_value() ||
      *response.nonce != der::Input(*evidence.nonce)) {
    return false;
  }
  auto signer = ocsp::FindResponderCertificate(response, {issuer});
  if (!signer || !ocsp::VerifyOcspSignature(response, **signer)) {
    return false;
  }
  return std::any_of(response.responses.begin(), response.responses.end(),
                     [&](const ocsp::SingleResponse& single) {
                       auto matches = ocsp::CertIdMatches(
                           single.cert_id, *certificate, *issuer);
                       return matches && *matches;
                     });
}

// ExpiryOf returns the earliest nextUpdate of the response, or `fallback`
// when no SingleResponse has one.
Time ExpiryOf(const ocsp::OcspResponse& response, Time fallback) {
  auto basic = response.basic_response();
  std::optional<Time> earliest;
  if (basic) {
    for (const ocsp::SingleResponse& single : (*basic)->responses) {
      if (single.next_update.has_value() &&
          (!earliest.has_value() ||
           single.next_update->unix_seconds < earliest->unix_seconds)) {
        earliest = single.next_update;
      }
    }
  }
  return earliest.value_or(fallback);
}

}  // namespace

Result<verify::OcspEvidence> OcspFetcher::Fetch(
    const CertificatePtr& certificate, const CertificatePtr& issuer) {
  TINYSIGN_ASSIGN_OR_RETURN(
      Bytes cert_id, ocsp::EncodeCertId(*certificate, *issuer, kCertIdHash));
  const Time now = CurrentTime(config_);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto cached = cache_.find(cert_id);
    if (cached != cache_.end() &&
        now.unix_seconds < cached->second.expires_at.unix_seconds) {
      metrics_.ocsp.cache_hits.fetch_add(1);
      return cached->second.evidence;
    }
  }

  const std::vector<std::string> urls = ResponderUrls(*certificate, *issuer);
  if (urls.empty()) {
    metrics_.ocsp.errors.fetch_add(1);
    return Fail(ErrorCode::kFetchNoUrl,
                "the certificate has no OCSP URL in authorityInfoAccess and "
                "its issuer has no OCSP override");
  }
  TINYSIGN_ASSIGN_OR_RETURN(Bytes nonce, GenerateNonce());
  TINYSIGN_ASSIGN_OR_RETURN(
      Bytes request_der,
      ocsp::BuildOcspRequest(*certificate, *issuer, kCertIdHash,
                             der::Input(nonce)));
  std::optional<Error> last_error;
  for (const std::string& url : urls) {
    auto evidence = FetchFrom(url, request_der, nonce);
    if (!evidence) {
      last_error = std::move(evidence).error();
      continue;
    }
    if (evidence->response->response_status() !=
        ocsp::ResponseStatus::kSuccessful) {
      metrics_.ocsp.errors.fetch_add(1);
    }
    MaybeCache(cert_id, *evidence, certificate, issuer);
    return evidence;
  }
  metrics_.ocsp.errors.fetch_add(1);
  return std::move(*last_error);
}

size_t OcspFetcher::num_cached() {
  std::lock_guard<std::mutex> lock(mutex_);
  return cache_.size();
}

std::vector<std::string> OcspFetcher::ResponderUrls(
    const x509::Certificate& certificate,
    const x509::Certificate& issuer) const {
  const auto& key_identifier = issuer.subject_key_identifier();
  if (key_identifier.has_value()) {
    auto override_url =
        config_.ocsp_overrides.find(encoding::HexEncode(*key_identifier));
    if (override_url != config_.ocsp_overrides.end()) {
      return {override_url->second};
    }
  }
  return certificate.ocsp_urls();
}

Result<Bytes> OcspFetcher::GenerateNonce() {
  Bytes nonce(kOcspNonceBytes);
  // A RandomSource is called from one thread at a time.
  std::lock_guard<std::mutex> lock(mutex_);
  TINYSIGN_TRY(random_.Generate(nonce));
  return nonce;
}

Result<verify::OcspEvidence> OcspFetcher::FetchFrom(const std::string& url,
                                                    const Bytes& request_der,
                                                    Bytes nonce) {
  TINYSIGN_ASSIGN_OR_RETURN(HttpUrl mapped, MapUrl(config_.mapping, url));
  HttpRequest request;
  request.url = std::move(mapped);
  request.body = std::string(request_der.begin(), request_der.end());
  request.content_type = "application/ocsp-request";
  request.accept = "application/ocsp-response";
  TINYSIGN_ASSIGN_OR_RETURN(std::string body,
                            client_.Send(request, metrics_.ocsp));
  TINYSIGN_ASSIGN_OR_RETURN(auto response,
                            ocsp::ParseOcspResponse(der::Input(body)));
  return verify::OcspEvidence{std::move(response), std::move(nonce)};
}

void OcspFetcher::MaybeCache(const Bytes& cert_id,
                             const verify::OcspEvidence& evidence,
                             const CertificatePtr& certificate,
                             const CertificatePtr& issuer) {
  if (!IsCacheable(evidence, certificate, issuer)) {
    return;
  }
  const Time now = CurrentTime(config_);
  const Time fallback{now.unix_seconds +
                      config_.ocsp_ttl_without_next_update.count()};
  const Time expires_at = ExpiryOf(*evidence.response, fallback);
  if (expires_at.unix_seconds <= now.unix_seconds) {
    return;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  cache_[cert_id] = CacheEntry{evidence, expires_at};
}

}  // namespace tinysign::fetch
