#include "ncalayer-module/options.h"

#include <boost/asio/ip/address.hpp>
#include <charconv>
#include <optional>
#include <string_view>

#include "ncalayer-module/url.h"

namespace tinysign::ncalayer {

const char kUsage[] =
    "Usage: tinysign-ncalayer --keys DIR --password PW [options]\n"
    "\n"
    "An NCALayer-compatible signer for development and tests. It signs with\n"
    "every *.p12 file in DIR that opens with PW, and picks the key itself\n"
    "where NCALayer would show its key dialog.\n"
    "\n"
    "Options:\n"
    "  --listen ADDR:PORT        WebSocket address, loopback only\n"
    "                            (default 127.0.0.1:13579; port 0 picks one)\n"
    "  --no-tls                  serve ws:// instead of wss://\n"
    "  --cert-out FILE           write the generated TLS certificate (PEM)\n"
    "  --control ADDR:PORT       HTTP control interface, loopback only\n"
    "  --key FILE                key file to take when several keys match\n"
    "  --tsa URL                 RFC 3161 TSA for timestamp requests\n"
    "                            (on 127.0.0.1 or localhost only)\n"
    "  --allow-origin ORIGIN     also let pages of ORIGIN have signFile\n"
    "                            download from ORIGIN (repeatable)\n"
    "  --download-ca FILE        CA certificates (PEM) for https downloads\n"
    "  --max-download-bytes N    largest file signFile downloads, in bytes\n"
    "                            (default 52428800)\n"
    "  --greeting-version V      version in the greeting frame (default 1.4)\n"
    "  --help                    show this text\n"
    "\n"
    "On start it prints one JSON line to stdout with the URLs it serves.\n"
    "It logs one JSON line per request to stderr.\n";

namespace {

bool ParseUnsigned(std::string_view text, uint64_t max, uint64_t* value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *value);
  return ec == std::errc() && ptr == end && *value <= max;
}

// CheckTsaUrl accepts an http or https URL on 127.0.0.1 or localhost, the
// same hosts as `tinysign sign --tsa`: the signer sends nothing beyond this
// machine, including to NUC's public TSA.
bool CheckTsaUrl(const std::string& url, std::string* error) {
  std::optional<HttpUrl> parsed = ParseHttpUrl(url);
  if (!parsed) {
    *error = "invalid --tsa URL \"" + url +
             "\": expected http://127.0.0.1:PORT/PATH";
    return false;
  }
  if (parsed->host != "127.0.0.1" && parsed->host != "localhost") {
    *error = "invalid --tsa URL \"" + url + "\": host " + parsed->host +
             " is not allowed, only 127.0.0.1 and localhost are";
    return false;
  }
  return true;
}

}  // namespace

bool ParseHostPort(const std::string& text, HostPort* out, std::string* error) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos) {
    *error = "invalid address \"" + text + "\": expected ADDRESS:PORT";
    return false;
  }
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  uint64_t port = 0;
  if (!ParseUnsigned(std::string_view(text).substr(colon + 1), 65535, &port)) {
    *error = "invalid port in \"" + text + "\"";
    return false;
  }
  boost::system::error_code ec;
  boost::asio::ip::address address = boost::asio::ip::make_address(host, ec);
  if (ec) {
    *error = "invalid IP address \"" + host + "\"";
    return false;
  }
  if (!address.is_loopback()) {
    *error = "address " + host +
             " is not loopback: the signer must listen on 127.0.0.1";
    return false;
  }
  out->address = host;
  out->port = static_cast<uint16_t>(port);
  return true;
}

bool ParseOptions(int argc, const char* const* argv, Options* options,
                  std::string* error) {
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (flag == "--help") {
      options->help = true;
      return true;
    }
    if (flag == "--no-tls") {
      options->tls = false;
      continue;
    }
    if (i + 1 >= argc) {
      *error = "unknown option or missing value: " + std::string(flag);
      return false;
    }
    std::string value = argv[++i];
    if (flag == "--keys") {
      options->keys_dir = value;
    } else if (flag == "--password") {
      options->password = value;
    } else if (flag == "--listen") {
      if (!ParseHostPort(value, &options->listen, error)) {
        return false;
      }
    } else if (flag == "--control") {
      if (!ParseHostPort(value, &options->control, error)) {
        return false;
      }
      options->control_enabled = true;
    } else if (flag == "--tsa") {
      if (!CheckTsaUrl(value, error)) {
        return false;
      }
      options->tsa_url = value;
    } else if (flag == "--allow-origin") {
      options->allowed_origins.push_back(value);
    } else if (flag == "--key") {
      options->preferred_key_file = value;
    } else if (flag == "--cert-out") {
      options->cert_out = value;
    } else if (flag == "--download-ca") {
      options->download_ca_file = value;
    } else if (flag == "--greeting-version") {
      options->greeting_version = value;
    } else if (flag == "--max-download-bytes") {
      uint64_t bytes = 0;
      if (!ParseUnsigned(value, SIZE_MAX, &bytes) || bytes == 0) {
        *error = "invalid --max-download-bytes \"" + value +
                 "\": expected a positive number of bytes";
        return false;
      }
      options->max_download_bytes = static_cast<size_t>(bytes);
    } else {
      *error = "unknown option: " + std::string(flag);
      return false;
    }
  }
  if (options->keys_dir.empty()) {
    *error = "missing --keys DIR";
    return false;
  }
  return true;
}

}  // namespace tinysign::ncalayer
