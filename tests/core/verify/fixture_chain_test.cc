// Every certificate of the NUC test keys chains to the NUC trust sets at a
// time inside its validity. OpenSSL extracts the certificates from the
// PKCS#12 files and prints their validity periods.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/encoding/input_form.h"
#include "core/verify/verifier.h"
#include "core/x509/trust_store.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl_certs.h"

namespace tinysign::verify {
namespace {

void AddTrustDir(const std::string& relative, x509::TrustStore* trust) {
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::FixturePath(relative))) {
    auto ders =
        encoding::NormalizeToDerList(testing::ReadFileBytes(entry.path()));
    if (!ders) {
      continue;
    }
    for (const Bytes& der : *ders) {
      ASSERT_TRUE(trust->Add(der).has_value()) << entry.path();
    }
  }
}

TEST(FixtureChainTest, EveryTestKeyChainsToNucTrust) {
  TINYSIGN_REQUIRE_FIXTURES();
  x509::TrustStore trust;
  AddTrustDir("trust/nuc-test", &trust);
  // The malikzh keys were issued to test persons by the 2015 production
  // hierarchy.
  AddTrustDir("trust/nuc-prod-2015", &trust);
  const auto files = testing::FixtureFiles("nuc", {".p12"});
  ASSERT_GE(files.size(), 60u);
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    const auto certificates =
        testing::CertificatesInPkcs12(file, {"Qwerty12", "Aa123456"});
    ASSERT_FALSE(certificates.empty());
    const testing::OpenSslCertificate& leaf = certificates.front();
    auto der = encoding::NormalizeToDer(der::Input(std::string_view(leaf.pem)));
    ASSERT_TRUE(der.has_value());
    VerifyOptions options;
    options.validation_time =
        Time{leaf.not_before.unix_seconds +
             (leaf.not_after.unix_seconds - leaf.not_before.unix_seconds) / 2};
    options.policy.revocation = RevocationPolicy::kOff;
    options.policy.purpose = KeyPurpose::kAny;
    auto report = VerifyCertificate(*der, {}, trust, options);
    ASSERT_TRUE(report.has_value()) << report.error().ToString();
    for (const Reason& reason : report->reasons) {
      ADD_FAILURE() << ErrorId(reason.code) << ": " << reason.message;
    }
    EXPECT_EQ(report->chain, CheckResult::kPassed);
    EXPECT_GE(report->chain_entries.size(), 2u);
    EXPECT_TRUE(report->chain_entries.back().trust_anchor);
    EXPECT_EQ(report->verdict, Verdict::kValid);
  }
}

}  // namespace
}  // namespace tinysign::verify
