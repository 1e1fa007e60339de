// Every certificate in the shared NUC fixtures, as DER: the .cer/.crt files
// (PEM, DER or bare base64), the trust sets, and the certificates inside
// the PKCS#12 test keys, which OpenSSL extracts.
#ifndef TINYSIGN_TESTS_CORE_X509_FIXTURE_CERTIFICATES_H_
#define TINYSIGN_TESTS_CORE_X509_FIXTURE_CERTIFICATES_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/der/input.h"
#include "core/encoding/input_form.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"

namespace tinysign::x509::testing {

// FixtureCertificate is one certificate and where it came from.
struct FixtureCertificate {
  // Path relative to the fixtures folder, with "#n" for the n-th
  // certificate of a file that contains several.
  std::string label;
  std::filesystem::path source;
  Bytes der;
};

// The passwords of the NUC test keys: Qwerty12 for most, Aa123456 for the
// NCANode GOST 2015 keys of 2022.
inline const std::vector<std::string>& P12Passwords() {
  static const std::vector<std::string> kPasswords = {"Qwerty12", "Aa123456"};
  return kPasswords;
}

inline bool OpenSslAvailable() {
  return tinysign::testing::RunCommand({"openssl", "version"}).exit_code == 0;
}

// RelativeLabel returns `path` relative to the fixtures folder.
inline std::string RelativeLabel(const std::filesystem::path& path) {
  return std::filesystem::relative(path, tinysign::testing::FixturePath(""))
      .string();
}

// ExtractP12Certificates has OpenSSL write the certificates of `p12` as PEM
// into `temp_dir`, trying each test password, and returns them as DER.
inline std::vector<Bytes> ExtractP12Certificates(
    const std::filesystem::path& p12, const std::filesystem::path& temp_dir) {
  const std::filesystem::path out = temp_dir / "p12-certificates.pem";
  for (const std::string& password : P12Passwords()) {
    std::filesystem::remove(out);
    const auto result = tinysign::testing::RunCommand(
        {"openssl", "pkcs12", "-legacy", "-in", p12.string(), "-nokeys",
         "-passin", "pass:" + password, "-out", out.string()});
    if (result.exit_code != 0) {
      continue;
    }
    const Bytes pem = tinysign::testing::ReadFileBytes(out);
    auto certificates = encoding::NormalizeToDerList(pem);
    EXPECT_TRUE(certificates.has_value()) << p12;
    return certificates ? *certificates : std::vector<Bytes>();
  }
  ADD_FAILURE() << "openssl pkcs12 could not open " << p12
                << " with any test password";
  return {};
}

// CertificateFiles lists the .cer and .crt files of the fixtures.
inline std::vector<std::filesystem::path> CertificateFiles() {
  auto files = tinysign::testing::FixtureFiles("nuc", {".cer", ".crt"});
  for (auto& file :
       tinysign::testing::FixtureFiles("trust", {".cer", ".crt"})) {
    files.push_back(file);
  }
  return files;
}

inline std::vector<std::filesystem::path> P12Files() {
  return tinysign::testing::FixtureFiles("nuc", {".p12"});
}

inline void AppendCertificates(const std::filesystem::path& source,
                               std::vector<Bytes> ders,
                               std::vector<FixtureCertificate>* out) {
  for (size_t i = 0; i < ders.size(); ++i) {
    std::string label = RelativeLabel(source);
    if (ders.size() > 1) {
      label += "#" + std::to_string(i);
    }
    out->push_back({label, source, std::move(ders[i])});
  }
}

// LoadFixtureCertificates returns every fixture certificate; it records a
// test failure for a file that yields none.
inline std::vector<FixtureCertificate> LoadFixtureCertificates(
    const std::filesystem::path& temp_dir) {
  std::vector<FixtureCertificate> certificates;
  for (const auto& file : CertificateFiles()) {
    auto ders =
        encoding::NormalizeToDerList(tinysign::testing::ReadFileBytes(file));
    EXPECT_TRUE(ders.has_value()) << file;
    if (ders) {
      AppendCertificates(file, std::move(*ders), &certificates);
    }
  }
  for (const auto& file : P12Files()) {
    std::vector<Bytes> ders = ExtractP12Certificates(file, temp_dir);
    EXPECT_FALSE(ders.empty()) << file;
    AppendCertificates(file, std::move(ders), &certificates);
  }
  return certificates;
}

}  // namespace tinysign::x509::testing

#endif  // TINYSIGN_TESTS_CORE_X509_FIXTURE_CERTIFICATES_H_
