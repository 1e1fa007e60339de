#include "ncalayer-module/file_downloader.h"

#include <httplib.h>

#include <algorithm>

#include "fetch/http_error.h"
#include "ncalayer-module/url.h"

namespace tinysign::ncalayer {

bool FileDownloader::OriginAllowed(const std::string& url_origin,
                                   const std::string& page_origin) const {
  if (!page_origin.empty() && url_origin == page_origin) {
    return true;
  }
  return std::find(options_.allowed_origins.begin(),
                   options_.allowed_origins.end(),
                   url_origin) != options_.allowed_origins.end();
}

bool FileDownloader::Download(const std::string& url, const std::string& origin,
                              Bytes* body, std::string* error) {
  std::optional<HttpUrl> parsed = ParseHttpUrl(url);
  if (!parsed) {
    *error = "invalid file URL \"" + url + "\": expected http or https";
    return false;
  }
  if (!OriginAllowed(parsed->Origin(), origin)) {
    *error = "file URL origin " + parsed->Origin() +
             " differs from the page origin \"" + origin +
             "\" and is not in --allow-origin";
    return false;
  }
  httplib::Client client(parsed->scheme + "://" + parsed->host + ":" +
                         std::to_string(parsed->port));
  client.set_follow_location(false);
  client.set_connection_timeout(options_.timeout_seconds);
  client.set_read_timeout(options_.timeout_seconds);
  if (parsed->scheme == "https" && !options_.ca_file.empty()) {
    client.set_ca_cert_path(options_.ca_file);
  }
  body->clear();
  bool too_large = false;
  httplib::Result result =
      client.Get(parsed->path, [&](const char* data, size_t length) {
        if (body->size() + length > options_.max_bytes) {
          too_large = true;
          return false;
        }
        body->insert(body->end(), data, data + length);
        return true;
      });
  if (too_large) {
    *error = "file at " + url + " is larger than " +
             std::to_string(options_.max_bytes) +
             " bytes (--max-download-bytes)";
    return false;
  }
  if (!result) {
    *error = "downloading " + url +
             " failed: " + fetch::DescribeHttpError(result.error());
    return false;
  }
  if (result->status != 200) {
    *error = "downloading " + url + " failed: HTTP status " +
             std::to_string(result->status);
    return false;
  }
  return true;
}

}  // namespace tinysign::ncalayer
