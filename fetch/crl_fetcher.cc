#include "fetch/crl_fetcher.h"

#include <utility>

namespace tinysign::fetch {

namespace {

// FileNameOf names the cache file of a URL and issuer DER.
std::string FileNameOf(const std::pair<std::string, Bytes>& key) {
  return CacheFileName({der::Input(key.first), der::Input(key.second)});
}

}  // namespace

CrlFetcher::CrlFetcher(const FetchConfig& config, HttpClient& client,
                       FetchMetrics& metrics)
    : config_(config), client_(client), metrics_(metrics) {
  if (!config.cache_dir.empty()) {
    cache_.emplace(config.cache_dir);
  }
}

CrlFetcher::~CrlFetcher() { StopBackgroundRefresh(); }

Result<std::shared_ptr<const crl::Crl>> CrlFetcher::Fetch(
    const std::string& url, const CertificatePtr& issuer) {
  Key key{url, issuer->der().ToBytes()};
  bool read_file = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto kept = entries_.find(key);
    if (kept != entries_.end() && IsFresh(kept->second, CurrentTime(config_))) {
      metrics_.crl.cache_hits.fetch_add(1);
      return kept->second.crl;
    }
    if (cache_.has_value() &&
        (kept == entries_.end() || !kept->second.file_checked)) {
      Entry& entry = entries_[key];
      entry.issuer = issuer;
      entry.file_checked = true;
      read_file = true;
    }
  }
  if (read_file && LoadFile(key, issuer)) {
    std::lock_guard<std::mutex> lock(mutex_);
    const Entry& entry = entries_[key];
    if (IsFresh(entry, CurrentTime(config_))) {
      metrics_.crl.cache_hits.fetch_add(1);
      return entry.crl;
    }
  }
  return Refresh(key, issuer);
}

void CrlFetcher::RefreshDue() {
  const Time now = CurrentTime(config_);
  std::vector<std::pair<Key, CertificatePtr>> due;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [key, entry] : entries_) {
      const Time soon{now.unix_seconds + config_.crl_refresh_margin.count()};
      if (!IsFresh(entry, soon)) {
        due.emplace_back(key, entry.issuer);
      }
    }
  }
  for (const auto& [key, issuer] : due) {
    // A failure is recorded in the entry's last_error by Refresh.
    (void)Refresh(key, issuer);
  }
}

void CrlFetcher::StartBackgroundRefresh(std::chrono::milliseconds interval) {
  StopBackgroundRefresh();
  {
    std::lock_guard<std::mutex> lock(refresh_mutex_);
    stop_refresh_ = false;
  }
  refresh_thread_ = std::thread([this, interval] {
    std::unique_lock<std::mutex> lock(refresh_mutex_);
    while (!refresh_wakeup_.wait_for(lock, interval,
                                     [this] { return stop_refresh_; })) {
      lock.unlock();
      RefreshDue();
      lock.lock();
    }
  });
}

void CrlFetcher::StopBackgroundRefresh() {
  {
    std::lock_guard<std::mutex> lock(refresh_mutex_);
    stop_refresh_ = true;
  }
  refresh_wakeup_.notify_all();
  if (refresh_thread_.joinable()) {
    refresh_thread_.join();
  }
}

std::vector<CachedCrl> CrlFetcher::Snapshot() {
  const Time now = CurrentTime(config_);
  std::vector<CachedCrl> snapshot;
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [key, entry] : entries_) {
    if (entry.crl == nullptr) {
      continue;
    }
    CachedCrl described;
    described.url = key.first;
    described.this_update = entry.crl->this_update();
    described.next_update = entry.crl->next_update();
    described.fetched_at = entry.fetched_at;
    described.age_seconds =
        now.unix_seconds - entry.crl->this_update().unix_seconds;
    described.stale = described.next_update.has_value() &&
                      described.next_update->unix_seconds <= now.unix_seconds;
    described.last_error = entry.last_error;
    snapshot.push_back(std::move(described));
  }
  return snapshot;
}

bool CrlFetcher::IsFresh(const Entry& entry, Time now) const {
  if (entry.crl == nullptr) {
    return false;
  }
  const std::optional<Time> next_update = entry.crl->next_update();
  if (next_update.has_value()) {
    return now.unix_seconds < next_update->unix_seconds;
  }
  return now.unix_seconds <
         entry.fetched_at.unix_seconds + config_.crl_refresh_margin.count();
}

Result<std::shared_ptr<const crl::Crl>> CrlFetcher::Download(
    const std::string& url, const CertificatePtr& issuer) {
  TINYSIGN_ASSIGN_OR_RETURN(HttpUrl mapped, MapUrl(config_.mapping, url));
  HttpRequest request;
  request.url = std::move(mapped);
  request.accept = "application/pkix-crl";
  TINYSIGN_ASSIGN_OR_RETURN(std::string body,
                            client_.Send(request, metrics_.crl));
  TINYSIGN_ASSIGN_OR_RETURN(auto crl, crl::ParseCrl(der::Input(body)));
  TINYSIGN_TRY(crl::VerifyCrlSignature(*crl, *issuer));
  return crl;
}

Result<std::shared_ptr<const crl::Crl>> CrlFetcher::Refresh(
    const Key& key, const CertificatePtr& issuer) {
  bool replaced = false;
  auto kept = Keep(key, issuer, Download(key.first, issuer), &replaced);
  if (replaced) {
    WriteFile(key, *kept);
  }
  return kept;
}

Result<CrlFetcher::CrlPtr> CrlFetcher::Keep(const Key& key,
                                            const CertificatePtr& issuer,
                                            Result<CrlPtr> downloaded,
                                            bool* replaced) {
  const Time now = CurrentTime(config_);
  std::lock_guard<std::mutex> lock(mutex_);
  Entry& entry = entries_[key];
  entry.issuer = issuer;
  if (!downloaded) {
    metrics_.crl.errors.fetch_add(1);
    entry.last_error = downloaded.error();
    if (entry.crl != nullptr) {
      return entry.crl;
    }
    return std::move(downloaded).error();
  }
  // A CRL older than the kept one is a replay or a lagging mirror, and it
  // could hide a revocation the kept one lists.
  if (entry.crl != nullptr && (*downloaded)->this_update().unix_seconds <
                                  entry.crl->this_update().unix_seconds) {
    metrics_.crl.errors.fetch_add(1);
    entry.last_error =
        Error{ErrorCode::kCrlStale, key.first +
                                        " returned a CRL older than the "
                                        "one kept"};
    return entry.crl;
  }
  entry.crl = *downloaded;
  entry.fetched_at = now;
  entry.last_error.reset();
  *replaced = true;
  return entry.crl;
}

bool CrlFetcher::LoadFile(const Key& key, const CertificatePtr& issuer) {
  const std::string name = FileNameOf(key);
  auto file = cache_->Read(CacheKind::kCrl, name);
  if (!file) {
    ReportFileError(name, file.error());
    return false;
  }
  if (!file->has_value()) {
    return false;
  }

  // The file gets the checks of a download: anyone who can write the
  // folder could have replaced it.
  auto crl = crl::ParseCrl(der::Input((*file)->contents));
  if (!crl) {
    ReportFileError(name, crl.error());
    return false;
  }
  if (auto verified = crl::VerifyCrlSignature(**crl, *issuer); !verified) {
    ReportFileError(name, verified.error());
    return false;
  }

  std::lock_guard<std::mutex> lock(mutex_);
  Entry& entry = entries_[key];
  entry.issuer = issuer;
  if (entry.crl != nullptr && entry.crl->this_update().unix_seconds >=
                                  (*crl)->this_update().unix_seconds) {
    return false;
  }
  entry.crl = *crl;
  entry.fetched_at = (*file)->modified_at;
  metrics_.crl.cache_file_loads.fetch_add(1);
  return true;
}

void CrlFetcher::WriteFile(const Key& key, const CrlPtr& crl) {
  if (!cache_.has_value()) {
    return;
  }
  const std::string name = FileNameOf(key);
  Status written = OkStatus();
  {
    std::lock_guard<std::mutex> write_lock(file_write_mutex_);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto entry = entries_.find(key);
      if (entry == entries_.end() || entry->second.crl != crl) {
        // A newer CRL was kept meanwhile, and its own write follows.
        return;
      }
    }
    written = cache_->Write(CacheKind::kCrl, name, crl->der());
  }
  if (!written) {
    ReportFileError(name, written.error());
  }
}

void CrlFetcher::ReportFileError(const std::string& name, const Error& error) {
  metrics_.crl.cache_file_errors.fetch_add(1);
  if (config_.cache_file_error_handler) {
    config_.cache_file_error_handler(
        cache_->PathOf(CacheKind::kCrl, name).string(), error);
  }
}

}  // namespace tinysign::fetch
