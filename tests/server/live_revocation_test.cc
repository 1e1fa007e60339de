// Live revocation through tinysign-server: the service fetches OCSP and
// CRLs from a stand-in responder on 127.0.0.1, reached through its
// --fetch-map option, and each report must give the status the evidence
// proves.
//
// The certificates name responders under the reserved .invalid domain
// (RFC 6761), so an unmapped fetch could never leave the machine. Times
// are relative to the wall clock, because the service judges freshness
// against it.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/cms/signed_data.h"
#include "core/cms/signer.h"
#include "core/crypto/digest.h"
#include "core/der/tag.h"
#include "core/der/writer.h"
#include "core/encoding/input_form.h"
#include "core/x509/extensions.h"
#include "pki/crl_builder.h"
#include "pki/ocsp_builder.h"
#include "pki/tsa_builder.h"
#include "testpki/nuc_extensions.h"
#include "testpki/requests.h"
#include "tests/server/http_client.h"
#include "tests/server/server_process.h"
#include "tests/support/files.h"
#include "tests/support/pki_builders.h"

namespace tinysign::testing {
namespace {

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 24 * kHour;
constexpr char kOcspUrl[] = "http://ocsp.tinysign.invalid/ocsp";
constexpr char kCrlUrl[] = "http://crl.tinysign.invalid/root.crl";
// kFetchTimeoutMs is the service's fetch timeout. The slow responder
// waits four times as long.
constexpr int kFetchTimeoutMs = 500;

Time Shift(Time time, int64_t seconds) {
  return Time{time.unix_seconds + seconds};
}

// Now is the wall clock to the second, read once so that every time in
// the PKI keeps the same distance to it.
Time Now() {
  static const Time now{std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count()};
  return now;
}

const TestKey& Key(int index) {
  return TestKeyFor(KeyType::kGost2015_512, index);
}

CertificateSpec TsaSpec(const IssuedCertificate& issuer) {
  CertificateSpec spec = LeafSpec("Live Revocation TSA", issuer);
  spec.ext_key_usage.clear();
  spec.key_usage = x509::KeyUsageMask(x509::KeyUsageBit::kDigitalSignature);
  der::Writer purposes;
  purposes.AddOid(x509::oid::kTimeStamping);
  der::Writer list;
  list.AddConstructed(der::tag::kSequence, purposes);
  // RFC 3161 section 2.3: the TSA's extendedKeyUsage MUST be critical.
  spec.extra_extensions.push_back({x509::oid::kExtKeyUsage, true, list.Take()});
  return spec;
}

IssuedCertificate IssueLeaf(const char* name, const IssuedCertificate& root,
                            int key_index) {
  CertificateSpec spec = LeafSpec(name, root);
  spec.extra_extensions.push_back(
      testpki::AuthorityInfoAccessExtension(kOcspUrl, ""));
  spec.extra_extensions.push_back(
      testpki::CrlDistributionPointsExtension(kCrlUrl, false));
  return Issue(spec, Key(key_index), Key(0));
}

// LivePki is a root that issues the leaves, the TSA, the OCSP responses
// and the CRLs itself. `revoked` was revoked ten days ago, and
// `revoked_later` five days ago.
struct LivePki {
  std::filesystem::path trust_dir;
  IssuedCertificate root;
  IssuedCertificate good;
  IssuedCertificate revoked;
  IssuedCertificate revoked_later;
  IssuedCertificate tsa;
};

const LivePki& Pki() {
  static const LivePki* shared = [] {
    auto* pki = new LivePki;
    pki->root = Issue(RootSpec("Live Revocation Root"), Key(0), Key(0));
    pki->good = IssueLeaf("Live Good Signer", pki->root, 2);
    pki->revoked = IssueLeaf("Live Revoked Signer", pki->root, 3);
    pki->revoked_later = IssueLeaf("Live Revoked Later Signer", pki->root, 4);
    pki->tsa = Issue(TsaSpec(pki->root), Key(6), Key(0));
    pki->trust_dir = TempDir("live-revocation") / "trust";
    std::filesystem::create_directories(pki->trust_dir);
    WriteFileBytes(pki->trust_dir / "root.der", pki->root.der);
    return pki;
  }();
  return *shared;
}

// RevocationTimeOf returns when `serial` was revoked, or nullopt.
std::optional<Time> RevocationTimeOf(const Bytes& serial) {
  if (serial == Pki().revoked.serial) {
    return Shift(Now(), -10 * kDay);
  }
  if (serial == Pki().revoked_later.serial) {
    return Shift(Now(), -5 * kDay);
  }
  return std::nullopt;
}

// BuildCrl returns a CRL of the root listing both revoked leaves, issued
// at `this_update` and due a week later.
Bytes BuildCrl(Time this_update) {
  pki::CrlSpec spec = pki::CrlSpecFor(Pki().root, this_update);
  spec.next_update = Shift(this_update, 7 * kDay);
  spec.crl_number = 7;
  for (const IssuedCertificate* leaf : {&Pki().revoked, &Pki().revoked_later}) {
    spec.entries.push_back({leaf->serial, *RevocationTimeOf(leaf->serial),
                            crl::ReasonCode::kKeyCompromise, std::nullopt});
  }
  return ValueOrFail(pki::BuildCrl(spec, *Pki().root.key), "CRL");
}

Bytes SignatureValueOf(const Bytes& cms) {
  auto signed_data = cms::ParseSignedData(cms);
  EXPECT_TRUE(signed_data.has_value()) << signed_data.error().ToString();
  if (!signed_data.has_value() || (*signed_data)->signers().empty()) {
    return {};
  }
  return (*signed_data)->signers()[0].signature.ToBytes();
}

// Sign returns an attached CMS by `signer` dated `signing_time`. With
// `timestamped`, it adds a TSA token over the signature value, dated the
// same.
Bytes Sign(const IssuedCertificate& signer, Time signing_time,
           bool timestamped) {
  CmsSpec spec;
  const std::string content = "live revocation document";
  spec.content = Bytes(content.begin(), content.end());
  SignerSpec signer_spec;
  signer_spec.certificate = &signer;
  signer_spec.signing_time = signing_time;
  spec.signers.push_back(signer_spec);
  spec.certificates = {signer.der};
  const Bytes cms = BuildSignedData(spec);
  if (!timestamped) {
    return cms;
  }
  pki::TstInfoSpec tst_info;
  tst_info.hash_algorithm_tlv =
      pki::MessageImprintAlgorithm(crypto::DigestAlgorithm::kSha256);
  tst_info.hashed_message = crypto::ComputeDigest(
      crypto::DigestAlgorithm::kSha256, SignatureValueOf(cms));
  tst_info.serial = {0x21};
  tst_info.gen_time = signing_time;
  const Bytes token = ValueOrFail(
      pki::BuildTimeStampToken(tst_info, Pki().tsa, {Pki().tsa.der}),
      "timestamp token");
  return ValueOrFail(cms::AddSignatureTimestamp(cms, 0, token),
                     "AddSignatureTimestamp");
}

// OcspMode is the reply of the stand-in OCSP responder: kStatus sends each
// leaf's real status, and the other modes send what their names describe.
enum class OcspMode { kStatus, kGarbage, kTryLater, kSlow };

// Responder serves POST /ocsp and GET /crl/root.crl on a free 127.0.0.1
// port, in the name of the root.
class Responder {
 public:
  Responder() {
    server_.Post("/ocsp", [this](const httplib::Request& request,
                                 httplib::Response& response) {
      ++ocsp_requests_;
      AnswerOcsp(request, response);
    });
    server_.Get("/crl/root.crl",
                [this](const httplib::Request&, httplib::Response& response) {
                  ++crl_requests_;
                  std::lock_guard<std::mutex> lock(mutex_);
                  if (crl_.empty()) {
                    response.status = 404;
                    return;
                  }
                  response.set_content(std::string(crl_.begin(), crl_.end()),
                                       "application/pkix-crl");
                });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~Responder() {
    server_.stop();
    thread_.join();
  }

  std::string base_url() const {
    return "http://127.0.0.1:" + std::to_string(port_);
  }
  void set_ocsp_mode(OcspMode mode) { ocsp_mode_ = mode; }
  // set_crl sets the CRL served. An empty one makes the server reply 404.
  void set_crl(Bytes der) {
    std::lock_guard<std::mutex> lock(mutex_);
    crl_ = std::move(der);
  }
  int ocsp_requests() const { return ocsp_requests_; }
  int crl_requests() const { return crl_requests_; }

 private:
  void AnswerOcsp(const httplib::Request& request,
                  httplib::Response& response) {
    const OcspMode mode = ocsp_mode_;
    if (mode == OcspMode::kGarbage) {
      response.set_content("no OCSP here", "application/ocsp-response");
      return;
    }
    if (mode == OcspMode::kSlow) {
      std::this_thread::sleep_for(
          std::chrono::milliseconds(4 * kFetchTimeoutMs));
    }
    const Bytes der = BuildAnswer(request.body, mode);
    response.set_content(std::string(der.begin(), der.end()),
                         "application/ocsp-response");
  }

  // BuildAnswer returns a response about the first CertID of the request,
  // with its nonce, producedAt an hour ago and nextUpdate a day ahead.
  Bytes BuildAnswer(const std::string& body, OcspMode mode) const {
    pki::OcspResponseSpec spec;
    auto parsed = testpki::ParseOcspRequest(der::Input(std::string_view(body)));
    if (mode == OcspMode::kTryLater || !parsed.has_value() ||
        parsed->cert_ids.empty()) {
      spec.status = ocsp::ResponseStatus::kTryLater;
      return ValueOrFail(pki::BuildOcspResponse(spec, *Pki().root.key),
                         "OCSP tryLater");
    }

    spec.responder_name = pki::EncodeName(Pki().root.subject);
    spec.produced_at = Shift(Now(), -kHour);
    spec.nonce = parsed->nonce;
    const Bytes& cert_id = parsed->cert_ids.front();
    pki::SingleResponseSpec single =
        pki::GoodResponse(cert_id, Shift(Now(), -kHour));
    single.next_update = Shift(Now(), kDay);

    for (const IssuedCertificate* leaf :
         {&Pki().revoked, &Pki().revoked_later}) {
      const Bytes leaf_id =
          ValueOrFail(pki::BuildCertId(leaf->der, Pki().root.der,
                                       crypto::DigestAlgorithm::kSha1),
                      "CertID");
      if (cert_id == leaf_id) {
        single.status = ocsp::CertStatus::kRevoked;
        single.revocation_time = *RevocationTimeOf(leaf->serial);
        single.revocation_reason = crl::ReasonCode::kKeyCompromise;
      }
    }
    spec.responses.push_back(single);
    return ValueOrFail(pki::BuildOcspResponse(spec, *Pki().root.key),
                       "OCSP response");
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<OcspMode> ocsp_mode_{OcspMode::kStatus};
  std::atomic<int> ocsp_requests_{0};
  std::atomic<int> crl_requests_{0};
  std::mutex mutex_;
  Bytes crl_;
};

// ClosedPort returns a 127.0.0.1 port that was bound and released without
// listening, so that connections to it are refused.
int ClosedPort() {
  const int socket_fd = socket(AF_INET, SOCK_STREAM, 0);
  EXPECT_GE(socket_fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  EXPECT_EQ(bind(socket_fd, reinterpret_cast<sockaddr*>(&address), length), 0);
  EXPECT_EQ(
      getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &length),
      0);
  close(socket_fd);
  return ntohs(address.sin_port);
}

// Outcome is the part of a report each case checks.
struct Outcome {
  int status = -1;
  std::string verdict;
  std::string revocation;         // signers[0].checks.revocation
  std::string revocation_source;  // signers[0].revocation.source, or ""
  // revocation_evidence is signers[0].revocation.evidence, base64, or "".
  std::string revocation_evidence;
  std::vector<std::string> reason_codes;
  std::string body;
};

std::string StringAt(const boost::json::object& object, const char* key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string()
             ? std::string(value->get_string())
             : "";
}

Outcome ReadOutcome(const HttpReply& reply) {
  Outcome outcome;
  outcome.status = reply.status;
  outcome.body = reply.body;
  const boost::json::value json = reply.Json();
  const auto* report = json.if_object();
  if (report == nullptr) {
    return outcome;
  }
  outcome.verdict = StringAt(*report, "verdict");
  const auto* signers = report->if_contains("signers");
  if (signers == nullptr || !signers->is_array() ||
      signers->get_array().empty()) {
    return outcome;
  }
  const boost::json::object& signer = signers->get_array()[0].as_object();
  if (const auto* checks = signer.if_contains("checks")) {
    outcome.revocation = StringAt(checks->as_object(), "revocation");
  }
  if (const auto* revocation = signer.if_contains("revocation")) {
    outcome.revocation_source = StringAt(revocation->as_object(), "source");
    outcome.revocation_evidence = StringAt(revocation->as_object(), "evidence");
  }
  if (const auto* reasons = signer.if_contains("reasons")) {
    for (const boost::json::value& reason : reasons->as_array()) {
      outcome.reason_codes.push_back(StringAt(reason.as_object(), "code"));
    }
  }
  return outcome;
}

bool HasCode(const Outcome& outcome, const std::string& code) {
  return std::find(outcome.reason_codes.begin(), outcome.reason_codes.end(),
                   code) != outcome.reason_codes.end();
}

class LiveRevocationTest : public ::testing::Test {
 protected:
  // StartService starts a fresh service, so that no OCSP or CRL cache
  // carries over between cases, with the OCSP URL mapped to `ocsp_base`.
  void StartService(const std::string& ocsp_base) {
    std::string error;
    server_ = ServerProcess::Start(
        {"--trust", Pki().trust_dir.string(), "--fetch-map",
         "http://ocsp.tinysign.invalid/=" + ocsp_base + "/", "--fetch-map",
         "http://crl.tinysign.invalid/=" + responder_.base_url() + "/crl/"},
        {{"TINYSIGN_FETCH_TIMEOUT_MS", std::to_string(kFetchTimeoutMs)}},
        &error);
    ASSERT_NE(server_, nullptr) << error;
  }
  void StartService() { StartService(responder_.base_url()); }

  // TearDown checks that the service exits cleanly on SIGTERM, which also
  // catches a sanitizer report from a sanitizer build of the service.
  void TearDown() override {
    if (server_ != nullptr) {
      EXPECT_EQ(server_->Stop(), 0) << server_->Log();
    }
  }

  Outcome Verify(const Bytes& cms, const char* policy) {
    const boost::json::object body = {
        {"signature", encoding::EncodeBase64(cms)},
        {"policy", {{"revocation", policy}}}};
    return ReadOutcome(Post(server_->port(), "/api/v1/verify",
                            boost::json::serialize(body), "application/json"));
  }

  void ExpectStillAnswering() {
    EXPECT_EQ(Get(server_->port(), "/healthz").status, 200);
  }

  // ExpectUnknown checks that the good leaf's revocation is unknown, and
  // that `require` makes that indeterminate. `source` is the evidence the
  // report names: "" when no response could be read.
  // It returns the outcome for further checks.
  Outcome ExpectUnknown(const std::string& source = "") {
    const Bytes cms = Sign(Pki().good, Shift(Now(), -3 * kDay), false);
    const Outcome required = Verify(cms, "require");
    EXPECT_EQ(required.status, 200) << required.body;
    EXPECT_EQ(required.revocation, "unknown") << required.body;
    EXPECT_EQ(required.verdict, "indeterminate") << required.body;
    EXPECT_EQ(required.revocation_source, source) << required.body;
    ExpectStillAnswering();
    return required;
  }

  Responder responder_;
  std::unique_ptr<ServerProcess> server_;
  std::string error_;
};

TEST_F(LiveRevocationTest, GoodOcspIsValid) {
  StartService();
  const Outcome outcome =
      Verify(Sign(Pki().good, Shift(Now(), -3 * kDay), false), "require");
  ASSERT_EQ(outcome.status, 200) << outcome.body;
  EXPECT_EQ(outcome.verdict, "valid") << outcome.body;
  EXPECT_EQ(outcome.revocation, "good") << outcome.body;
  EXPECT_EQ(outcome.revocation_source, "ocsp") << outcome.body;
  EXPECT_FALSE(outcome.revocation_evidence.empty()) << outcome.body;
  EXPECT_GE(responder_.ocsp_requests(), 1);
  EXPECT_EQ(responder_.crl_requests(), 0);
  ExpectStillAnswering();
}

TEST_F(LiveRevocationTest, RevokedBeforeSigningIsInvalid) {
  StartService();
  // Signed three days ago, revoked ten days ago.
  const Outcome outcome =
      Verify(Sign(Pki().revoked, Shift(Now(), -3 * kDay), false), "require");
  ASSERT_EQ(outcome.status, 200) << outcome.body;
  EXPECT_EQ(outcome.verdict, "invalid") << outcome.body;
  EXPECT_EQ(outcome.revocation, "revoked") << outcome.body;
  EXPECT_EQ(outcome.revocation_source, "ocsp") << outcome.body;
  ExpectStillAnswering();
}

TEST_F(LiveRevocationTest, RevokedAfterTimestampedSigningIsValid) {
  StartService();
  // Signed and timestamped twenty days ago, revoked five days ago.
  const Outcome outcome = Verify(
      Sign(Pki().revoked_later, Shift(Now(), -20 * kDay), true), "require");
  ASSERT_EQ(outcome.status, 200) << outcome.body;
  EXPECT_EQ(outcome.verdict, "valid") << outcome.body;
  EXPECT_EQ(outcome.revocation, "good") << outcome.body;
  EXPECT_EQ(outcome.revocation_source, "ocsp") << outcome.body;
  EXPECT_TRUE(HasCode(outcome, "revocation.revoked_later")) << outcome.body;
  ExpectStillAnswering();
}

TEST_F(LiveRevocationTest, UnreachableOcspIsUnknown) {
  StartService("http://127.0.0.1:" + std::to_string(ClosedPort()));
  ExpectUnknown();
  EXPECT_EQ(responder_.ocsp_requests(), 0);
}

TEST_F(LiveRevocationTest, SlowOcspIsUnknown) {
  responder_.set_ocsp_mode(OcspMode::kSlow);
  StartService();
  ExpectUnknown();
  EXPECT_GE(responder_.ocsp_requests(), 1);
}

TEST_F(LiveRevocationTest, GarbageOcspIsUnknown) {
  responder_.set_ocsp_mode(OcspMode::kGarbage);
  StartService();
  ExpectUnknown();
  EXPECT_GE(responder_.ocsp_requests(), 1);
}

TEST_F(LiveRevocationTest, TryLaterOcspIsUnknown) {
  responder_.set_ocsp_mode(OcspMode::kTryLater);
  StartService();
  ExpectUnknown();
  EXPECT_GE(responder_.ocsp_requests(), 1);
}

TEST_F(LiveRevocationTest, UnknownUnderPreferIsNotIndeterminate) {
  responder_.set_ocsp_mode(OcspMode::kGarbage);
  StartService();
  const Outcome outcome =
      Verify(Sign(Pki().good, Shift(Now(), -3 * kDay), false), "prefer");
  ASSERT_EQ(outcome.status, 200) << outcome.body;
  EXPECT_EQ(outcome.revocation, "unknown") << outcome.body;
  EXPECT_EQ(outcome.verdict, "valid") << outcome.body;
  ExpectStillAnswering();
}

TEST_F(LiveRevocationTest, CrlDecidesWhenOcspFails) {
  responder_.set_ocsp_mode(OcspMode::kGarbage);
  const Bytes crl = BuildCrl(Shift(Now(), -kDay));
  responder_.set_crl(crl);
  StartService();
  const Outcome good =
      Verify(Sign(Pki().good, Shift(Now(), -3 * kDay), false), "require");
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.verdict, "valid") << good.body;
  EXPECT_EQ(good.revocation, "good") << good.body;
  EXPECT_EQ(good.revocation_source, "crl") << good.body;
  // The evidence is the CRL itself, as the responder served it.
  EXPECT_EQ(good.revocation_evidence, encoding::EncodeBase64(crl)) << good.body;

  const Outcome revoked =
      Verify(Sign(Pki().revoked, Shift(Now(), -3 * kDay), false), "require");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.verdict, "invalid") << revoked.body;
  EXPECT_EQ(revoked.revocation, "revoked") << revoked.body;
  EXPECT_EQ(revoked.revocation_source, "crl") << revoked.body;
  EXPECT_GE(responder_.crl_requests(), 1);
  ExpectStillAnswering();

  // The kept CRL, issued a day ago, is listed with its age.
  const HttpReply ready = Get(server_->port(), "/readyz");
  ASSERT_EQ(ready.status, 200) << ready.body;
  const boost::json::value ready_json = ready.Json();
  const auto& crls = ready_json.at("crls").as_array();
  ASSERT_EQ(crls.size(), 1u) << ready.body;
  EXPECT_EQ(std::string(crls[0].at("thisUpdate").as_string()),
            FormatRfc3339(Shift(Now(), -kDay)));
  EXPECT_EQ(crls[0].at("stale"), false);
  const std::string url(crls[0].at("url").as_string());
  const HttpReply metrics = Get(server_->port(), "/metrics");
  const std::string series = "tinysign_crl_age_seconds{url=\"" + url + "\"} ";
  const size_t at = metrics.body.find(series);
  ASSERT_NE(at, std::string::npos) << metrics.body;
  const int64_t age = std::stoll(metrics.body.substr(at + series.size()));
  // A day, plus the time the tests have run since Now() was read.
  EXPECT_GE(age, kDay);
  EXPECT_LT(age, kDay + 3600);
}

TEST_F(LiveRevocationTest, StaleCrlIsUnknown) {
  responder_.set_ocsp_mode(OcspMode::kGarbage);
  // Issued twenty days ago, so its nextUpdate passed thirteen days ago.
  responder_.set_crl(BuildCrl(Shift(Now(), -20 * kDay)));
  StartService();
  // The report still names the stale CRL, so that a site can keep it.
  const Outcome outcome = ExpectUnknown("crl");
  EXPECT_TRUE(HasCode(outcome, "crl.stale")) << outcome.body;
  EXPECT_GE(responder_.crl_requests(), 1);
  // Its nextUpdate is far past the grace period.
  const HttpReply ready = Get(server_->port(), "/readyz");
  EXPECT_EQ(ready.status, 503) << ready.body;
  EXPECT_EQ(ready.ErrorCode(), "not_ready");
}

// OverrideArgs returns the service flags of the override cases. The
// certificates' OCSP URL is not mapped, so without the override every OCSP
// request is rejected before a connection. The CRL URL goes to a closed
// port, so that only OCSP can decide.
std::vector<std::string> OverrideArgs(const std::string& override_value) {
  return {"--trust",
          Pki().trust_dir.string(),
          "--fetch-map",
          "http://crl.tinysign.invalid/=http://127.0.0.1:" +
              std::to_string(ClosedPort()) + "/",
          "--ocsp-override",
          override_value};
}

// ColonHex returns `bytes` as upper-case hex with ':' between bytes, the
// way `openssl x509 -text` prints a key identifier.
std::string ColonHex(const Bytes& bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string text;
  for (uint8_t byte : bytes) {
    if (!text.empty()) {
      text += ':';
    }
    text += kDigits[byte >> 4];
    text += kDigits[byte & 0x0f];
  }
  return text;
}

TEST_F(LiveRevocationTest, OcspOverrideReachesResponder) {
  server_ = ServerProcess::Start(
      OverrideArgs(ColonHex(Pki().root.subject_key_identifier) + "=" +
                   responder_.base_url() + "/ocsp"),
      {{"TINYSIGN_FETCH_TIMEOUT_MS", std::to_string(kFetchTimeoutMs)}},
      &error_);
  ASSERT_NE(server_, nullptr) << error_;
  const Outcome good =
      Verify(Sign(Pki().good, Shift(Now(), -3 * kDay), false), "require");
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.verdict, "valid") << good.body;
  EXPECT_EQ(good.revocation, "good") << good.body;
  EXPECT_EQ(good.revocation_source, "ocsp") << good.body;

  const Outcome revoked =
      Verify(Sign(Pki().revoked, Shift(Now(), -3 * kDay), false), "require");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.verdict, "invalid") << revoked.body;
  EXPECT_EQ(revoked.revocation, "revoked") << revoked.body;
  EXPECT_EQ(revoked.revocation_source, "ocsp") << revoked.body;
  EXPECT_EQ(responder_.ocsp_requests(), 2);
  EXPECT_EQ(responder_.crl_requests(), 0);
  EXPECT_EQ(server_->Log().find("ocsp_override_unused"), std::string::npos);
}

TEST_F(LiveRevocationTest, OcspOverrideOfOtherIssuerIsUnused) {
  // An override for another key identifier leaves the certificate's own
  // URL, which is unmapped and so rejected without a connection.
  server_ = ServerProcess::Start(
      OverrideArgs("0102030405=" + responder_.base_url() + "/ocsp"),
      {{"TINYSIGN_FETCH_TIMEOUT_MS", std::to_string(kFetchTimeoutMs)}},
      &error_);
  ASSERT_NE(server_, nullptr) << error_;
  ExpectUnknown();
  EXPECT_EQ(responder_.ocsp_requests(), 0);
  // The "listening" line follows the startup warning.
  EXPECT_NE(server_->Log().find("\"event\":\"ocsp_override_unused\","
                                "\"keyId\":\"0102030405\""),
            std::string::npos)
      << server_->Log();
}

TEST_F(LiveRevocationTest, OcspOverrideToRemoteHostIsRejected) {
  // The loopback-only rule applies to the override URL too.
  server_ = ServerProcess::Start(
      OverrideArgs(ColonHex(Pki().root.subject_key_identifier) +
                   "=http://mirror.tinysign.invalid/ocsp"),
      {{"TINYSIGN_FETCH_TIMEOUT_MS", std::to_string(kFetchTimeoutMs)}},
      &error_);
  ASSERT_NE(server_, nullptr) << error_;
  ExpectUnknown();
  EXPECT_NE(server_->Log().find("fetch.remote_not_allowed"), std::string::npos)
      << server_->Log();
}

TEST_F(LiveRevocationTest, TrustListingHasSubjectKeyIdentifier) {
  StartService();
  const HttpReply reply = Get(server_->port(), "/api/v1/trust");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const boost::json::value json = reply.Json();
  const auto& anchors = json.at("anchors").as_array();
  ASSERT_EQ(anchors.size(), 1u);
  // The builder chose the root's key identifier, and the listing gives it
  // in lowercase hex.
  std::string expected = ColonHex(Pki().root.subject_key_identifier);
  std::erase(expected, ':');
  std::transform(expected.begin(), expected.end(), expected.begin(),
                 [](char c) { return std::tolower(c); });
  EXPECT_EQ(StringAt(anchors[0].as_object(), "subjectKeyIdentifier"), expected)
      << reply.body;
}

// CacheDirTest runs the service with a cache folder.
class CacheDirTest : public LiveRevocationTest {
 protected:
  CacheDirTest() : cache_dir_(TempDir("live-cache") / "cache") {}

  // StartCachingService starts the service on the cache folder with both
  // revocation URLs mapped to `base`.
  void StartCachingService(const std::string& base) {
    server_ = ServerProcess::Start(
        {"--trust", Pki().trust_dir.string(), "--cache-dir",
         cache_dir_.string(), "--fetch-map",
         "http://ocsp.tinysign.invalid/=" + base + "/", "--fetch-map",
         "http://crl.tinysign.invalid/=" + base + "/crl/"},
        {{"TINYSIGN_FETCH_TIMEOUT_MS", std::to_string(kFetchTimeoutMs)}},
        &error_);
    ASSERT_NE(server_, nullptr) << error_;
  }

  // FilesIn returns the files of the cache subfolder `name`.
  std::vector<std::filesystem::path> FilesIn(const std::string& name) const {
    std::vector<std::filesystem::path> files;
    for (const auto& entry :
         std::filesystem::directory_iterator(cache_dir_ / name)) {
      files.push_back(entry.path());
    }
    return files;
  }

  // RestartWithResponderDown stops the service and starts another on the same
  // folder with the responder unreachable.
  void RestartWithResponderDown() {
    ASSERT_EQ(server_->Stop(), 0) << server_->Log();
    StartCachingService("http://127.0.0.1:" + std::to_string(ClosedPort()));
  }

  std::filesystem::path cache_dir_;
};

TEST_F(CacheDirTest, RestartUsesCachedEvidence) {
  // The good leaf gets an OCSP response. The responder then sends garbage
  // for OCSP, so the revoked leaf is decided by the CRL.
  responder_.set_crl(BuildCrl(Shift(Now(), -kDay)));
  StartCachingService(responder_.base_url());
  const Bytes good_cms = Sign(Pki().good, Shift(Now(), -3 * kDay), false);
  ASSERT_EQ(Verify(good_cms, "require").revocation_source, "ocsp");
  responder_.set_ocsp_mode(OcspMode::kGarbage);
  const Bytes revoked_cms = Sign(Pki().revoked, Shift(Now(), -3 * kDay), false);
  ASSERT_EQ(Verify(revoked_cms, "require").revocation_source, "crl");
  EXPECT_EQ(FilesIn("ocsp").size(), 1u);
  EXPECT_EQ(FilesIn("crl").size(), 1u);

  RestartWithResponderDown();
  const int ocsp_requests = responder_.ocsp_requests();
  const Outcome good = Verify(good_cms, "require");
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.verdict, "valid") << good.body;
  EXPECT_EQ(good.revocation, "good") << good.body;
  EXPECT_EQ(good.revocation_source, "ocsp") << good.body;

  const Outcome revoked = Verify(revoked_cms, "require");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.verdict, "invalid") << revoked.body;
  EXPECT_EQ(revoked.revocation, "revoked") << revoked.body;
  EXPECT_EQ(revoked.revocation_source, "crl") << revoked.body;
  EXPECT_EQ(responder_.ocsp_requests(), ocsp_requests);

  const HttpReply metrics = Get(server_->port(), "/metrics");
  EXPECT_NE(metrics.body.find("tinysign_revocation_fetch_cache_file_loads_"
                              "total{kind=\"ocsp\"} 1\n"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("tinysign_revocation_fetch_cache_file_loads_"
                              "total{kind=\"crl\"} 1\n"),
            std::string::npos)
      << metrics.body;
  EXPECT_EQ(server_->Log().find("cache_file_error"), std::string::npos)
      << server_->Log();
}

TEST_F(CacheDirTest, CorruptFileIsLoggedAndReplaced) {
  StartCachingService(responder_.base_url());
  const Bytes cms = Sign(Pki().good, Shift(Now(), -3 * kDay), false);
  ASSERT_EQ(Verify(cms, "require").revocation_source, "ocsp");
  ASSERT_EQ(server_->Stop(), 0) << server_->Log();
  const std::vector<std::filesystem::path> files = FilesIn("ocsp");
  ASSERT_EQ(files.size(), 1u);
  WriteFileBytes(files[0], Bytes{'n', 'o', 't', ' ', 'D', 'E', 'R'});

  StartCachingService(responder_.base_url());
  const Outcome outcome = Verify(cms, "require");
  ASSERT_EQ(outcome.status, 200) << outcome.body;
  EXPECT_EQ(outcome.verdict, "valid") << outcome.body;
  EXPECT_EQ(outcome.revocation_source, "ocsp") << outcome.body;
  EXPECT_EQ(responder_.ocsp_requests(), 2);
  const std::string log = server_->Log();
  EXPECT_NE(log.find("\"event\":\"cache_file_error\""), std::string::npos)
      << log;
  EXPECT_NE(log.find(files[0].string()), std::string::npos) << log;
  const HttpReply metrics = Get(server_->port(), "/metrics");
  EXPECT_NE(metrics.body.find("tinysign_revocation_fetch_cache_file_errors_"
                              "total{kind=\"ocsp\"} 1\n"),
            std::string::npos)
      << metrics.body;
  // The download replaced the corrupt file.
  EXPECT_NE(ReadFileBytes(files[0]),
            (Bytes{'n', 'o', 't', ' ', 'D', 'E', 'R'}));
}

TEST_F(CacheDirTest, StartupCreatesMissingFolder) {
  ASSERT_FALSE(std::filesystem::exists(cache_dir_));
  StartCachingService(responder_.base_url());
  EXPECT_TRUE(std::filesystem::is_directory(cache_dir_ / "crl"));
  EXPECT_TRUE(std::filesystem::is_directory(cache_dir_ / "ocsp"));
}

TEST_F(CacheDirTest, UncreatableFolderFailsStartup) {
  const std::filesystem::path file = TempDir("live-cache-file") / "file";
  WriteFileBytes(file, Bytes{1});
  const std::string cache_dir = (file / "cache").string();
  std::string error;
  const auto server =
      ServerProcess::Start({"--trust", Pki().trust_dir.string()},
                           {{"TINYSIGN_CACHE_DIR", cache_dir}}, &error);
  ASSERT_EQ(server, nullptr);
  EXPECT_NE(error.find("\"event\":\"config_error\""), std::string::npos)
      << error;
  EXPECT_NE(error.find("invalid cache folder " + cache_dir), std::string::npos)
      << error;
}

TEST_F(CacheDirTest, ReadOnlyFolderFailsStartup) {
  if (geteuid() == 0) {
    GTEST_SKIP() << "root may write a read-only folder";
  }
  std::filesystem::create_directories(cache_dir_);
  std::filesystem::permissions(
      cache_dir_,
      std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  std::string error;
  const auto server = ServerProcess::Start(
      {"--trust", Pki().trust_dir.string(), "--cache-dir", cache_dir_.string()},
      {}, &error);
  std::filesystem::permissions(cache_dir_, std::filesystem::perms::owner_all);
  ASSERT_EQ(server, nullptr);
  EXPECT_NE(error.find("invalid cache folder " + cache_dir_.string()),
            std::string::npos)
      << error;
}

}  // namespace
}  // namespace tinysign::testing
