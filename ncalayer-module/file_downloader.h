// The document download of the TinySign module's `signFile`: HTTP or
// HTTPS, from the requesting page's own origin (or an allowed one), up to a
// size limit.
#ifndef TINYSIGN_NCALAYER_MODULE_FILE_DOWNLOADER_H_
#define TINYSIGN_NCALAYER_MODULE_FILE_DOWNLOADER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "ncalayer-module/services.h"

namespace tinysign::ncalayer {

struct DownloadOptions {
  // Origins ("http://127.0.0.1:8080") a page may download from besides its
  // own.
  std::vector<std::string> allowed_origins;
  size_t max_bytes = 50 * 1024 * 1024;
  // PEM CA file for https; empty uses the system store.
  std::string ca_file;
  // Seconds for connecting and for each read.
  int timeout_seconds = 30;
};

// FileDownloader fetches with cpp-httplib. It never follows redirects,
// since a redirect could leave the allowed origin.
class FileDownloader : public Downloader {
 public:
  explicit FileDownloader(DownloadOptions options)
      : options_(std::move(options)) {}

  bool Download(const std::string& url, const std::string& origin, Bytes* body,
                std::string* error) override;

 private:
  bool OriginAllowed(const std::string& url_origin,
                     const std::string& page_origin) const;

  DownloadOptions options_;
};

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_FILE_DOWNLOADER_H_
