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

// CheckCacheable checks that a response is worth keeping: signed by a
// certificate it names with a signature that verifies, carrying a nonce
// equal to `nonce`, and with a SingleResponse for `certificate`. Anything
// else could be a forgery that would otherwise shadow valid responses
// until it expired.
Status CheckCacheable(const ocsp::OcspResponse& response,
                      const std::optional<Bytes>& nonce,
                      const CertificatePtr& certificate,
                      const CertificatePtr& issuer) {
  TINYSIGN_ASSIGN_OR_RETURN(const ocsp::BasicResponse* basic,
                            response.basic_response());
  if (!basic->nonce.has_value() || !nonce.has_value() ||
      *basic->nonce != der::Input(*nonce)) {
    return Fail(ErrorCode::kOcspNonceMismatch,
                "the response does not carry the request's nonce");
  }
  TINYSIGN_ASSIGN_OR_RETURN(auto signer,
                            ocsp::FindResponderCertificate(*basic, {issuer}));
  TINYSIGN_TRY(ocsp::VerifyOcspSignature(*basic, *signer));
  const bool names_certificate =
      std::any_of(basic->responses.begin(), basic->responses.end(),
                  [&](const ocsp::SingleResponse& single) {
                    auto matches = ocsp::CertIdMatches(single.cert_id,
                                                       *certificate, *issuer);
                    return matches && *matches;
                  });
  if (!names_certificate) {
    return Fail(ErrorCode::kOcspCertIdMismatch,
                "no SingleResponse is about the certificate");
  }
  return OkStatus();
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

// FileNameOf names the cache file of a DER CertID.
std::string FileNameOf(const Bytes& cert_id) {
  return CacheFileName({der::Input(cert_id)});
}

}  // namespace

OcspFetcher::OcspFetcher(const FetchConfig& config, HttpClient& client,
                         FetchMetrics& metrics, crypto::RandomSource& random)
    : config_(config), client_(client), metrics_(metrics), random_(random) {
  if (!config.cache_dir.empty()) {
    cache_folder_.emplace(config.cache_dir);
  }
}

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
  if (auto loaded = LoadFile(cert_id, certificate, issuer)) {
    metrics_.ocsp.cache_hits.fetch_add(1);
    return *std::move(loaded);
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

void OcspFetcher::StoreLocked(const Bytes& cert_id, CacheEntry entry,
                              Time now) {
  const size_t limit = std::max<size_t>(config_.max_cached_ocsp_responses, 1);
  if (cache_.size() >= limit && !cache_.contains(cert_id)) {
    std::erase_if(cache_, [now](const auto& item) {
      return item.second.expires_at.unix_seconds <= now.unix_seconds;
    });
  }
  if (cache_.size() >= limit && !cache_.contains(cert_id)) {
    const auto soonest = std::min_element(
        cache_.begin(), cache_.end(), [](const auto& a, const auto& b) {
          return a.second.expires_at.unix_seconds <
                 b.second.expires_at.unix_seconds;
        });
    cache_.erase(soonest);
  }
  cache_[cert_id] = std::move(entry);
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
  if (!CheckCacheable(*evidence.response, evidence.nonce, certificate,
                      issuer)) {
    return;
  }
  const Time now = CurrentTime(config_);
  const Time fallback{now.unix_seconds +
                      config_.ocsp_ttl_without_next_update.count()};
  const Time expires_at = ExpiryOf(*evidence.response, fallback);
  if (expires_at.unix_seconds <= now.unix_seconds) {
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    StoreLocked(cert_id, CacheEntry{evidence, expires_at}, now);
  }
  WriteFile(cert_id, evidence);
}

std::optional<verify::OcspEvidence> OcspFetcher::LoadFile(
    const Bytes& cert_id, const CertificatePtr& certificate,
    const CertificatePtr& issuer) {
  if (!cache_folder_.has_value()) {
    return std::nullopt;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!files_checked_.insert(cert_id).second) {
      return std::nullopt;
    }
  }
  const std::string name = FileNameOf(cert_id);
  auto file = cache_folder_->Read(CacheKind::kOcsp, name);
  if (!file) {
    ReportFileError(name, file.error());
    return std::nullopt;
  }
  if (!file->has_value()) {
    return std::nullopt;
  }
  auto response = ocsp::ParseOcspResponse(der::Input((*file)->contents));
  if (!response) {
    ReportFileError(name, response.error());
    return std::nullopt;
  }
  // The nonce matched the request when the response was cached. The file
  // cannot show that request, so the evidence carries the response's own
  // nonce, which the signature checked below covers.
  // NOTE: a signed, unexpired response that another client requested with
  // its own nonce passes the same checks.
  verify::OcspEvidence evidence{*std::move(response), std::nullopt};
  if (auto basic = evidence.response->basic_response();
      basic && (*basic)->nonce.has_value()) {
    evidence.nonce = (*basic)->nonce->ToBytes();
  }
  if (auto checked = CheckCacheable(*evidence.response, evidence.nonce,
                                    certificate, issuer);
      !checked) {
    ReportFileError(name, checked.error());
    return std::nullopt;
  }
  // A response without nextUpdate lasts as long from the time the file
  // was written as it would have in memory.
  const Time fallback{(*file)->modified_at.unix_seconds +
                      config_.ocsp_ttl_without_next_update.count()};
  const Time expires_at = ExpiryOf(*evidence.response, fallback);
  if (expires_at.unix_seconds <= CurrentTime(config_).unix_seconds) {
    ReportFileError(
        name, Error{ErrorCode::kOcspStale,
                    "the response expired at " + FormatRfc3339(expires_at)});
    RemoveExpiredFile(cert_id, name);
    return std::nullopt;
  }
  metrics_.ocsp.cache_file_loads.fetch_add(1);
  std::lock_guard<std::mutex> lock(mutex_);
  StoreLocked(cert_id, CacheEntry{evidence, expires_at}, CurrentTime(config_));
  return evidence;
}

void OcspFetcher::WriteFile(const Bytes& cert_id,
                            const verify::OcspEvidence& evidence) {
  if (!cache_folder_.has_value()) {
    return;
  }
  const std::string name = FileNameOf(cert_id);
  Status written = OkStatus();
  {
    std::lock_guard<std::mutex> write_lock(file_write_mutex_);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto cached = cache_.find(cert_id);
      if (cached == cache_.end() ||
          cached->second.evidence.response != evidence.response) {
        // Another response was cached meanwhile, and its own write follows.
        return;
      }
    }
    written =
        cache_folder_->Write(CacheKind::kOcsp, name, evidence.response->der());
  }
  if (!written) {
    ReportFileError(name, written.error());
  }
}

void OcspFetcher::RemoveExpiredFile(const Bytes& cert_id,
                                    const std::string& name) {
  Status removed = OkStatus();
  {
    std::lock_guard<std::mutex> write_lock(file_write_mutex_);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (cache_.contains(cert_id)) {
        // A new response was cached meanwhile, and its file is written
        // after this lock is released, or has been already.
        return;
      }
    }
    removed = cache_folder_->Remove(CacheKind::kOcsp, name);
  }
  if (!removed) {
    ReportFileError(name, removed.error());
  }
}

void OcspFetcher::ReportFileError(const std::string& name, const Error& error) {
  metrics_.ocsp.cache_file_errors.fetch_add(1);
  if (config_.cache_file_error_handler) {
    config_.cache_file_error_handler(
        cache_folder_->PathOf(CacheKind::kOcsp, name).string(), error);
  }
}

}  // namespace tinysign::fetch
