#include "testpki/serve_command.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "core/encoding/input_form.h"
#include "testpki/hierarchy.h"
#include "testpki/loopback.h"
#include "testpki/manifest.h"
#include "testpki/responder.h"

namespace tinysign::testpki {

namespace {

namespace fs = std::filesystem;

struct ServeArguments {
  fs::path dir;
  ListenAddress listen;
};

std::optional<ServeArguments> ParseArguments(
    const std::vector<std::string>& arguments, std::ostream& err) {
  ServeArguments parsed;
  bool has_listen = false;
  for (size_t i = 0; i < arguments.size(); ++i) {
    const std::string& name = arguments[i];
    if (i + 1 >= arguments.size()) {
      err << "error: " << name << " needs a value\n";
      return std::nullopt;
    }
    const std::string& value = arguments[++i];
    if (name == "--dir") {
      parsed.dir = value;
    } else if (name == "--listen") {
      auto address = ParseListenAddress(value);
      if (!address) {
        err << "error: invalid --listen \"" << value
            << "\": expected 127.0.0.1:PORT or another loopback address; "
               "the test PKI does not listen on other interfaces\n";
        return std::nullopt;
      }
      parsed.listen = *address;
      has_listen = true;
    } else {
      err << "error: unknown option " << name << "\n";
      return std::nullopt;
    }
  }
  if (parsed.dir.empty() || !has_listen) {
    err << "error: --dir DIR and --listen 127.0.0.1:PORT are required\n";
    return std::nullopt;
  }
  return parsed;
}

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return std::nullopt;
  }
  return std::string(std::istreambuf_iterator<char>(file), {});
}

Time Now() {
  return Time{std::chrono::duration_cast<std::chrono::seconds>(
                  std::chrono::system_clock::now().time_since_epoch())
                  .count()};
}

Bytes ToBytes(const std::string& text) {
  return Bytes(text.begin(), text.end());
}

std::string ToString(const Bytes& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

// Service is the loaded PKI: the rebuilt hierarchies and a responder for
// each, keyed by algorithm name.
struct Service {
  fs::path dir;
  std::vector<std::unique_ptr<Hierarchy>> hierarchies;
  std::map<std::string, std::unique_ptr<Responder>> responders;
  // Responses are built one at a time, which is plenty for tests.
  std::mutex mutex;
  std::atomic<uint32_t> timestamp_counter{0};
};

// LoadService rebuilds the hierarchies from the manifest and checks that
// they match the certificates in DIR/trust, which they do unless the
// folder was made by a different build or edited by hand.
bool LoadService(Service& service, std::ostream& err) {
  const auto manifest_text = ReadFile(service.dir / "manifest.json");
  if (!manifest_text) {
    err << "error: cannot read " << (service.dir / "manifest.json").string()
        << ": run tinysign-testpki generate --out DIR first\n";
    return false;
  }
  auto manifest = ParseManifest(*manifest_text);
  if (!manifest) {
    err << "error: invalid manifest: " << manifest.error().ToString() << "\n";
    return false;
  }
  for (const std::string& algorithm : AlgorithmNames()) {
    auto hierarchy = BuildHierarchy(algorithm, manifest->options);
    if (!hierarchy) {
      err << "error: cannot rebuild the " << algorithm
          << " hierarchy: " << hierarchy.error().ToString() << "\n";
      return false;
    }
    const auto ca_path =
        service.dir / "trust" / CertificateFileName(algorithm, "ca");
    const auto stored_ca = ReadFile(ca_path);
    if (!stored_ca || ToBytes(*stored_ca) != hierarchy->ca.der) {
      err << "error: " << ca_path.string()
          << " differs from the CA rebuilt from the manifest; run generate "
             "again with this build\n";
      return false;
    }
    auto owned = std::make_unique<Hierarchy>(std::move(*hierarchy));
    service.responders[algorithm] = std::make_unique<Responder>(
        *owned, std::move(manifest->statuses[algorithm]));
    service.hierarchies.push_back(std::move(owned));
  }
  return true;
}

// TimestampSerial returns a serial number unique within this server: the
// time in seconds and a counter.
Bytes TimestampSerial(Service& service, Time now) {
  const uint64_t value = (static_cast<uint64_t>(now.unix_seconds) << 20) |
                         (service.timestamp_counter++ & 0xfffff);
  Bytes serial;
  for (int shift = 56; shift >= 0; shift -= 8) {
    serial.push_back(static_cast<uint8_t>(value >> shift));
  }
  return serial;
}

Responder* FindResponder(Service& service, const std::string& algorithm,
                         httplib::Response& response) {
  const auto found = service.responders.find(algorithm);
  if (found == service.responders.end()) {
    response.status = 404;
    response.set_content("unknown algorithm " + algorithm +
                             ": expected rsa, gost2004 or gost2015\n",
                         "text/plain");
    return nullptr;
  }
  return found->second.get();
}

void AnswerOcsp(Service& service, const std::string& algorithm,
                const Bytes& request, httplib::Response& response) {
  Responder* responder = FindResponder(service, algorithm, response);
  if (responder == nullptr) {
    return;
  }
  std::lock_guard lock(service.mutex);
  response.set_content(ToString(responder->RespondOcsp(request, Now())),
                       "application/ocsp-response");
}

void RegisterOcsp(httplib::Server& server, Service& service) {
  server.Post(R"(/ocsp/([a-z0-9]+))",
              [&service](const httplib::Request& req, httplib::Response& res) {
                AnswerOcsp(service, req.matches[1], ToBytes(req.body), res);
              });
  // RFC 6960 appendix A.1: GET {url}/{url-encoding of base64 of the DER
  // OCSPRequest}. httplib has already decoded the percent-encoding.
  server.Get(
      R"(/ocsp/([a-z0-9]+)/(.+))",
      [&service](const httplib::Request& req, httplib::Response& res) {
        const std::string encoded = req.matches[2];
        auto request =
            encoding::DecodeBase64(der::Input(std::string_view(encoded)));
        AnswerOcsp(service, req.matches[1], request ? *request : Bytes{}, res);
      });
}

void RegisterTsa(httplib::Server& server, Service& service) {
  server.Post(R"(/tsa/([a-z0-9]+))", [&service](const httplib::Request& req,
                                                httplib::Response& res) {
    Responder* responder = FindResponder(service, req.matches[1], res);
    if (responder == nullptr) {
      return;
    }
    std::lock_guard lock(service.mutex);
    const Time now = Now();
    const Bytes serial = TimestampSerial(service, now);
    res.set_content(
        ToString(responder->RespondTimestamp(ToBytes(req.body), now, serial)),
        "application/timestamp-reply");
  });
}

void RegisterCrl(httplib::Server& server, Service& service) {
  server.Get(
      R"(/crl/([a-z0-9]+)_(root|ca)(_delta)?\.crl)",
      [&service](const httplib::Request& req, httplib::Response& res) {
        Responder* responder = FindResponder(service, req.matches[1], res);
        if (responder == nullptr) {
          return;
        }
        std::lock_guard lock(service.mutex);
        auto crl = responder->IssueCrl(req.matches[2] == "root",
                                       req.matches[3].length() > 0, Now());
        if (!crl) {
          res.status = 500;
          res.set_content(
              "CRL signing failed: " + crl.error().ToString() + "\n",
              "text/plain");
          return;
        }
        res.set_content(ToString(*crl), "application/pkix-crl");
      });
}

void RegisterCertificates(httplib::Server& server, Service& service) {
  server.Get(R"(/cert/([a-z0-9]+_(root|ca)\.cer))",
             [&service](const httplib::Request& req, httplib::Response& res) {
               const auto file =
                   ReadFile(service.dir / "trust" / req.matches[1].str());
               if (!file) {
                 res.status = 404;
                 res.set_content("certificate not found\n", "text/plain");
                 return;
               }
               res.set_content(*file, "application/pkix-cert");
             });
}

// LogLine returns one JSON line about a handled request.
std::string LogLine(const httplib::Request& req, const httplib::Response& res) {
  std::ostringstream line;
  line << "{\"time\":\"" << FormatRfc3339(Now()) << "\",\"method\":\""
       << req.method << "\",\"path\":\"" << req.path
       << "\",\"status\":" << res.status
       << ",\"request_bytes\":" << req.body.size()
       << ",\"response_bytes\":" << res.body.size() << "}";
  return line.str();
}

// StopOnSignal blocks SIGINT and SIGTERM in every thread and stops
// `server` from a thread that waits for them, so that the server shuts
// down cleanly: httplib's stop is not safe to call from a signal handler.
void StopOnSignal(httplib::Server& server, std::ostream& err) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread([signals, &server, &err] {
    int signal_number = 0;
    sigwait(&signals, &signal_number);
    err << "received signal " << signal_number << ", stopping" << std::endl;
    server.stop();
  }).detach();
}

// SetListenSocketOptions sets SO_REUSEADDR alone. httplib's default also
// sets SO_REUSEPORT, with which Linux lets a second server bind a port
// that is already listening and splits the connections between the two.
void SetListenSocketOptions(socket_t sock) {
  int yes = 1;
  setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

}  // namespace

int RunServe(const std::vector<std::string>& arguments, std::ostream& out,
             std::ostream& err) {
  const auto parsed = ParseArguments(arguments, err);
  if (!parsed) {
    return 2;
  }
  Service service;
  service.dir = parsed->dir;
  if (!LoadService(service, err)) {
    return 1;
  }
  httplib::Server server;
  server.set_socket_options(SetListenSocketOptions);
  StopOnSignal(server, err);
  RegisterOcsp(server, service);
  RegisterTsa(server, service);
  RegisterCrl(server, service);
  RegisterCertificates(server, service);
  std::mutex log_mutex;
  server.set_logger([&err, &log_mutex](const httplib::Request& req,
                                       const httplib::Response& res) {
    std::lock_guard lock(log_mutex);
    err << LogLine(req, res) << std::endl;
  });
  if (!server.bind_to_port(parsed->listen.host, parsed->listen.port)) {
    err << "error: cannot listen on " << parsed->listen.host << ":"
        << parsed->listen.port << ": the port may be in use\n";
    return 1;
  }
  out << "serving " << parsed->dir.string() << " on http://"
      << parsed->listen.host << ":" << parsed->listen.port << std::endl;
  server.listen_after_bind();
  err << "stopped serving " << parsed->dir.string() << std::endl;
  return 0;
}

}  // namespace tinysign::testpki
