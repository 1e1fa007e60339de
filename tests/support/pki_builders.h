// Test shorthands for the `pki` builders: each returns its value directly
// and records a builder error as a failure of the current test, leaving
// the output empty. Types and infallible helpers are the `pki` ones.
//
// Example:
//   const TestKey& root_key = TestKeyFor(KeyType::kRsa2048, 0);
//   const TestKey& leaf_key = TestKeyFor(KeyType::kRsa2048, 1);
//   IssuedCertificate root = Issue(RootSpec("Root"), root_key, root_key);
//   IssuedCertificate leaf = Issue(LeafSpec("Leaf", root), leaf_key,
//                                  root_key);
#ifndef TINYSIGN_TESTS_SUPPORT_PKI_BUILDERS_H_
#define TINYSIGN_TESTS_SUPPORT_PKI_BUILDERS_H_

#include <gtest/gtest.h>

#include <string_view>
#include <utility>

#include "core/result.h"
#include "pki/certificate_builder.h"

namespace tinysign::testing {

using pki::CaSpec;
using pki::CertificateSpec;
using pki::CmsSpec;
using pki::DefaultNotAfter;
using pki::DefaultNotBefore;
using pki::EncodeName;
using pki::ExtensionSpec;
using pki::IssuedCertificate;
using pki::KeyType;
using pki::LeafSpec;
using pki::NameAttribute;
using pki::RootSpec;
using pki::SignatureAlgorithmFor;
using pki::SignerSpec;
using pki::TestKey;
using pki::TestName;
using pki::ToPem;

// ValueOrFail returns the value of `result`, or records its error as a
// test failure, with `step` naming what was being built, and returns T{}.
template <typename T>
T ValueOrFail(Result<T> result, std::string_view step) {
  if (!result) {
    ADD_FAILURE() << "pki builder: " << step << ": "
                  << result.error().ToString();
    return T{};
  }
  return std::move(result).value();
}

// TestKeyFor returns key number `index` of `type`. It generates the key on
// first use and keeps it until the process ends, because RSA key
// generation takes a noticeable time.
const TestKey& TestKeyFor(KeyType type, int index);

// MakeTime returns midnight UTC of a calendar date, failing the current test
// for an invalid date.
Time MakeTime(int year, int month, int day);

// KeyIdentifier, BuildCertificate, Issue and BuildSignedData are
// `pki::ComputeKeyIdentifier`, `pki::SignCertificate`,
// `pki::IssueCertificate` and `pki::SignCms`, with failures recorded as
// above.
Bytes KeyIdentifier(const TestKey& key);
Bytes BuildCertificate(const CertificateSpec& spec, const TestKey& subject_key,
                       const TestKey& signing_key);
IssuedCertificate Issue(CertificateSpec spec, const TestKey& subject_key,
                        const TestKey& signing_key);
Bytes BuildSignedData(const CmsSpec& spec);

}  // namespace tinysign::testing

#endif  // TINYSIGN_TESTS_SUPPORT_PKI_BUILDERS_H_
