// Trust stores made from the folders of CA certificates under the
// fixtures' trust/ directory.
#ifndef TINYSIGN_TESTS_SUPPORT_FIXTURE_TRUST_H_
#define TINYSIGN_TESTS_SUPPORT_FIXTURE_TRUST_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/encoding/input_form.h"
#include "core/x509/trust_store.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"

namespace tinysign::testing {

// LoadFixtureTrust trusts every certificate in the fixtures folder
// `relative`, such as "trust/nuc-test". Files that hold no certificate,
// like a README, are skipped.
inline x509::TrustStore LoadFixtureTrust(const std::string& relative) {
  x509::TrustStore trust;
  for (const auto& entry :
       std::filesystem::directory_iterator(FixturePath(relative))) {
    auto ders = encoding::NormalizeToDerList(ReadFileBytes(entry.path()));
    if (!ders) {
      continue;
    }
    for (const Bytes& der : *ders) {
      EXPECT_TRUE(trust.Add(der).has_value()) << entry.path();
    }
  }
  return trust;
}

}  // namespace tinysign::testing

#endif  // TINYSIGN_TESTS_SUPPORT_FIXTURE_TRUST_H_
