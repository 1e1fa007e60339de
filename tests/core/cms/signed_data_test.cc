#include "core/cms/signed_data.h"

#include <gtest/gtest.h>

#include <string>

#include "core/der/writer.h"
#include "core/encoding/input_form.h"
#include "core/limits.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"

namespace tinysign::cms {
namespace {

using testing::FixturePath;
using testing::ReadFileBytes;

// CountLines counts lines of `text` that start with `prefix`.
size_t CountLines(const std::string& text, const std::string& prefix) {
  size_t count = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) {
      end = text.size();
    }
    if (text.compare(pos, prefix.size(), prefix) == 0) {
      ++count;
    }
    pos = end + 1;
  }
  return count;
}

// OpenSslCounts returns the number of signers and of certificates that
// `openssl cms -cmsout -print` shows for a DER file.
std::pair<size_t, size_t> OpenSslCounts(const std::filesystem::path& der) {
  testing::CommandResult printed =
      testing::RunCommand({"openssl", "cms", "-inform", "DER", "-in",
                           der.string(), "-cmsout", "-print"});
  EXPECT_EQ(printed.exit_code, 0) << der;
  const size_t signers =
      CountLines(printed.output, "        d.issuerAndSerialNumber:") +
      CountLines(printed.output, "        d.subjectKeyIdentifier:");
  const size_t certificates =
      CountLines(printed.output, "      d.certificate:");
  return {signers, certificates};
}

Bytes LoadDer(const std::string& relative) {
  auto der = encoding::NormalizeToDer(ReadFileBytes(FixturePath(relative)));
  EXPECT_TRUE(der.has_value()) << relative;
  return der.has_value() ? *der : Bytes{};
}

struct Sample {
  const char* path;
  bool attached;
};

constexpr Sample kSamples[] = {
    {"nuc/ncanode-kz_NCANode/groovy-constants/SIGNED_CMS.p7s", true},
    {"nuc/ncanode-kz_NCANode/groovy-constants/SIGNED_CMS_ONE_SIGNER.p7s", true},
    {"nuc/ncanode-kz_NCANode/groovy-constants/SIGNED_CMS_lol_kek.p7s", true},
    {"nuc/gokalkan_gokalkan/testCMS.p7s", true},
    {"nuc/skarm_kalkan/cms/individual_attached.der", true},
    {"nuc/skarm_kalkan/cms/individual_detached.der", false},
    {"nuc/skarm_kalkan/cms/legal_entity_attached.der", true},
    {"nuc/skarm_kalkan/examples/CMS_for_double_sign.txt", false},
    {"nuc/ncanode-kz_NCANode/tsp/tsp_token.bin", true},
};

TEST(SignedDataTest, ParsesEveryNucSample) {
  TINYSIGN_REQUIRE_FIXTURES();
  const auto dir = testing::TempDir("cms-samples");
  for (const Sample& sample : kSamples) {
    SCOPED_TRACE(sample.path);
    const Bytes der = LoadDer(sample.path);
    auto parsed = ParseSignedData(der);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
    const SignedData& signed_data = **parsed;
    const auto der_path = dir / "sample.der";
    testing::WriteFileBytes(der_path, der);
    const auto [signers, certificates] = OpenSslCounts(der_path);
    EXPECT_EQ(signed_data.signers().size(), signers);
    EXPECT_EQ(signed_data.certificates().size(), certificates);
    EXPECT_EQ(signed_data.encapsulated_content().has_value(), sample.attached);
    EXPECT_FALSE(signed_data.was_ber());
  }
}

TEST(SignedDataTest, ReadsAttachedContent) {
  TINYSIGN_REQUIRE_FIXTURES();
  // The content of these samples is recorded with them: "test123" and
  // "lol_kek".
  auto two_signers = ParseSignedData(
      LoadDer("nuc/ncanode-kz_NCANode/groovy-constants/SIGNED_CMS.p7s"));
  ASSERT_TRUE(two_signers.has_value());
  EXPECT_EQ((*two_signers)->encapsulated_content()->AsStringView(), "test123");
  auto lol_kek =
      ParseSignedData(LoadDer("nuc/ncanode-kz_NCANode/groovy-constants/"
                              "SIGNED_CMS_lol_kek.p7s"));
  ASSERT_TRUE(lol_kek.has_value());
  EXPECT_EQ((*lol_kek)->encapsulated_content()->AsStringView(), "lol_kek");
}

TEST(SignedDataTest, KeepsSignedAttributeBytes) {
  TINYSIGN_REQUIRE_FIXTURES();
  const Bytes der = LoadDer("nuc/skarm_kalkan/cms/individual_attached.der");
  auto parsed = ParseSignedData(der);
  ASSERT_TRUE(parsed.has_value());
  const SignerInfo& signer = (*parsed)->signers().at(0);
  ASSERT_TRUE(signer.signed_attributes_tlv.has_value());
  const Bytes to_verify =
      SignedAttributesToVerify(*signer.signed_attributes_tlv);
  EXPECT_EQ(to_verify[0], 0x31);
  EXPECT_TRUE(std::equal(to_verify.begin() + 1, to_verify.end(),
                         signer.signed_attributes_tlv->begin() + 1));
  // contentType, signingTime, messageDigest and signingCertificateV2.
  EXPECT_EQ(signer.signed_attributes.size(), 4u);
  EXPECT_EQ(signer.unsigned_attributes.size(), 1u);
}

TEST(SignedDataTest, RejectsCertificate) {
  TINYSIGN_REQUIRE_FIXTURES();
  const Bytes der = LoadDer("nuc/skarm_kalkan/cms/individual_signer.cer");
  auto parsed = ParseSignedData(der);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, ErrorCode::kCmsNotSignedData);
}

// gokalkan's testCMS.p7s ends with one 0x00 after the DER: zero padding is
// dropped, any other trailing byte is rejected.
TEST(SignedDataTest, IgnoresTrailingZeroPaddingOnly) {
  TINYSIGN_REQUIRE_FIXTURES();
  Bytes der = LoadDer("nuc/skarm_kalkan/cms/individual_attached.der");
  der.push_back(0x00);
  der.push_back(0x00);
  EXPECT_TRUE(ParseSignedData(der).has_value());
  der.push_back(0x01);
  auto parsed = ParseSignedData(der);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, ErrorCode::kDerUnconsumedData);
}

TEST(SignedDataTest, RejectsRandomBytes) {
  const Bytes png = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
  EXPECT_EQ(ParseSignedData(png).error().code, ErrorCode::kCmsNotSignedData);
  EXPECT_EQ(ParseSignedData(Bytes{}).error().code, ErrorCode::kInputEmpty);
}

TEST(SignedDataTest, EveryTruncationFails) {
  TINYSIGN_REQUIRE_FIXTURES();
  const Bytes der = LoadDer("nuc/skarm_kalkan/cms/individual_attached.der");
  for (size_t size = 0; size < der.size(); ++size) {
    auto parsed = ParseSignedData(der::Input(der.data(), size));
    EXPECT_FALSE(parsed.has_value()) << "size " << size;
  }
}

// The builders below make a minimal SignedData with der::Writer, so the
// limits can be tested one past their values.
der::Writer MinimalSignerInfo() {
  der::Writer issuer;
  issuer.AddTlv(der::tag::kSequence, der::Input());
  der::Writer sid;
  sid.AddRaw(issuer.bytes());
  sid.AddSmallInteger(1);
  der::Writer algorithm;
  algorithm.AddOid(der::Oid("2.16.840.1.101.3.4.2.1"));
  der::Writer signer;
  signer.AddSmallInteger(1);
  signer.AddConstructed(der::tag::kSequence, sid);
  signer.AddConstructed(der::tag::kSequence, algorithm);
  signer.AddConstructed(der::tag::kSequence, algorithm);
  signer.AddOctetString(Bytes{1, 2, 3});
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, signer);
  return out;
}

Bytes SignedDataWith(size_t num_signers, size_t num_certificates) {
  der::Writer encap;
  encap.AddOid(kIdData);
  der::Writer signed_data;
  signed_data.AddSmallInteger(1);
  signed_data.AddTlv(der::tag::kSet, der::Input());
  signed_data.AddConstructed(der::tag::kSequence, encap);
  if (num_certificates > 0) {
    der::Writer certificates;
    for (size_t i = 0; i < num_certificates; ++i) {
      certificates.AddTlv(der::tag::kSequence, der::Input());
    }
    signed_data.AddConstructed(der::tag::ContextConstructed(0), certificates);
  }
  der::Writer signers;
  const der::Writer one = MinimalSignerInfo();
  for (size_t i = 0; i < num_signers; ++i) {
    signers.AddRaw(one.bytes());
  }
  signed_data.AddConstructed(der::tag::kSet, signers);
  der::Writer sequence;
  sequence.AddConstructed(der::tag::kSequence, signed_data);
  der::Writer content_info;
  content_info.AddOid(kIdSignedData);
  content_info.AddConstructed(der::tag::ContextConstructed(0), sequence);
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, content_info);
  return out.Take();
}

TEST(SignedDataTest, AcceptsMaxSigners) {
  auto parsed = ParseSignedData(SignedDataWith(limits::kMaxSigners, 0));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  EXPECT_EQ((*parsed)->signers().size(), limits::kMaxSigners);
}

TEST(SignedDataTest, RejectsOnePastMaxSigners) {
  auto parsed = ParseSignedData(SignedDataWith(limits::kMaxSigners + 1, 0));
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, ErrorCode::kCmsTooManySigners);
}

TEST(SignedDataTest, RejectsOnePastMaxCertificates) {
  auto ok = ParseSignedData(SignedDataWith(1, limits::kMaxCertificates));
  EXPECT_TRUE(ok.has_value());
  auto parsed =
      ParseSignedData(SignedDataWith(1, limits::kMaxCertificates + 1));
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, ErrorCode::kCmsTooManyCertificates);
}

TEST(SignedDataTest, AcceptsZeroSigners) {
  auto parsed = ParseSignedData(SignedDataWith(0, 0));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE((*parsed)->signers().empty());
}

// BER: the same SignedData with indefinite lengths on the outer layers and
// the content split into two OCTET STRING pieces parses to the same content.
TEST(SignedDataTest, AcceptsBerIndefiniteLengths) {
  der::Writer encap_content;
  encap_content.AddOid(kIdData);
  const Bytes econtent = {0xa0, 0x80, 0x24, 0x80, 0x04, 0x02, 'h',  'e', 0x04,
                          0x03, 'l',  'l',  'o',  0x00, 0x00, 0x00, 0x00};
  Bytes encap = encap_content.Take();
  encap.insert(encap.end(), econtent.begin(), econtent.end());
  Bytes ber = {0x30, 0x80};
  der::Writer oid;
  oid.AddOid(kIdSignedData);
  ber.insert(ber.end(), oid.bytes().begin(), oid.bytes().end());
  ber.insert(ber.end(), {0xa0, 0x80, 0x30, 0x80, 0x02, 0x01, 0x01, 0x31, 0x00,
                         0x30, 0x80});
  ber.insert(ber.end(), encap.begin(), encap.end());
  ber.insert(ber.end(),
             {0x00, 0x00, 0x31, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});
  auto parsed = ParseSignedData(ber);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  EXPECT_TRUE((*parsed)->was_ber());
  EXPECT_EQ((*parsed)->encapsulated_content()->AsStringView(), "hello");
}

TEST(FindAttributeTest, RejectsDuplicates) {
  const Bytes type = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04};
  std::vector<Attribute> attributes(2);
  attributes[0].type = der::Input(type);
  attributes[1].type = der::Input(type);
  auto found = FindAttribute(attributes, der::Oid("1.2.840.113549.1.9.4"));
  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, ErrorCode::kCmsDuplicateAttribute);
}

}  // namespace
}  // namespace tinysign::cms
