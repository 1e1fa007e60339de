// Reading OCSP and timestamp requests made by OpenSSL 3.0 (`openssl ocsp
// -reqout`, `openssl ts -query`), so the expected fields come from another
// implementation.
#include "testpki/requests.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "core/crypto/algorithm.h"
#include "core/encoding/input_form.h"
#include "tests/support/files.h"
#include "tests/support/openssl.h"
#include "tests/support/pki_builders.h"

namespace tinysign::testpki {
namespace {

using ::tinysign::testing::Issue;
using ::tinysign::testing::TestKeyFor;

TEST(RequestsTest, OpenSslTimeStampQuery) {
  const auto dir = testing::TempDir("testpki-tsq");
  testing::WriteFileBytes(dir / "data.txt", der::Input("abc"));
  const auto result = testing::RunCommand(
      {"sh", "-c",
       "openssl ts -query -data " + (dir / "data.txt").string() +
           " -sha256 -cert -out " + (dir / "query.tsq").string() +
           " && openssl ts -query -in " + (dir / "query.tsq").string() +
           " -text"});
  ASSERT_EQ(result.exit_code, 0) << result.output;

  auto parsed =
      ParseTimeStampRequest(testing::ReadFileBytes(dir / "query.tsq"));
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  // SHA-256 of "abc", FIPS 180-2 appendix B.1.
  EXPECT_EQ(encoding::HexEncode(parsed->hashed_message),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto hash = crypto::ParseDigestAlgorithm(parsed->hash_algorithm_tlv);
  ASSERT_TRUE(hash) << hash.error().ToString();
  EXPECT_EQ(*hash, crypto::DigestAlgorithm::kSha256);
  EXPECT_TRUE(parsed->cert_req);
  EXPECT_FALSE(parsed->policy);
  EXPECT_FALSE(parsed->has_extensions);

  // openssl prints the nonce it chose as "Nonce: 0x...".
  ASSERT_TRUE(parsed->nonce);
  const size_t nonce_at = result.output.find("Nonce: 0x");
  ASSERT_NE(nonce_at, std::string::npos) << result.output;
  std::string printed = result.output.substr(nonce_at + 9);
  printed = printed.substr(0, printed.find('\n'));
  std::string expected = encoding::HexEncode(*parsed->nonce);
  // A nonce with its top bit set carries a zero sign octet.
  if (expected.size() > printed.size() && expected.substr(0, 2) == "00") {
    expected = expected.substr(2);
  }
  for (char& c : printed) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  EXPECT_EQ(expected, printed);
}

TEST(RequestsTest, OpenSslOcspRequest) {
  const pki::TestKey& ca_key = TestKeyFor(pki::KeyType::kRsa2048, 0);
  const auto ca = Issue(pki::RootSpec("Request CA"), ca_key, ca_key);
  const auto leaf = Issue(pki::LeafSpec("Request Leaf", ca),
                          TestKeyFor(pki::KeyType::kRsa2048, 1), ca_key);
  const auto dir = testing::TempDir("testpki-ocsp-request");
  testing::WriteFileBytes(dir / "ca.cer", ca.der);
  testing::WriteFileBytes(dir / "leaf.cer", leaf.der);
  const auto result = testing::RunCommand(
      {"sh", "-c",
       "openssl ocsp -issuer " + (dir / "ca.cer").string() + " -cert " +
           (dir / "leaf.cer").string() + " -cert " + (dir / "ca.cer").string() +
           " -reqout " + (dir / "request.der").string() + " -req_text"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  auto parsed = ParseOcspRequest(testing::ReadFileBytes(dir / "request.der"));
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  EXPECT_EQ(parsed->cert_ids.size(), 2u);
  ASSERT_TRUE(parsed->nonce);
  // openssl adds a 16-byte nonce by default.
  EXPECT_EQ(parsed->nonce->size(), 16u);
  const std::string nonce_hex = encoding::HexEncode(*parsed->nonce);
  std::string upper;
  for (char c : nonce_hex) {
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  EXPECT_NE(result.output.find(upper), std::string::npos) << result.output;
}

TEST(RequestsTest, TruncatedRequestsRejected) {
  EXPECT_FALSE(ParseOcspRequest(Bytes{0x30, 0x03, 0x02, 0x01, 0x00}));
  EXPECT_FALSE(ParseOcspRequest(Bytes{0x30, 0x04, 0x30, 0x02, 0x30, 0x00}));
  EXPECT_FALSE(ParseTimeStampRequest(Bytes{0x30, 0x03, 0x02, 0x01, 0x02}));
  EXPECT_FALSE(ParseTimeStampRequest(Bytes{}));
}

}  // namespace
}  // namespace tinysign::testpki
