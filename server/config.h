// Configuration of tinysign-server: a JSON file, then environment
// variables, then command-line flags, each overriding the one before.
//
// Example file:
//   {
//     "listen": "127.0.0.1:8080",
//     "trust": ["/etc/tinysign/trust"],
//     "apiKeySha256": ["<64 hex digits: SHA-256 of the key>"],
//     "maxDocumentBytes": 52428800,
//     "logLevel": "info",
//     "ocspOverrides": {"3f1a09c2": "http://127.0.0.1:8081/ocsp"},
//     "cacheDir": "/var/cache/tinysign"
//   }
//
// "ocspOverrides" maps an issuer's subjectKeyIdentifier (hex, as GET
// /api/v1/trust lists it) to the OCSP URL asked for every certificate that
// issuer signed, in place of the certificate's authorityInfoAccess URL.
// "cacheDir" names a folder where fetched CRLs and OCSP responses are
// written, so that a restarted service can use them before, or instead
// of, a new download. Without it they are kept in memory only.
#ifndef TINYSIGN_SERVER_CONFIG_H_
#define TINYSIGN_SERVER_CONFIG_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinysign::server {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

// LogLevelName returns "debug", "info", "warning" or "error".
std::string_view LogLevelName(LogLevel level);

struct ServerConfig {
  std::string listen_host = "127.0.0.1";
  // listen_port 0 lets the system choose a free port.
  int listen_port = 8080;
  std::vector<std::string> trust_dirs;
  // web_root, when not empty, is a folder served as static files under /.
  std::string web_root;
  // api_key_hashes are lowercase hex SHA-256 digests of the accepted API
  // keys. When empty, requests need no key.
  std::vector<std::string> api_key_hashes;
  uint64_t max_document_bytes = 50 * 1024 * 1024;
  uint64_t max_signature_bytes = 16 * 1024 * 1024;
  int read_timeout_seconds = 30;
  int write_timeout_seconds = 30;
  int keep_alive_timeout_seconds = 5;
  // num_workers is how many verifications run at once; 0 means one per
  // core. Verification is CPU-bound, so more would only share the cores.
  int num_workers = 0;
  // num_connections is how many connections are served at once. Each keeps
  // a thread while it is open, also between the requests of a keep-alive
  // connection. So it must exceed the number of clients that keep
  // connections open, because further connections wait to be accepted.
  int num_connections = 64;
  // max_buffered_bytes bounds the request bodies held in memory at once,
  // counted by their Content-Length. A verification needs about three
  // times its body while it parses and decodes it.
  uint64_t max_buffered_bytes = 256 * 1024 * 1024;
  // queue_timeout_seconds is how long a request waits for memory or a
  // worker before the service responds 503 with Retry-After.
  int queue_timeout_seconds = 30;
  // shutdown_timeout_seconds is how long SIGTERM waits for the requests in
  // flight before the process exits without them, with status 1.
  int shutdown_timeout_seconds = 30;
  LogLevel log_level = LogLevel::kInfo;
  // fetch_enabled false turns off live OCSP and CRL fetching.
  bool fetch_enabled = true;
  // fetch_map are "FROM=TO" URL prefix rewrites for revocation fetches.
  // Hosts other than loopback addresses are rejected after mapping.
  std::vector<std::string> fetch_map;
  int fetch_timeout_ms = 5000;
  // crl_urls are CRLs fetched for every issuer besides the distribution
  // points the certificates name.
  std::vector<std::string> crl_urls;
  // crl_grace_seconds is how long after its nextUpdate a kept CRL still
  // counts as fresh for /readyz.
  int crl_grace_seconds = 3600;
  // ocsp_overrides maps an issuer's subjectKeyIdentifier, in lowercase hex
  // without separators, to the OCSP URL used in place of the
  // authorityInfoAccess URL of the certificates it issued. The fetch map
  // and the loopback-only rule apply to these URLs too.
  std::map<std::string, std::string> ocsp_overrides;
  // cache_dir, when not empty, is the folder under which fetched CRLs and
  // OCSP responses are written and read back after a restart. Empty keeps
  // them in memory only.
  std::string cache_dir;
};

// kConfigKeys lists the keys a configuration file may contain.
inline constexpr std::string_view kConfigKeys[] = {
    "listen",
    "trust",
    "webRoot",
    "apiKeySha256",
    "maxDocumentBytes",
    "maxSignatureBytes",
    "readTimeoutSeconds",
    "writeTimeoutSeconds",
    "keepAliveTimeoutSeconds",
    "workers",
    "connections",
    "maxBufferedBytes",
    "queueTimeoutSeconds",
    "shutdownTimeoutSeconds",
    "logLevel",
    "fetchEnabled",
    "fetchMap",
    "fetchTimeoutMs",
    "crlUrls",
    "crlGraceSeconds",
    "ocspOverrides",
    "cacheDir",
};

// EnvironmentLookup returns the value of an environment variable, or
// nullopt when it is unset.
using EnvironmentLookup =
    std::function<std::optional<std::string>(std::string_view name)>;

// ApplyConfigJson sets the fields named in the JSON object `text`. It
// rejects unknown keys, so that a misspelt setting is not silently
// ignored. On failure it returns false and sets `error`.
bool ApplyConfigJson(std::string_view text, ServerConfig* config,
                     std::string* error);

// ApplyEnvironment sets fields from TINYSIGN_LISTEN, TINYSIGN_TRUST
// (folders separated by ':'), TINYSIGN_WEB_ROOT, TINYSIGN_API_KEY_SHA256
// (hashes separated by ','), TINYSIGN_MAX_DOCUMENT_BYTES,
// TINYSIGN_MAX_SIGNATURE_BYTES, TINYSIGN_READ_TIMEOUT_SECONDS,
// TINYSIGN_WRITE_TIMEOUT_SECONDS, TINYSIGN_KEEP_ALIVE_TIMEOUT_SECONDS,
// TINYSIGN_WORKERS, TINYSIGN_CONNECTIONS, TINYSIGN_MAX_BUFFERED_BYTES,
// TINYSIGN_QUEUE_TIMEOUT_SECONDS, TINYSIGN_SHUTDOWN_TIMEOUT_SECONDS,
// TINYSIGN_LOG_LEVEL, TINYSIGN_FETCH_ENABLED
// (true or false), TINYSIGN_FETCH_MAP (FROM=TO rewrites separated by ','),
// TINYSIGN_FETCH_TIMEOUT_MS, TINYSIGN_CRL_URLS (separated by ','),
// TINYSIGN_CRL_GRACE_SECONDS, TINYSIGN_OCSP_OVERRIDES (KEYID=URL items
// separated by ',') and TINYSIGN_CACHE_DIR.
bool ApplyEnvironment(const EnvironmentLookup& lookup, ServerConfig* config,
                      std::string* error);

// CommandLine is the parsed command line of tinysign-server.
struct CommandLine {
  std::optional<std::string> config_path;
  std::optional<std::string> listen;
  std::vector<std::string> trust_dirs;
  std::optional<std::string> web_root;
  std::optional<std::string> log_level;
  std::vector<std::string> fetch_map;
  // ocsp_overrides are the KEYID=URL values of --ocsp-override.
  std::vector<std::string> ocsp_overrides;
  std::optional<std::string> cache_dir;
  bool no_fetch = false;
  bool help = false;
};

// ParseCommandLine reads --config FILE, --listen ADDR:PORT, --trust DIR
// (repeatable), --web-root DIR, --log-level LEVEL, --fetch-map FROM=TO
// (repeatable), --ocsp-override KEYID=URL (repeatable), --cache-dir DIR,
// --no-fetch and --help.
bool ParseCommandLine(const std::vector<std::string>& args, CommandLine* out,
                      std::string* error);

// LoadConfig builds the configuration from the file named by --config or
// TINYSIGN_CONFIG, then the environment, then the flags of `command_line`.
// Flags given with --trust, --fetch-map or --ocsp-override replace the
// lists of the file and the environment.
bool LoadConfig(const CommandLine& command_line,
                const EnvironmentLookup& lookup, ServerConfig* config,
                std::string* error);

// WorkerCount returns `config.num_workers`, or the number of cores when it
// is 0.
int WorkerCount(const ServerConfig& config);

// ParseListenAddress splits "ADDR:PORT" into host and port (0 to 65535).
bool ParseListenAddress(std::string_view text, std::string* host, int* port,
                        std::string* error);

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_CONFIG_H_
