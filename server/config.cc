#include "server/config.h"

#include <boost/json.hpp>
#include <charconv>
#include <fstream>
#include <sstream>
#include <thread>

#include "fetch/url_mapping.h"
#include "server/ocsp_override.h"

namespace tinysign::server {

namespace {

constexpr std::string_view kHelpHint = ": run tinysign-server --help";

std::optional<LogLevel> ParseLogLevel(std::string_view text) {
  for (LogLevel level : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarning,
                         LogLevel::kError}) {
    if (LogLevelName(level) == text) {
      return level;
    }
  }
  return std::nullopt;
}

bool IsLowerHex(std::string_view text) {
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

bool CheckApiKeyHash(const std::string& hash, std::string* error) {
  if (hash.size() != 64 || !IsLowerHex(hash)) {
    *error = "invalid API key hash '" + hash +
             "': expected the SHA-256 of the key as 64 lowercase hex digits";
    return false;
  }
  return true;
}

bool CheckFetchMap(const std::vector<std::string>& rewrites,
                   std::string* error) {
  for (const auto& rewrite : rewrites) {
    if (!fetch::ParseUrlRewrite(rewrite).has_value()) {
      *error = "invalid fetch map '" + rewrite +
               "': expected FROM=TO, such as "
               "http://ocsp.pki.gov.kz=http://127.0.0.1:8081/ocsp";
      return false;
    }
  }
  return true;
}

// ParseCount reads a decimal integer in [minimum, maximum].
bool ParseCount(std::string_view name, std::string_view text, int64_t minimum,
                int64_t maximum, int64_t* out, std::string* error) {
  int64_t value = 0;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() ||
      value < minimum || value > maximum) {
    *error = "invalid " + std::string(name) + " '" + std::string(text) +
             "': expected a whole number from " + std::to_string(minimum) +
             " to " + std::to_string(maximum);
    return false;
  }
  *out = value;
  return true;
}

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    if (end > start) {
      parts.emplace_back(text.substr(start, end - start));
    }
    start = end + 1;
  }
  return parts;
}

// NumericSetting is one integer setting with its file key, environment
// variable and range.
struct NumericSetting {
  std::string_view key;
  std::string_view variable;
  int64_t minimum;
  int64_t maximum;
};

constexpr int64_t kMaxBytes = int64_t{1} << 40;
constexpr int64_t kMaxSeconds = 3600;

constexpr NumericSetting kNumericSettings[] = {
    {"maxDocumentBytes", "TINYSIGN_MAX_DOCUMENT_BYTES", 1, kMaxBytes},
    {"maxSignatureBytes", "TINYSIGN_MAX_SIGNATURE_BYTES", 1, kMaxBytes},
    {"readTimeoutSeconds", "TINYSIGN_READ_TIMEOUT_SECONDS", 1, kMaxSeconds},
    {"writeTimeoutSeconds", "TINYSIGN_WRITE_TIMEOUT_SECONDS", 1, kMaxSeconds},
    {"keepAliveTimeoutSeconds", "TINYSIGN_KEEP_ALIVE_TIMEOUT_SECONDS", 1,
     kMaxSeconds},
    {"workers", "TINYSIGN_WORKERS", 0, 1024},
    {"connections", "TINYSIGN_CONNECTIONS", 1, 4096},
    {"maxBufferedBytes", "TINYSIGN_MAX_BUFFERED_BYTES", 1, kMaxBytes},
    {"queueTimeoutSeconds", "TINYSIGN_QUEUE_TIMEOUT_SECONDS", 1, kMaxSeconds},
    {"shutdownTimeoutSeconds", "TINYSIGN_SHUTDOWN_TIMEOUT_SECONDS", 1,
     kMaxSeconds},
    {"fetchTimeoutMs", "TINYSIGN_FETCH_TIMEOUT_MS", 1, kMaxSeconds * 1000},
    {"crlGraceSeconds", "TINYSIGN_CRL_GRACE_SECONDS", 0, 7 * 86400},
};

void StoreNumeric(std::string_view key, int64_t value, ServerConfig* config) {
  if (key == "maxDocumentBytes") {
    config->max_document_bytes = static_cast<uint64_t>(value);
  } else if (key == "maxSignatureBytes") {
    config->max_signature_bytes = static_cast<uint64_t>(value);
  } else if (key == "readTimeoutSeconds") {
    config->read_timeout_seconds = static_cast<int>(value);
  } else if (key == "writeTimeoutSeconds") {
    config->write_timeout_seconds = static_cast<int>(value);
  } else if (key == "keepAliveTimeoutSeconds") {
    config->keep_alive_timeout_seconds = static_cast<int>(value);
  } else if (key == "workers") {
    config->num_workers = static_cast<int>(value);
  } else if (key == "connections") {
    config->num_connections = static_cast<int>(value);
  } else if (key == "maxBufferedBytes") {
    config->max_buffered_bytes = static_cast<uint64_t>(value);
  } else if (key == "queueTimeoutSeconds") {
    config->queue_timeout_seconds = static_cast<int>(value);
  } else if (key == "shutdownTimeoutSeconds") {
    config->shutdown_timeout_seconds = static_cast<int>(value);
  } else if (key == "fetchTimeoutMs") {
    config->fetch_timeout_ms = static_cast<int>(value);
  } else if (key == "crlGraceSeconds") {
    config->crl_grace_seconds = static_cast<int>(value);
  }
}

const NumericSetting* FindNumericSetting(std::string_view key) {
  for (const auto& setting : kNumericSettings) {
    if (setting.key == key) {
      return &setting;
    }
  }
  return nullptr;
}

bool ApplyListen(std::string_view text, ServerConfig* config,
                 std::string* error) {
  return ParseListenAddress(text, &config->listen_host, &config->listen_port,
                            error);
}

bool ApplyLogLevel(std::string_view text, ServerConfig* config,
                   std::string* error) {
  const auto level = ParseLogLevel(text);
  if (!level.has_value()) {
    *error = "invalid log level '" + std::string(text) +
             "': expected debug, info, warning or error";
    return false;
  }
  config->log_level = *level;
  return true;
}

bool ReadStringList(const boost::json::value& value, std::string_view key,
                    std::vector<std::string>* out, std::string* error) {
  const auto* array = value.if_array();
  if (array == nullptr) {
    *error = "\"" + std::string(key) + "\" must be an array of strings";
    return false;
  }
  out->clear();
  for (const auto& item : *array) {
    const auto* text = item.if_string();
    if (text == nullptr) {
      *error = "\"" + std::string(key) + "\" must be an array of strings";
      return false;
    }
    out->emplace_back(*text);
  }
  return true;
}

// ReadOcspOverrides reads {"KEYID": "URL", ...} into a new map that
// replaces `out` on success.
bool ReadOcspOverrides(const boost::json::value& value,
                       std::map<std::string, std::string>* out,
                       std::string* error) {
  const auto* object = value.if_object();
  if (object == nullptr) {
    *error =
        "\"ocspOverrides\" must be an object mapping issuer key identifiers "
        "to OCSP URLs";
    return false;
  }
  std::map<std::string, std::string> overrides;
  for (const auto& field : *object) {
    const auto* url = field.value().if_string();
    if (url == nullptr) {
      *error = "\"ocspOverrides\" value of \"" + std::string(field.key()) +
               "\" must be a URL string";
      return false;
    }
    if (!AddOcspOverride(field.key(), *url, &overrides, error)) {
      return false;
    }
  }
  *out = std::move(overrides);
  return true;
}

bool ApplyJsonString(std::string_view key, std::string_view text,
                     ServerConfig* config, std::string* error) {
  if (key == "listen") {
    return ApplyListen(text, config, error);
  }
  if (key == "webRoot") {
    config->web_root = std::string(text);
    return true;
  }
  if (key == "cacheDir") {
    config->cache_dir = std::string(text);
    return true;
  }
  return ApplyLogLevel(text, config, error);
}

bool ApplyJsonField(std::string_view key, const boost::json::value& value,
                    ServerConfig* config, std::string* error) {
  if (key == "trust") {
    return ReadStringList(value, key, &config->trust_dirs, error);
  }
  if (key == "apiKeySha256") {
    if (!ReadStringList(value, key, &config->api_key_hashes, error)) {
      return false;
    }
    for (const auto& hash : config->api_key_hashes) {
      if (!CheckApiKeyHash(hash, error)) {
        return false;
      }
    }
    return true;
  }
  if (key == "fetchMap") {
    return ReadStringList(value, key, &config->fetch_map, error) &&
           CheckFetchMap(config->fetch_map, error);
  }
  if (key == "crlUrls") {
    return ReadStringList(value, key, &config->crl_urls, error);
  }
  if (key == "ocspOverrides") {
    return ReadOcspOverrides(value, &config->ocsp_overrides, error);
  }
  if (key == "fetchEnabled") {
    if (!value.is_bool()) {
      *error = "\"fetchEnabled\" must be true or false";
      return false;
    }
    config->fetch_enabled = value.get_bool();
    return true;
  }
  if (const NumericSetting* setting = FindNumericSetting(key)) {
    const auto* number = value.if_int64();
    int64_t checked = 0;
    if (number == nullptr) {
      *error = "\"" + std::string(key) + "\" must be a whole number";
      return false;
    }
    if (!ParseCount(key, std::to_string(*number), setting->minimum,
                    setting->maximum, &checked, error)) {
      return false;
    }
    StoreNumeric(key, checked, config);
    return true;
  }
  const auto* text = value.if_string();
  if (text == nullptr) {
    *error = "\"" + std::string(key) + "\" must be a string";
    return false;
  }
  return ApplyJsonString(key, *text, config, error);
}

bool IsConfigKey(std::string_view key) {
  for (std::string_view known : kConfigKeys) {
    if (known == key) {
      return true;
    }
  }
  return false;
}

bool ApplyEnvironmentNumbers(const EnvironmentLookup& lookup,
                             ServerConfig* config, std::string* error) {
  for (const auto& setting : kNumericSettings) {
    const auto text = lookup(setting.variable);
    if (!text.has_value()) {
      continue;
    }
    int64_t value = 0;
    if (!ParseCount(setting.variable, *text, setting.minimum, setting.maximum,
                    &value, error)) {
      return false;
    }
    StoreNumeric(setting.key, value, config);
  }
  return true;
}

bool ApplyEnvironmentFetch(const EnvironmentLookup& lookup,
                           ServerConfig* config, std::string* error) {
  if (const auto enabled = lookup("TINYSIGN_FETCH_ENABLED")) {
    if (*enabled != "true" && *enabled != "false") {
      *error = "invalid TINYSIGN_FETCH_ENABLED '" + *enabled +
               "': expected true or false";
      return false;
    }
    config->fetch_enabled = *enabled == "true";
  }
  if (const auto rewrites = lookup("TINYSIGN_FETCH_MAP")) {
    config->fetch_map = Split(*rewrites, ',');
    if (!CheckFetchMap(config->fetch_map, error)) {
      return false;
    }
  }
  if (const auto urls = lookup("TINYSIGN_CRL_URLS")) {
    config->crl_urls = Split(*urls, ',');
  }
  if (const auto overrides = lookup("TINYSIGN_OCSP_OVERRIDES")) {
    if (!ParseOcspOverrides(Split(*overrides, ','), "TINYSIGN_OCSP_OVERRIDES",
                            &config->ocsp_overrides, error)) {
      return false;
    }
  }
  if (const auto cache_dir = lookup("TINYSIGN_CACHE_DIR")) {
    config->cache_dir = *cache_dir;
  }
  return true;
}

bool ReadFile(const std::string& path, std::string* out, std::string* error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    *error = "cannot read configuration file '" + path + "'";
    return false;
  }
  std::ostringstream text;
  text << file.rdbuf();
  *out = text.str();
  return true;
}

bool TakeValue(const std::vector<std::string>& args, size_t* i,
               std::string* out, std::string* error) {
  if (*i + 1 >= args.size()) {
    *error = args[*i] + " needs a value" + std::string(kHelpHint);
    return false;
  }
  *i += 1;
  *out = args[*i];
  return true;
}

}  // namespace

std::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

int WorkerCount(const ServerConfig& config) {
  if (config.num_workers > 0) {
    return config.num_workers;
  }
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

bool ParseListenAddress(std::string_view text, std::string* host, int* port,
                        std::string* error) {
  const size_t colon = text.rfind(':');
  int64_t value = 0;
  if (colon == std::string_view::npos || colon == 0) {
    *error = "invalid listen address '" + std::string(text) +
             "': expected ADDR:PORT, such as 127.0.0.1:8080";
    return false;
  }
  if (!ParseCount("listen port", text.substr(colon + 1), 0, 65535, &value,
                  error)) {
    return false;
  }
  *host = std::string(text.substr(0, colon));
  *port = static_cast<int>(value);
  return true;
}

bool ApplyConfigJson(std::string_view text, ServerConfig* config,
                     std::string* error) {
  boost::system::error_code ec;
  const boost::json::value value = boost::json::parse(text, ec);
  if (ec) {
    *error = "configuration is not valid JSON: " + ec.message();
    return false;
  }
  const auto* object = value.if_object();
  if (object == nullptr) {
    *error = "configuration must be a JSON object";
    return false;
  }
  for (const auto& field : *object) {
    if (!IsConfigKey(field.key())) {
      *error = "unknown configuration key \"" + std::string(field.key()) + "\"";
      return false;
    }
    if (!ApplyJsonField(field.key(), field.value(), config, error)) {
      return false;
    }
  }
  return true;
}

bool ApplyEnvironment(const EnvironmentLookup& lookup, ServerConfig* config,
                      std::string* error) {
  if (const auto listen = lookup("TINYSIGN_LISTEN")) {
    if (!ApplyListen(*listen, config, error)) {
      return false;
    }
  }
  if (const auto trust = lookup("TINYSIGN_TRUST")) {
    config->trust_dirs = Split(*trust, ':');
  }
  if (const auto web_root = lookup("TINYSIGN_WEB_ROOT")) {
    config->web_root = *web_root;
  }
  if (const auto hashes = lookup("TINYSIGN_API_KEY_SHA256")) {
    config->api_key_hashes = Split(*hashes, ',');
    for (const auto& hash : config->api_key_hashes) {
      if (!CheckApiKeyHash(hash, error)) {
        return false;
      }
    }
  }
  if (const auto level = lookup("TINYSIGN_LOG_LEVEL")) {
    if (!ApplyLogLevel(*level, config, error)) {
      return false;
    }
  }
  return ApplyEnvironmentFetch(lookup, config, error) &&
         ApplyEnvironmentNumbers(lookup, config, error);
}

bool ParseCommandLine(const std::vector<std::string>& args, CommandLine* out,
                      std::string* error) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::string value;
    if (arg == "--help") {
      out->help = true;
      continue;
    }
    if (arg == "--no-fetch") {
      out->no_fetch = true;
      continue;
    }
    if (arg != "--config" && arg != "--listen" && arg != "--trust" &&
        arg != "--web-root" && arg != "--log-level" && arg != "--fetch-map" &&
        arg != "--ocsp-override" && arg != "--cache-dir") {
      *error = "unknown argument '" + arg + "'" + std::string(kHelpHint);
      return false;
    }
    if (!TakeValue(args, &i, &value, error)) {
      return false;
    }
    if (arg == "--config") {
      out->config_path = value;
    } else if (arg == "--listen") {
      out->listen = value;
    } else if (arg == "--trust") {
      out->trust_dirs.push_back(value);
    } else if (arg == "--web-root") {
      out->web_root = value;
    } else if (arg == "--fetch-map") {
      out->fetch_map.push_back(value);
    } else if (arg == "--ocsp-override") {
      out->ocsp_overrides.push_back(value);
    } else if (arg == "--cache-dir") {
      out->cache_dir = value;
    } else {
      out->log_level = value;
    }
  }
  return true;
}

bool LoadConfig(const CommandLine& command_line,
                const EnvironmentLookup& lookup, ServerConfig* config,
                std::string* error) {
  std::optional<std::string> path = command_line.config_path;
  if (!path.has_value()) {
    path = lookup("TINYSIGN_CONFIG");
  }
  if (path.has_value()) {
    std::string text;
    if (!ReadFile(*path, &text, error)) {
      return false;
    }
    if (!ApplyConfigJson(text, config, error)) {
      *error = *path + ": " + *error;
      return false;
    }
  }
  if (!ApplyEnvironment(lookup, config, error)) {
    return false;
  }
  if (command_line.listen.has_value() &&
      !ApplyListen(*command_line.listen, config, error)) {
    return false;
  }
  if (!command_line.trust_dirs.empty()) {
    config->trust_dirs = command_line.trust_dirs;
  }
  if (command_line.web_root.has_value()) {
    config->web_root = *command_line.web_root;
  }
  if (!command_line.fetch_map.empty()) {
    config->fetch_map = command_line.fetch_map;
    if (!CheckFetchMap(config->fetch_map, error)) {
      return false;
    }
  }
  if (!command_line.ocsp_overrides.empty() &&
      !ParseOcspOverrides(command_line.ocsp_overrides, "--ocsp-override",
                          &config->ocsp_overrides, error)) {
    return false;
  }
  if (command_line.cache_dir.has_value()) {
    config->cache_dir = *command_line.cache_dir;
  }
  if (command_line.no_fetch) {
    config->fetch_enabled = false;
  }
  if (command_line.log_level.has_value()) {
    return ApplyLogLevel(*command_line.log_level, config, error);
  }
  return true;
}

}  // namespace tinysign::server
