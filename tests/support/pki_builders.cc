#include "tests/support/pki_builders.h"

#include <map>
#include <memory>
#include <string>

namespace tinysign::testing {

const TestKey& TestKeyFor(KeyType type, int index) {
  static std::map<std::pair<KeyType, int>, std::unique_ptr<TestKey>> cache;
  std::unique_ptr<TestKey>& slot = cache[{type, index}];
  if (!slot) {
    const std::string seed = "tinysign test key " +
                             std::to_string(static_cast<int>(type)) + "/" +
                             std::to_string(index);
    slot = std::make_unique<TestKey>(
        ValueOrFail(pki::GenerateTestKey(type, seed), "key generation"));
  }
  return *slot;
}

Time MakeTime(int year, int month, int day) {
  return ValueOrFail(pki::MakeTime(year, month, day), "date");
}

Bytes KeyIdentifier(const TestKey& key) {
  return ValueOrFail(pki::ComputeKeyIdentifier(key), "key identifier");
}

Bytes BuildCertificate(const CertificateSpec& spec, const TestKey& subject_key,
                       const TestKey& signing_key) {
  return ValueOrFail(pki::SignCertificate(spec, subject_key, signing_key),
                     "certificate");
}

IssuedCertificate Issue(CertificateSpec spec, const TestKey& subject_key,
                        const TestKey& signing_key) {
  return ValueOrFail(
      pki::IssueCertificate(std::move(spec), subject_key, signing_key),
      "certificate");
}

Bytes BuildSignedData(const CmsSpec& spec) {
  return ValueOrFail(pki::SignCms(spec), "SignedData");
}

}  // namespace tinysign::testing
