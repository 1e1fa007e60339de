// Path building and validation on certificates built for each defect.
//
// Expected outcomes follow RFC 5280 section 6.1 by hand. For RSA chains,
// `openssl verify` (OpenSSL 3.0) runs on the same certificates as a second
// opinion. OpenSSL has no "indeterminate", so where TinySign reports that,
// OpenSSL must reject for the same reason.
#include "core/verify/chain.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/limits.h"
#include "core/x509/certificate.h"
#include "core/x509/extensions.h"
#include "tests/support/files.h"
#include "tests/support/openssl.h"
#include "tests/support/pki_builders.h"

namespace tinysign::verify {
namespace {

using testing::CaSpec;
using testing::CertificateSpec;
using testing::Issue;
using testing::IssuedCertificate;
using testing::KeyType;
using testing::LeafSpec;
using testing::RootSpec;
using testing::TestKey;
using testing::TestKeyFor;

Time ControlTime() { return testing::MakeTime(2026, 6, 1); }

CertificatePtr Parse(const IssuedCertificate& certificate) {
  auto parsed = x509::ParseCertificate(certificate.der);
  EXPECT_TRUE(parsed.has_value()) << parsed.error().ToString();
  return parsed.has_value() ? *parsed : nullptr;
}

std::vector<CertificatePtr> ParseAll(
    const std::vector<IssuedCertificate>& certificates) {
  std::vector<CertificatePtr> out;
  for (const IssuedCertificate& certificate : certificates) {
    out.push_back(Parse(certificate));
  }
  return out;
}

bool HasReason(const ChainResult& chain, ErrorCode code) {
  return std::any_of(chain.reasons.begin(), chain.reasons.end(),
                     [&](const Reason& reason) { return reason.code == code; });
}

std::string ReasonIds(const ChainResult& chain) {
  std::string ids;
  for (const Reason& reason : chain.reasons) {
    ids += std::string(ErrorId(reason.code)) + " (" + reason.message + "); ";
  }
  return ids;
}

// Policy identifier of the built leaves. Any OID would do.
constexpr der::Oid kTestPolicy("1.2.398.3.3.2");

// ColonHex returns `bytes` as OpenSSL prints key identifiers: "6F:22:24".
std::string ColonHex(const Bytes& bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (uint8_t byte : bytes) {
    if (!out.empty()) {
      out += ':';
    }
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0x0f];
  }
  return out;
}

// Hierarchy is root -> intermediate -> leaf, keys 0, 1 and 2 of one type.
struct Hierarchy {
  IssuedCertificate root;
  IssuedCertificate intermediate;
  IssuedCertificate leaf;
};

Hierarchy BuildHierarchy(KeyType type) {
  const TestKey& root_key = TestKeyFor(type, 0);
  const TestKey& intermediate_key = TestKeyFor(type, 1);
  const TestKey& leaf_key = TestKeyFor(type, 2);
  Hierarchy out;
  out.root = Issue(RootSpec("Root CA"), root_key, root_key);
  out.intermediate =
      Issue(CaSpec("Intermediate CA", out.root), intermediate_key, root_key);
  CertificateSpec leaf_spec = LeafSpec("Leaf", out.intermediate);
  leaf_spec.policies = {kTestPolicy};
  out.leaf = Issue(leaf_spec, leaf_key, intermediate_key);
  return out;
}

ChainResult Build(const IssuedCertificate& leaf,
                  const std::vector<IssuedCertificate>& trusted,
                  const std::vector<IssuedCertificate>& untrusted,
                  Time at = ControlTime()) {
  CertificatePool pool;
  pool.trusted = ParseAll(trusted);
  pool.untrusted = ParseAll(untrusted);
  return BuildChain(Parse(leaf), pool, at);
}

// OpenSslVerify runs `openssl verify` on `leaf` with `anchors` as -CAfile
// and `untrusted` as -untrusted, at `at`. The output joins standard output
// and standard error, where OpenSSL writes the reason of a failure.
::tinysign::testing::CommandResult OpenSslVerify(
    const IssuedCertificate& leaf,
    const std::vector<IssuedCertificate>& anchors,
    const std::vector<IssuedCertificate>& untrusted, Time at = ControlTime(),
    const std::string& options = "") {
  const auto dir = testing::TempDir("chain-openssl-verify");
  auto write_bundle = [&](const std::string& name,
                          const std::vector<IssuedCertificate>& bundle) {
    std::string pem;
    for (const IssuedCertificate& certificate : bundle) {
      pem += testing::ToPem(certificate.der, "CERTIFICATE");
    }
    testing::WriteFileBytes(dir / name, der::Input(std::string_view(pem)));
    return (dir / name).string();
  };
  std::string command = "openssl verify " + options + " -attime " +
                        std::to_string(at.unix_seconds) + " -CAfile " +
                        write_bundle("anchors.pem", anchors);
  if (!untrusted.empty()) {
    command += " -untrusted " + write_bundle("untrusted.pem", untrusted);
  }
  command += " " + write_bundle("leaf.pem", {leaf}) + " 2>&1";
  auto result = testing::RunCommand({"sh", "-c", command});
  std::filesystem::remove_all(dir);
  return result;
}

// OpenSslText returns what `openssl x509 -text` prints for `certificate`,
// failing the test when OpenSSL cannot parse it.
std::string OpenSslText(const IssuedCertificate& certificate) {
  const auto dir = testing::TempDir("chain-openssl-x509");
  testing::WriteFileBytes(dir / "certificate.der", certificate.der);
  auto result = testing::RunCommand({"openssl", "x509", "-inform", "DER", "-in",
                                     (dir / "certificate.der").string(),
                                     "-noout", "-text"});
  std::filesystem::remove_all(dir);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  return result.output;
}

// ExpectValidChain checks a root -> intermediate -> leaf chain of `type`
// keys, and that OpenSSL reads the extensions as the builder wrote them.
void ExpectValidChain(KeyType type) {
  const Hierarchy h = BuildHierarchy(type);
  const ChainResult chain = Build(h.leaf, {h.root}, {h.intermediate});
  EXPECT_EQ(chain.result, CheckResult::kPassed) << ReasonIds(chain);
  EXPECT_TRUE(chain.reached_anchor);
  EXPECT_TRUE(chain.reasons.empty()) << ReasonIds(chain);
  ASSERT_EQ(chain.path.size(), 3u);
  EXPECT_EQ(chain.path[0]->der(), der::Input(h.leaf.der));
  EXPECT_EQ(chain.path[1]->der(), der::Input(h.intermediate.der));
  EXPECT_EQ(chain.path[2]->der(), der::Input(h.root.der));

  const std::string root_text = OpenSslText(h.root);
  EXPECT_NE(root_text.find("CN = Root CA"), std::string::npos) << root_text;
  EXPECT_NE(root_text.find("CA:TRUE"), std::string::npos) << root_text;
  EXPECT_NE(root_text.find("Certificate Sign, CRL Sign"), std::string::npos)
      << root_text;
  const std::string leaf_text = OpenSslText(h.leaf);
  EXPECT_NE(leaf_text.find("Subject: O = TinySign Test, CN = Leaf"),
            std::string::npos)
      << leaf_text;
  EXPECT_NE(leaf_text.find("Issuer: O = TinySign Test, CN = Intermediate CA"),
            std::string::npos)
      << leaf_text;
  EXPECT_NE(leaf_text.find("Digital Signature, Non Repudiation"),
            std::string::npos)
      << leaf_text;
  EXPECT_NE(leaf_text.find("E-mail Protection"), std::string::npos)
      << leaf_text;
  EXPECT_NE(leaf_text.find("Policy: 1.2.398.3.3.2"), std::string::npos)
      << leaf_text;
  const std::string leaf_key_id = ColonHex(h.leaf.subject_key_identifier);
  ASSERT_EQ(leaf_key_id.size(), 20u * 3 - 1);
  EXPECT_NE(leaf_text.find(leaf_key_id), std::string::npos) << leaf_text;
  EXPECT_NE(leaf_text.find(ColonHex(h.intermediate.subject_key_identifier)),
            std::string::npos)
      << leaf_text;

  // The X.509 parser reads the same policy back.
  const auto& policies = chain.path[0]->policies();
  ASSERT_TRUE(policies.has_value());
  ASSERT_EQ(policies->size(), 1u);
  EXPECT_EQ(kTestPolicy, (*policies)[0]);
}

TEST(ChainTest, ValidGost2015Chain) {
  ExpectValidChain(KeyType::kGost2015_512);
}

TEST(ChainTest, ValidGost2004Chain) { ExpectValidChain(KeyType::kGost2004); }

TEST(ChainTest, ValidRsaChain) {
  ExpectValidChain(KeyType::kRsa2048);
  const Hierarchy h = BuildHierarchy(KeyType::kRsa2048);
  const auto openssl = OpenSslVerify(h.leaf, {h.root}, {h.intermediate});
  EXPECT_EQ(openssl.exit_code, 0) << openssl.output;
}

// ExpectOpenSslRejects checks that an `openssl verify` run failed with
// `message` in its output.
void ExpectOpenSslRejects(const ::tinysign::testing::CommandResult& result,
                          const std::string& message) {
  EXPECT_NE(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find(message), std::string::npos) << result.output;
}

// RFC 5280 6.1.4 (k): an issuer must assert basicConstraints cA.
TEST(ChainTest, IntermediateWithoutCa) {
  const Hierarchy h = BuildHierarchy(KeyType::kRsa2048);
  CertificateSpec spec = CaSpec("Intermediate CA", h.root);
  spec.basic_constraints->is_ca = false;
  const IssuedCertificate intermediate =
      Issue(spec, *h.intermediate.key, *h.root.key);

  const ChainResult chain = Build(h.leaf, {h.root}, {intermediate});
  EXPECT_EQ(chain.result, CheckResult::kFailed);
  EXPECT_TRUE(HasReason(chain, ErrorCode::kChainNotCa)) << ReasonIds(chain);
  ExpectOpenSslRejects(OpenSslVerify(h.leaf, {h.root}, {intermediate}),
                       "invalid CA certificate");
}

// RFC 5280 6.1.4 (n): an issuer with keyUsage must assert keyCertSign.
TEST(ChainTest, IntermediateKeyUsageLacksKeyCertSign) {
  const Hierarchy h = BuildHierarchy(KeyType::kRsa2048);
  CertificateSpec spec = CaSpec("Intermediate CA", h.root);
  spec.key_usage = x509::KeyUsageMask(x509::KeyUsageBit::kDigitalSignature) |
                   x509::KeyUsageMask(x509::KeyUsageBit::kCrlSign);
  const IssuedCertificate intermediate =
      Issue(spec, *h.intermediate.key, *h.root.key);

  const ChainResult chain = Build(h.leaf, {h.root}, {intermediate});
  EXPECT_EQ(chain.result, CheckResult::kFailed);
  EXPECT_TRUE(HasReason(chain, ErrorCode::kChainCaKeyUsage))
      << ReasonIds(chain);
  ExpectOpenSslRejects(OpenSslVerify(h.leaf, {h.root}, {intermediate}),
                       "key usage does not include certificate signing");
}

// PathLenHierarchy is root -> first CA -> second CA -> leaf, the root
// having pathLenConstraint `root_path_len`.
struct PathLenHierarchy {
  IssuedCertificate root;
  IssuedCertificate first;
  IssuedCertificate second;
  IssuedCertificate leaf;
};

PathLenHierarchy BuildPathLenHierarchy(int64_t root_path_len) {
  const TestKey& root_key = TestKeyFor(KeyType::kRsa2048, 0);
  const TestKey& first_key = TestKeyFor(KeyType::kRsa2048, 1);
  const TestKey& second_key = TestKeyFor(KeyType::kRsa2048, 3);
  const TestKey& leaf_key = TestKeyFor(KeyType::kRsa2048, 2);
  CertificateSpec root_spec = RootSpec("Root CA");
  root_spec.basic_constraints->path_len_constraint = root_path_len;
  PathLenHierarchy out;
  out.root = Issue(root_spec, root_key, root_key);
  out.first = Issue(CaSpec("First CA", out.root), first_key, root_key);
  out.second = Issue(CaSpec("Second CA", out.first), second_key, first_key);
  out.leaf = Issue(LeafSpec("Leaf", out.second), leaf_key, second_key);
  return out;
}

// RFC 5280 4.2.1.9: pathLenConstraint is the maximum number of
// non-self-issued CA certificates that may follow in the path, so 0 lets
// none follow. TinySign, like OpenSSL, applies the anchor's own constraint.
TEST(ChainTest, RootPathLenZeroWithTwoIntermediates) {
  const PathLenHierarchy h = BuildPathLenHierarchy(0);
  const ChainResult chain = Build(h.leaf, {h.root}, {h.first, h.second});
  EXPECT_EQ(chain.result, CheckResult::kFailed);
  EXPECT_TRUE(HasReason(chain, ErrorCode::kChainPathLength))
      << ReasonIds(chain);
  ExpectOpenSslRejects(OpenSslVerify(h.leaf, {h.root}, {h.first, h.second}),
                       "path length constraint exceeded");

  // One below what two CAs need still fails; exactly enough passes.
  const PathLenHierarchy one = BuildPathLenHierarchy(1);
  EXPECT_EQ(Build(one.leaf, {one.root}, {one.first, one.second}).result,
            CheckResult::kFailed);
  const PathLenHierarchy two = BuildPathLenHierarchy(2);
  const ChainResult passing =
      Build(two.leaf, {two.root}, {two.first, two.second});
  EXPECT_EQ(passing.result, CheckResult::kPassed) << ReasonIds(passing);
  EXPECT_EQ(
      OpenSslVerify(two.leaf, {two.root}, {two.first, two.second}).exit_code,
      0);
}

// RFC 5280 4.2: a certificate with a critical extension that is not
// recognized MUST be rejected.
TEST(ChainTest, UnknownCriticalExtensionInLeaf) {
  const Hierarchy h = BuildHierarchy(KeyType::kRsa2048);
  CertificateSpec spec = LeafSpec("Leaf", h.intermediate);
  const Bytes null_value = {0x05, 0x00};
  spec.extra_extensions.push_back(
      {der::Oid("1.3.6.1.4.1.55555.1.1"), true, null_value});
  const IssuedCertificate leaf = Issue(spec, *h.leaf.key, *h.intermediate.key);

  const ChainResult chain = Build(leaf, {h.root}, {h.intermediate});
  EXPECT_EQ(chain.result, CheckResult::kFailed);
  EXPECT_TRUE(HasReason(chain, ErrorCode::kX509UnknownCriticalExtension))
      << ReasonIds(chain);
  ExpectOpenSslRejects(OpenSslVerify(leaf, {h.root}, {h.intermediate}),
                       "unhandled critical extension");

  // The same extension marked non-critical may be ignored.
  spec.extra_extensions.back().critical = false;
  const IssuedCertificate tolerated =
      Issue(spec, *h.leaf.key, *h.intermediate.key);
  EXPECT_EQ(Build(tolerated, {h.root}, {h.intermediate}).result,
            CheckResult::kPassed);
}

// RFC 5280 6.1.3 (a)(1): the signature must verify with the working public
// key, which is the issuer's.
TEST(ChainTest, WrongIssuerKey) {
  const Hierarchy h = BuildHierarchy(KeyType::kRsa2048);
  const TestKey& other_key = TestKeyFor(KeyType::kRsa2048, 3);
  const IssuedCertificate leaf =
      Issue(LeafSpec("Leaf", h.intermediate), *h.leaf.key, other_key);

  const ChainResult chain = Build(leaf, {h.root}, {h.intermediate});
  EXPECT_EQ(chain.result, CheckResult::kFailed);
  EXPECT_TRUE(HasReason(chain, ErrorCode::kChainSignatureInvalid))
      << ReasonIds(chain);
  ExpectOpenSslRejects(OpenSslVerify(leaf, {h.root}, {h.intermediate}),
                       "certificate signature failure");
}

// RFC 5280 6.1.3 (a)(2): the validity period must contain the control
// time. An expired CA may have been valid when the signature was made,
// which only a timestamp can prove, so the chain is indeterminate.
TEST(ChainTest, ExpiredIntermediate) {
  const Hierarchy h = BuildHierarchy(KeyType::kRsa2048);
  CertificateSpec spec = CaSpec("Intermediate CA", h.root);
  spec.not_after = testing::MakeTime(2025, 1, 1);
  const IssuedCertificate intermediate =
      Issue(spec, *h.intermediate.key, *h.root.key);

  const ChainResult chain = Build(h.leaf, {h.root}, {intermediate});
  EXPECT_EQ(chain.result, CheckResult::kIndeterminate);
  EXPECT_TRUE(HasReason(chain, ErrorCode::kChainExpired)) << ReasonIds(chain);
  ExpectOpenSslRejects(OpenSslVerify(h.leaf, {h.root}, {intermediate}),
                       "certificate has expired");
}

TEST(ChainTest, NotYetValidLeaf) {
  const Hierarchy h = BuildHierarchy(KeyType::kRsa2048);
  CertificateSpec spec = LeafSpec("Leaf", h.intermediate);
  spec.not_before = testing::MakeTime(2027, 1, 1);
  const IssuedCertificate leaf = Issue(spec, *h.leaf.key, *h.intermediate.key);

  const ChainResult chain = Build(leaf, {h.root}, {h.intermediate});
  EXPECT_EQ(chain.result, CheckResult::kIndeterminate);
  EXPECT_TRUE(HasReason(chain, ErrorCode::kChainNotYetValid))
      << ReasonIds(chain);
  ExpectOpenSslRejects(OpenSslVerify(leaf, {h.root}, {h.intermediate}),
                       "certificate is not yet valid");
}

// Only a trusted self-issued certificate is an anchor, so a trusted
// intermediate alone leads nowhere.
TEST(ChainTest, OnlyIntermediateTrusted) {
  const Hierarchy h = BuildHierarchy(KeyType::kRsa2048);
  const ChainResult chain = Build(h.leaf, {h.intermediate}, {});
  EXPECT_EQ(chain.result, CheckResult::kIndeterminate);
  EXPECT_FALSE(chain.reached_anchor);
  EXPECT_TRUE(HasReason(chain, ErrorCode::kChainNoTrustAnchor))
      << ReasonIds(chain);
  ExpectOpenSslRejects(OpenSslVerify(h.leaf, {h.intermediate}, {}),
                       "unable to get issuer certificate");
}

// The anchor's self-signature is checked too. RFC 5280 leaves that to the
// implementation, and OpenSSL checks it only with -check_ss_sig.
TEST(ChainTest, AnchorWithBrokenSelfSignature) {
  const Hierarchy h = BuildHierarchy(KeyType::kRsa2048);
  const TestKey& other_key = TestKeyFor(KeyType::kRsa2048, 3);
  const IssuedCertificate root =
      Issue(RootSpec("Root CA"), *h.root.key, other_key);
  ASSERT_EQ(root.subject_key_identifier, h.root.subject_key_identifier);

  const ChainResult chain = Build(h.leaf, {root}, {h.intermediate});
  EXPECT_EQ(chain.result, CheckResult::kFailed);
  EXPECT_TRUE(HasReason(chain, ErrorCode::kChainSignatureInvalid))
      << ReasonIds(chain);
  ExpectOpenSslRejects(OpenSslVerify(h.leaf, {root}, {h.intermediate},
                                     ControlTime(), "-check_ss_sig"),
                       "certificate signature failure");
}

// ElapsedSeconds returns the seconds since `start`.
double ElapsedSeconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

// Upper bound in seconds for one path search, generous enough for the
// sanitizer build. Without a working path limit, the layered search below
// takes minutes: with 10 CAs per level in place of 12 it took 30 s on a
// 2-core machine.
constexpr double kQuickSeconds = 10;

// Two CAs that certify each other form a cycle with no anchor on it. The
// search must stop where the next certificate is already on the path.
TEST(ChainTest, CrossSignedLoopWithoutAnchor) {
  const TestKey& key_a = TestKeyFor(KeyType::kRsa2048, 0);
  const TestKey& key_b = TestKeyFor(KeyType::kRsa2048, 1);
  const TestKey& leaf_key = TestKeyFor(KeyType::kRsa2048, 2);
  const TestKey& root_key = TestKeyFor(KeyType::kRsa2048, 3);
  CertificateSpec spec_a = RootSpec("Loop CA A");
  spec_a.issuer = testing::TestName("Loop CA B");
  CertificateSpec spec_b = RootSpec("Loop CA B");
  spec_b.issuer = testing::TestName("Loop CA A");
  const IssuedCertificate a = Issue(spec_a, key_a, key_b);
  const IssuedCertificate b = Issue(spec_b, key_b, key_a);
  const IssuedCertificate leaf = Issue(LeafSpec("Leaf", a), leaf_key, key_a);
  const IssuedCertificate unrelated_root =
      Issue(RootSpec("Unrelated Root CA"), root_key, root_key);

  const auto start = std::chrono::steady_clock::now();
  const ChainResult chain = Build(leaf, {unrelated_root}, {a, b});
  EXPECT_LT(ElapsedSeconds(start), kQuickSeconds);
  EXPECT_EQ(chain.result, CheckResult::kIndeterminate);
  EXPECT_FALSE(chain.reached_anchor);
  EXPECT_TRUE(HasReason(chain, ErrorCode::kChainNoTrustAnchor))
      << ReasonIds(chain);
  EXPECT_EQ(chain.path.size(), 3u) << "leaf, A and B, each once";
}

// BuildLongChain returns a path of `length` certificates, leaf first and a
// self-signed root last, with no pathLenConstraint anywhere.
std::vector<IssuedCertificate> BuildLongChain(size_t length) {
  constexpr int kFirstKey = 10;
  const TestKey* issuer_key = &TestKeyFor(KeyType::kGost2015_512, kFirstKey);
  std::vector<IssuedCertificate> top_down = {
      Issue(RootSpec("Root CA"), *issuer_key, *issuer_key)};
  for (size_t i = 1; i + 1 < length; ++i) {
    const TestKey& key =
        TestKeyFor(KeyType::kGost2015_512, kFirstKey + static_cast<int>(i));
    top_down.push_back(Issue(CaSpec("CA " + std::to_string(i), top_down.back()),
                             key, *issuer_key));
    issuer_key = &key;
  }
  const TestKey& leaf_key = TestKeyFor(KeyType::kGost2015_512, kFirstKey - 1);
  top_down.push_back(
      Issue(LeafSpec("Leaf", top_down.back()), leaf_key, *issuer_key));
  return std::vector<IssuedCertificate>(top_down.rbegin(), top_down.rend());
}

// `limits::kMaxChainLength` counts the leaf and the anchor. A longer path
// cannot be built, which leaves the chain indeterminate, not failed: no
// certificate in it was found at fault.
TEST(ChainTest, MaxChainLength) {
  const std::vector<IssuedCertificate> at_limit =
      BuildLongChain(limits::kMaxChainLength);
  const ChainResult passing = Build(
      at_limit.front(), {at_limit.back()},
      std::vector<IssuedCertificate>(at_limit.begin() + 1, at_limit.end() - 1));
  EXPECT_EQ(passing.result, CheckResult::kPassed) << ReasonIds(passing);
  EXPECT_EQ(passing.path.size(), limits::kMaxChainLength);

  const std::vector<IssuedCertificate> past_limit =
      BuildLongChain(limits::kMaxChainLength + 1);
  const ChainResult too_long =
      Build(past_limit.front(), {past_limit.back()},
            std::vector<IssuedCertificate>(past_limit.begin() + 1,
                                           past_limit.end() - 1));
  EXPECT_EQ(too_long.result, CheckResult::kIndeterminate);
  EXPECT_FALSE(too_long.reached_anchor);
  EXPECT_TRUE(HasReason(too_long, ErrorCode::kChainTooLong))
      << ReasonIds(too_long);
}

// SameNameCas issues `count` CAs named "Intermediate CA" under `root` with
// `key`, none of which issued the leaf of `BuildHierarchy`. Each gets its
// own serial number, and the key identifier `key_identifier(i)`, or none
// when that is empty.
template <typename KeyIdentifierFor>
std::vector<IssuedCertificate> SameNameCas(size_t count,
                                           const IssuedCertificate& root,
                                           const TestKey& key,
                                           KeyIdentifierFor key_identifier) {
  std::vector<IssuedCertificate> out;
  for (size_t i = 0; i < count; ++i) {
    CertificateSpec spec = CaSpec("Intermediate CA", root);
    spec.serial = {0x10, static_cast<uint8_t>(i)};
    spec.subject_key_identifier = key_identifier(i);
    spec.omit_subject_key_identifier = spec.subject_key_identifier.empty();
    out.push_back(Issue(spec, key, *root.key));
  }
  return out;
}

// Each same-name CA leads to the anchor, and each such path fails on the
// leaf's signature. The search gives up after `limits::kMaxPathCandidates`
// paths rather than trying them all; since an untried CA might have been
// the real issuer, the result is indeterminate, not failed.
TEST(ChainTest, ManySameNameIssuersTerminate) {
  const Hierarchy h = BuildHierarchy(KeyType::kRsa2048);
  const std::vector<IssuedCertificate> impostors = SameNameCas(
      3 * limits::kMaxPathCandidates, h.root, TestKeyFor(KeyType::kRsa2048, 3),
      [](size_t) { return Bytes{}; });

  const auto start = std::chrono::steady_clock::now();
  const ChainResult chain = Build(h.leaf, {h.root}, impostors);
  EXPECT_LT(ElapsedSeconds(start), kQuickSeconds);
  EXPECT_EQ(chain.result, CheckResult::kIndeterminate);
  EXPECT_TRUE(HasReason(chain, ErrorCode::kChainTooLong)) << ReasonIds(chain);
}

// The real intermediate comes after more same-name CAs than the search
// tries. When the search gives up, nothing on the valid path has been shown
// at fault, so the chain is indeterminate, not failed. Otherwise extra
// certificates in a CMS could make a good signature look invalid.
TEST(ChainTest, PathLimitBeforeValidPath) {
  const Hierarchy h = BuildHierarchy(KeyType::kRsa2048);
  std::vector<IssuedCertificate> untrusted = SameNameCas(
      limits::kMaxPathCandidates + 8, h.root, TestKeyFor(KeyType::kRsa2048, 3),
      [](size_t) { return Bytes{}; });
  untrusted.push_back(h.intermediate);

  const ChainResult chain = Build(h.leaf, {h.root}, untrusted);
  EXPECT_EQ(chain.result, CheckResult::kIndeterminate);
  EXPECT_TRUE(HasReason(chain, ErrorCode::kChainTooLong)) << ReasonIds(chain);
}

// Twelve CAs at each of more levels than a path may have, every CA of one
// level issued under the name of the next: there are 12^7 (about 36
// million) candidate paths of `limits::kMaxChainLength` certificates, and
// none reaches an anchor. `limits::kMaxPathCandidates` must stop the search
// long before that.
TEST(ChainTest, LayeredSameNameIssuersTerminate) {
  constexpr size_t kPerLevel = 12;
  const size_t num_levels = limits::kMaxChainLength + 1;
  const TestKey& key = TestKeyFor(KeyType::kRsa2048, 3);
  std::vector<IssuedCertificate> cas;
  for (size_t level = 1; level <= num_levels; ++level) {
    for (size_t i = 0; i < kPerLevel; ++i) {
      CertificateSpec spec = RootSpec("Level " + std::to_string(level));
      spec.issuer = testing::TestName("Level " + std::to_string(level + 1));
      spec.serial = {static_cast<uint8_t>(level), static_cast<uint8_t>(i)};
      spec.omit_subject_key_identifier = true;
      cas.push_back(Issue(spec, key, key));
    }
  }
  CertificateSpec leaf_spec = LeafSpec("Leaf", cas.front());
  const IssuedCertificate leaf =
      Issue(leaf_spec, TestKeyFor(KeyType::kRsa2048, 2), key);
  const IssuedCertificate root =
      Issue(RootSpec("Root CA"), TestKeyFor(KeyType::kRsa2048, 0),
            TestKeyFor(KeyType::kRsa2048, 0));

  const auto start = std::chrono::steady_clock::now();
  const ChainResult chain = Build(leaf, {root}, cas);
  EXPECT_LT(ElapsedSeconds(start), kQuickSeconds);
  EXPECT_EQ(chain.result, CheckResult::kIndeterminate);
  EXPECT_FALSE(chain.reached_anchor);
  EXPECT_TRUE(HasReason(chain, ErrorCode::kChainTooLong)) << ReasonIds(chain);
}

// RFC 5280 4.2.1.1: when the child names its issuer's key identifier,
// same-name CAs with another subjectKeyIdentifier are not candidates. Were
// they tried, their failing paths would use up the search before the
// right CA, which comes last.
TEST(ChainTest, MismatchedKeyIdentifiersAreSkipped) {
  const Hierarchy h = BuildHierarchy(KeyType::kRsa2048);
  std::vector<IssuedCertificate> untrusted = SameNameCas(
      3 * limits::kMaxPathCandidates, h.root, TestKeyFor(KeyType::kRsa2048, 3),
      [](size_t i) { return Bytes(20, static_cast<uint8_t>(i + 1)); });
  untrusted.push_back(h.intermediate);

  const ChainResult chain = Build(h.leaf, {h.root}, untrusted);
  EXPECT_EQ(chain.result, CheckResult::kPassed) << ReasonIds(chain);
  ASSERT_EQ(chain.path.size(), 3u);
  EXPECT_EQ(chain.path[1]->der(), der::Input(h.intermediate.der));
}

// A CA with the intermediate's name and key identifier but another key
// comes first. Its path fails on the leaf's signature, so the search goes
// on to the real intermediate.
TEST(ChainTest, SameNameWrongKeyTriedFirst) {
  const Hierarchy h = BuildHierarchy(KeyType::kRsa2048);
  const std::vector<IssuedCertificate> impostor = SameNameCas(
      1, h.root, TestKeyFor(KeyType::kRsa2048, 3),
      [&](size_t) { return h.intermediate.subject_key_identifier; });

  const ChainResult chain =
      Build(h.leaf, {h.root}, {impostor[0], h.intermediate});
  EXPECT_EQ(chain.result, CheckResult::kPassed) << ReasonIds(chain);
  EXPECT_TRUE(chain.reasons.empty()) << ReasonIds(chain);
  ASSERT_EQ(chain.path.size(), 3u);
  EXPECT_EQ(chain.path[1]->der(), der::Input(h.intermediate.der));
}

}  // namespace
}  // namespace tinysign::verify
