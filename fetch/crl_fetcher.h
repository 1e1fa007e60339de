// CRLs (RFC 5280 section 5) fetched over HTTP and kept up to date.
//
// `CrlFetcher` keeps the last good CRL of each distribution point URL and
// issuer. A fetched CRL replaces the kept one only after its signature
// verifies against the issuer and when it is not older than the kept one,
// so a failed or forged download never loses a good CRL. When a download
// fails, the kept CRL is returned even if it is stale, and the core then
// judges its age. A background thread can refresh CRLs shortly before
// their nextUpdate.
//
// With `FetchConfig::cache_dir` set, every CRL that replaces the kept one
// is also written to the cache folder. The first fetch of a URL and issuer
// in this process reads that file, with the size cap and the signature
// check of a download. The CRL is then kept as if it had been downloaded
// when the file was written. So it is returned without a request before
// its nextUpdate, and as the last good CRL when a download fails. A file that
// fails is reported through `cache_file_error_handler` and ignored.
//
// Complete and delta CRLs are handled the same way; the caller fetches the
// freshestCRL URLs too, and the core combines a delta with its base.
#ifndef TINYSIGN_FETCH_CRL_FETCHER_H_
#define TINYSIGN_FETCH_CRL_FETCHER_H_

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/crl/crl.h"
#include "core/result.h"
#include "core/time.h"
#include "core/x509/certificate.h"
#include "fetch/cache_directory.h"
#include "fetch/fetch_config.h"
#include "fetch/http_client.h"
#include "fetch/metrics.h"

namespace tinysign::fetch {

// CachedCrl describes one kept CRL, for health checks and metrics.
struct CachedCrl {
  std::string url;
  Time this_update;
  std::optional<Time> next_update;
  // fetched_at is when the kept CRL was downloaded.
  Time fetched_at;
  // age_seconds is the time since the kept CRL's thisUpdate.
  int64_t age_seconds = 0;
  // stale is true when nextUpdate has passed.
  bool stale = false;
  // last_error is why the latest download failed, if it did.
  std::optional<Error> last_error;
};

// CrlFetcher fetches, verifies and keeps CRLs. It is safe to use from
// several threads.
class CrlFetcher {
 public:
  using CertificatePtr = std::shared_ptr<const x509::Certificate>;

  // CrlFetcher keeps references to its arguments, which must outlive it.
  CrlFetcher(const FetchConfig& config, HttpClient& client,
             FetchMetrics& metrics);
  ~CrlFetcher();

  CrlFetcher(const CrlFetcher&) = delete;
  CrlFetcher& operator=(const CrlFetcher&) = delete;

  // Fetch returns the CRL at `url` issued by `issuer`. A kept CRL, or one
  // read from the cache folder, is returned without a request before its
  // nextUpdate. A kept CRL without
  // nextUpdate is downloaded again once `crl_refresh_margin` has passed
  // since it was fetched. When a download fails, the last good CRL is
  // returned, however old. Without one, it fails with the errors of
  // `MapUrl` and `HttpClient::Send`, `crl::ParseCrl` and
  // `crl::VerifyCrlSignature`.
  Result<std::shared_ptr<const crl::Crl>> Fetch(const std::string& url,
                                                const CertificatePtr& issuer);

  // RefreshDue downloads again every kept CRL whose nextUpdate is less
  // than `crl_refresh_margin` away or past. A URL whose downloads have
  // all failed so far is tried again on every call.
  void RefreshDue();

  // StartBackgroundRefresh runs `RefreshDue` every `interval` on a thread
  // of its own until `StopBackgroundRefresh` or destruction.
  void StartBackgroundRefresh(std::chrono::milliseconds interval);
  void StopBackgroundRefresh();

  // Snapshot describes every kept CRL.
  std::vector<CachedCrl> Snapshot();

 private:
  // Key is a URL and the DER of the issuer certificate: a configured URL
  // is tried against several issuers.
  using Key = std::pair<std::string, Bytes>;

  struct Entry {
    CertificatePtr issuer;
    std::shared_ptr<const crl::Crl> crl;
    Time fetched_at;
    std::optional<Error> last_error;
    // file_checked is true once the cache folder was read for this key,
    // so that a rejected file is read and reported only once.
    bool file_checked = false;
  };
  using CrlPtr = std::shared_ptr<const crl::Crl>;

  bool IsFresh(const Entry& entry, Time now) const;
  Result<std::shared_ptr<const crl::Crl>> Download(
      const std::string& url, const CertificatePtr& issuer);
  Result<std::shared_ptr<const crl::Crl>> Refresh(const Key& key,
                                                  const CertificatePtr& issuer);
  // Keep stores `downloaded` as the kept CRL of `key` unless it failed or
  // is older than the kept one, and returns the CRL to use. `*replaced` is
  // set when `downloaded` became the kept CRL.
  Result<CrlPtr> Keep(const Key& key, const CertificatePtr& issuer,
                      Result<CrlPtr> downloaded, bool* replaced);
  // LoadFile reads the cache file of `key` and, when it passes the checks
  // of a download and is newer than any kept CRL, keeps it. It returns
  // true when it kept the file's CRL.
  bool LoadFile(const Key& key, const CertificatePtr& issuer);
  // WriteFile writes `crl` to the cache file of `key`, unless a newer CRL
  // has been kept since.
  void WriteFile(const Key& key, const CrlPtr& crl);
  void ReportFileError(const std::string& name, const Error& error);

  const FetchConfig& config_;
  HttpClient& client_;
  FetchMetrics& metrics_;
  std::mutex mutex_;
  std::map<Key, Entry> entries_;
  // cache_ is set when `config.cache_dir` is not empty.
  std::optional<CacheDirectory> cache_;
  // file_write_mutex_ orders writes of cache files, so that an older CRL
  // never overwrites a newer one.
  std::mutex file_write_mutex_;

  std::mutex refresh_mutex_;
  std::condition_variable refresh_wakeup_;
  bool stop_refresh_ = false;
  std::thread refresh_thread_;
};

}  // namespace tinysign::fetch

#endif  // TINYSIGN_FETCH_CRL_FETCHER_H_
