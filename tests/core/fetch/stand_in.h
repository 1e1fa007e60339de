// Test PKI and stand-in OCSP and CRL server for the fetch tests.
//
// The PKI is a root CA that issues the leaves and signs OCSP responses and
// CRLs itself (RFC 6960 section 4.2.2.2 lets the issuing CA sign). Leaves
// name the real NUC hosts in authorityInfoAccess and
// cRLDistributionPoints, so every test must map those URLs to the
// stand-in server on 127.0.0.1 or expect the fetch to be rejected.
// Every time is relative to kNow, 2026-06-01T00:00:00Z.
#ifndef TINYSIGN_TESTS_CORE_FETCH_STAND_IN_H_
#define TINYSIGN_TESTS_CORE_FETCH_STAND_IN_H_

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/crypto/random.h"
#include "core/ocsp/response.h"
#include "core/x509/certificate.h"
#include "fetch/fetch_config.h"
#include "pki/crl_builder.h"
#include "pki/ocsp_builder.h"
#include "testpki/nuc_extensions.h"
#include "testpki/requests.h"
#include "tests/support/pki_builders.h"

namespace tinysign::fetch::testing {

using tinysign::testing::IssuedCertificate;
using tinysign::testing::TestKeyFor;

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 24 * kHour;
// kNow is 2026-06-01T00:00:00Z: 20605 days after 1970-01-01, times 86400.
constexpr Time kNow{1780272000};

// Real NUC service URLs as NUC certificates carry them.
inline constexpr char kNucOcspUrl[] = "http://ocsp.pki.gov.kz/";
inline constexpr char kNucCrlUrl[] = "http://crl.pki.gov.kz/nca_gost2015.crl";
inline constexpr char kNucDeltaCrlUrl[] =
    "http://crl.pki.gov.kz/nca_d_gost2015.crl";

inline Time Shift(Time time, int64_t seconds) {
  return Time{time.unix_seconds + seconds};
}

// FetchPki is root -> good leaf and root -> revoked leaf, each with the NUC
// OCSP and CRL URLs.
struct FetchPki {
  IssuedCertificate root;
  IssuedCertificate good_leaf;
  IssuedCertificate revoked_leaf;
  // Parsed forms of the above.
  std::shared_ptr<const x509::Certificate> root_certificate;
  std::shared_ptr<const x509::Certificate> good_certificate;
  std::shared_ptr<const x509::Certificate> revoked_certificate;
};

inline std::shared_ptr<const x509::Certificate> Parsed(const Bytes& der) {
  auto certificate = x509::ParseCertificate(der);
  EXPECT_TRUE(certificate.has_value()) << certificate.error().ToString();
  return certificate.has_value() ? *certificate : nullptr;
}

inline IssuedCertificate IssueNucShapedLeaf(const char* name,
                                            const IssuedCertificate& root) {
  pki::CertificateSpec spec = pki::LeafSpec(name, root);
  spec.extra_extensions.push_back(
      testpki::AuthorityInfoAccessExtension(kNucOcspUrl, ""));
  spec.extra_extensions.push_back(
      testpki::CrlDistributionPointsExtension(kNucCrlUrl, false));
  spec.extra_extensions.push_back(
      testpki::CrlDistributionPointsExtension(kNucDeltaCrlUrl, true));
  return tinysign::testing::Issue(
      spec, TestKeyFor(pki::KeyType::kGost2015_512, 1), *root.key);
}

inline const FetchPki& SharedPki() {
  static const FetchPki* shared = [] {
    auto* pki = new FetchPki;
    const auto& root_key = TestKeyFor(pki::KeyType::kGost2015_512, 0);
    pki->root = tinysign::testing::Issue(pki::RootSpec("Fetch Test Root"),
                                         root_key, root_key);
    pki->good_leaf = IssueNucShapedLeaf("Good Leaf", pki->root);
    pki->revoked_leaf = IssueNucShapedLeaf("Revoked Leaf", pki->root);
    pki->root_certificate = Parsed(pki->root.der);
    pki->good_certificate = Parsed(pki->good_leaf.der);
    pki->revoked_certificate = Parsed(pki->revoked_leaf.der);
    return pki;
  }();
  return *shared;
}

// OcspMode is how the stand-in OCSP responder answers.
// kStatus answers good, or revoked for the revoked leaf, and kUnknownStatus
// answers certStatus unknown.
enum class OcspMode {
  kStatus,
  kUnknownStatus,
  kGarbage,
  kTryLater,
  kSlow,
  kServerError,
};

// BuildCrlBytes returns a CRL of the root from `this_update`, valid for a
// week, listing the revoked leaf, with cRLNumber `number`.
inline Bytes BuildCrlBytes(Time this_update, int64_t number) {
  const FetchPki& pki = SharedPki();
  pki::CrlSpec spec = pki::CrlSpecFor(pki.root, this_update);
  spec.next_update = Shift(this_update, 7 * kDay);
  spec.crl_number = number;
  spec.entries.push_back({pki.revoked_leaf.serial, Shift(kNow, -10 * kDay),
                          crl::ReasonCode::kKeyCompromise, std::nullopt});
  return tinysign::testing::ValueOrFail(pki::BuildCrl(spec, *pki.root.key),
                                        "CRL");
}

// StandInServer serves /ocsp and /crl/... on a free 127.0.0.1 port.
class StandInServer {
 public:
  StandInServer() {
    server_.Post("/ocsp", [this](const httplib::Request& request,
                                 httplib::Response& response) {
      HandleOcsp(request, response);
    });
    server_.Get(R"(/crl/.*)", [this](const httplib::Request& request,
                                     httplib::Response& response) {
      HandleCrl(request, response);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~StandInServer() {
    server_.stop();
    thread_.join();
  }

  int port() const { return port_; }
  std::string base_url() const {
    return "http://127.0.0.1:" + std::to_string(port_);
  }

  // MapNucUrls points the NUC OCSP and CRL URLs at this server.
  void MapNucUrls(FetchConfig* config) const {
    config->mapping.rewrites.push_back(
        {"http://ocsp.pki.gov.kz/", base_url() + "/ocsp"});
    config->mapping.rewrites.push_back(
        {"http://crl.pki.gov.kz/", base_url() + "/crl/"});
  }

  void set_ocsp_mode(OcspMode mode) { ocsp_mode_ = mode; }
  void set_slow_delay(std::chrono::milliseconds delay) { slow_delay_ = delay; }
  // set_crl sets the body of /crl/<name>; an empty body answers 404.
  void set_crl(const std::string& name, Bytes der) {
    std::lock_guard<std::mutex> lock(mutex_);
    crls_[name] = std::move(der);
  }

  int ocsp_requests() const { return ocsp_requests_; }
  int crl_requests() const { return crl_requests_; }
  int max_ocsp_in_flight() const { return max_ocsp_in_flight_; }

 private:
  void HandleOcsp(const httplib::Request& request,
                  httplib::Response& response) {
    ++ocsp_requests_;
    const int in_flight = ++ocsp_in_flight_;
    int observed = max_ocsp_in_flight_;
    while (in_flight > observed &&
           !max_ocsp_in_flight_.compare_exchange_weak(observed, in_flight)) {
    }
    WriteOcsp(request, response);
    --ocsp_in_flight_;
  }

  void WriteOcsp(const httplib::Request& request, httplib::Response& response) {
    switch (ocsp_mode_.load()) {
      case OcspMode::kGarbage:
        response.set_content("this is not an OCSP response",
                             "application/ocsp-response");
        return;
      case OcspMode::kServerError:
        response.status = 500;
        return;
      case OcspMode::kSlow:
        std::this_thread::sleep_for(slow_delay_.load());
        break;
      case OcspMode::kTryLater:
      case OcspMode::kStatus:
      case OcspMode::kUnknownStatus:
        break;
    }
    const Bytes der = BuildOcspAnswer(request.body);
    response.set_content(std::string(der.begin(), der.end()),
                         "application/ocsp-response");
  }

  // BuildOcspAnswer answers for the first CertID of the request, good
  // unless it is the revoked leaf's, echoing the nonce.
  Bytes BuildOcspAnswer(const std::string& body) {
    const FetchPki& pki = SharedPki();
    auto parsed = testpki::ParseOcspRequest(der::Input(std::string_view(body)));
    EXPECT_TRUE(parsed.has_value()) << parsed.error().ToString();
    pki::OcspResponseSpec spec;
    if (ocsp_mode_ == OcspMode::kTryLater || !parsed.has_value()) {
      spec.status = ocsp::ResponseStatus::kTryLater;
      return tinysign::testing::ValueOrFail(
          pki::BuildOcspResponse(spec, *pki.root.key), "OCSP tryLater");
    }
    spec.responder_name = pki::EncodeName(pki.root.subject);
    spec.produced_at = Shift(kNow, -kHour);
    spec.nonce = parsed->nonce;
    const Bytes& cert_id = parsed->cert_ids.front();
    pki::SingleResponseSpec single =
        pki::GoodResponse(cert_id, Shift(kNow, -kHour));
    single.next_update = Shift(kNow, kDay);
    const Bytes revoked_id = tinysign::testing::ValueOrFail(
        pki::BuildCertId(pki.revoked_leaf.der, pki.root.der,
                         crypto::DigestAlgorithm::kSha1),
        "CertID");
    if (ocsp_mode_ == OcspMode::kUnknownStatus) {
      single.status = ocsp::CertStatus::kUnknown;
    } else if (cert_id == revoked_id) {
      single.status = ocsp::CertStatus::kRevoked;
      single.revocation_time = Shift(kNow, -10 * kDay);
      single.revocation_reason = crl::ReasonCode::kKeyCompromise;
    }
    spec.responses.push_back(single);
    return tinysign::testing::ValueOrFail(
        pki::BuildOcspResponse(spec, *pki.root.key), "OCSP response");
  }

  void HandleCrl(const httplib::Request& request, httplib::Response& response) {
    ++crl_requests_;
    const std::string name = request.path.substr(std::string("/crl/").size());
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = crls_.find(name);
    if (found == crls_.end() || found->second.empty()) {
      response.status = 404;
      return;
    }
    response.set_content(
        std::string(found->second.begin(), found->second.end()),
        "application/pkix-crl");
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<OcspMode> ocsp_mode_{OcspMode::kStatus};
  std::atomic<std::chrono::milliseconds> slow_delay_{
      std::chrono::milliseconds(1500)};
  std::atomic<int> ocsp_requests_{0};
  std::atomic<int> crl_requests_{0};
  std::atomic<int> ocsp_in_flight_{0};
  std::atomic<int> max_ocsp_in_flight_{0};
  std::mutex mutex_;
  std::map<std::string, Bytes> crls_;
};

// ClosedPort returns a 127.0.0.1 port that was just bound and released
// without listening, so connections to it are refused.
inline int ClosedPort() {
  const int socket_fd = socket(AF_INET, SOCK_STREAM, 0);
  EXPECT_GE(socket_fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t address_len = sizeof(address);
  EXPECT_EQ(
      bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)),
      0);
  EXPECT_EQ(getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address),
                        &address_len),
            0);
  close(socket_fd);
  return ntohs(address.sin_port);
}

// CountingRandom fills with 0x01, 0x02, ... and counts calls.
class CountingRandom : public crypto::RandomSource {
 public:
  Status Generate(std::span<uint8_t> out) override {
    ++calls_;
    for (size_t i = 0; i < out.size(); ++i) {
      out[i] = static_cast<uint8_t>(i + 1);
    }
    return OkStatus();
  }
  int calls() const { return calls_; }

 private:
  std::atomic<int> calls_{0};
};

// CacheFileErrors records what the fetchers report through
// `FetchConfig::cache_file_error_handler`.
struct CacheFileErrors {
  std::mutex mutex;
  std::vector<std::pair<std::string, Error>> reported;

  void Record(const std::string& path, const Error& error) {
    std::lock_guard<std::mutex> lock(mutex);
    reported.emplace_back(path, error);
  }
};

// TestConfig is a config with short timeouts and a clock fixed at `now`.
inline FetchConfig TestConfig(std::shared_ptr<std::atomic<int64_t>> now) {
  FetchConfig config;
  config.timeout = std::chrono::milliseconds(300);
  config.max_attempts = 2;
  config.retry_backoff = std::chrono::milliseconds(10);
  config.clock = [now] { return Time{now->load()}; };
  return config;
}

}  // namespace tinysign::fetch::testing

#endif  // TINYSIGN_TESTS_CORE_FETCH_STAND_IN_H_
