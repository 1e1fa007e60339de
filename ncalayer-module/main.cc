// tinysign-ncalayer: an NCALayer-compatible signer for development and
// automated tests. See kUsage in options.cc.

#include <signal.h>

#include <boost/asio/ip/address.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "core/time.h"
#include "ncalayer-module/control_server.h"
#include "ncalayer-module/dispatcher.h"
#include "ncalayer-module/file_downloader.h"
#include "ncalayer-module/options.h"
#include "ncalayer-module/pkcs12_signer.h"
#include "ncalayer-module/timestamp_client.h"
#include "ncalayer-module/tls_certificate.h"
#include "ncalayer-module/websocket_server.h"

namespace tinysign::ncalayer {
namespace {

std::mutex log_mutex;

Time Now() {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return Time{seconds.count()};
}

// LogLine writes one JSON object to stderr with the time and `event`.
void LogLine(boost::json::object line, const char* event) {
  line["time"] = FormatRfc3339(Now());
  line["event"] = event;
  std::lock_guard lock(log_mutex);
  std::cerr << boost::json::serialize(line) << std::endl;
}

void LogError(const std::string& message) {
  boost::json::object line;
  line["error"] = message;
  LogLine(std::move(line), "error");
}

void LogRequest(const RequestRecord& record) {
  std::string text = FormatRequestRecord(record);
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  LogLine(ec ? boost::json::object() : value.as_object(), "request");
}

bool LoadKeys(const Options& options, Pkcs12Signer* signer) {
  std::vector<KeyLoadReport> reports;
  std::string error;
  if (!signer->Load(options.keys_dir, options.password, &reports, &error)) {
    LogError(error);
    return false;
  }
  for (const KeyLoadReport& report : reports) {
    boost::json::object line;
    line["key_file"] = report.file_name;
    if (!report.loaded) {
      line["error"] = report.error;
    }
    LogLine(std::move(line), report.loaded ? "key_loaded" : "key_skipped");
  }
  // A signer without keys would start and then cancel every request, which
  // hides a wrong --password or --keys folder until the first page calls it.
  if (signer->keys().empty()) {
    LogError("no key in " + options.keys_dir +
             " opened with the given --password (" +
             std::to_string(reports.size()) +
             " .p12 files found): check the folder and the password");
    return false;
  }
  return true;
}

bool WriteText(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  return static_cast<bool>(file);
}

// WaitForSignal stops `server` on SIGINT or SIGTERM. The signals are
// blocked in every thread, so only this one receives them.
std::thread WaitForSignal(WebSocketServer& server) {
  return std::thread([&server] {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    int received = 0;
    sigwait(&signals, &received);
    server.Stop();
  });
}

void BlockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

void PrintListening(const Options& options, uint16_t port,
                    uint16_t control_port) {
  boost::json::object line;
  line["url"] = std::string(options.tls ? "wss://" : "ws://") +
                options.listen.address + ":" + std::to_string(port) + "/";
  if (options.control_enabled) {
    line["control"] = "http://" + options.control.address + ":" +
                      std::to_string(control_port) + "/";
  }
  std::cout << boost::json::serialize(line) << std::endl;
}

int Run(const Options& options) {
  BlockStopSignals();
  Pkcs12Signer signer(Now);
  if (!LoadKeys(options, &signer)) {
    return 1;
  }
  TlsCredentials credentials;
  std::string error;
  if (options.tls) {
    if (!GenerateTlsCredentials(&credentials, &error)) {
      LogError(error);
      return 1;
    }
    if (!options.cert_out.empty() &&
        !WriteText(options.cert_out, credentials.certificate_pem)) {
      LogError("cannot write the TLS certificate to " + options.cert_out);
      return 1;
    }
  }
  UserActionQueue actions;
  DownloadOptions download_options;
  download_options.allowed_origins = options.allowed_origins;
  download_options.max_bytes = options.max_download_bytes;
  download_options.ca_file = options.download_ca_file;
  FileDownloader downloader(download_options);
  std::unique_ptr<TimestampClient> tsa;
  if (!options.tsa_url.empty()) {
    tsa = std::make_unique<TimestampClient>(options.tsa_url);
  }
  Services services{
      &signer, &actions, &downloader, tsa.get(), options.preferred_key_file,
      Now};
  Dispatcher dispatcher(services, LogRequest);

  WebSocketServerOptions server_options;
  server_options.endpoint = {
      boost::asio::ip::make_address(options.listen.address),
      options.listen.port};
  server_options.tls = options.tls ? &credentials : nullptr;
  server_options.greeting_version = options.greeting_version;
  server_options.log_error = LogError;
  WebSocketServer server(dispatcher, server_options);
  if (!server.Listen(&error)) {
    LogError(error);
    return 1;
  }
  ControlServer control(signer, actions);
  if (options.control_enabled &&
      !control.Start(options.control.address, options.control.port, &error)) {
    LogError(error);
    return 1;
  }
  PrintListening(options, server.port(), control.port());
  LogLine(boost::json::object(), "started");
  std::thread signal_thread = WaitForSignal(server);
  server.Run();
  control.Stop();
  signal_thread.join();
  LogLine(boost::json::object(), "stopped");
  return 0;
}

}  // namespace
}  // namespace tinysign::ncalayer

int main(int argc, char** argv) {
  using tinysign::ncalayer::Options;
  Options options;
  std::string error;
  if (!tinysign::ncalayer::ParseOptions(argc, argv, &options, &error)) {
    std::cerr << "tinysign-ncalayer: " << error << "\n"
              << "Run tinysign-ncalayer --help for the options.\n";
    return 2;
  }
  if (options.help) {
    std::cout << tinysign::ncalayer::kUsage;
    return 0;
  }
  return tinysign::ncalayer::Run(options);
}
