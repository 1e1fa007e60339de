// The real NUC CMS samples that the CLI tests run, and what OpenSSL reports
// about them: the signer count from `openssl cms -cmsout -print`, and the
// certificates with their IINs and validity from `openssl x509`.
#ifndef TINYSIGN_TESTS_CLI_CMS_SAMPLES_H_
#define TINYSIGN_TESTS_CLI_CMS_SAMPLES_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"
#include "tests/support/openssl_certs.h"

namespace tinysign::testing {

struct CmsSample {
  // Path inside the fixtures folder.
  const char* path;
  // The signed document of a detached sample, or nullptr: attached, or
  // detached with the document not available.
  const char* document;
  // True for DER, false for PEM.
  bool der;
  // True for a detached sample whose document is not available.
  bool document_missing;
};

inline constexpr CmsSample kCmsSamples[] = {
    {"nuc/ncanode-kz_NCANode/groovy-constants/SIGNED_CMS.p7s", nullptr, true,
     false},
    {"nuc/ncanode-kz_NCANode/groovy-constants/SIGNED_CMS_ONE_SIGNER.p7s",
     nullptr, true, false},
    {"nuc/ncanode-kz_NCANode/groovy-constants/SIGNED_CMS_lol_kek.p7s", nullptr,
     true, false},
    {"nuc/gokalkan_gokalkan/testCMS.p7s", nullptr, true, false},
    {"nuc/skarm_kalkan/cms/individual_attached.der", nullptr, true, false},
    {"nuc/skarm_kalkan/cms/individual_detached.der",
     "nuc/skarm_kalkan/cms/individual_document.txt", true, false},
    {"nuc/skarm_kalkan/cms/legal_entity_attached.der", nullptr, true, false},
    {"nuc/skarm_kalkan/examples/CMS_for_double_sign.txt", nullptr, false, true},
};

// kNucTestTrust is the trust folder that completes every sample's chain.
inline constexpr char kNucTestTrust[] = "trust/nuc-test";

// OpenSslView is what OpenSSL reports about one sample.
struct OpenSslView {
  size_t num_signers = 0;
  // The certificates in the CMS. Kalkan and NCANode put only the signers'
  // certificates there, one per signer.
  std::vector<OpenSslCertificate> certificates;
};

// SampleDerPath returns a DER copy of a PEM sample made by `openssl cms`,
// or the sample itself when it is DER. `dir` receives the copy.
inline std::filesystem::path SampleDerPath(const CmsSample& sample,
                                           const std::filesystem::path& dir) {
  const std::filesystem::path path = FixturePath(sample.path);
  if (sample.der) {
    return path;
  }
  const std::filesystem::path der = dir / "sample.der";
  const CommandResult converted =
      RunCommand({"openssl", "cms", "-cmsout", "-inform", "PEM", "-in",
                  path.string(), "-outform", "DER", "-out", der.string()});
  EXPECT_EQ(converted.exit_code, 0) << path;
  return der;
}

// CountSigners counts the SignerInfos that `openssl cms -cmsout -print`
// lists: each has one "signatureAlgorithm:" line at eight spaces.
inline size_t CountSigners(const std::filesystem::path& der_path) {
  const CommandResult printed =
      RunCommand({"openssl", "cms", "-cmsout", "-print", "-inform", "DER",
                  "-in", der_path.string()});
  EXPECT_EQ(printed.exit_code, 0) << der_path;
  const size_t signer_infos = printed.output.find("\n    signerInfos:");
  if (signer_infos == std::string::npos) {
    return 0;
  }
  const std::string needle = "\n        signatureAlgorithm:";
  size_t count = 0;
  for (size_t pos = printed.output.find(needle, signer_infos);
       pos != std::string::npos;
       pos = printed.output.find(needle, pos + needle.size())) {
    ++count;
  }
  return count;
}

inline OpenSslView DescribeWithOpenSsl(const CmsSample& sample) {
  const auto dir = TempDir("cms-sample");
  const std::filesystem::path der = SampleDerPath(sample, dir);
  OpenSslView view;
  view.num_signers = CountSigners(der);
  view.certificates = CertificatesInCms(der);
  std::filesystem::remove_all(dir);
  return view;
}

// MidValidity returns the middle of a certificate's validity period.
inline Time MidValidity(const OpenSslCertificate& certificate) {
  return Time{certificate.not_before.unix_seconds +
              (certificate.not_after.unix_seconds -
               certificate.not_before.unix_seconds) /
                  2};
}

// AllValidAt returns true when every certificate of `view` is valid at `time`.
inline bool AllValidAt(const OpenSslView& view, Time time) {
  return std::all_of(view.certificates.begin(), view.certificates.end(),
                     [time](const OpenSslCertificate& certificate) {
                       return certificate.not_before <= time &&
                              time <= certificate.not_after;
                     });
}

}  // namespace tinysign::testing

#endif  // TINYSIGN_TESTS_CLI_CMS_SAMPLES_H_
