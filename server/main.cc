// tinysign-server: the verification service. It reads the configuration,
// loads the trust folders, serves until SIGTERM or SIGINT, and then
// finishes the requests in flight before it exits.
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "cli/system_random.h"
#include "cli/trust_directory.h"
#include "core/encoding/input_form.h"
#include "fetch/cache_directory.h"
#include "fetch/revocation_fetcher.h"
#include "server/cache_file_log.h"
#include "server/config.h"
#include "server/json_log.h"
#include "server/service.h"

namespace {

using tinysign::server::JsonLog;
using tinysign::server::LogLevel;
using tinysign::server::ServerConfig;

constexpr std::string_view kHelp =
    "Usage: tinysign-server [--config FILE] [--listen ADDR:PORT]\n"
    "                       [--trust DIR]... [--web-root DIR]\n"
    "                       [--log-level LEVEL] [--fetch-map FROM=TO]...\n"
    "                       [--ocsp-override KEYID=URL]... [--cache-dir DIR]\n"
    "                       [--no-fetch]\n"
    "\n"
    "Serves POST /api/v1/verify, GET /api/v1/trust, /healthz, /readyz and\n"
    "/metrics, and logs JSON lines to standard error.\n"
    "\n"
    "Options:\n"
    "  --config FILE      JSON configuration file (also TINYSIGN_CONFIG)\n"
    "  --listen ADDR:PORT address to listen on (default 127.0.0.1:8080;\n"
    "                     port 0 picks a free port)\n"
    "  --trust DIR        folder of trusted CA certificates; may be\n"
    "                     repeated, and replaces the configured folders\n"
    "  --web-root DIR     folder of static files served under /\n"
    "  --log-level LEVEL  debug, info (default), warning or error\n"
    "  --fetch-map FROM=TO  rewrite OCSP and CRL URLs starting with FROM\n"
    "                     to start with TO; may be repeated\n"
    "  --ocsp-override KEYID=URL  ask URL for the OCSP status of every\n"
    "                     certificate issued by the CA whose\n"
    "                     subjectKeyIdentifier is KEYID (hex, as GET\n"
    "                     /api/v1/trust lists it), in place of the\n"
    "                     certificate's own OCSP URL; may be repeated\n"
    "  --cache-dir DIR    folder where fetched CRLs and OCSP responses are\n"
    "                     written and read back after a restart; created\n"
    "                     if missing (default: none, kept in memory only)\n"
    "  --no-fetch         do not fetch OCSP responses or CRLs\n"
    "  --help             show this help\n"
    "\n"
    "Environment variables override the file and flags override both:\n"
    "TINYSIGN_LISTEN, TINYSIGN_TRUST (folders separated by ':'),\n"
    "TINYSIGN_WEB_ROOT, TINYSIGN_API_KEY_SHA256 (hex SHA-256 of each key,\n"
    "separated by ','), TINYSIGN_MAX_DOCUMENT_BYTES (default 52428800),\n"
    "TINYSIGN_MAX_SIGNATURE_BYTES (default 16777216),\n"
    "TINYSIGN_READ_TIMEOUT_SECONDS and TINYSIGN_WRITE_TIMEOUT_SECONDS\n"
    "(default 30), TINYSIGN_KEEP_ALIVE_TIMEOUT_SECONDS (default 5),\n"
    "TINYSIGN_WORKERS (verifications at once; default: the number of\n"
    "cores), TINYSIGN_CONNECTIONS (connections served at once, idle\n"
    "keep-alive ones included; default 64), TINYSIGN_MAX_BUFFERED_BYTES\n"
    "(request bodies held at once; default 268435456),\n"
    "TINYSIGN_QUEUE_TIMEOUT_SECONDS (wait for a worker or for memory\n"
    "before 503; default 30), TINYSIGN_SHUTDOWN_TIMEOUT_SECONDS (wait\n"
    "for requests in flight after SIGTERM before exiting; default 30),\n"
    "TINYSIGN_LOG_LEVEL, TINYSIGN_FETCH_ENABLED (true or false),\n"
    "TINYSIGN_FETCH_MAP (FROM=TO rewrites separated by ','),\n"
    "TINYSIGN_FETCH_TIMEOUT_MS (default 5000), TINYSIGN_CRL_URLS\n"
    "(separated by ','), TINYSIGN_CRL_GRACE_SECONDS (default 3600),\n"
    "TINYSIGN_OCSP_OVERRIDES (KEYID=URL items separated by ',') and\n"
    "TINYSIGN_CACHE_DIR (default empty: in memory only). Flags given with\n"
    "--trust, --fetch-map or --ocsp-override replace those lists.\n"
    "\n"
    "Revocation fetches, override URLs included, go only to loopback\n"
    "addresses after the rewrites; certificates naming other hosts get an\n"
    "unknown status.\n";

std::optional<std::string> LookupEnvironment(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr) {
    return std::nullopt;
  }
  return std::string(value);
}

bool LoadTrust(const ServerConfig& config, JsonLog& log,
               tinysign::x509::TrustStore* trust) {
  for (const auto& dir : config.trust_dirs) {
    std::ostringstream warnings;
    std::string error;
    const bool loaded =
        tinysign::cli::LoadTrustDirectory(dir, trust, warnings, &error);
    std::istringstream lines(warnings.str());
    for (std::string line; std::getline(lines, line);) {
      log.Write(LogLevel::kWarning, "trust_warning", {{"message", line}});
    }
    if (!loaded) {
      log.Write(LogLevel::kError, "trust_error",
                {{"folder", dir}, {"message", error}});
      return false;
    }
  }
  log.Write(LogLevel::kInfo, "trust_loaded",
            {{"folders", config.trust_dirs.size()},
             {"anchors", trust->anchors().size()},
             {"intermediates", trust->intermediates().size()}});
  return true;
}

// WarnOfUnusedOverrides logs a warning for each OCSP override whose key
// identifier names no loaded CA certificate: a mistyped identifier would
// otherwise show only as OCSP requests going to the certificates' own
// URLs.
void WarnOfUnusedOverrides(const ServerConfig& config,
                           const tinysign::x509::TrustStore& trust,
                           JsonLog& log) {
  std::set<std::string> loaded;
  for (const auto& certificate : trust.certificates()) {
    if (const auto& key_id = certificate->subject_key_identifier()) {
      loaded.insert(tinysign::encoding::HexEncode(*key_id));
    }
  }
  for (const auto& [key_id, url] : config.ocsp_overrides) {
    if (!loaded.contains(key_id)) {
      log.Write(LogLevel::kWarning, "ocsp_override_unused",
                {{"keyId", key_id},
                 {"message",
                  "no loaded CA certificate has this subjectKeyIdentifier; "
                  "copy it from GET /api/v1/trust"}});
    }
  }
}

// kCrlRefreshInterval is how often kept CRLs near their nextUpdate are
// downloaded again.
constexpr std::chrono::seconds kCrlRefreshInterval{60};

// PrepareCacheDir creates the cache folder, when one is configured, and
// checks that the service can write it.
bool PrepareCacheDir(const ServerConfig& config, JsonLog& log) {
  if (config.cache_dir.empty()) {
    return true;
  }
  const auto prepared =
      tinysign::fetch::CacheDirectory(config.cache_dir).Prepare();
  if (!prepared) {
    log.Write(LogLevel::kError, "config_error",
              {{"path", config.cache_dir},
               {"message", "invalid cache folder " + config.cache_dir + ": " +
                               prepared.error().detail +
                               "; let the service create and write it, or "
                               "set another cacheDir"}});
    return false;
  }
  return true;
}

std::unique_ptr<tinysign::fetch::RevocationFetcher> MakeFetcher(
    const ServerConfig& config, tinysign::crypto::RandomSource& random,
    JsonLog& log) {
  if (!config.fetch_enabled) {
    return nullptr;
  }
  tinysign::fetch::FetchConfig fetch_config;
  for (const auto& text : config.fetch_map) {
    // LoadConfig has checked every rewrite.
    fetch_config.mapping.rewrites.push_back(
        *tinysign::fetch::ParseUrlRewrite(text));
  }
  fetch_config.timeout = std::chrono::milliseconds(config.fetch_timeout_ms);
  fetch_config.crl_urls = config.crl_urls;
  fetch_config.ocsp_overrides = config.ocsp_overrides;
  fetch_config.cache_dir = config.cache_dir;
  auto cache_file_log = std::make_shared<tinysign::server::CacheFileLog>(log);
  fetch_config.cache_file_error_handler =
      [cache_file_log](const std::string& path, const tinysign::Error& error) {
        cache_file_log->Report(path, error);
      };
  auto fetcher = std::make_unique<tinysign::fetch::RevocationFetcher>(
      fetch_config, random);
  fetcher->crls().StartBackgroundRefresh(kCrlRefreshInterval);
  return fetcher;
}

// Shutdown signals to the signal thread that the server has finished.
class Shutdown {
 public:
  void MarkDone() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    finished_.notify_all();
  }

  // WaitDone returns false when `timeout` passes first.
  bool WaitDone(std::chrono::seconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    return finished_.wait_for(lock, timeout, [this] { return done_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable finished_;
  bool done_ = false;
};

// StartSignalThread waits for SIGTERM or SIGINT, stops `server`, and ends
// the process when the requests in flight take longer than `timeout`. A
// client that sends a byte now and then would otherwise keep a request in
// flight for as long as it likes. SIGTERM and SIGINT were blocked in main
// before any thread started, so only this thread receives them.
std::thread StartSignalThread(httplib::Server& server, JsonLog& log,
                              std::chrono::seconds timeout,
                              Shutdown& shutdown) {
  return std::thread([&server, &log, timeout, &shutdown] {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    int signal_number = 0;
    sigwait(&signals, &signal_number);
    log.Write(LogLevel::kInfo, "stopping", {{"signal", signal_number}});
    server.stop();
    if (!shutdown.WaitDone(timeout)) {
      log.Write(LogLevel::kError, "stop_timeout",
                {{"message",
                  "requests still in flight after " +
                      std::to_string(timeout.count()) +
                      " s (shutdownTimeoutSeconds); exiting without them"}});
      std::_Exit(1);
    }
  });
}

bool Bind(httplib::Server* server, ServerConfig* config) {
  if (config->listen_port == 0) {
    config->listen_port = server->bind_to_any_port(config->listen_host);
    return config->listen_port > 0;
  }
  return server->bind_to_port(config->listen_host, config->listen_port);
}

int Serve(ServerConfig config, JsonLog& log) {
  tinysign::x509::TrustStore trust;
  if (!LoadTrust(config, log, &trust) || !PrepareCacheDir(config, log)) {
    return 1;
  }
  WarnOfUnusedOverrides(config, trust, log);
  httplib::Server server;
  if (!config.web_root.empty() &&
      !server.set_mount_point("/", config.web_root)) {
    log.Write(LogLevel::kError, "config_error",
              {{"message", "web root is not a folder: " + config.web_root}});
    return 1;
  }
  tinysign::cli::SystemRandom random;
  const auto fetcher = MakeFetcher(config, random, log);
  tinysign::server::Service service(config, std::move(trust), log,
                                    fetcher.get());
  service.Install(&server);
  server.new_task_queue = [&service] { return service.NewConnectionPool(); };
  if (!Bind(&server, &config)) {
    log.Write(LogLevel::kError, "listen_error",
              {{"address",
                config.listen_host + ":" + std::to_string(config.listen_port)},
               {"message", "cannot listen on this address"}});
    return 1;
  }

  Shutdown shutdown;
  std::thread signal_thread = StartSignalThread(
      server, log, std::chrono::seconds(config.shutdown_timeout_seconds),
      shutdown);
  log.Write(LogLevel::kInfo, "listening",
            {{"address",
              config.listen_host + ":" + std::to_string(config.listen_port)},
             {"workers", tinysign::server::WorkerCount(config)},
             {"connections", config.num_connections}});
  // listen_after_bind returns once stop() is called, after the worker pool
  // has finished the requests in flight.
  server.listen_after_bind();
  shutdown.MarkDone();
  pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  log.Write(LogLevel::kInfo, "stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  const std::vector<std::string> args(argv + 1, argv + argc);
  tinysign::server::CommandLine command_line;
  std::string error;
  if (!tinysign::server::ParseCommandLine(args, &command_line, &error)) {
    std::cerr << "tinysign-server: " << error << "\n";
    return 64;
  }
  if (command_line.help) {
    std::cout << kHelp;
    return 0;
  }
  ServerConfig config;
  if (!tinysign::server::LoadConfig(command_line, LookupEnvironment, &config,
                                    &error)) {
    std::cerr << "tinysign-server: " << error << "\n";
    return 64;
  }
  JsonLog log(std::cerr, config.log_level);
  return Serve(std::move(config), log);
}
