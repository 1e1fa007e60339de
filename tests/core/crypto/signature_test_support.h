// Helpers shared by the signature, key and algorithm tests: hex input, a
// deterministic random source, certificates cut into the pieces a
// signature check needs, and OpenSSL runs in a scratch folder.
#ifndef TINYSIGN_TESTS_CORE_CRYPTO_SIGNATURE_TEST_SUPPORT_H_
#define TINYSIGN_TESTS_CORE_CRYPTO_SIGNATURE_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/random.h"
#include "core/der/input.h"
#include "core/der/reader.h"
#include "core/encoding/input_form.h"
#include "tests/support/files.h"
#include "tests/support/openssl.h"

namespace tinysign::crypto::signature_testing {

// Hex decodes `text` and fails the current test when it is not hex.
inline Bytes Hex(std::string_view text) {
  auto bytes = encoding::HexDecode(text);
  EXPECT_TRUE(bytes.has_value()) << "invalid hex in test: " << text;
  return bytes.has_value() ? *bytes : Bytes{};
}

inline Bytes Reversed(const Bytes& bytes) {
  return Bytes(bytes.rbegin(), bytes.rend());
}

// SeededRandom is a deterministic source for tests. It is NOT secure.
class SeededRandom : public RandomSource {
 public:
  explicit SeededRandom(uint32_t seed) : engine_(seed) {}

  Status Generate(std::span<uint8_t> out) override {
    for (uint8_t& byte : out) {
      byte = static_cast<uint8_t>(engine_());
    }
    return OkStatus();
  }

  Bytes Take(size_t size) {
    Bytes bytes(size);
    EXPECT_TRUE(Generate(bytes).has_value());
    return bytes;
  }

 private:
  std::mt19937 engine_;
};

// FailingRandom fails every request, to test error paths.
class FailingRandom : public RandomSource {
 public:
  Status Generate(std::span<uint8_t>) override {
    return Fail(ErrorCode::kCryptoRandomFailed, "test source always fails");
  }
};

// CertificateParts contains one certificate and the pieces a signature
// check needs, cut out with der::Reader because the X.509 parser is not
// under test here:
//   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm,
//                              signatureValue BIT STRING }
//   TBSCertificate ::= SEQUENCE { [0] version, serialNumber, signature,
//                                 issuer, validity, subject,
//                                 subjectPublicKeyInfo, ... }
// The views point into `der`, so the object must not be copied.
struct CertificateParts {
  Bytes der;
  der::Input tbs_tlv;
  der::Input signature_algorithm_tlv;
  der::Input signature;
  der::Input issuer_tlv;
  der::Input subject_tlv;
  der::Input spki_tlv;
};

// LoadCertificate reads a PEM or DER certificate file, or returns null
// after recording a test failure.
inline std::unique_ptr<CertificateParts> LoadCertificate(
    const std::filesystem::path& path) {
  auto der = encoding::NormalizeToDer(testing::ReadFileBytes(path));
  EXPECT_TRUE(der.has_value()) << path;
  if (!der.has_value()) {
    return nullptr;
  }
  auto parts = std::make_unique<CertificateParts>();
  parts->der = std::move(*der);
  der::Reader outer(parts->der);
  auto certificate = outer.ReadSequence();
  if (!certificate.has_value()) {
    ADD_FAILURE() << "not a certificate: " << path;
    return nullptr;
  }
  auto tbs_tlv = certificate->ReadTlv(der::tag::kSequence);
  auto algorithm_tlv = certificate->ReadTlv(der::tag::kSequence);
  auto signature = certificate->ReadBitStringBytes();
  if (!tbs_tlv.has_value() || !algorithm_tlv.has_value() ||
      !signature.has_value()) {
    ADD_FAILURE() << "not a certificate: " << path;
    return nullptr;
  }
  parts->tbs_tlv = *tbs_tlv;
  parts->signature_algorithm_tlv = *algorithm_tlv;
  parts->signature = *signature;

  der::Reader tbs_outer(parts->tbs_tlv);
  auto tbs = tbs_outer.ReadSequence();
  if (!tbs.has_value()) {
    ADD_FAILURE() << "tbsCertificate is not a SEQUENCE: " << path;
    return nullptr;
  }
  EXPECT_TRUE(tbs->ReadOptional(der::tag::ContextConstructed(0)).has_value());
  EXPECT_TRUE(tbs->ReadInteger().has_value());
  EXPECT_TRUE(tbs->ReadTlv(der::tag::kSequence).has_value());
  auto issuer = tbs->ReadTlv(der::tag::kSequence);
  EXPECT_TRUE(tbs->ReadTlv(der::tag::kSequence).has_value());
  auto subject = tbs->ReadTlv(der::tag::kSequence);
  auto spki = tbs->ReadTlv(der::tag::kSequence);
  if (!issuer.has_value() || !subject.has_value() || !spki.has_value()) {
    ADD_FAILURE() << "unexpected tbsCertificate layout: " << path;
    return nullptr;
  }
  parts->issuer_tlv = *issuer;
  parts->subject_tlv = *subject;
  parts->spki_tlv = *spki;
  return parts;
}

// RunOpenSsl runs `openssl` with `arguments` and returns its exit code and
// standard output.
inline testing::CommandResult RunOpenSsl(
    const std::vector<std::string>& arguments) {
  std::vector<std::string> argv = {"openssl"};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return testing::RunCommand(argv);
}

// ReadPemAsDer reads a PEM file that OpenSSL wrote and returns its DER.
inline Bytes ReadPemAsDer(const std::filesystem::path& path) {
  auto der = encoding::NormalizeToDer(testing::ReadFileBytes(path));
  EXPECT_TRUE(der.has_value()) << path;
  return der.has_value() ? *der : Bytes{};
}

}  // namespace tinysign::crypto::signature_testing

#endif  // TINYSIGN_TESTS_CORE_CRYPTO_SIGNATURE_TEST_SUPPORT_H_
