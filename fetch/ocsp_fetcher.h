// Live OCSP (RFC 6960) for one certificate at a time, with a cache.
//
// `OcspFetcher::Fetch` sends a POST request (RFC 6960 appendix A.1) with a
// SHA-1 CertID and a 16-byte nonce (RFC 8954) to the override URL of the
// issuer, or else to each OCSP URL of the certificate's
// authorityInfoAccess in turn, after `UrlMapping`. A successful response
// whose signature verifies, whose nonce matches and that names the
// certificate is cached by CertID until its earliest nextUpdate, or for
// `ocsp_ttl_without_next_update` when it has none.
//
// With `FetchConfig::cache_dir` set, every cached response is also written
// to the cache folder. On the first miss in memory for a CertID in this
// process, the fetcher reads that file with the size cap of a download.
// It uses the file only when the response passes the checks made before
// caching and has not expired. A file that fails is reported through
// `cache_file_error_handler` and ignored, and the responder is asked.
//
// Nothing here decides the certificate's status: the core judges the
// evidence. A response with an error status such as tryLater is returned as
// evidence, which the core reads as unknown, never as good.
#ifndef TINYSIGN_FETCH_OCSP_FETCHER_H_
#define TINYSIGN_FETCH_OCSP_FETCHER_H_

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/crypto/random.h"
#include "core/der/input.h"
#include "core/result.h"
#include "core/time.h"
#include "core/verify/revocation_evidence.h"
#include "core/x509/certificate.h"
#include "fetch/cache_directory.h"
#include "fetch/fetch_config.h"
#include "fetch/http_client.h"
#include "fetch/metrics.h"

namespace tinysign::fetch {

using CertificatePtr = std::shared_ptr<const x509::Certificate>;

// kOcspNonceBytes is the nonce length; RFC 8954 section 2.1 allows 1 to 32
// octets and recommends 32 as the largest, and 16 is what OpenSSL sends.
inline constexpr size_t kOcspNonceBytes = 16;

// OcspFetcher fetches and caches OCSP responses. It is safe to use from
// several threads.
class OcspFetcher {
 public:
  // OcspFetcher keeps references to its arguments, which must outlive it.
  OcspFetcher(const FetchConfig& config, HttpClient& client,
              FetchMetrics& metrics, crypto::RandomSource& random);

  // Fetch returns the evidence for `certificate`, issued by `issuer`: a
  // cached response, one read from the cache folder, or a fresh one with
  // the nonce it was requested with.
  // It fails with `fetch.no_url` when neither an override nor the
  // certificate names a responder, the `MapUrl` and `HttpClient::Send`
  // errors, the errors of `ocsp::ParseOcspResponse` for a body that is not
  // an OCSP response, and `crypto.random_failed`.
  Result<verify::OcspEvidence> Fetch(const CertificatePtr& certificate,
                                     const CertificatePtr& issuer);

  // num_cached returns the number of cached responses.
  size_t num_cached();

 private:
  struct CacheEntry {
    verify::OcspEvidence evidence;
    Time expires_at;
  };

  std::vector<std::string> ResponderUrls(const x509::Certificate& certificate,
                                         const x509::Certificate& issuer) const;
  Result<Bytes> GenerateNonce();
  Result<verify::OcspEvidence> FetchFrom(const std::string& url,
                                         const Bytes& request_der, Bytes nonce);
  void MaybeCache(const Bytes& cert_id, const verify::OcspEvidence& evidence,
                  const CertificatePtr& certificate,
                  const CertificatePtr& issuer);
  // LoadFile reads the cache file of `cert_id` the first time this process
  // misses it in memory, and caches its response when it passes the
  // checks. It returns the cached evidence, or nullopt.
  std::optional<verify::OcspEvidence> LoadFile(
      const Bytes& cert_id, const CertificatePtr& certificate,
      const CertificatePtr& issuer);
  // WriteFile writes the response of `evidence` to the cache file of
  // `cert_id`, unless another response has been cached since.
  void WriteFile(const Bytes& cert_id, const verify::OcspEvidence& evidence);
  // RemoveExpiredFile removes the cache file of `cert_id`, unless a new
  // response has been cached since it was read.
  void RemoveExpiredFile(const Bytes& cert_id, const std::string& name);
  void ReportFileError(const std::string& name, const Error& error);

  const FetchConfig& config_;
  HttpClient& client_;
  FetchMetrics& metrics_;
  crypto::RandomSource& random_;
  std::mutex mutex_;
  // StoreLocked adds `entry` to the cache within
  // `max_cached_ocsp_responses`. The caller has locked `mutex_`.
  void StoreLocked(const Bytes& cert_id, CacheEntry entry, Time now);

  // cache_ is keyed by the DER SHA-1 CertID.
  std::map<Bytes, CacheEntry> cache_;
  // cache_folder_ is set when `config.cache_dir` is not empty.
  std::optional<CacheDirectory> cache_folder_;
  // files_checked_ are the CertIDs whose cache file has been read, so that
  // a rejected file is read and reported only once.
  std::set<Bytes> files_checked_;
  // file_write_mutex_ orders writes of cache files, so that an older
  // response never overwrites a newer one.
  std::mutex file_write_mutex_;
};

}  // namespace tinysign::fetch

#endif  // TINYSIGN_FETCH_OCSP_FETCHER_H_
