// Settings shared by the OCSP and CRL fetchers.
#ifndef TINYSIGN_FETCH_FETCH_CONFIG_H_
#define TINYSIGN_FETCH_FETCH_CONFIG_H_

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "fetch/url_mapping.h"

namespace tinysign::fetch {

// FetchConfig configures timeouts, retries, caching and where requests go.
struct FetchConfig {
  UrlMapping mapping;
  // timeout bounds connecting, and separately each read and write, of one
  // HTTP request.
  std::chrono::milliseconds timeout{5000};
  // max_attempts is the number of requests per fetch, the first included.
  // Connection failures, timeouts and HTTP 5xx statuses are retried.
  int max_attempts = 2;
  // retry_backoff is the wait before the second request; it doubles for
  // each later one.
  std::chrono::milliseconds retry_backoff{200};
  // max_concurrent_per_responder caps requests in flight to one host and
  // port; further fetches wait for a free slot.
  int max_concurrent_per_responder = 4;
  // ocsp_ttl_without_next_update is how long a response without
  // nextUpdate stays cached.
  std::chrono::seconds ocsp_ttl_without_next_update{300};
  // max_cached_ocsp_responses caps the responses kept in memory. Past it,
  // expired ones are dropped first and then the one expiring soonest, so
  // that memory does not grow with every certificate ever checked.
  size_t max_cached_ocsp_responses = 20000;
  // ocsp_overrides maps an issuer's subjectKeyIdentifier, in lowercase
  // hexadecimal, to the OCSP URL used for the certificates it issued in
  // place of their authorityInfoAccess URL.
  std::map<std::string, std::string> ocsp_overrides;
  // crl_urls are fetched for every issuer besides the certificate's own
  // distribution points; a CRL that another CA signed is not used.
  std::vector<std::string> crl_urls;
  // crl_refresh_margin is how long before a cached CRL's nextUpdate the
  // background refresh fetches its successor.
  std::chrono::seconds crl_refresh_margin{300};
  // cache_dir, when not empty, is a folder where every accepted CRL and
  // every cached OCSP response is also written, and read back on a miss in
  // memory, such as after a restart (layout in cache_directory.h). The
  // folder must exist; `CacheDirectory::Prepare` creates it. Empty keeps
  // everything in memory only.
  std::string cache_dir;
  // cache_file_error_handler, when set, is called with the path and the
  // reason for each cache file that is rejected or cannot be read or
  // written. A file that fails on reading is ignored, and the evidence is
  // downloaded. The handler runs on the fetching threads, possibly several
  // at once, with no fetcher lock held.
  std::function<void(const std::string& path, const Error& error)>
      cache_file_error_handler;
  // clock returns the current time. Empty means the system clock; tests
  // set it to move time.
  std::function<Time()> clock;
};

// CurrentTime returns `config.clock()`, or the system clock when it is
// empty.
Time CurrentTime(const FetchConfig& config);

}  // namespace tinysign::fetch

#endif  // TINYSIGN_FETCH_FETCH_CONFIG_H_
