// TinySign and `openssl cms -verify` agree on the real RSA CMS samples, as
// they are and with one flipped byte at several places.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/cms/signed_data.h"
#include "core/encoding/input_form.h"
#include "core/verify/verifier.h"
#include "core/x509/trust_store.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"
#include "tests/support/openssl_certs.h"

namespace tinysign::verify {
namespace {

using testing::FixturePath;

constexpr const char* kRsaSamples[] = {
    "nuc/ncanode-kz_NCANode/groovy-constants/SIGNED_CMS_ONE_SIGNER.p7s",
    "nuc/ncanode-kz_NCANode/groovy-constants/SIGNED_CMS_lol_kek.p7s",
};

constexpr const char* kRsaTrust[] = {"trust/nuc-test/nca_rsa_test.crt",
                                     "trust/nuc-test/root_rsa_test.crt"};

class OpenSslAgreementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::FixturesDir()) {
      GTEST_SKIP() << "NUC fixtures not found: set TINYSIGN_FIXTURES";
    }
    dir_ = testing::TempDir("openssl-agreement");
    std::string bundle;
    for (const char* path : kRsaTrust) {
      const Bytes pem = testing::ReadFileBytes(FixturePath(path));
      bundle.append(pem.begin(), pem.end());
      auto der = encoding::NormalizeToDer(pem);
      ASSERT_TRUE(der.has_value());
      ASSERT_TRUE(trust_.Add(*der).has_value());
    }
    testing::WriteFileBytes(dir_ / "ca.pem",
                            der::Input(std::string_view(bundle)));
  }

  void TearDown() override { std::filesystem::remove_all(dir_); }

  // OpenSslAccepts runs `openssl cms -verify` on `der` at `at`.
  bool OpenSslAccepts(const Bytes& der, Time at) {
    testing::WriteFileBytes(dir_ / "cms.der", der);
    testing::CommandResult result = testing::RunCommand(
        {"openssl", "cms", "-verify", "-inform", "DER", "-in",
         (dir_ / "cms.der").string(), "-CAfile", (dir_ / "ca.pem").string(),
         "-attime", std::to_string(at.unix_seconds), "-purpose", "any", "-out",
         "/dev/null"});
    return result.exit_code == 0;
  }

  bool TinySignAccepts(const Bytes& der, Time at) {
    VerifyOptions options;
    options.validation_time = at;
    options.policy.revocation = RevocationPolicy::kOff;
    options.policy.purpose = KeyPurpose::kAny;
    auto report = VerifyCms(der, Document{}, trust_, options);
    // The samples were signed after their certificates expired, so the
    // verdict at `at` is indeterminate. What must agree with OpenSSL is the
    // cryptography and the path.
    if (!report.has_value() || report->verdict == Verdict::kInvalid ||
        report->signers.empty()) {
      return false;
    }
    for (const SignerReport& signer : report->signers) {
      if (signer.checks.digest != CheckResult::kPassed ||
          signer.checks.signature != CheckResult::kPassed ||
          signer.checks.chain != CheckResult::kPassed) {
        return false;
      }
    }
    return true;
  }

  std::filesystem::path dir_;
  x509::TrustStore trust_;
};

TEST_F(OpenSslAgreementTest, RsaSamplesAndFlippedBytes) {
  for (const char* path : kRsaSamples) {
    SCOPED_TRACE(path);
    const Bytes der = testing::ReadFileBytes(FixturePath(path));
    testing::WriteFileBytes(dir_ / "sample.der", der);
    const auto certificates = testing::CertificatesInCms(dir_ / "sample.der");
    ASSERT_EQ(certificates.size(), 1u);
    const Time at{certificates[0].not_before.unix_seconds + 3600};
    EXPECT_TRUE(OpenSslAccepts(der, at));
    EXPECT_TRUE(TinySignAccepts(der, at));
    // Two places where the verifiers differ on purpose. OpenSSL 3.0 does
    // not compare the contentType attribute with eContentType, which RFC
    // 5652 section 11.1 requires; TinySign does, so it rejects there.
    // OpenSSL rejects an unknown OID in SignedData.digestAlgorithms, which
    // is unsigned and may even be empty (RFC 5652 section 5.1); TinySign
    // ignores it and uses each SignerInfo's own digestAlgorithm.
    auto parsed = cms::ParseSignedData(der);
    ASSERT_TRUE(parsed.has_value());
    auto offset_of = [&](der::Input part) {
      return static_cast<size_t>(part.data() - (*parsed)->der().data());
    };
    const der::Input content_type = (*parsed)->encapsulated_content_type();
    const size_t type_start = offset_of(content_type);
    const size_t type_end = type_start + content_type.size();
    const der::Input digests = (*parsed)->digest_algorithm_tlvs().at(0);
    const size_t digests_start = offset_of(digests);
    const size_t digests_end = digests_start + digests.size();
    // Every 31st byte from the end backwards covers the signature value,
    // the signed attributes, the certificate and the content.
    for (size_t back = 1; back <= der.size(); back += 31) {
      const size_t offset = der.size() - back;
      Bytes tampered = der;
      tampered[offset] ^= 0x01;
      SCOPED_TRACE("flipped byte " + std::to_string(offset));
      const bool ours = TinySignAccepts(tampered, at);
      const bool theirs = OpenSslAccepts(tampered, at);
      if (offset >= type_start && offset < type_end) {
        EXPECT_FALSE(ours);
      } else if (offset >= digests_start && offset < digests_end) {
        EXPECT_TRUE(ours);
      } else {
        EXPECT_EQ(ours, theirs);
      }
    }
  }
}

}  // namespace
}  // namespace tinysign::verify
