// `tinysign verify` on damaged copies of the real NUC samples, in process.
// One flipped byte in the content, the signed attributes or the signature
// value makes the report invalid, with the matching check failed. A sample
// cut short at any offset is reported as malformed input or given a
// verdict, and never crashes; CI runs these tests under ASan.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <functional>
#include <string>
#include <vector>

#include "core/cms/signed_data.h"
#include "core/encoding/input_form.h"
#include "tests/cli/cli_runner.h"
#include "tests/cli/cms_samples.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"

namespace tinysign::testing {
namespace {

// signingTime, 1.2.840.113549.1.9.5 (RFC 5652 section 11.3).
constexpr der::Oid kSigningTime("1.2.840.113549.1.9.5");

std::string Text(const boost::json::value& value) {
  return value.is_string() ? std::string(value.get_string()) : std::string();
}

std::string AsString(const Bytes& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

// OffsetOf returns where `part`, a view into `signed_data`, starts in the
// file `original`. The samples are DER, so the parsed copy has the same
// bytes as the file, apart from the zero bytes some files carry after it.
size_t OffsetOf(const Bytes& original, const cms::SignedData& signed_data,
                der::Input part) {
  const der::Input whole = signed_data.der();
  EXPECT_FALSE(signed_data.was_ber());
  EXPECT_LE(whole.size(), original.size());
  EXPECT_TRUE(std::equal(whole.begin(), whole.end(), original.begin()));
  EXPECT_GE(part.begin(), whole.begin());
  EXPECT_LE(part.end(), whole.end());
  return static_cast<size_t>(part.begin() - whole.begin());
}

// RunOnSignature verifies `cms` given on standard input, with the document
// of `sample` when it has one.
CliRun RunOnSignature(const CmsSample& sample, const Bytes& cms,
                      const std::string& document_path = "") {
  std::vector<std::string> args = {"verify", "--json", "--revocation", "off"};
  if (!document_path.empty()) {
    args.push_back("--document");
    args.push_back(document_path);
  } else if (sample.document != nullptr) {
    args.push_back("--document");
    args.push_back(FixturePath(sample.document).string());
  }
  args.push_back("-");
  return RunInProcess(args, AsString(cms));
}

// ExpectEverySignerFailed checks that `run` gave an invalid report in which
// every signer failed `check`.
void ExpectEverySignerFailed(const CliRun& run, const std::string& check) {
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  boost::system::error_code error;
  const boost::json::value report = boost::json::parse(run.out, error);
  ASSERT_FALSE(error) << run.out << run.err;
  EXPECT_EQ(Text(report.at("verdict")), "invalid");
  const auto& signers = report.at("signers").as_array();
  ASSERT_FALSE(signers.empty());
  for (const auto& signer : signers) {
    EXPECT_EQ(Text(signer.at("verdict")), "invalid");
    EXPECT_EQ(Text(signer.at("checks").at(check)), "failed") << run.out;
  }
}

// DerSamples lists the DER samples whose document is available.
std::vector<CmsSample> DerSamples() {
  std::vector<CmsSample> samples;
  for (const CmsSample& sample : kCmsSamples) {
    if (sample.der && !sample.document_missing) {
      samples.push_back(sample);
    }
  }
  return samples;
}

TEST(VerifyTamperTest, FlippedContentFailsDigest) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const CmsSample& sample : DerSamples()) {
    SCOPED_TRACE(sample.path);
    Bytes cms = ReadFileBytes(FixturePath(sample.path));
    if (sample.document != nullptr) {
      // Detached: damage the document instead.
      Bytes document = ReadFileBytes(FixturePath(sample.document));
      document[document.size() / 2] ^= 0x01;
      const auto dir = TempDir("flipped-document");
      WriteFileBytes(dir / "document", document);
      ExpectEverySignerFailed(
          RunOnSignature(sample, cms, (dir / "document").string()), "digest");
      std::filesystem::remove_all(dir);
      continue;
    }
    auto parsed = cms::ParseSignedData(cms);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
    ASSERT_TRUE((*parsed)->encapsulated_content().has_value());
    const der::Input content = *(*parsed)->encapsulated_content();
    const size_t offset = OffsetOf(cms, **parsed, content);
    cms[offset + content.size() / 2] ^= 0x01;
    ExpectEverySignerFailed(RunOnSignature(sample, cms), "digest");
  }
}

TEST(VerifyTamperTest, FlippedSigningTimeFailsSignature) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const CmsSample& sample : DerSamples()) {
    SCOPED_TRACE(sample.path);
    const Bytes original = ReadFileBytes(FixturePath(sample.path));
    auto parsed = cms::ParseSignedData(original);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
    Bytes cms = original;
    for (const cms::SignerInfo& signer : (*parsed)->signers()) {
      auto signing_time =
          cms::FindAttribute(signer.signed_attributes, kSigningTime);
      ASSERT_TRUE(signing_time.has_value());
      ASSERT_NE(*signing_time, nullptr) << "no signingTime attribute";
      ASSERT_EQ((*signing_time)->values.size(), 1u);
      // The value is UTCTime "YYMMDDHHMMSSZ". Flipping the lowest bit of the
      // units digit of the seconds keeps it a digit, so the time still
      // parses and only the signature over the attributes breaks.
      const der::Input time_tlv = (*signing_time)->values[0];
      const size_t offset = OffsetOf(original, **parsed, time_tlv);
      const size_t units_of_seconds = offset + time_tlv.size() - 2;
      ASSERT_GE(cms[units_of_seconds], '0');
      ASSERT_LE(cms[units_of_seconds], '9');
      cms[units_of_seconds] ^= 0x01;
    }
    ExpectEverySignerFailed(RunOnSignature(sample, cms), "signature");
  }
}

TEST(VerifyTamperTest, FlippedSignatureValueFailsSignature) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const CmsSample& sample : DerSamples()) {
    SCOPED_TRACE(sample.path);
    const Bytes original = ReadFileBytes(FixturePath(sample.path));
    auto parsed = cms::ParseSignedData(original);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
    Bytes cms = original;
    for (const cms::SignerInfo& signer : (*parsed)->signers()) {
      const size_t offset = OffsetOf(original, **parsed, signer.signature);
      cms[offset + signer.signature.size() / 2] ^= 0x01;
    }
    ExpectEverySignerFailed(RunOnSignature(sample, cms), "signature");
  }
}

// EncodedLength returns the length of the DER element at the start of
// `der`, header included, read by hand from its length octets (X.690
// section 8.1.3).
size_t EncodedLength(const Bytes& der) {
  const size_t first_length_octet = der[1];
  if (first_length_octet < 0x80) {
    return 2 + first_length_octet;
  }
  const size_t num_octets = first_length_octet & 0x7f;
  size_t length = 0;
  for (size_t i = 0; i < num_octets; ++i) {
    length = length << 8 | der[2 + i];
  }
  return 2 + num_octets + length;
}

// PemLength returns the length of `pem` up to the end of its END line's
// dashes, leaving out the line break.
size_t PemLength(const Bytes& pem) {
  const std::string text = AsString(pem);
  const std::string end_line = "-----END CMS-----";
  const size_t end = text.find(end_line);
  EXPECT_NE(end, std::string::npos);
  return end == std::string::npos ? pem.size() : end + end_line.size();
}

// CheckEveryPrefix checks that every proper prefix of `data` is reported as
// malformed input (65) or gets a report (0, 1, 2). Only a prefix that keeps
// the whole DER element or PEM block can get a report: some Kalkan samples
// carry zero bytes after the DER, and PEM a final line break, which may be
// cut without harm.
void CheckEveryPrefix(const CmsSample& sample, const Bytes& data) {
  const size_t element_length =
      sample.der ? EncodedLength(data) : PemLength(data);
  for (size_t length = 0; length < data.size(); ++length) {
    const Bytes prefix(data.begin(), data.begin() + length);
    const CliRun run = RunOnSignature(sample, prefix);
    if (run.exit_code == 65) {
      EXPECT_TRUE(run.out.empty()) << "length " << length;
      EXPECT_EQ(run.err.rfind("tinysign: standard input: ", 0), 0u)
          << "length " << length << ": " << run.err;
      continue;
    }
    EXPECT_GE(length, element_length) << "a report for a cut DER element";
    ASSERT_GE(run.exit_code, 0) << "length " << length << ": " << run.err;
    ASSERT_LE(run.exit_code, 2) << "length " << length << ": " << run.err;
    EXPECT_NE(run.out.find("\"verdict\""), std::string::npos)
        << "length " << length;
  }
}

TEST(VerifyTamperTest, EveryTruncationIsMalformedOrReported) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const CmsSample& sample : kCmsSamples) {
    SCOPED_TRACE(sample.path);
    CheckEveryPrefix(sample, ReadFileBytes(FixturePath(sample.path)));
  }
}

}  // namespace
}  // namespace tinysign::testing
